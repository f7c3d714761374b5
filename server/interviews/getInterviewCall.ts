import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { can } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { interviewAssignment } from '../db/schema'
import { NotFoundError } from '../errors'
import { getRegistration } from '../registrations/getRegistration'
import { batchLabel } from '../registrations/batchLabel'
import { getSelectionSettings } from '../selection/selectionSettings'
import { switchDeadline } from './chooseInterviewSlot'
import { calendarSequence, interviewCalendar, type CallContext } from './interviewCall'
import { listSlots } from './records'

const Input = z.object({ registrationId: z.string() })

export interface InterviewCallView {
  registrationId: string
  number: string
  state: string
  programmeName: string
  batchLabel: string
  institutionName: string
  institutionAddress: string
  timeZone: string
  bring: string
  slot: { id: string; startsAt: Date; endsAt: Date; place: string | null; onlineUrl: string | null }
  attendance: 'present' | 'absent' | null
  /** Until when the candidate may switch slot. */
  switchUntil: Date
  canSwitch: boolean
  /** Why not, when the candidate cannot switch. */
  switchClosedReason: 'deadline' | 'recorded' | 'not_allowed' | null
  /** Other slots of the batch still ahead with a free seat. */
  alternatives: Array<{ id: string; startsAt: Date; endsAt: Date; place: string | null; onlineUrl: string | null; free: number }>
}

async function load(ctx: UseCaseContext, registrationId: string) {
  const view = await getRegistration(ctx, { registrationId })
  const [assignment] = await ctx.db
    .select()
    .from(interviewAssignment)
    .where(eq(interviewAssignment.registrationId, view.registration.id))
  if (!assignment) throw new NotFoundError('Belum ada panggilan wawancara untuk pendaftaran ini.')
  const settings = await getSelectionSettings(ctx.db, view.batch.id)
  const slots = await listSlots(ctx.db, view.batch.id)
  const slot = slots.find((s) => s.id === assignment.slotId)!
  const call: CallContext = {
    registrationId: view.registration.id,
    registrationNumber: view.registration.number,
    candidateName: '',
    candidateEmail: '',
    programmeName: view.programme.name,
    batchLabel: batchLabel(view.batch),
    institutionName: view.institution.name,
    institutionAddress: view.institution.address,
    timeZone: view.institution.timeZone,
    bring: settings.interviewBring,
  }
  return { view, assignment, settings, slots, slot, call }
}

/** The candidate's interview call (Aktivitas): time, place or link, what to bring, and the switch. */
export async function getInterviewCall(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<InterviewCallView> {
  const { registrationId } = Input.parse(input)
  const { view, assignment, settings, slots, slot, call } = await load(ctx, registrationId)
  const switchUntil = switchDeadline(settings.slotChangeCutoff, slot.startsAt)
  const recorded = view.registration.state !== 'invited_to_interview' || assignment.attendance !== null
  const allowed = can(ctx.actor, 'interview.chooseSlot', {
    candidateId: view.registration.candidateId,
    institutionId: view.registration.institutionId,
  })
  const beforeDeadline = ctx.now.getTime() < switchUntil.getTime()
  const switchClosedReason = !allowed ? 'not_allowed' : recorded ? 'recorded' : !beforeDeadline ? 'deadline' : null
  return {
    registrationId: view.registration.id,
    number: view.registration.number,
    state: view.registration.state,
    programmeName: call.programmeName,
    batchLabel: call.batchLabel,
    institutionName: call.institutionName,
    institutionAddress: call.institutionAddress,
    timeZone: call.timeZone,
    bring: call.bring,
    slot: { id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt, place: slot.place, onlineUrl: slot.onlineUrl },
    attendance: assignment.attendance,
    switchUntil,
    canSwitch: switchClosedReason === null,
    switchClosedReason,
    alternatives:
      switchClosedReason === null
        ? slots
            .filter((s) => s.id !== slot.id && s.startsAt.getTime() > ctx.now.getTime() && s.taken < s.capacity)
            .map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, place: s.place, onlineUrl: s.onlineUrl, free: s.capacity - s.taken }))
        : [],
  }
}

/** The call as an iCalendar file, the same the mail carried (with the current slot). */
export async function getInterviewCalendar(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<{ filename: string; content: string }> {
  const { registrationId } = Input.parse(input)
  const { view, slot, call } = await load(ctx, registrationId)
  const sequence = await calendarSequence(ctx.db, view.registration.id)
  return { filename: `wawancara-${view.registration.number}.ics`, content: interviewCalendar(call, slot, sequence) }
}
