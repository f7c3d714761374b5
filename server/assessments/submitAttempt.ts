import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import { assessmentAttempt, attemptAnswer, registrationEvent } from '../db/schema'
import { NotFoundError } from '../errors'
import { findActiveRegistration } from '../registrations/registrationChecks'
import { authorizeTake } from './access'
import { completeRegistrationIfAssessed } from './completeRegistrationIfAssessed'
import { isExpired, loadAttempt, loadVersions, type Attempt } from './records'
import { scoreAttempt } from './scoreAttempt'
import { parseInput } from '../validation'

const Input = z.object({
  attemptId: z.uuid('Asesmen tidak dikenal.'),
  reason: z.enum(['candidate', 'time_up']),
})

export type SubmitResult = { attempt: Attempt; submitted: boolean; registrationAssessed: boolean }

/**
 * Submits an attempt and scores it from the answers saved so far. Idempotent: a second
 * submit (double click, the time-up job after the candidate submitted, two tabs) returns
 * the attempt as it is. Once the time is over the attempt is closed at its end time with
 * reason 'time_up', whoever asks; a 'time_up' request before the end changes nothing.
 * When this completes all three assessments of the candidate's registration, the
 * registration moves to "assessed" in the same transaction.
 */
export async function submitAttempt(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<SubmitResult> {
  const { attemptId, reason } = parseInput(Input, input, { field: 'attemptId' })
  const found = await loadAttempt(ctx.db, attemptId)
  if (!found) throw new NotFoundError('Asesmen tidak ditemukan.')
  authorizeTake(ctx.actor, found.candidateId)

  return ctx.db.transaction(async (tx) => {
    // The row lock orders this against saveAnswer (which holds a share lock while it
    // writes): an answer is either saved before scoring or refused after it.
    const [attempt] = await tx.select().from(assessmentAttempt).where(eq(assessmentAttempt.id, attemptId)).for('update')
    if (!attempt) throw new NotFoundError('Asesmen tidak ditemukan.')
    if (attempt.submittedAt) return { attempt, submitted: false, registrationAssessed: false }
    const expired = isExpired(attempt, ctx.now)
    if (reason === 'time_up' && !expired) return { attempt, submitted: false, registrationAssessed: false }

    const saved = await tx
      .select({ position: attemptAnswer.position, answer: attemptAnswer.answer })
      .from(attemptAnswer)
      .where(eq(attemptAnswer.attemptId, attempt.id))
    const answers = new Map(saved.map((a) => [a.position, a.answer]))
    const versions = await loadVersions(
      tx,
      attempt.items.map((i) => i.questionVersionId),
    )
    const score = scoreAttempt(attempt.kind, attempt.items, versions, answers)
    // A late close (the job or a lazy read after the end) is dated at the end itself, so
    // the six-month rule and the deadline see when the attempt really ended.
    const submittedAt = expired && attempt.endsAt ? attempt.endsAt : ctx.now
    const submitReason = expired ? 'time_up' : 'candidate'
    const [updated] = await tx
      .update(assessmentAttempt)
      .set({ submittedAt, submitReason, ...score })
      .where(eq(assessmentAttempt.id, attempt.id))
      .returning()
    const result = updated!
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'assessment.submit',
      entityType: 'assessment_attempt',
      entityId: attempt.id,
      institutionId: attempt.institutionId,
      onBehalfOfId: ctx.actor.kind === 'system' ? attempt.candidateId : undefined,
      before: { submittedAt: null },
      after: { submittedAt, submitReason, answered: answers.size, items: attempt.items.length, ...score },
    })
    const registrationAssessed = await afterSubmit(tx, ctx, result)
    return { attempt: result, submitted: true, registrationAssessed }
  })
}

/** Records the submission on the registration's timeline and completes it when all three are done. */
async function afterSubmit(tx: Tx, ctx: UseCaseContext, attempt: Attempt): Promise<boolean> {
  const active = await findActiveRegistration(tx, attempt.candidateId)
  if (!active) return false
  await tx.insert(registrationEvent).values({
    registrationId: active.registration.id,
    at: attempt.submittedAt ?? ctx.now,
    kind: 'assessment_submitted',
    fromState: null,
    toState: null,
    actorId: ctx.actor.kind === 'system' ? null : ctx.actor.userId,
    data: { assessmentKind: attempt.kind, attemptId: attempt.id, submitReason: attempt.submitReason },
  })
  return completeRegistrationIfAssessed(tx, ctx, active.registration.id)
}
