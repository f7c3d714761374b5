import type { DbOrTx } from '../db/client'
import { findBatch } from './records'

/**
 * What the public batch page shows, or null for an unknown (or malformed) id.
 * Counts of registrations are not public; only the quota is.
 */
export async function getBatchDetails(db: DbOrTx, batchId: string) {
  const row = await findBatch(db, batchId)
  if (!row) return null
  const { batch: b, programme: p } = row
  return {
    batchId: b.id,
    year: b.year,
    number: b.number,
    quota: b.quota,
    reserveCount: b.reserveCount,
    dates: {
      registrationOpensAt: b.registrationOpensAt,
      registrationClosesAt: b.registrationClosesAt,
      assessmentDeadline: b.assessmentDeadline,
      interviewStartsAt: b.interviewStartsAt,
      interviewEndsAt: b.interviewEndsAt,
      plenaryAt: b.plenaryAt,
      announcementAt: b.announcementAt,
      reRegistrationDeadline: b.reRegistrationDeadline,
      trainingStartsOn: b.trainingStartsOn,
      trainingEndsOn: b.trainingEndsOn,
    },
    programme: {
      id: p.id,
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
      archived: p.archivedAt !== null,
    },
    institution: { id: b.institutionId, name: row.institutionName, timeZone: row.timeZone },
  }
}
export type BatchDetails = NonNullable<Awaited<ReturnType<typeof getBatchDetails>>>
