import { z } from 'zod'
import { SYSTEM } from '../auth/actor'
import { defineJob } from '../jobs/queue'
import { submitAttempt } from './submitAttempt'

/**
 * Enqueued with the attempt, to run at its end: submits it from the saved answers with
 * reason 'time_up'. Idempotent — an attempt the candidate already submitted is left as
 * it is. Pages also close an attempt lazily when they find it past its end, so a late
 * worker changes nothing the candidate sees.
 */
export const submitAttemptJob = defineJob({
  name: 'assessment.submit-attempt',
  payload: z.object({ attemptId: z.uuid() }),
  maxAttempts: 10,
  async handle({ db, now }, { attemptId }) {
    const result = await submitAttempt({ db, actor: SYSTEM, now: now() }, { attemptId, reason: 'time_up' })
    // Run before the end (a clock running behind): fail so the queue tries again later.
    if (!result.attempt.submittedAt) throw new Error(`Attempt ${attemptId} has not ended yet`)
  },
})

export const submitAttemptSingletonKey = (attemptId: string) => `submit-attempt:${attemptId}`
