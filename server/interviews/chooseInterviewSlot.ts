import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { interviewSlot } from '../db/schema'
import { ConflictError, NotFoundError } from '../errors'
import { getSelectionSettings } from '../selection/selectionSettings'
import { parseInput } from '../validation'
import { changeSlot, lockAssignment } from './changeSlot'
import { idSchema } from './input'
import { requireBatch } from './records'

const Input = z.object({
  registrationId: idSchema('Pendaftaran tidak ditemukan.'),
  slotId: idSchema('Pilih slot wawancara dari daftar.'),
})

/** Until when a candidate may switch: the batch's cut-off, or else the start of their slot. */
export function switchDeadline(cutoff: Date | null, currentSlotStartsAt: Date): Date {
  return cutoff ?? currentSlotStartsAt
}

/**
 * The invited candidate (or a kiosk officer assisting them) switches to another slot of
 * their batch with a seat left, until the switch deadline. After it, refused.
 */
export async function chooseInterviewSlot(ctx: UseCaseContext, input: z.input<typeof Input>) {
  const { registrationId, slotId } = parseInput(Input, input)
  return ctx.db.transaction(async (tx) => {
    const row = await lockAssignment(tx, registrationId)
    if (!row) throw new NotFoundError('Panggilan wawancara tidak ditemukan.')
    authorize(ctx.actor, 'interview.chooseSlot', {
      candidateId: row.registration.candidateId,
      institutionId: row.registration.institutionId,
    })
    const [current] = await tx.select().from(interviewSlot).where(eq(interviewSlot.id, row.assignment.slotId))
    const settings = await getSelectionSettings(tx, row.assignment.batchId)
    const deadline = switchDeadline(settings.slotChangeCutoff, current!.startsAt)
    if (ctx.now.getTime() >= deadline.getTime()) {
      const b = await requireBatch(tx, row.assignment.batchId)
      throw new ConflictError(
        `Batas pindah jadwal wawancara sudah lewat (${formatZonedDateTime(deadline, b.institution.timeZone)}). Hubungi panitia seleksi bila berhalangan.`,
      )
    }
    if (row.assignment.attendance !== null) {
      throw new ConflictError('Kehadiran wawancara Anda sudah dicatat; jadwal tidak dapat dipindah lagi.')
    }
    return changeSlot(tx, ctx, { current: row.assignment, registration: row.registration, slotId, by: 'candidate', reason: null })
  })
}
