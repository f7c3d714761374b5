import { and, asc, eq, inArray } from 'drizzle-orm'
import type { RegistrationState } from '../../domain/registrationStates'
import { loadResultsList } from '../announcements/resultsList'
import type { UseCaseContext } from '../context'
import type { DbOrTx } from '../db/client'
import { candidateProfile, handover, registration, reRegistration, reRegistrationDocumentCheck } from '../db/schema'
import { authorizedBatch } from '../plenary/access'
import { batchLabel } from '../registrations/batchLabel'
import { ensureBatchReRegistrations } from './access'

export interface BatchReRegistrationRow {
  registrationId: string
  number: string
  fullName: string
  state: RegistrationState
  origin: 'plenary' | 'promotion'
  deadline: Date
  confirmedAt: Date | null
  declinedAt: Date | null
  completedAt: Date | null
  validDocuments: number
  invalidDocuments: number
}

export interface BatchReRegistration {
  batch: { id: string; label: string; programmeName: string; quota: number; deadline: Date; announcedAt: Date | null }
  timeZone: string
  rows: BatchReRegistrationRow[]
  reserves: Array<{ registrationId: string; number: string; fullName: string; place: number }>
  counts: { held: number; pending: number; confirmed: number; reRegistered: number; declined: number; forfeited: number; promoted: number; handedOver: number }
  /** The deadline has passed and nobody is still pending: the nominative list and the handover may be made. */
  closed: boolean
  handover: { id: string; number: string; acknowledgedAt: Date | null } | null
}

/** Everyone with a re-registration in the batch, plus the reserves still waiting, for the committee. */
export async function loadBatchReRegistrationRows(db: DbOrTx, batchId: string): Promise<BatchReRegistrationRow[]> {
  const rows = await db
    .select({
      registrationId: registration.id,
      number: registration.number,
      fullName: candidateProfile.fullName,
      state: registration.state,
      origin: reRegistration.origin,
      deadline: reRegistration.deadline,
      confirmedAt: reRegistration.confirmedAt,
      declinedAt: reRegistration.declinedAt,
      completedAt: reRegistration.completedAt,
    })
    .from(reRegistration)
    .innerJoin(registration, eq(registration.id, reRegistration.registrationId))
    .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
    .where(eq(reRegistration.batchId, batchId))
    .orderBy(asc(registration.number))
  const checks = rows.length
    ? await db
        .select()
        .from(reRegistrationDocumentCheck)
        .where(inArray(reRegistrationDocumentCheck.registrationId, rows.map((r) => r.registrationId)))
    : []
  return rows.map((r) => ({
    ...r,
    fullName: r.fullName ?? '',
    state: r.state as RegistrationState,
    validDocuments: checks.filter((c) => c.registrationId === r.registrationId && c.status === 'valid').length,
    invalidDocuments: checks.filter((c) => c.registrationId === r.registrationId && c.status === 'invalid').length,
  }))
}

export function isReRegistrationClosed(batchDeadline: Date, rows: ReadonlyArray<{ state: RegistrationState }>, now: Date): boolean {
  return now.getTime() >= batchDeadline.getTime() && rows.length > 0 && !rows.some((r) => r.state === 'passed')
}

export async function getBatchReRegistration(ctx: UseCaseContext, input: { batchId: unknown }): Promise<BatchReRegistration> {
  const b = await authorizedBatch(ctx, input.batchId, 'reRegistration.manage')
  await ensureBatchReRegistrations(ctx, b.batch.id, b.batch.resultsAnnouncedAt !== null)
  const rows = await loadBatchReRegistrationRows(ctx.db, b.batch.id)
  const list = b.batch.resultsAnnouncedAt ? await loadResultsList(ctx.db, b.batch.id) : null
  const reserveIds = list?.reserves.map((r) => r.registrationId) ?? []
  const reserveStates = reserveIds.length
    ? await ctx.db
        .select({ id: registration.id, state: registration.state })
        .from(registration)
        .where(and(inArray(registration.id, reserveIds), eq(registration.state, 'reserve')))
    : []
  const waiting = new Set(reserveStates.map((r) => r.id))
  const reserves = (list?.reserves ?? [])
    .filter((r) => waiting.has(r.registrationId))
    .map((r) => ({ registrationId: r.registrationId, number: r.number, fullName: r.fullName, place: r.reservePlace ?? 0 }))
  const [h] = await ctx.db
    .select({ id: handover.id, number: handover.number, acknowledgedAt: handover.acknowledgedAt })
    .from(handover)
    .where(eq(handover.batchId, b.batch.id))
  const count = (f: (r: BatchReRegistrationRow) => boolean) => rows.filter(f).length
  return {
    batch: {
      id: b.batch.id,
      label: batchLabel(b.batch),
      programmeName: b.programme.name,
      quota: b.batch.quota,
      deadline: b.batch.reRegistrationDeadline,
      announcedAt: b.batch.resultsAnnouncedAt,
    },
    timeZone: b.institution.timeZone,
    rows,
    reserves,
    counts: {
      held: count((r) => r.state === 'passed' || r.state === 're_registered' || r.state === 'handed_over'),
      pending: count((r) => r.state === 'passed'),
      confirmed: count((r) => r.state === 'passed' && r.confirmedAt !== null),
      reRegistered: count((r) => r.state === 're_registered' || r.state === 'handed_over'),
      declined: count((r) => r.declinedAt !== null),
      forfeited: count((r) => r.state === 'forfeited' && r.declinedAt === null),
      promoted: count((r) => r.origin === 'promotion'),
      handedOver: count((r) => r.state === 'handed_over'),
    },
    closed: isReRegistrationClosed(b.batch.reRegistrationDeadline, rows, ctx.now),
    handover: h ?? null,
  }
}
