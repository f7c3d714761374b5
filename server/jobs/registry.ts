import type { z } from 'zod'
import { lapseAssessmentsJob } from '../assessments/lapseAssessments'
import { submitAttemptJob } from '../assessments/submitAttemptJob'
import { sendMailJob } from '../mail/sendMail'
import { notifyResultsJob } from '../announcements/notifyCandidates'
import { scheduledAnnouncementJob } from '../announcements/scheduleResultsAnnouncement'
import { reRegistrationDeadlineJob } from '../reRegistration/openReRegistration'
import { purgeSessionsJob } from '../auth/purgeSessionsJob'
import type { JobDefinition } from './queue'

/** Every job the worker knows. Add new job definitions here. */
export const jobRegistry: ReadonlyMap<string, JobDefinition<z.ZodType>> = new Map(
  [sendMailJob, submitAttemptJob, lapseAssessmentsJob, notifyResultsJob, scheduledAnnouncementJob, reRegistrationDeadlineJob, purgeSessionsJob].map((d) => [d.name, d as unknown as JobDefinition<z.ZodType>]),
)
