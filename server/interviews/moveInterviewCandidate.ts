import { z } from 'zod'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { NotFoundError } from '../errors'
import { parseInput } from '../validation'
import { changeSlot, lockAssignment } from './changeSlot'
import { idSchema, plainText } from './input'

const Input = z.object({
  registrationId: idSchema('Pendaftaran tidak ditemukan.'),
  slotId: idSchema('Pilih slot wawancara dari daftar.'),
  reason: plainText('Alasan', 500).optional().default(''),
})

/**
 * The committee moves an invited candidate to another slot with room, at any time
 * before the interview is recorded; it also clears a recorded absence (a reschedule).
 */
export async function moveInterviewCandidate(ctx: UseCaseContext, input: z.input<typeof Input>) {
  const { registrationId, slotId, reason } = parseInput(Input, input)
  return ctx.db.transaction(async (tx) => {
    const row = await lockAssignment(tx, registrationId)
    if (!row) throw new NotFoundError('Calon ini belum diundang wawancara.')
    authorize(ctx.actor, 'interview.schedule', { institutionId: row.registration.institutionId })
    return changeSlot(tx, ctx, { current: row.assignment, registration: row.registration, slotId, by: 'committee', reason: reason || null })
  })
}
