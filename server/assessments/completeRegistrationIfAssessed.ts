import { eq } from 'drizzle-orm'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import { batch, institution, registration } from '../db/schema'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { ASSESSMENT_KINDS } from './kinds'
import { latestCompletedAttempts, resultValidity } from './records'

/**
 * SOP step 6: a registration is complete ("assessed") once the candidate has a valid
 * result of each of the three assessments by the batch's assessment deadline.
 * The results count from the moment the set became complete — the last submission, or
 * the registration itself when results from an earlier registration are reused — and
 * each must still be valid (within six months) at that moment, which must be no later
 * than the deadline. Reading it this way gives the same answer whenever it is checked
 * (at submission, by the time-up job after the deadline, or at registration).
 *
 * Runs inside the caller's transaction; returns true when it moved the registration.
 * The caller has authorised the change that triggers it (a submission or registering).
 */
export async function completeRegistrationIfAssessed(tx: Tx, ctx: UseCaseContext, registrationId: string): Promise<boolean> {
  const [row] = await tx
    .select({ registration, deadline: batch.assessmentDeadline, timeZone: institution.timeZone })
    .from(registration)
    .innerJoin(batch, eq(batch.id, registration.batchId))
    .innerJoin(institution, eq(institution.id, registration.institutionId))
    .where(eq(registration.id, registrationId))
  if (!row || row.registration.state !== 'registered') return false

  const latest = await latestCompletedAttempts(tx, row.registration.candidateId)
  const results = ASSESSMENT_KINDS.map((kind) => latest[kind])
  if (results.some((r) => !r?.submittedAt)) return false
  const submitted = results.map((r) => r!.submittedAt!.getTime())
  const completedAt = Math.max(row.registration.createdAt.getTime(), ...submitted)
  if (completedAt > row.deadline.getTime()) return false
  const allValid = results.every(
    (r) => resultValidity(r!.submittedAt!, new Date(completedAt), row.timeZone).valid,
  )
  if (!allValid) return false

  await transitionRegistration(tx, ctx, {
    registrationId,
    action: 'complete_assessments',
    data: { attempts: Object.fromEntries(results.map((r) => [r!.kind, r!.id])) },
  })
  return true
}
