import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import { compareInterviewers, type InterviewerComparison } from '../../domain/interviewScore'
import { authorize, can } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import {
  candidateProfile,
  interviewAssignment,
  interviewScorecard,
  registration,
  userAccount,
  writtenTestResult,
} from '../db/schema'
import { batchLabel } from '../registrations/batchLabel'
import { getSelectionSettings, type SelectionSettings } from '../selection/selectionSettings'
import { listInterviewers, listSlots, readRubric, requireBatch, type Rubric, type SlotWithInterviewers } from './records'

const Input = z.object({ batchId: z.string() })

export interface OverviewCandidate {
  registrationId: string
  number: string
  fullName: string
  state: string
  writtenScore: number | null
  attendance: 'present' | 'absent' | null
  scorecards: Array<{
    id: string
    interviewerId: string
    interviewerName: string
    total: number
    submittedAt: Date | null
    reopenedAt: Date | null
    reopenReason: string | null
  }>
}

export interface InterviewOverview {
  batch: {
    id: string
    institutionId: string
    programmeName: string
    label: string
    quota: number
    interviewStartsAt: Date
    interviewEndsAt: Date
    plenaryAt: Date
    writtenTestPublishedAt: Date | null
  }
  timeZone: string
  settings: Pick<SelectionSettings, 'interviewInviteLimit' | 'slotChangeCutoff' | 'interviewBring'>
  rubric: Rubric & { stored: boolean; locked: boolean }
  slots: Array<SlotWithInterviewers & { candidates: OverviewCandidate[] }>
  /** Passed the written test and not invited yet, best written score first. */
  waiting: Array<{ registrationId: string; number: string; fullName: string; writtenScore: number | null }>
  freeSeats: number
  interviewers: Array<{ id: string; name: string }>
  statistics: Array<InterviewerComparison & { interviewerName: string }>
  can: { schedule: boolean; configure: boolean; reopen: boolean }
}

/**
 * The committee's view of a batch's interviews: settings and rubric, the slots with
 * their candidates, attendance and scorecards, who still waits for an invitation, and
 * each interviewer's scores beside everyone else's.
 */
export async function getInterviewOverview(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<InterviewOverview> {
  const { batchId } = Input.parse(input)
  const b = await requireBatch(ctx.db, batchId)
  const institutionId = b.batch.institutionId
  authorize(ctx.actor, 'selection.read', { institutionId })

  const [settings, rubric, slots, interviewers, people] = await Promise.all([
    getSelectionSettings(ctx.db, batchId),
    readRubric(ctx.db, batchId),
    listSlots(ctx.db, batchId),
    listInterviewers(ctx.db, institutionId),
    ctx.db
      .select({
        registrationId: registration.id,
        number: registration.number,
        state: registration.state,
        fullName: sql<string>`coalesce(${candidateProfile.fullName}, ${userAccount.displayName})`,
        writtenScore: writtenTestResult.score,
        slotId: interviewAssignment.slotId,
        attendance: interviewAssignment.attendance,
      })
      .from(registration)
      .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
      .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
      .leftJoin(writtenTestResult, eq(writtenTestResult.registrationId, registration.id))
      .leftJoin(interviewAssignment, eq(interviewAssignment.registrationId, registration.id))
      .where(eq(registration.batchId, batchId))
      .orderBy(asc(registration.number)),
  ])
  const assignedIds = people.filter((p) => p.slotId !== null).map((p) => p.registrationId)
  const cards =
    assignedIds.length === 0
      ? []
      : await ctx.db
          .select({ card: interviewScorecard, interviewerName: userAccount.displayName })
          .from(interviewScorecard)
          .innerJoin(userAccount, eq(userAccount.id, interviewScorecard.interviewerId))
          .where(and(eq(interviewScorecard.batchId, batchId), inArray(interviewScorecard.registrationId, assignedIds)))
          .orderBy(asc(userAccount.displayName))

  const candidatesOf = (slotId: string): OverviewCandidate[] =>
    people
      .filter((p) => p.slotId === slotId)
      .map((p) => ({
        registrationId: p.registrationId,
        number: p.number,
        fullName: p.fullName,
        state: p.state,
        writtenScore: p.writtenScore,
        attendance: p.attendance,
        scorecards: cards
          .filter((c) => c.card.registrationId === p.registrationId)
          .map((c) => ({
            id: c.card.id,
            interviewerId: c.card.interviewerId,
            interviewerName: c.interviewerName,
            total: c.card.total,
            submittedAt: c.card.submittedAt,
            reopenedAt: c.card.reopenedAt,
            reopenReason: c.card.reopenReason,
          })),
      }))

  const submitted = cards.filter((c) => c.card.submittedAt !== null)
  const names = new Map(cards.map((c) => [c.card.interviewerId, c.interviewerName]))
  const statistics = compareInterviewers(submitted.map((c) => ({ interviewerId: c.card.interviewerId, total: c.card.total })))
    .map((s) => ({ ...s, interviewerName: names.get(s.interviewerId) ?? '' }))
    .sort((x, y) => x.interviewerName.localeCompare(y.interviewerName, 'id'))

  const waiting = people
    .filter((p) => p.state === 'written_test_passed' && p.slotId === null)
    .sort((x, y) => (y.writtenScore ?? -1) - (x.writtenScore ?? -1) || (x.number < y.number ? -1 : 1))
    .map(({ registrationId, number, fullName, writtenScore }) => ({ registrationId, number, fullName, writtenScore }))

  return {
    batch: {
      id: b.batch.id,
      institutionId,
      programmeName: b.programme.name,
      label: batchLabel(b.batch),
      quota: b.batch.quota,
      interviewStartsAt: b.batch.interviewStartsAt,
      interviewEndsAt: b.batch.interviewEndsAt,
      plenaryAt: b.batch.plenaryAt,
      writtenTestPublishedAt: b.batch.writtenTestPublishedAt,
    },
    timeZone: b.institution.timeZone,
    settings: {
      interviewInviteLimit: settings.interviewInviteLimit,
      slotChangeCutoff: settings.slotChangeCutoff,
      interviewBring: settings.interviewBring,
    },
    rubric: { ...rubric, locked: cards.length > 0 },
    slots: slots.map((s) => ({ ...s, candidates: candidatesOf(s.id) })),
    waiting,
    freeSeats: slots
      .filter((s) => s.startsAt.getTime() > ctx.now.getTime())
      .reduce((n, s) => n + Math.max(0, s.capacity - s.taken), 0),
    interviewers: interviewers.map(({ id, name }) => ({ id, name })),
    statistics,
    can: {
      schedule: can(ctx.actor, 'interview.schedule', { institutionId }),
      configure: can(ctx.actor, 'selection.configure', { institutionId }),
      reopen: can(ctx.actor, 'interview.reopenScorecard', { institutionId }),
    },
  }
}
