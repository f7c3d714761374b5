import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { actorId } from '../auth/actor'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { handover, staffAssignment } from '../db/schema'
import { ConflictError, ValidationError } from '../errors'
import { authorizedBatch } from '../plenary/access'
import type { BatchWithProgramme } from '../registrations/registrationChecks'
import { lockBatchForPlaces } from '../reRegistration/forfeitAndPromote'
import { isReRegistrationClosed, loadBatchReRegistrationRows } from '../reRegistration/getBatchReRegistration'
import { parseInput } from '../validation'

/** 'BAST/KDI/2026/LAS-1': the minutes number proposed for a batch's handover. */
export function proposedHandoverNumber(b: BatchWithProgramme): string {
  return `BAST/${b.institution.code}/${b.batch.year}/${b.programme.code}-${b.batch.number}`
}

const Input = z.object({
  number: z
    .string({ error: 'Isi nomor berita acara.' })
    .transform((v) => v.replaceAll('\u0000', '').trim())
    .refine((v) => v.length >= 3, 'Isi nomor berita acara (minimal 3 karakter).')
    .refine((v) => v.length <= 80, 'Nomor berita acara paling panjang 80 karakter.'),
  receiverId: z
    .string({ error: 'Pilih penerima.' })
    .optional()
    .transform((v) => (v ?? '').trim())
    .refine((v) => v === '' || z.uuid().safeParse(v).success, 'Pilih penerima dari daftar.'),
})

/**
 * The committee hands a batch's re-registered participants over to the organiser (SOP
 * step 11): once re-registration has closed, one handover per batch (unique index)
 * listing them, addressed to any organiser of the centre or to one. A second submit
 * returns the existing handover.
 */
export async function createHandover(
  ctx: UseCaseContext,
  input: { batchId: unknown; number?: unknown; receiverId?: unknown },
): Promise<{ id: string; created: boolean }> {
  const b = await authorizedBatch(ctx, input.batchId, 'handover.create')
  const parsed = parseInput(Input, { number: input.number, receiverId: input.receiverId })
  return ctx.db.transaction(async (tx) => {
    await lockBatchForPlaces(tx, b.batch.id)
    const [existing] = await tx.select({ id: handover.id }).from(handover).where(eq(handover.batchId, b.batch.id))
    if (existing) return { id: existing.id, created: false }
    const rows = await loadBatchReRegistrationRows(tx, b.batch.id)
    if (!isReRegistrationClosed(b.batch.reRegistrationDeadline, rows, ctx.now)) {
      throw new ConflictError(
        `Daftar ulang belum selesai (batas ${formatZonedDateTime(b.batch.reRegistrationDeadline, b.institution.timeZone)}, atau masih ada yang belum daftar ulang); serah terima belum dapat dibuat.`,
      )
    }
    const participants = rows.filter((r) => r.state === 're_registered').map((r) => r.registrationId)
    if (participants.length === 0) throw new ConflictError('Belum ada peserta yang sudah daftar ulang untuk diserahkan.')
    let receiverId: string | null = null
    if (parsed.receiverId !== '') {
      const [organiser] = await tx
        .select({ userId: staffAssignment.userId })
        .from(staffAssignment)
        .where(
          and(
            eq(staffAssignment.userId, parsed.receiverId),
            eq(staffAssignment.institutionId, b.batch.institutionId),
            eq(staffAssignment.role, 'organiser'),
          ),
        )
      if (!organiser) throw new ValidationError({ receiverId: ['Pilih penerima dari daftar penyelenggara lembaga ini.'] })
      receiverId = organiser.userId
    }
    const [row] = await tx
      .insert(handover)
      .values({
        batchId: b.batch.id,
        institutionId: b.batch.institutionId,
        number: parsed.number,
        receiverId,
        registrationIds: participants,
        createdAt: ctx.now,
        createdBy: actorId(ctx.actor),
      })
      .onConflictDoNothing()
      .returning({ id: handover.id })
    if (!row) {
      const [again] = await tx.select({ id: handover.id }).from(handover).where(eq(handover.batchId, b.batch.id))
      return { id: again!.id, created: false }
    }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'handover.create',
      entityType: 'handover',
      entityId: row.id,
      institutionId: b.batch.institutionId,
      after: { number: parsed.number, receiverId, participants: participants.length },
    })
    return { id: row.id, created: true }
  })
}
