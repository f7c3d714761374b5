import { and, eq, inArray, isNull, lte } from 'drizzle-orm'
import { z } from 'zod'
import { SYSTEM } from '../auth/actor'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import type { DbOrTx } from '../db/client'
import { assessmentAttempt, batch, registration } from '../db/schema'
import { NotFoundError } from '../errors'
import { defineJob, enqueue } from '../jobs/queue'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { completeRegistrationIfAssessed } from './completeRegistrationIfAssessed'
import { isExpired } from './records'
import { submitAttempt } from './submitAttempt'
import { parseInput } from '../validation'

const Input = z.object({ batchId: z.uuid('Gelombang tidak dikenal.') })

/**
 * At the batch's assessment deadline (SOP step 6): every registration still
 * "registered" either has all three results by then — and becomes "assessed" — or is
 * ended as "incomplete". Attempts running into the deadline are submitted first (they
 * end at the deadline at the latest), so nobody is lapsed for a late job. Idempotent;
 * does nothing before the deadline. Returns what it did.
 */
export async function lapseAssessments(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ assessed: number; lapsed: number }> {
  const valid = parseInput(Input, input, { field: 'batchId' })
  const [b] = await ctx.db.select().from(batch).where(eq(batch.id, valid.batchId))
  if (!b) throw new NotFoundError('Gelombang tidak ditemukan.')
  authorize(ctx.actor, 'registration.transition', { institutionId: b.institutionId })
  if (ctx.now.getTime() < b.assessmentDeadline.getTime()) return { assessed: 0, lapsed: 0 }

  const waiting = await ctx.db
    .select({ id: registration.id, candidateId: registration.candidateId })
    .from(registration)
    .where(and(eq(registration.batchId, b.id), eq(registration.state, 'registered')))
  if (waiting.length === 0) return { assessed: 0, lapsed: 0 }

  const open = await ctx.db
    .select()
    .from(assessmentAttempt)
    .where(
      and(
        inArray(
          assessmentAttempt.candidateId,
          waiting.map((w) => w.candidateId),
        ),
        isNull(assessmentAttempt.submittedAt),
        lte(assessmentAttempt.endsAt, ctx.now),
      ),
    )
  for (const attempt of open) {
    if (isExpired(attempt, ctx.now)) await submitAttempt({ ...ctx, actor: SYSTEM }, { attemptId: attempt.id, reason: 'time_up' })
  }

  let assessed = 0
  let lapsed = 0
  for (const w of waiting) {
    // One transaction per registration: one candidate's problem does not hold up the rest.
    await ctx.db.transaction(async (tx) => {
      const [current] = await tx.select({ state: registration.state }).from(registration).where(eq(registration.id, w.id))
      if (current?.state !== 'registered') return
      if (await completeRegistrationIfAssessed(tx, ctx, w.id)) {
        assessed++
        return
      }
      await transitionRegistration(tx, ctx, { registrationId: w.id, action: 'lapse_assessments' })
      lapsed++
    })
  }
  return { assessed, lapsed }
}

/** Runs lapseAssessments at a batch's deadline; a moved deadline makes an older job a no-op. */
export const lapseAssessmentsJob = defineJob({
  name: 'assessment.lapse-batch',
  payload: z.object({ batchId: z.uuid(), deadline: z.iso.datetime() }),
  async handle({ db, now }, { batchId, deadline }) {
    const [b] = await db.select({ deadline: batch.assessmentDeadline }).from(batch).where(eq(batch.id, batchId))
    if (!b || b.deadline.toISOString() !== new Date(deadline).toISOString()) return
    await lapseAssessments({ db, actor: SYSTEM, now: now() }, { batchId })
  },
})

/**
 * Schedules the lapse at the batch's assessment deadline. Call it in the transaction
 * that creates a batch or changes its deadline; the same deadline is scheduled once.
 */
export async function scheduleAssessmentDeadline(
  tx: DbOrTx,
  b: { id: string; assessmentDeadline: Date },
): Promise<void> {
  const deadline = b.assessmentDeadline.toISOString()
  await enqueue(
    tx,
    lapseAssessmentsJob,
    { batchId: b.id, deadline },
    { runAt: b.assessmentDeadline, singletonKey: `lapse-assessments:${b.id}:${deadline}` },
  )
}
