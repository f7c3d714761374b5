import { and, eq } from 'drizzle-orm'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { batch } from '../db/schema'
import { ConflictError, UseCaseError, isUniqueViolation } from '../errors'
import { createBatchSchema, scheduleInZone, type CreateBatchInput } from './input'
import { parseInput } from '../validation'
import { batchSnapshot, requireProgramme } from './records'
import { scheduleAssessmentDeadline } from '../assessments/lapseAssessments'
import { changesPublicContent } from '../publicContent'

export function duplicateBatchNumber(year: number, number: number) {
  const message = `Gelombang ${number}/${year} sudah ada untuk program ini.`
  return new ConflictError(message, { number: [message] })
}

/**
 * An administrator opens a new intake (gelombang) of a programme. Dates are typed as
 * wall-clock times in the institution's zone (WITA for Kendari) and stored as instants.
 */
export async function createBatch(ctx: UseCaseContext, input: CreateBatchInput) {
  const { programmeId, year, number, quota, reserveCount, ...dates } = parseInput(createBatchSchema, input)
  const owner = await requireProgramme(ctx.db, programmeId)
  const institutionId = owner.programme.institutionId
  authorize(ctx.actor, 'programme.manage', { institutionId })
  if (owner.programme.archivedAt) {
    throw new UseCaseError('Program ini diarsipkan. Tampilkan kembali program ini sebelum menambah gelombang.', 409)
  }
  const schedule = scheduleInZone(dates, owner.timeZone)
  try {
    return await changesPublicContent(ctx.db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: batch.id })
        .from(batch)
        .where(and(eq(batch.programmeId, programmeId), eq(batch.year, year), eq(batch.number, number)))
      if (taken) throw duplicateBatchNumber(year, number)
      const [row] = await tx
        .insert(batch)
        .values({ programmeId, institutionId, year, number, quota, reserveCount, ...schedule, createdAt: ctx.now })
        .returning()
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'batch.create',
        entityType: 'batch',
        entityId: row!.id,
        institutionId,
        after: batchSnapshot(row!),
      })
      // At the assessment deadline, registrations without all three results lapse.
      await scheduleAssessmentDeadline(tx, row!)
      return row!
    }))
  } catch (error) {
    if (isUniqueViolation(error, 'batch_number_key')) throw duplicateBatchNumber(year, number)
    throw error
  }
}
