import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { interviewSlot, interviewSlotInterviewer } from '../db/schema'
import { ConflictError, NotFoundError } from '../errors'
import { parseInput } from '../validation'
import { idSchema } from './input'
import { seatsTaken } from './records'

const Input = z.object({ slotId: idSchema('Slot wawancara tidak ditemukan.') })

/** The committee removes a slot nobody is assigned to. */
export async function deleteInterviewSlot(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<void> {
  const { slotId } = parseInput(Input, input)
  await ctx.db.transaction(async (tx) => {
    // Locked, so a candidate cannot be placed in it while it goes.
    const [slot] = await tx.select().from(interviewSlot).where(eq(interviewSlot.id, slotId)).for('update')
    if (!slot) throw new NotFoundError('Slot wawancara tidak ditemukan.')
    authorize(ctx.actor, 'interview.schedule', { institutionId: slot.institutionId })
    const taken = await seatsTaken(tx, slotId)
    if (taken > 0) {
      throw new ConflictError(`Slot ini sudah berisi ${taken} calon. Pindahkan mereka ke slot lain sebelum menghapusnya.`)
    }
    const interviewers = await tx
      .delete(interviewSlotInterviewer)
      .where(eq(interviewSlotInterviewer.slotId, slotId))
      .returning({ id: interviewSlotInterviewer.interviewerId })
    await tx.delete(interviewSlot).where(eq(interviewSlot.id, slotId))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'interview.slot_delete',
      entityType: 'interview_slot',
      entityId: slotId,
      institutionId: slot.institutionId,
      before: { ...slot, interviewerIds: interviewers.map((i) => i.id) },
    })
  })
}
