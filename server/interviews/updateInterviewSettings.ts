import { z } from 'zod'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { actorId } from '../auth/actor'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { batchSelection } from '../db/schema'
import { ValidationError } from '../errors'
import { getSelectionSettings } from '../selection/selectionSettings'
import { parseInput } from '../validation'
import { idSchema, instantInZone, parseWallDate, parseWallTime, plainText } from './input'
import { requireBatch } from './records'

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}[:.]\d{2})$/

export const interviewSettingsFormSchema = z.object({
  interviewInviteLimit: z.preprocess(
    (v) => (blank(v) ? null : v),
    z.coerce
      .number({ error: 'Batas undangan diisi angka, atau dikosongkan.' })
      .int('Batas undangan harus bilangan bulat.')
      .min(1, 'Batas undangan paling sedikit 1 orang (kosongkan untuk mengundang semua yang lulus).')
      .max(5000, 'Batas undangan paling banyak 5000 orang.')
      .nullable(),
  ),
  slotChangeCutoff: z.preprocess(
    (v) => (blank(v) ? null : typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'Batas pindah jadwal diisi tanggal dan jam, atau dikosongkan.' })
      .refine((v) => {
        const m = DATE_TIME.exec(v)
        return !!m && parseWallDate(m[1]!) !== null && parseWallTime(m[2]!) !== null
      }, 'Batas pindah jadwal diisi tanggal dan jam yang valid, mis. 2027-02-10 16:00, atau dikosongkan.')
      .nullable(),
  ),
  interviewBring: plainText('Yang dibawa', 500).pipe(z.string().min(3, 'Tulis apa yang dibawa calon ke wawancara.')),
})

const Input = z.intersection(z.object({ batchId: idSchema('Gelombang tidak ditemukan.') }), interviewSettingsFormSchema)

/**
 * The committee sets how a batch invites: only the best N by written score (blank:
 * everyone who passed), until when candidates may switch slot (blank: until their slot
 * starts), and what the call asks them to bring. Only these columns of the batch's
 * selection row change; the ranking weights stay as they are.
 */
export async function updateInterviewSettings(ctx: UseCaseContext, input: z.input<typeof Input>) {
  const v = parseInput(Input, input)
  const b = await requireBatch(ctx.db, v.batchId)
  const institutionId = b.batch.institutionId
  authorize(ctx.actor, 'selection.configure', { institutionId })
  const timeZone = b.institution.timeZone
  let cutoff: Date | null = null
  if (v.slotChangeCutoff) {
    const m = DATE_TIME.exec(v.slotChangeCutoff)!
    cutoff = instantInZone(m[1]!, m[2]!, timeZone)
    if (cutoff.getTime() > b.batch.plenaryAt.getTime()) {
      throw new ValidationError({
        slotChangeCutoff: [`Batas pindah jadwal harus sebelum pleno hasil seleksi (${formatZonedDateTime(b.batch.plenaryAt, timeZone)}).`],
      })
    }
  }
  return ctx.db.transaction(async (tx) => {
    const before = await getSelectionSettings(tx, v.batchId)
    const values = { interviewInviteLimit: v.interviewInviteLimit, slotChangeCutoff: cutoff, interviewBring: v.interviewBring }
    await tx
      .insert(batchSelection)
      .values({ batchId: v.batchId, ...values, updatedAt: ctx.now, updatedBy: actorId(ctx.actor) })
      .onConflictDoUpdate({ target: batchSelection.batchId, set: { ...values, updatedAt: ctx.now, updatedBy: actorId(ctx.actor) } })
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'interview.settings_update',
      entityType: 'batch_selection',
      entityId: v.batchId,
      institutionId,
      before: { interviewInviteLimit: before.interviewInviteLimit, slotChangeCutoff: before.slotChangeCutoff, interviewBring: before.interviewBring },
      after: values,
    })
    return values
  })
}
