import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import { z } from 'zod'
import { OVERALL, passesWrittenTest } from '../../domain/assessmentScoring'
import { SYSTEM } from '../auth/actor'
import type { UseCaseContext } from '../context'
import { assessmentAttempt, attemptAnswer, batchAssessment, candidateProfile, registration, userAccount } from '../db/schema'
import { NotFoundError } from '../errors'
import { batchLabel } from '../registrations/batchLabel'
import { loadBatch } from '../registrations/registrationChecks'
import { authorizeStaffReport } from './access'
import { ASSESSMENT_KINDS, type AssessmentKind } from './kinds'
import { isExpired, resultValidity, type Attempt } from './records'
import { submitAttempt } from './submitAttempt'
import { parseInput } from '../validation'

const Input = z.object({ batchId: z.uuid('Gelombang tidak dikenal.') })

export type StaffKindCell =
  | { status: 'not_started' }
  | { status: 'in_progress'; attemptId: string; startedAt: Date; endsAt: Date | null; answered: number; total: number }
  | {
      status: 'completed'
      attemptId: string
      completedAt: Date
      submitReason: string | null
      /** Taken for another batch and reused under the six-month rule. */
      reused: boolean
      /** Written test: percent correct; inventories: overall mean on the item scale. */
      score: number | null
      correctCount: number | null
      total: number
      /** Written test against the batch's pass mark (null without one). */
      passed: boolean | null
    }

export type BatchAssessmentReport = {
  batch: {
    id: string
    institutionId: string
    label: string
    programmeName: string
    assessmentDeadline: Date
    writtenTestPublishedAt: Date | null
  }
  timeZone: string
  configs: Partial<Record<AssessmentKind, { timeLimitMinutes: number | null; passMark: number | null; questionCount: number }>>
  rows: Array<{
    registrationId: string
    number: string
    state: string
    candidateId: string
    fullName: string
    nikMasked: string | null
    kinds: Record<AssessmentKind, StaffKindCell>
  }>
  summary: Record<AssessmentKind, { notStarted: number; inProgress: number; completed: number }>
}

/**
 * The selection committee's view of a batch's assessments: per registration, who has
 * not started, is working on, or has finished each assessment, with the scores. The
 * written-test scores show here before publication. Attempts found past their end are
 * submitted first, as on every read.
 */
export async function getBatchAssessmentReport(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<BatchAssessmentReport> {
  const valid = parseInput(Input, input, { field: 'batchId' })
  const b = await loadBatch(ctx.db, valid.batchId)
  if (!b) throw new NotFoundError('Gelombang tidak ditemukan.')
  authorizeStaffReport(ctx.actor, b.batch.institutionId)
  const timeZone = b.institution.timeZone
  const deadline = b.batch.assessmentDeadline

  const registrations = await ctx.db
    .select({
      registration,
      fullName: sql<string>`coalesce(${candidateProfile.fullName}, ${userAccount.displayName})`,
      nikMasked: candidateProfile.nikMasked,
    })
    .from(registration)
    .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
    .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
    .where(eq(registration.batchId, b.batch.id))
    .orderBy(asc(registration.number))
  const candidateIds = [...new Set(registrations.map((r) => r.registration.candidateId))]

  const loadAttempts = () =>
    candidateIds.length === 0
      ? Promise.resolve([] as Attempt[])
      : ctx.db
          .select()
          .from(assessmentAttempt)
          .where(and(inArray(assessmentAttempt.candidateId, candidateIds), lte(assessmentAttempt.startedAt, deadline)))
  let attempts = await loadAttempts()
  const expired = attempts.filter((a) => !a.submittedAt && isExpired(a, ctx.now))
  for (const a of expired) await submitAttempt({ ...ctx, actor: SYSTEM }, { attemptId: a.id, reason: 'time_up' })
  if (expired.length > 0) attempts = await loadAttempts()

  const openIds = attempts.filter((a) => !a.submittedAt).map((a) => a.id)
  const answeredByAttempt = new Map<string, number>()
  if (openIds.length > 0) {
    const counts = await ctx.db
      .select({ attemptId: attemptAnswer.attemptId, n: sql<number>`count(*)::int` })
      .from(attemptAnswer)
      .where(inArray(attemptAnswer.attemptId, openIds))
      .groupBy(attemptAnswer.attemptId)
    for (const c of counts) answeredByAttempt.set(c.attemptId, Number(c.n))
  }

  const configRows = await ctx.db.select().from(batchAssessment).where(eq(batchAssessment.batchId, b.batch.id))
  const configs: BatchAssessmentReport['configs'] = {}
  for (const c of configRows) {
    configs[c.kind] = {
      timeLimitMinutes: c.timeLimitMinutes,
      passMark: c.passMark,
      questionCount: c.sources.reduce((n, s) => n + s.count, 0),
    }
  }
  const passMark = configs.written_test?.passMark ?? null

  const summary = Object.fromEntries(
    ASSESSMENT_KINDS.map((k) => [k, { notStarted: 0, inProgress: 0, completed: 0 }]),
  ) as BatchAssessmentReport['summary']

  const rows = registrations.map((r) => {
    const mine = attempts.filter((a) => a.candidateId === r.registration.candidateId)
    const kinds = {} as Record<AssessmentKind, StaffKindCell>
    for (const kind of ASSESSMENT_KINDS) {
      const ofKind = mine.filter((a) => a.kind === kind)
      const open = ofKind.find((a) => !a.submittedAt)
      // The result that counts for this registration: the latest one completed by the
      // deadline that was still valid when the candidate registered.
      const counted = ofKind
        .filter(
          (a) =>
            a.submittedAt &&
            a.submittedAt.getTime() <= deadline.getTime() &&
            resultValidity(a.submittedAt, r.registration.createdAt, timeZone).valid,
        )
        .sort((x, y) => y.submittedAt!.getTime() - x.submittedAt!.getTime())[0]
      let cell: StaffKindCell
      if (counted) {
        const score = kind === 'written_test' ? counted.score : (counted.scaleScores?.[OVERALL] ?? counted.score)
        cell = {
          status: 'completed',
          attemptId: counted.id,
          completedAt: counted.submittedAt!,
          submitReason: counted.submitReason,
          reused: counted.batchId !== b.batch.id,
          score,
          correctCount: counted.correctCount,
          total: counted.items.length,
          passed: kind === 'written_test' && passMark !== null && score !== null ? passesWrittenTest(score, passMark) : null,
        }
        summary[kind].completed++
      } else if (open) {
        cell = {
          status: 'in_progress',
          attemptId: open.id,
          startedAt: open.startedAt,
          endsAt: open.endsAt,
          answered: answeredByAttempt.get(open.id) ?? 0,
          total: open.items.length,
        }
        summary[kind].inProgress++
      } else {
        cell = { status: 'not_started' }
        summary[kind].notStarted++
      }
      kinds[kind] = cell
    }
    return {
      registrationId: r.registration.id,
      number: r.registration.number,
      state: r.registration.state,
      candidateId: r.registration.candidateId,
      fullName: r.fullName,
      nikMasked: r.nikMasked,
      kinds,
    }
  })

  return {
    batch: {
      id: b.batch.id,
      institutionId: b.batch.institutionId,
      label: batchLabel(b.batch),
      programmeName: b.programme.name,
      assessmentDeadline: deadline,
      writtenTestPublishedAt: b.batch.writtenTestPublishedAt,
    },
    timeZone,
    configs,
    rows,
    summary,
  }
}
