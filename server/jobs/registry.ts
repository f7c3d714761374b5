import type { z } from 'zod'
import { lapseAssessmentsJob } from '../assessments/lapseAssessments'
import { submitAttemptJob } from '../assessments/submitAttemptJob'
import { sendMailJob } from '../mail/sendMail'
import type { JobDefinition } from './queue'

/** Every job the worker knows. Add new job definitions here. */
export const jobRegistry: ReadonlyMap<string, JobDefinition<z.ZodType>> = new Map(
  [sendMailJob, submitAttemptJob, lapseAssessmentsJob].map((d) => [d.name, d as unknown as JobDefinition<z.ZodType>]),
)
