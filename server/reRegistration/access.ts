import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { RegistrationState } from '../../domain/registrationStates'
import { authorize, type Permission } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import type { DbOrTx } from '../db/client'
import {
  batch,
  candidateDocument,
  candidateProfile,
  institution,
  programme,
  registration,
  reRegistration,
  reRegistrationDocumentCheck,
  RE_REGISTRATION_DOCUMENTS,
  type ReRegistrationDocument,
} from '../db/schema'
import { NotFoundError } from '../errors'
import { batchLabel } from '../registrations/batchLabel'
import { openBatchReRegistrations } from './openReRegistration'

// Reads shared by re-registration's use cases (SOP step 10).

export { DOCUMENT_LABELS } from './documentLabels'

export function isReRegistrationDocument(value: unknown): value is ReRegistrationDocument {
  return typeof value === 'string' && (RE_REGISTRATION_DOCUMENTS as readonly string[]).includes(value)
}

export function parseRegistrationId(value: unknown): string {
  const parsed = z.uuid().safeParse(value)
  if (!parsed.success) throw new NotFoundError('Pendaftaran tidak ditemukan.')
  return parsed.data
}

export async function loadRegistrationContext(db: DbOrTx, registrationId: string) {
  const [row] = await db
    .select({
      id: registration.id,
      number: registration.number,
      state: registration.state,
      candidateId: registration.candidateId,
      institutionId: registration.institutionId,
      batchId: registration.batchId,
      batchNumber: batch.number,
      batchYear: batch.year,
      quota: batch.quota,
      batchDeadline: batch.reRegistrationDeadline,
      resultsAnnouncedAt: batch.resultsAnnouncedAt,
      programmeName: programme.name,
      programmeCode: programme.code,
      institutionName: institution.name,
      timeZone: institution.timeZone,
      fullName: candidateProfile.fullName,
    })
    .from(registration)
    .innerJoin(batch, eq(batch.id, registration.batchId))
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .innerJoin(institution, eq(institution.id, registration.institutionId))
    .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
    .where(eq(registration.id, registrationId))
  if (!row) return null
  return { ...row, state: row.state as RegistrationState, batchLabel: batchLabel({ number: row.batchNumber, year: row.batchYear }) }
}

export type RegistrationContext = NonNullable<Awaited<ReturnType<typeof loadRegistrationContext>>>

/** The registration, after checking the actor may act on it as its candidate (themself or their kiosk officer). */
export async function ownRegistration(ctx: UseCaseContext, registrationId: unknown, permission: Permission = 'reRegistration.confirm') {
  const id = parseRegistrationId(registrationId)
  const reg = await loadRegistrationContext(ctx.db, id)
  if (!reg) throw new NotFoundError('Pendaftaran tidak ditemukan.')
  authorize(ctx.actor, permission, { candidateId: reg.candidateId, institutionId: reg.institutionId })
  return reg
}

export interface DocumentCheckView {
  document: ReRegistrationDocument
  status: 'pending' | 'valid' | 'invalid'
  reason: string | null
  checkedAt: Date | null
  reuploadedAt: Date | null
  /** A file to look at: a re-upload, or the profile's document (KTP, diploma). */
  hasFile: boolean
}

export async function loadDocumentChecks(db: DbOrTx, registrationId: string, candidateId: string): Promise<DocumentCheckView[]> {
  const checks = await db.select().from(reRegistrationDocumentCheck).where(eq(reRegistrationDocumentCheck.registrationId, registrationId))
  const profileDocs = await db
    .select({ kind: candidateDocument.kind })
    .from(candidateDocument)
    .where(eq(candidateDocument.userId, candidateId))
  const uploaded = new Set<string>(profileDocs.map((d) => d.kind))
  return RE_REGISTRATION_DOCUMENTS.map((document) => {
    const c = checks.find((x) => x.document === document)
    return {
      document,
      status: c?.status ?? 'pending',
      reason: c?.reason ?? null,
      checkedAt: c?.checkedAt ?? null,
      reuploadedAt: c?.reuploadedAt ?? null,
      hasFile: !!c?.reuploadKey || uploaded.has(document),
    }
  })
}

export async function loadReRegistrationRow(db: DbOrTx, registrationId: string) {
  const [row] = await db.select().from(reRegistration).where(eq(reRegistration.registrationId, registrationId))
  return row ?? null
}

/**
 * Re-registration rows are opened by the announcement; a batch announced before that
 * was wired (or by a run that died between) gets them on first read. Idempotent.
 */
export async function ensureBatchReRegistrations(ctx: UseCaseContext, batchId: string, announced: boolean): Promise<void> {
  if (!announced) return
  const rows = await ctx.db
    .select({ id: registration.id, rr: reRegistration.registrationId })
    .from(registration)
    .leftJoin(reRegistration, eq(reRegistration.registrationId, registration.id))
    .where(and(eq(registration.batchId, batchId), eq(registration.state, 'passed')))
  if (rows.every((r) => r.rr !== null)) return
  await ctx.db.transaction((tx) => openBatchReRegistrations(tx, ctx, batchId))
}
