import { and, eq, max } from 'drizzle-orm'
import { z } from 'zod'
import { BATCH_DATE_FIELDS, type BatchDateField } from '../../domain/batchDates'
import { calendarDateInZone } from '../../domain/zonedTime'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { batch } from '../db/schema'
import { INSTANT_FIELDS, isUuid, toDateTimeLocal } from './input'
import { parseInput } from '../validation'
import { countBatchRegistrations, requireBatch, requireProgramme } from './records'

const batchSchema = z.object({ batchId: z.string().refine(isUuid, 'Gelombang tidak ditemukan.') })

/**
 * A batch as its edit form shows it: every date as the wall-clock value typed in the
 * institution's zone, and how many have registered (edits after that are audited).
 */
export async function getBatchForAdmin(ctx: UseCaseContext, input: z.input<typeof batchSchema>) {
  const { batchId } = parseInput(batchSchema, input)
  const row = await requireBatch(ctx.db, batchId)
  authorize(ctx.actor, 'programme.manage', { institutionId: row.batch.institutionId })
  const b = row.batch
  const dates = Object.fromEntries(
    BATCH_DATE_FIELDS.map((f) => [
      f,
      (INSTANT_FIELDS as readonly string[]).includes(f) ? toDateTimeLocal(b[f] as Date, row.timeZone) : String(b[f]),
    ]),
  ) as Record<BatchDateField, string>
  return {
    batch: b,
    programme: row.programme,
    timeZone: row.timeZone,
    formValues: { year: String(b.year), number: String(b.number), quota: String(b.quota), reserveCount: String(b.reserveCount), ...dates },
    registrations: await countBatchRegistrations(ctx.db, batchId),
  }
}

const programmeSchema = z.object({ programmeId: z.string().refine(isUuid, 'Program pelatihan tidak ditemukan.') })

/** The programme a new batch is added to, with a suggested year and next batch number. */
export async function getNewBatchDefaults(ctx: UseCaseContext, input: z.input<typeof programmeSchema>) {
  const { programmeId } = parseInput(programmeSchema, input)
  const row = await requireProgramme(ctx.db, programmeId)
  authorize(ctx.actor, 'programme.manage', { institutionId: row.programme.institutionId })
  const year = Number(calendarDateInZone(ctx.now, row.timeZone).slice(0, 4))
  const [last] = await ctx.db
    .select({ n: max(batch.number) })
    .from(batch)
    .where(and(eq(batch.programmeId, programmeId), eq(batch.year, year)))
  return {
    programme: row.programme,
    timeZone: row.timeZone,
    formValues: { year: String(year), number: String((last?.n ?? 0) + 1), quota: '16', reserveCount: '2' },
  }
}
