import { eq } from 'drizzle-orm'
import { actorId } from '../auth/actor'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import { interviewAssignment, interviewSlot, registration, registrationEvent } from '../db/schema'
import { ConflictError, ValidationError } from '../errors'
import { enqueueMail } from '../mail/sendMail'
import { viaKioskData } from '../registrations/transitionRegistration'
import { getSelectionSettings } from '../selection/selectionSettings'
import { calendarSequence, loadCallContexts, slotChangedMail, slotTimeText, SLOT_CHANGED_EVENT } from './interviewCall'
import { requireBatch, seatsTaken, type AssignmentRow } from './records'

/** The assignment of a registration, locked, with its registration; or not found. */
export async function lockAssignment(tx: Tx, registrationId: string) {
  const [row] = await tx
    .select({ assignment: interviewAssignment, registration })
    .from(interviewAssignment)
    .innerJoin(registration, eq(registration.id, interviewAssignment.registrationId))
    .where(eq(interviewAssignment.registrationId, registrationId))
    .for('update', { of: interviewAssignment })
  return row ?? null
}

/**
 * Move an invited registration to another slot of its batch with a free seat: the
 * candidate's own switch or the committee's move. The target slot's row is locked and
 * its seats counted under the lock, so two people racing for the last seat cannot both
 * get it. A recorded absence is cleared (a reschedule). The candidate gets the new time
 * by e-mail with the updated .ics, and in Aktivitas.
 */
export async function changeSlot(
  tx: Tx,
  ctx: UseCaseContext,
  input: { current: AssignmentRow; registration: typeof registration.$inferSelect; slotId: string; by: 'candidate' | 'committee'; reason: string | null },
) {
  const { current } = input
  if (input.registration.state !== 'invited_to_interview') {
    throw new ConflictError('Jadwal wawancara tidak dapat dipindah: wawancara calon ini sudah tercatat atau pendaftarannya tidak aktif.')
  }
  if (current.slotId === input.slotId) throw new ValidationError({ slotId: ['Calon sudah berada di slot ini. Pilih slot lain.'] })
  const [target] = await tx.select().from(interviewSlot).where(eq(interviewSlot.id, input.slotId)).for('update')
  if (!target || target.batchId !== current.batchId) throw new ValidationError({ slotId: ['Pilih slot wawancara dari daftar.'] })
  if (target.startsAt.getTime() <= ctx.now.getTime()) throw new ValidationError({ slotId: ['Slot itu sudah dimulai atau lewat. Pilih slot lain.'] })
  const taken = await seatsTaken(tx, target.id)
  if (taken >= target.capacity) throw new ConflictError('Slot itu baru saja penuh. Pilih slot lain.', { slotId: ['Slot itu sudah penuh. Pilih slot lain.'] })

  const [moved] = await tx
    .update(interviewAssignment)
    .set({
      slotId: target.id,
      assignedAt: ctx.now,
      assignedBy: actorId(ctx.actor),
      attendance: null,
      attendanceAt: null,
      attendanceBy: null,
    })
    .where(eq(interviewAssignment.registrationId, current.registrationId))
    .returning()
  const b = await requireBatch(tx, current.batchId)
  const timeZone = b.institution.timeZone
  await tx.insert(registrationEvent).values({
    registrationId: current.registrationId,
    at: ctx.now,
    kind: SLOT_CHANGED_EVENT,
    actorId: actorId(ctx.actor),
    data: {
      slotId: target.id,
      startsAt: target.startsAt.toISOString(),
      endsAt: target.endsAt.toISOString(),
      place: target.place,
      onlineUrl: target.onlineUrl,
      when: slotTimeText(target, timeZone),
      by: input.by,
      ...(input.reason ? { reason: input.reason } : {}),
      ...viaKioskData(ctx.actor),
    },
  })
  await recordAudit(tx, ctx.actor, ctx.now, {
    action: input.by === 'candidate' ? 'interview.slot_choose' : 'interview.slot_move',
    entityType: 'interview_assignment',
    entityId: current.registrationId,
    institutionId: b.batch.institutionId,
    before: { slotId: current.slotId, attendance: current.attendance },
    after: { slotId: target.id, attendance: null, reason: input.reason },
  })
  const settings = await getSelectionSettings(tx, current.batchId)
  const calls = await loadCallContexts(tx, b, [current.registrationId], settings.interviewBring)
  const sequence = await calendarSequence(tx, current.registrationId)
  await enqueueMail(tx, slotChangedMail(calls.get(current.registrationId)!, target, sequence, input.by, input.reason), ctx.now, {
    institutionId: b.batch.institutionId,
    registrationId: current.registrationId,
    batchId: current.batchId,
  })
  return { assignment: moved!, slot: target }
}

