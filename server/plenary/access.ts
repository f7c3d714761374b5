import { and, asc, desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize, type Permission } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import type { DbOrTx } from '../db/client'
import { plenary, plenaryOverride, plenarySnapshot, staffAssignment, userAccount } from '../db/schema'
import { NotFoundError, ValidationError } from '../errors'
import { loadBatch, type BatchWithProgramme } from '../registrations/registrationChecks'
import type { OverrideView } from './proposal'
import { publicLink } from '../links'

// Reads shared by the plenary's use cases. Each use case authorises with the batch's
// institution (staff reach only their own institution's plenaries).

export type PlenaryRow = typeof plenary.$inferSelect
export type SnapshotRow = typeof plenarySnapshot.$inferSelect

export const batchIdSchema = z.uuid('Gelombang tidak dikenal.')

export function parseBatchId(value: unknown): string {
  const parsed = batchIdSchema.safeParse(value)
  if (!parsed.success) throw new NotFoundError('Gelombang tidak ditemukan.')
  return parsed.data
}

/** The batch (with programme and institution), after checking the actor holds `permission` there. */
export async function authorizedBatch(ctx: UseCaseContext, batchId: unknown, permission: Permission): Promise<BatchWithProgramme> {
  const id = parseBatchId(batchId)
  const b = await loadBatch(ctx.db, id)
  if (!b) throw new NotFoundError('Gelombang tidak ditemukan.')
  authorize(ctx.actor, permission, { institutionId: b.batch.institutionId })
  return b
}

export async function findPlenary(db: DbOrTx, batchId: string): Promise<PlenaryRow | null> {
  const [row] = await db.select().from(plenary).where(eq(plenary.batchId, batchId))
  return row ?? null
}

export async function loadOverrides(db: DbOrTx, plenaryId: string): Promise<Map<string, OverrideView>> {
  const rows = await db.select().from(plenaryOverride).where(eq(plenaryOverride.plenaryId, plenaryId))
  return new Map(
    rows.map((r) => [
      r.registrationId,
      { outcome: r.outcome, reason: r.reason, decidedBy: r.decidedBy, decidedByName: r.decidedByName, decidedAt: r.decidedAt },
    ]),
  )
}

export async function listSnapshots(db: DbOrTx, plenaryId: string): Promise<SnapshotRow[]> {
  return db.select().from(plenarySnapshot).where(eq(plenarySnapshot.plenaryId, plenaryId)).orderBy(asc(plenarySnapshot.version))
}

export async function latestSnapshot(db: DbOrTx, plenaryId: string): Promise<SnapshotRow | null> {
  const [row] = await db
    .select()
    .from(plenarySnapshot)
    .where(eq(plenarySnapshot.plenaryId, plenaryId))
    .orderBy(desc(plenarySnapshot.version))
    .limit(1)
  return row ?? null
}

/** The institution's selection committee, to choose the plenary's attendees from. */
export async function committeeMembers(db: DbOrTx, institutionId: string) {
  return db
    .select({ userId: userAccount.id, name: userAccount.displayName })
    .from(staffAssignment)
    .innerJoin(userAccount, eq(userAccount.id, staffAssignment.userId))
    .where(and(eq(staffAssignment.institutionId, institutionId), eq(staffAssignment.role, 'selection_committee')))
    .orderBy(asc(userAccount.displayName))
}

/** 'BA-PLENO/KDI/2026/DGR-2': the minutes number proposed when the plenary is opened. */
export function proposedMinutesNumber(b: BatchWithProgramme): string {
  return `BA-PLENO/${b.institution.code}/${b.batch.year}/${b.programme.code}-${b.batch.number}`
}

/** The public page that confirms a snapshot hash (the minutes' QR code points here). */
export function plenaryVerificationUrl(hash: string): string {
  return publicLink(`/verifikasi/pleno/${hash}`)
}

export function actorName(ctx: UseCaseContext): string {
  return ctx.actor.kind === 'system' ? 'Sistem' : ctx.actor.displayName
}

export function requireReason(value: string | undefined, field: string, message: string): string {
  // NUL cannot be stored in a PostgreSQL text column.
  const reason = (typeof value === 'string' ? value : '').replaceAll('\u0000', '').trim()
  if (reason.length < 5) throw new ValidationError({ [field]: [message] })
  if (reason.length > 1000) throw new ValidationError({ [field]: ['Alasan paling panjang 1.000 karakter.'] })
  return reason
}
