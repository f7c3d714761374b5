import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { can, hasRole } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import {
  batch,
  candidateProfile,
  institution,
  interviewAssignment,
  interviewScorecard,
  interviewSlot,
  interviewSlotInterviewer,
  programme,
  registration,
  userAccount,
  writtenTestResult,
} from '../db/schema'
import { ForbiddenError } from '../errors'
import { batchLabel } from '../registrations/batchLabel'

export type ScorecardStatus = 'none' | 'submitted' | 'reopened'

export interface MySlot {
  id: string
  startsAt: Date
  endsAt: Date
  place: string | null
  onlineUrl: string | null
  capacity: number
  programmeName: string
  batchLabel: string
  timeZone: string
  candidates: Array<{
    registrationId: string
    number: string
    fullName: string
    state: string
    attendance: 'present' | 'absent' | null
    writtenScore: number | null
    scorecard: ScorecardStatus
    total: number | null
  }>
}

/**
 * The interviewer's own schedule: the slots where they are one of the interviewers, in
 * time order (upcoming first, then past), each with its candidates and how far their
 * scorecard is. Nobody else's slots or candidates.
 */
export async function listMyInterviews(ctx: UseCaseContext): Promise<{ upcoming: MySlot[]; past: MySlot[] }> {
  const actor = ctx.actor
  if (actor.kind !== 'staff' || !hasRole(actor, 'interviewer')) throw new ForbiddenError('Halaman ini khusus untuk pewawancara.')
  const slots = await ctx.db
    .select({
      slot: interviewSlot,
      programmeName: programme.name,
      batchNumber: batch.number,
      batchYear: batch.year,
      timeZone: institution.timeZone,
    })
    .from(interviewSlotInterviewer)
    .innerJoin(interviewSlot, eq(interviewSlot.id, interviewSlotInterviewer.slotId))
    .innerJoin(batch, eq(batch.id, interviewSlot.batchId))
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .innerJoin(institution, eq(institution.id, interviewSlot.institutionId))
    .where(eq(interviewSlotInterviewer.interviewerId, actor.userId))
    .orderBy(asc(interviewSlot.startsAt), asc(interviewSlot.id))
  // A role taken away leaves the slot rows behind; show only what the role still allows.
  const mine = slots.filter((s) => can(actor, 'interview.score', { institutionId: s.slot.institutionId }))
  const ids = mine.map((s) => s.slot.id)
  const people =
    ids.length === 0
      ? []
      : await ctx.db
          .select({
            slotId: interviewAssignment.slotId,
            registrationId: registration.id,
            number: registration.number,
            state: registration.state,
            fullName: sql<string>`coalesce(${candidateProfile.fullName}, ${userAccount.displayName})`,
            attendance: interviewAssignment.attendance,
            writtenScore: writtenTestResult.score,
            submittedAt: interviewScorecard.submittedAt,
            reopenedAt: interviewScorecard.reopenedAt,
            total: interviewScorecard.total,
          })
          .from(interviewAssignment)
          .innerJoin(registration, eq(registration.id, interviewAssignment.registrationId))
          .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
          .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
          .leftJoin(writtenTestResult, eq(writtenTestResult.registrationId, registration.id))
          .leftJoin(
            interviewScorecard,
            and(eq(interviewScorecard.registrationId, registration.id), eq(interviewScorecard.interviewerId, actor.userId)),
          )
          .where(inArray(interviewAssignment.slotId, ids))
          .orderBy(asc(registration.number))
  const result = mine.map(
    (s): MySlot => ({
      id: s.slot.id,
      startsAt: s.slot.startsAt,
      endsAt: s.slot.endsAt,
      place: s.slot.place,
      onlineUrl: s.slot.onlineUrl,
      capacity: s.slot.capacity,
      programmeName: s.programmeName,
      batchLabel: batchLabel({ number: s.batchNumber, year: s.batchYear }),
      timeZone: s.timeZone,
      candidates: people
        .filter((p) => p.slotId === s.slot.id && p.state !== 'withdrawn')
        .map((p) => ({
          registrationId: p.registrationId,
          number: p.number,
          fullName: p.fullName,
          state: p.state,
          attendance: p.attendance,
          writtenScore: p.writtenScore,
          scorecard: p.submittedAt ? 'submitted' : p.reopenedAt ? 'reopened' : 'none',
          total: p.submittedAt ? p.total : null,
        })),
    }),
  )
  // A slot stays "upcoming" for the day it ends, so today's finished ones stay on top.
  const now = ctx.now.getTime()
  return {
    upcoming: result.filter((s) => s.endsAt.getTime() + 12 * 3_600_000 > now),
    past: result.filter((s) => s.endsAt.getTime() + 12 * 3_600_000 <= now).reverse(),
  }
}
