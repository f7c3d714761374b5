import { and, asc, eq, isNotNull, or } from 'drizzle-orm'
import { z } from 'zod'
import { distributeOverSlots, inviteCutoff } from '../../domain/slotDistribution'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { batch, interviewAssignment, interviewSlot, registration, writtenTestResult } from '../db/schema'
import { ConflictError } from '../errors'
import { enqueueMail } from '../mail/sendMail'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { getSelectionSettings } from '../selection/selectionSettings'
import { parseInput } from '../validation'
import { idSchema } from './input'
import { interviewCallMail, loadCallContexts, notInvitedMail, slotTimeText } from './interviewCall'
import { ensureRubric, requireBatch, seatsTaken } from './records'

const Input = z.object({ batchId: idSchema('Gelombang tidak ditemukan.') })

export interface InvitationResult {
  invited: number
  notInvited: number
  /** The lowest written score invited under the batch's limit (null: no limit applied). */
  cutoff: number | null
}

const format = (score: number) => String(Math.round(score * 100) / 100).replace('.', ',')

/**
 * SOP step 7: the candidates of a batch who passed the written test and are still
 * waiting are ranked by their published written score, best first. With an invite
 * limit N, everyone scoring at least the N-th best score is invited (ties at the last
 * place are all invited; docs/decisions/011); the others' registrations end as not
 * passed, with the reason. The invited are placed in the slots with room in time order,
 * move to invited_to_interview, and get the interview call with its .ics. One
 * transaction: when the free seats are fewer than the candidates to place, nothing
 * changes. Running it again invites nobody twice (the registration states decide).
 */
export async function inviteToInterviews(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<InvitationResult> {
  const { batchId } = parseInput(Input, input)
  const b = await requireBatch(ctx.db, batchId)
  const institutionId = b.batch.institutionId
  authorize(ctx.actor, 'interview.schedule', { institutionId })

  return ctx.db.transaction(async (tx) => {
    // One invitation run per batch at a time.
    await tx.select({ id: batch.id }).from(batch).where(eq(batch.id, batchId)).for('update')
    const settings = await getSelectionSettings(tx, batchId)
    // Everyone who passed: those still waiting, and those already invited (a limit is
    // over the whole batch, not over each run).
    const pool = await tx
      .select({
        id: registration.id,
        state: registration.state,
        number: registration.number,
        score: writtenTestResult.score,
        assignedSlot: interviewAssignment.slotId,
      })
      .from(registration)
      .leftJoin(writtenTestResult, eq(writtenTestResult.registrationId, registration.id))
      .leftJoin(interviewAssignment, eq(interviewAssignment.registrationId, registration.id))
      .where(and(eq(registration.batchId, batchId), or(eq(registration.state, 'written_test_passed'), isNotNull(interviewAssignment.slotId))))
    // Best written score first; the registration number only makes the order total.
    pool.sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || (x.number < y.number ? -1 : x.number > y.number ? 1 : 0))
    const limit = settings.interviewInviteLimit
    const scored = pool.filter((p) => p.score !== null).map((p) => p.score!)
    const cutoff = inviteCutoff(scored, limit)
    const waiting = pool.filter((p) => p.state === 'written_test_passed' && p.assignedSlot === null)
    const invitees = waiting.filter((p) => cutoff === null || (p.score !== null && p.score >= cutoff))
    const notInvited = waiting.filter((p) => !invitees.includes(p))
    if (invitees.length === 0 && notInvited.length === 0) return { invited: 0, notInvited: 0, cutoff }

    // Slots are locked so a candidate switching at the same time cannot take a seat
    // counted here. Only slots still ahead take invitees.
    const slots = await tx
      .select()
      .from(interviewSlot)
      .where(eq(interviewSlot.batchId, batchId))
      .orderBy(asc(interviewSlot.id))
      .for('update')
    const open = slots.filter((s) => s.startsAt.getTime() > ctx.now.getTime())
    const seats = []
    for (const s of open) seats.push({ slotId: s.id, startsAt: s.startsAt.getTime(), capacity: s.capacity, taken: await seatsTaken(tx, s.id) })
    const distribution = distributeOverSlots(
      invitees.map((i) => i.id),
      seats,
    )
    if (!distribution.ok) {
      throw new ConflictError(
        `Tempat di slot wawancara yang akan datang tinggal ${distribution.free}, padahal ${distribution.needed} calon harus diundang. Tambah slot atau kapasitasnya, lalu undang lagi. Belum ada yang diundang.`,
      )
    }

    await ensureRubric(tx, batchId, ctx.now)
    const calls = await loadCallContexts(tx, b, waiting.map((w) => w.id), settings.interviewBring)
    const slotById = new Map(slots.map((s) => [s.id, s]))
    for (const { inviteeId, slotId } of distribution.assignments) {
      const slot = slotById.get(slotId)!
      await tx.insert(interviewAssignment).values({
        registrationId: inviteeId,
        batchId,
        slotId,
        assignedAt: ctx.now,
        assignedBy: ctx.actor.kind === 'system' ? null : ctx.actor.userId,
      })
      await transitionRegistration(tx, ctx, {
        registrationId: inviteeId,
        action: 'invite_to_interview',
        data: {
          slotId,
          startsAt: slot.startsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
          place: slot.place,
          onlineUrl: slot.onlineUrl,
          when: slotTimeText(slot, b.institution.timeZone),
        },
      })
      await enqueueMail(tx, interviewCallMail(calls.get(inviteeId)!, slot, 0), ctx.now, {
        institutionId: b.batch.institutionId,
        registrationId: inviteeId,
        batchId,
      })
    }
    for (const p of notInvited) {
      const reason =
        p.score === null
          ? `Tidak ada nilai tes tertulis yang diumumkan untuk pendaftaran ini, sedangkan gelombang ini hanya mengundang ${limit} nilai terbaik.`
          : `Nilai tes tertulis Anda (${format(p.score)}) tidak termasuk ${limit} nilai terbaik yang diundang wawancara (nilai terendah yang diundang ${format(cutoff!)}).`
      await transitionRegistration(tx, ctx, { registrationId: p.id, action: 'not_invite', data: { reason, score: p.score, limit, cutoff } })
      await enqueueMail(tx, notInvitedMail(calls.get(p.id)!, reason), ctx.now, { institutionId: b.batch.institutionId, registrationId: p.id, batchId })
    }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'interview.invite',
      entityType: 'batch',
      entityId: batchId,
      institutionId,
      after: {
        invited: distribution.assignments,
        notInvited: notInvited.map((p) => p.id),
        limit,
        cutoff,
      },
    })
    return { invited: invitees.length, notInvited: notInvited.length, cutoff }
  })
}
