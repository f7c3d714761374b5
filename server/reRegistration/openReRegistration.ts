import { and, eq, inArray, isNull } from 'drizzle-orm'
import { z } from 'zod'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import { batch, registration, reRegistration, reRegistrationDocumentCheck, RE_REGISTRATION_DOCUMENTS } from '../db/schema'
import { defineJob, enqueue } from '../jobs/queue'
import { SYSTEM } from '../auth/actor'
import { forfeitOverdue } from './forfeitAndPromote'

// Opening re-registration (SOP step 10) for one registration that holds a place: its row
// with its own deadline, a pending check for each document brought to the desk, and the
// job that forfeits the place when the deadline passes. Idempotent: the primary key on
// registration_id and the job's singleton key make a second call change nothing.

export type ReRegistrationOrigin = 'plenary' | 'promotion'

export const deadlineSingletonKey = (registrationId: string) => `re-registration-deadline:${registrationId}`

/** At the deadline: forfeit the place if the registration is not re-registered by then, and promote the next reserve. */
export const reRegistrationDeadlineJob = defineJob({
  name: 'reRegistration.deadline',
  payload: z.object({ registrationId: z.uuid() }),
  maxAttempts: 10,
  async handle({ db, now }, { registrationId }) {
    await forfeitOverdue({ db, actor: SYSTEM, now: now() }, registrationId)
  },
})

export async function openReRegistration(
  tx: Tx,
  ctx: UseCaseContext,
  registrationId: string,
  deadline: Date,
  origin: ReRegistrationOrigin,
): Promise<boolean> {
  const [reg] = await tx.select({ batchId: registration.batchId }).from(registration).where(eq(registration.id, registrationId))
  if (!reg) return false
  const inserted = await tx
    .insert(reRegistration)
    .values({ registrationId, batchId: reg.batchId, deadline, origin, createdAt: ctx.now })
    .onConflictDoNothing()
    .returning({ registrationId: reRegistration.registrationId })
  if (inserted.length === 0) return false
  await tx
    .insert(reRegistrationDocumentCheck)
    .values(RE_REGISTRATION_DOCUMENTS.map((document) => ({ registrationId, document, status: 'pending' as const })))
    .onConflictDoNothing()
  await enqueue(tx, reRegistrationDeadlineJob, { registrationId }, { runAt: deadline, singletonKey: deadlineSingletonKey(registrationId) })
  return true
}

/**
 * Opens re-registration for everyone of an announced batch who passed and has no row yet,
 * with the batch's deadline. Called by the announcement in its transaction, and again
 * (harmlessly) by the pages that read re-registration.
 */
export async function openBatchReRegistrations(tx: Tx, ctx: UseCaseContext, batchId: string): Promise<number> {
  const [b] = await tx.select({ deadline: batch.reRegistrationDeadline }).from(batch).where(eq(batch.id, batchId))
  if (!b) return 0
  const rows = await tx
    .select({ id: registration.id })
    .from(registration)
    .leftJoin(reRegistration, eq(reRegistration.registrationId, registration.id))
    .where(and(eq(registration.batchId, batchId), inArray(registration.state, ['passed']), isNull(reRegistration.registrationId)))
  let opened = 0
  for (const r of rows) if (await openReRegistration(tx, ctx, r.id, b.deadline, 'plenary')) opened++
  return opened
}
