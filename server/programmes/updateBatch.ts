import { and, eq, ne } from 'drizzle-orm'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { batch } from '../db/schema'
import { ValidationError, isUniqueViolation } from '../errors'
import { duplicateBatchNumber } from './createBatch'
import { scheduleInZone, updateBatchSchema, type UpdateBatchInput } from './input'
import { parseInput } from '../validation'
import { batchSnapshot, changedKeys, countBatchRegistrations, requireBatch } from './records'
import { scheduleAssessmentDeadline } from '../assessments/lapseAssessments'
import { changesPublicContent } from '../publicContent'

/**
 * An administrator changes a batch's quota or dates. Allowed after registrations exist
 * (the audit row keeps the before/after), except its year and number, which are printed
 * in the registration numbers already issued.
 */
export async function updateBatch(ctx: UseCaseContext, input: UpdateBatchInput) {
  const { batchId, year, number, quota, reserveCount, ...dates } = parseInput(updateBatchSchema, input)
  const current = await requireBatch(ctx.db, batchId)
  const institutionId = current.batch.institutionId
  authorize(ctx.actor, 'programme.manage', { institutionId })
  const schedule = scheduleInZone(dates, current.timeZone)
  try {
    return await changesPublicContent(ctx.db.transaction(async (tx) => {
      const [before] = await tx.select().from(batch).where(eq(batch.id, batchId)).for('update')
      const registrations = await countBatchRegistrations(tx, batchId)
      if (year !== before!.year || number !== before!.number) {
        if (registrations > 0) {
          const message = 'Tahun dan nomor gelombang tidak dapat diubah karena sudah ada pendaftar; keduanya tercetak di nomor pendaftaran.'
          throw new ValidationError({
            ...(year !== before!.year ? { year: [message] } : {}),
            ...(number !== before!.number ? { number: [message] } : {}),
          })
        }
        const [taken] = await tx
          .select({ id: batch.id })
          .from(batch)
          .where(and(eq(batch.programmeId, before!.programmeId), eq(batch.year, year), eq(batch.number, number), ne(batch.id, batchId)))
        if (taken) throw duplicateBatchNumber(year, number)
      }
      const values = { year, number, quota, reserveCount, ...schedule }
      const beforeSnapshot = batchSnapshot(before!)
      if (changedKeys(beforeSnapshot, batchSnapshot({ ...before!, ...values })).length === 0) {
        return { batch: before!, changed: false }
      }
      const [row] = await tx.update(batch).set(values).where(eq(batch.id, batchId)).returning()
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'batch.update',
        entityType: 'batch',
        entityId: batchId,
        institutionId,
        before: beforeSnapshot,
        // How many had registered when the schedule or quota changed under them.
        after: { ...batchSnapshot(row!), registrationsAtChange: registrations },
      })
      // A moved deadline gets its own job; the job for the old one finds it stale.
      if (row!.assessmentDeadline.getTime() !== before!.assessmentDeadline.getTime()) {
        await scheduleAssessmentDeadline(tx, row!)
      }
      return { batch: row!, changed: true }
    }))
  } catch (error) {
    if (isUniqueViolation(error, 'batch_number_key')) throw duplicateBatchNumber(year, number)
    throw error
  }
}
