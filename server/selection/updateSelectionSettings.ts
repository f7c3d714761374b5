import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { formatZonedDateTime, fromZonedDateTime } from '../../domain/zonedTime'
import { isValidCalendarDate } from '../../domain/calendar'
import { actorId } from '../auth/actor'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { batch, batchSelection } from '../db/schema'
import { ValidationError } from '../errors'
import { parseInput } from '../validation'
import { loadSelectionBatch, plenaryFinalised } from './selectionBatch'
import { getSelectionSettings, type SelectionSettings } from './selectionSettings'

// A batch's selection settings (docs/decisions/009), as the committee's form sends them:
// strings, read here. Field names are the form's, so each message shows at its field;
// the weights' sum is reported under 'weights' (their fieldset).

/** A form value as a trimmed string; absent stays undefined (other types pass through). */
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v)

const wholePercent = (label: string) =>
  z.preprocess(
    (v) => {
      const s = trimmed(v)
      return s === '' || s === undefined ? undefined : typeof s === 'string' ? Number(s.replace(',', '.')) : s
    },
    z
      .number({ error: `${label} wajib diisi dengan bilangan bulat 0 sampai 100.` })
      .int(`${label} harus bilangan bulat (tanpa desimal).`)
      .min(0, `${label} paling kecil 0.`)
      .max(100, `${label} paling besar 100.`),
  )

const inviteLimit = z.preprocess(
  (v) => {
    const s = trimmed(v)
    return s === '' || s === undefined || s === null ? null : typeof s === 'string' ? Number(s) : s
  },
  z
    .number({ error: 'Jumlah yang diundang harus berupa angka, atau kosongkan untuk mengundang semua yang lulus.' })
    .int('Jumlah yang diundang harus bilangan bulat.')
    .min(1, 'Jumlah yang diundang paling sedikit 1; kosongkan untuk mengundang semua yang lulus.')
    .max(10_000, 'Jumlah yang diundang paling banyak 10.000.')
    .nullable(),
)

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/
const CUTOFF_MESSAGE = 'Isi batas pindah jadwal dengan tanggal dan jam yang valid (WITA), atau kosongkan.'

const cutoff = z.preprocess(
  (v) => {
    const s = trimmed(v)
    return s === '' || s === undefined || s === null ? null : s
  },
  z
    .string({ error: CUTOFF_MESSAGE })
    .refine((s) => {
      const m = DATE_TIME.exec(s)
      if (!m) return false
      const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number]
      return isValidCalendarDate(y, mo, d) && h <= 23 && mi <= 59
    }, CUTOFF_MESSAGE)
    .nullable(),
)

export const selectionSettingsSchema = z
  .object({
    weightWrittenTest: wholePercent('Bobot tes tulis'),
    weightInterview: wholePercent('Bobot wawancara'),
    weightSelfAssessment: wholePercent('Bobot penilaian diri'),
    interviewInviteLimit: inviteLimit,
    slotChangeCutoff: cutoff,
    interviewBring: z
      .string({ error: 'Tuliskan apa yang perlu dibawa ke wawancara.' })
      .trim()
      .min(1, 'Tuliskan apa yang perlu dibawa ke wawancara.')
      .max(1000, 'Daftar yang perlu dibawa paling panjang 1000 karakter.')
      .refine((s) => !s.includes('\u0000'), 'Isian berisi karakter yang tidak diizinkan.'),
  })
  .superRefine((v, ctx) => {
    const weights = [v.weightWrittenTest, v.weightInterview, v.weightSelfAssessment]
    if (weights.some((w) => typeof w !== 'number')) return
    const sum = weights.reduce((a, b) => a + b, 0)
    if (sum !== 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: `Jumlah ketiga bobot harus 100 %; sekarang ${sum} %.`,
      })
    }
  })

const Input = z.object({ batchId: z.string({ error: 'Gelombang tidak ditemukan.' }) })

export type UpdateSelectionSettingsInput = { batchId: string } & Partial<
  Record<'weightWrittenTest' | 'weightInterview' | 'weightSelfAssessment' | 'interviewInviteLimit' | 'slotChangeCutoff' | 'interviewBring', unknown>
>

/** The cut-off typed in the institution's zone, as an instant. */
function cutoffInstant(value: string, timeZone: string): Date {
  const [y, mo, d, h, mi] = DATE_TIME.exec(value)!.slice(1).map(Number) as [number, number, number, number, number]
  return fromZonedDateTime({ year: y, month: mo, day: d, hour: h, minute: mi, second: 0, millisecond: 0 }, timeZone)
}

/**
 * The committee sets a batch's selection parameters: the ranking weights (whole
 * percents summing to 100, fixed once the plenary is finalised), how many to invite to
 * the interview, until when an invited candidate may switch slot (before the plenary),
 * and what the interview call asks to bring. Upserted and audited in one transaction.
 */
export async function updateSelectionSettings(
  ctx: UseCaseContext,
  input: UpdateSelectionSettingsInput,
): Promise<SelectionSettings> {
  const { batchId } = parseInput(Input, input, { field: 'batchId' })
  const found = await loadSelectionBatch(ctx.db, batchId)
  authorize(ctx.actor, 'selection.configure', { institutionId: found.batch.institutionId })
  const value = parseInput(selectionSettingsSchema, input)
  const timeZone = found.institution.timeZone
  const id = found.batch.id

  const slotChangeCutoff = value.slotChangeCutoff === null ? null : cutoffInstant(value.slotChangeCutoff, timeZone)
  if (slotChangeCutoff && slotChangeCutoff.getTime() >= found.batch.plenaryAt.getTime()) {
    throw new ValidationError({
      slotChangeCutoff: [
        `Batas pindah jadwal harus sebelum rapat pleno (${formatZonedDateTime(found.batch.plenaryAt, timeZone)}).`,
      ],
    })
  }

  return ctx.db.transaction(async (tx) => {
    // The batch lock orders this change with the plenary's finalisation of the weights.
    await tx.select({ id: batch.id }).from(batch).where(eq(batch.id, id)).for('update')
    const before = await getSelectionSettings(tx, id)
    const weights = {
      writtenTest: value.weightWrittenTest,
      interview: value.weightInterview,
      selfAssessment: value.weightSelfAssessment,
    }
    const weightsChanged =
      weights.writtenTest !== before.weights.writtenTest ||
      weights.interview !== before.weights.interview ||
      weights.selfAssessment !== before.weights.selfAssessment
    if (weightsChanged && (await plenaryFinalised(tx, id))) {
      throw new ValidationError({
        weights: ['Bobot tidak dapat diubah lagi: pleno gelombang ini sudah difinalkan. Perubahan hasil hanya melalui perubahan pleno.'],
      })
    }
    const row = {
      weightWrittenTest: weights.writtenTest,
      weightInterview: weights.interview,
      weightSelfAssessment: weights.selfAssessment,
      interviewInviteLimit: value.interviewInviteLimit,
      slotChangeCutoff,
      interviewBring: value.interviewBring,
      updatedAt: ctx.now,
      updatedBy: actorId(ctx.actor),
    }
    await tx
      .insert(batchSelection)
      .values({ batchId: id, ...row })
      .onConflictDoUpdate({ target: batchSelection.batchId, set: row })
    const after = await getSelectionSettings(tx, id)
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'selection.configure',
      entityType: 'batch',
      entityId: id,
      institutionId: found.batch.institutionId,
      before: { ...before, passMark: undefined },
      after: { ...after, passMark: undefined },
    })
    return after
  })
}
