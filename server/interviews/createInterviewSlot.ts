import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { batch, interviewSlot, interviewSlotInterviewer, programme, staffAssignment, userAccount } from '../db/schema'
import { ValidationError } from '../errors'
import { batchLabel } from '../registrations/batchLabel'
import { parseInput } from '../validation'
import { createSlotSchema, instantInZone, type CreateSlotInput } from './input'
import { slotTimeText } from './interviewCall'
import { requireBatch } from './records'

/**
 * The committee adds an interview slot to a batch: a time (typed in the centre's zone),
 * a room or an online link, a capacity, and its interviewers. Refused at the field: a
 * time outside the batch's interview period (from its start to the plenary), a slot
 * overlapping another slot of one of its interviewers (in any batch of the centre).
 */
export async function createInterviewSlot(ctx: UseCaseContext, input: CreateSlotInput) {
  const v = parseInput(createSlotSchema, input)
  const b = await requireBatch(ctx.db, v.batchId)
  const institutionId = b.batch.institutionId
  authorize(ctx.actor, 'interview.schedule', { institutionId })
  const timeZone = b.institution.timeZone
  const startsAt = instantInZone(v.date, v.startTime, timeZone)
  const endsAt = instantInZone(v.date, v.endTime, timeZone)

  const dateErrors: string[] = []
  if (startsAt.getTime() < b.batch.interviewStartsAt.getTime()) {
    dateErrors.push(`Wawancara gelombang ini baru dimulai ${formatZonedDateTime(b.batch.interviewStartsAt, timeZone)}.`)
  }
  if (endsAt.getTime() > b.batch.plenaryAt.getTime()) {
    dateErrors.push(`Slot harus selesai sebelum pleno hasil seleksi (${formatZonedDateTime(b.batch.plenaryAt, timeZone)}).`)
  }
  if (startsAt.getTime() <= ctx.now.getTime()) dateErrors.push('Waktu slot ini sudah lewat.')
  if (dateErrors.length > 0) throw new ValidationError({ date: dateErrors })

  const interviewerIds = [...new Set(v.interviewerIds)].sort()
  return ctx.db.transaction(async (tx) => {
    // Locking each interviewer's role row serialises two slots created at once for one
    // interviewer, so the overlap check below cannot be passed by both.
    const holders = await tx
      .select({ userId: staffAssignment.userId })
      .from(staffAssignment)
      .where(
        and(
          inArray(staffAssignment.userId, interviewerIds),
          eq(staffAssignment.institutionId, institutionId),
          eq(staffAssignment.role, 'interviewer'),
        ),
      )
      .orderBy(asc(staffAssignment.userId))
      .for('update')
    if (holders.length !== interviewerIds.length) {
      throw new ValidationError({ interviewerIds: ['Pilih pewawancara dari daftar staf pewawancara lembaga ini.'] })
    }
    const clashes = await tx
      .select({
        name: userAccount.displayName,
        startsAt: interviewSlot.startsAt,
        endsAt: interviewSlot.endsAt,
        programmeName: programme.name,
        number: batch.number,
        year: batch.year,
      })
      .from(interviewSlotInterviewer)
      .innerJoin(interviewSlot, eq(interviewSlot.id, interviewSlotInterviewer.slotId))
      .innerJoin(userAccount, eq(userAccount.id, interviewSlotInterviewer.interviewerId))
      .innerJoin(batch, eq(batch.id, interviewSlot.batchId))
      .innerJoin(programme, eq(programme.id, batch.programmeId))
      .where(
        and(
          inArray(interviewSlotInterviewer.interviewerId, interviewerIds),
          eq(interviewSlot.institutionId, institutionId),
          lt(interviewSlot.startsAt, endsAt),
          gt(interviewSlot.endsAt, startsAt),
        ),
      )
      .orderBy(asc(interviewSlot.startsAt))
    if (clashes.length > 0) {
      throw new ValidationError({
        interviewerIds: clashes.map(
          (c) =>
            `${c.name} sudah punya slot wawancara yang bertabrakan: ${slotTimeText(c, timeZone)} (${c.programmeName}, ${batchLabel(c)}).`,
        ),
      })
    }
    const [slot] = await tx
      .insert(interviewSlot)
      .values({
        batchId: b.batch.id,
        institutionId,
        startsAt,
        endsAt,
        place: v.place || null,
        onlineUrl: v.onlineUrl || null,
        capacity: v.capacity,
        createdAt: ctx.now,
        createdBy: ctx.actor.kind === 'system' ? null : ctx.actor.userId,
      })
      .returning()
    await tx.insert(interviewSlotInterviewer).values(interviewerIds.map((interviewerId) => ({ slotId: slot!.id, interviewerId })))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'interview.slot_create',
      entityType: 'interview_slot',
      entityId: slot!.id,
      institutionId,
      after: { batchId: b.batch.id, startsAt, endsAt, place: slot!.place, onlineUrl: slot!.onlineUrl, capacity: slot!.capacity, interviewerIds },
    })
    return slot!
  })
}
