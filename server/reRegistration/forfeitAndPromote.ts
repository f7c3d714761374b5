import { and, eq, inArray, sql } from 'drizzle-orm'
import type { PlenaryOutcome } from '../../domain/ranking'
import type { RegistrationState } from '../../domain/registrationStates'
import { enqueueAnnouncementMail } from '../announcements/announcementMail'
import { resultsFromPayload } from '../announcements/resultsList'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import { batch, candidateProfile, plenary, registration, reRegistration, userAccount } from '../db/schema'
import { ConflictError, NotFoundError } from '../errors'
import { latestSnapshot } from '../plenary/access'
import { recordPlenaryAmendment } from '../plenary/recordAmendment'
import { parsePayload } from '../plenary/snapshotPayload'
import { batchLabel } from '../registrations/batchLabel'
import { loadBatch } from '../registrations/registrationChecks'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { getSelectionSettings } from '../selection/selectionSettings'
import { openReRegistration } from './openReRegistration'
import { reservePromotedMail } from './reRegistrationMails'
import { changesPublicContent } from '../publicContent'

// A place given up (declined, or forfeited at the deadline) and the reserve promoted into
// it, in ONE transaction (docs/decisions/016). The batch row, locked `for update`, is the
// one serialisation point per batch: every forfeit, decline and promotion of a batch
// takes it first, then the plenary row, then the registration rows — the order
// amendPlenary also follows (plenary before registrations), so no two of them wait on
// each other in a circle. Under that lock the places held (passed, re-registered,
// handed over) are counted against the quota, so whatever the order or concurrency no
// batch holds more people than its quota and no reserve is promoted twice.

/** States in which a registration holds one of the batch's places. */
export const PLACE_HOLDING_STATES: readonly RegistrationState[] = ['passed', 're_registered', 'handed_over']

const DAY_MS = 24 * 60 * 60 * 1000

export type ReleaseAction = 'forfeit' | 'decline_place'

export interface ReleaseResult {
  fromState: RegistrationState
  promoted: { registrationId: string; number: string; deadline: Date } | null
  snapshotVersion: number | null
}

/** Lock the batch row, then the plenary row (the lock order of every change to places). */
export async function lockBatchForPlaces(tx: Tx, batchId: string) {
  const [b] = await tx.select().from(batch).where(eq(batch.id, batchId)).for('update')
  if (!b) throw new NotFoundError('Gelombang tidak ditemukan.')
  await tx.select({ id: plenary.id }).from(plenary).where(eq(plenary.batchId, batchId)).for('update')
  return b
}

export async function placesHeld(tx: Tx, batchId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(registration)
    .where(and(eq(registration.batchId, batchId), inArray(registration.state, [...PLACE_HOLDING_STATES])))
  return row?.n ?? 0
}

/**
 * Give up the place (or the reserve place) of `registrationId`, and promote the next
 * reserve into a freed place. The caller has authorised, and has locked nothing yet of
 * this batch (this function takes the locks in their order).
 */
export async function releasePlace(
  tx: Tx,
  ctx: UseCaseContext,
  input: { registrationId: string; action: ReleaseAction; reason: string; data?: Record<string, unknown> },
): Promise<ReleaseResult> {
  const [reg] = await tx
    .select({ batchId: registration.batchId, number: registration.number })
    .from(registration)
    .where(eq(registration.id, input.registrationId))
  if (!reg) throw new NotFoundError('Pendaftaran tidak ditemukan.')
  const b = await lockBatchForPlaces(tx, reg.batchId)
  await tx.select({ id: reRegistration.registrationId }).from(reRegistration).where(eq(reRegistration.registrationId, input.registrationId)).for('update')

  const moved = await transitionRegistration(tx, ctx, {
    registrationId: input.registrationId,
    action: input.action,
    data: { reason: input.reason, ...(input.data ?? {}) },
  })
  if (input.action === 'decline_place') {
    await tx
      .update(reRegistration)
      .set({ declinedAt: ctx.now, declineReason: input.reason })
      .where(eq(reRegistration.registrationId, input.registrationId))
  }

  const changes = new Map<string, PlenaryOutcome>([[input.registrationId, 'not_passed']])
  let promoted: ReleaseResult['promoted'] = null
  if (moved.fromState === 'passed' && (await placesHeld(tx, b.id)) < b.quota) {
    promoted = await promoteNextReserve(tx, ctx, b.id, { replacing: input.registrationId, replacingNumber: reg.number })
    if (promoted) changes.set(promoted.registrationId, 'passed')
  }
  const why =
    input.action === 'decline_place'
      ? `${reg.number} menolak tempatnya`
      : `${reg.number} gugur karena tidak daftar ulang sampai batas waktu`
  const snapshot = await recordPlenaryAmendment(tx, ctx, {
    batchId: b.id,
    institutionId: b.institutionId,
    changes,
    reason: promoted ? `${why}; tempatnya diberikan kepada calon cadangan ${promoted.number}.` : `${why}.`,
  })
  return { fromState: moved.fromState, promoted, snapshotVersion: snapshot?.version ?? null }
}

/**
 * The best-ranked reserve still waiting (in the reserve order of the latest snapshot,
 * skipping those who withdrew or declined), promoted with their own deadline and told by
 * mail and in Aktivitas. Runs under the batch lock (see above); null when none is left.
 */
async function promoteNextReserve(
  tx: Tx,
  ctx: UseCaseContext,
  batchId: string,
  input: { replacing: string; replacingNumber: string },
): Promise<ReleaseResult['promoted']> {
  const [p] = await tx.select({ id: plenary.id }).from(plenary).where(eq(plenary.batchId, batchId))
  if (!p) return null
  const snapshot = await latestSnapshot(tx, p.id)
  if (!snapshot) return null
  const { reserves } = resultsFromPayload(parsePayload(snapshot.payload))
  if (reserves.length === 0) return null
  const states = await tx
    .select({ id: registration.id, state: registration.state })
    .from(registration)
    .where(inArray(registration.id, reserves.map((r) => r.registrationId)))
  const waiting = new Set(states.filter((s) => s.state === 'reserve').map((s) => s.id))
  const next = reserves.find((r) => waiting.has(r.registrationId))
  if (!next) return null

  const found = await loadBatch(tx, batchId)
  if (!found) throw new ConflictError('Gelombang tidak ditemukan.')
  const settings = await getSelectionSettings(tx, batchId)
  const deadline = new Date(ctx.now.getTime() + settings.reserveReRegistrationDays * DAY_MS)
  await transitionRegistration(tx, ctx, {
    registrationId: next.registrationId,
    action: 'promote_reserve',
    data: {
      reservePlace: next.reservePlace,
      replacing: input.replacing,
      replacingNumber: input.replacingNumber,
      reRegistrationDeadline: deadline.toISOString(),
    },
  })
  await openReRegistration(tx, ctx, next.registrationId, deadline, 'promotion')

  const [who] = await tx
    .select({
      email: userAccount.email,
      name: sql<string>`coalesce(${candidateProfile.fullName}, ${userAccount.displayName})`,
      number: registration.number,
    })
    .from(registration)
    .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
    .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
    .where(eq(registration.id, next.registrationId))
  if (who && who.email.includes('@')) {
    await enqueueAnnouncementMail(
      tx,
      reservePromotedMail({
        to: who.email.trim(),
        name: who.name,
        registrationId: next.registrationId,
        registrationNumber: who.number,
        programmeName: found.programme.name,
        batchLabel: batchLabel(found.batch),
        institutionName: found.institution.name,
        deadline,
        timeZone: found.institution.timeZone,
      }),
      ctx.now,
      { institutionId: found.batch.institutionId, registrationId: next.registrationId, batchId },
    )
  }
  return { registrationId: next.registrationId, number: next.number, deadline }
}

/**
 * The deadline job's work: if the registration still holds a place it has not completed
 * by its deadline, forfeit it and promote the next reserve. Anything else (already
 * re-registered, declined, withdrawn, a deadline not reached) changes nothing, so a
 * rerun, a late run or a run racing a decline is harmless.
 */
export async function forfeitOverdue(ctx: UseCaseContext, registrationId: string): Promise<ReleaseResult | null> {
  return changesPublicContent(ctx.db.transaction(async (tx) => {
    const [reg] = await tx.select({ batchId: registration.batchId }).from(registration).where(eq(registration.id, registrationId))
    if (!reg) return null
    await lockBatchForPlaces(tx, reg.batchId)
    const [rr] = await tx.select().from(reRegistration).where(eq(reRegistration.registrationId, registrationId)).for('update')
    const [current] = await tx.select({ state: registration.state }).from(registration).where(eq(registration.id, registrationId))
    if (!rr || !current || current.state !== 'passed' || rr.completedAt || rr.deadline.getTime() > ctx.now.getTime()) return null
    return releasePlace(tx, ctx, {
      registrationId,
      action: 'forfeit',
      reason: 'Tidak daftar ulang sampai batas waktu.',
      data: { deadline: rr.deadline.toISOString(), confirmedOnline: rr.confirmedAt !== null },
    })
  }))
}
