import { count, eq } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { batch, institution, programme, registration } from '../db/schema'
import { NotFoundError } from '../errors'
import { isUuid } from './input'

// Row look-ups shared by the programme and batch use cases. No permission checks here:
// callers authorise with the institution the row belongs to.

export type ProgrammeRow = typeof programme.$inferSelect
export type BatchRow = typeof batch.$inferSelect

export async function findProgramme(db: DbOrTx, programmeId: string) {
  if (!isUuid(programmeId)) return null
  const [row] = await db
    .select({ programme, timeZone: institution.timeZone, institutionName: institution.name })
    .from(programme)
    .innerJoin(institution, eq(institution.id, programme.institutionId))
    .where(eq(programme.id, programmeId))
  return row ?? null
}

export async function requireProgramme(db: DbOrTx, programmeId: string) {
  const row = await findProgramme(db, programmeId)
  if (!row) throw new NotFoundError('Program pelatihan tidak ditemukan.')
  return row
}

export async function findBatch(db: DbOrTx, batchId: string) {
  if (!isUuid(batchId)) return null
  const [row] = await db
    .select({ batch, programme, timeZone: institution.timeZone, institutionName: institution.name })
    .from(batch)
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .innerJoin(institution, eq(institution.id, batch.institutionId))
    .where(eq(batch.id, batchId))
  return row ?? null
}

export async function requireBatch(db: DbOrTx, batchId: string) {
  const row = await findBatch(db, batchId)
  if (!row) throw new NotFoundError('Gelombang tidak ditemukan.')
  return row
}

/** Registrations of any state in a batch: once there are any, its number is in use. */
export async function countBatchRegistrations(db: DbOrTx, batchId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(registration).where(eq(registration.batchId, batchId))
  return Number(row?.n ?? 0)
}

export async function countProgrammeRegistrations(db: DbOrTx, programmeId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(registration)
    .innerJoin(batch, eq(batch.id, registration.batchId))
    .where(eq(batch.programmeId, programmeId))
  return Number(row?.n ?? 0)
}

/** A row as an audit snapshot: dates as ISO strings, bookkeeping columns left out. */
export function programmeSnapshot(p: ProgrammeRow) {
  return {
    code: p.code,
    name: p.name,
    vocationalField: p.vocationalField,
    description: p.description,
    durationHours: p.durationHours,
    location: p.location,
    mode: p.mode,
    minEducation: p.minEducation,
    minAge: p.minAge,
    maxAge: p.maxAge,
    requiredDocuments: p.requiredDocuments,
    archivedAt: p.archivedAt?.toISOString() ?? null,
  }
}

export function batchSnapshot(b: BatchRow) {
  return {
    programmeId: b.programmeId,
    year: b.year,
    number: b.number,
    quota: b.quota,
    reserveCount: b.reserveCount,
    registrationOpensAt: b.registrationOpensAt.toISOString(),
    registrationClosesAt: b.registrationClosesAt.toISOString(),
    assessmentDeadline: b.assessmentDeadline.toISOString(),
    interviewStartsAt: b.interviewStartsAt.toISOString(),
    interviewEndsAt: b.interviewEndsAt.toISOString(),
    plenaryAt: b.plenaryAt.toISOString(),
    announcementAt: b.announcementAt.toISOString(),
    reRegistrationDeadline: b.reRegistrationDeadline.toISOString(),
    trainingStartsOn: b.trainingStartsOn,
    trainingEndsOn: b.trainingEndsOn,
  }
}

/** The keys whose values differ between two snapshots. */
export function changedKeys<T extends Record<string, unknown>>(before: T, after: T): Array<keyof T> {
  return (Object.keys(after) as Array<keyof T>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
}
