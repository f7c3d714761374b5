import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { FALLBACK_TIME_ZONE } from '../../domain/zonedTime'
import type { UseCaseContext } from '../context'
import { attemptAnswer } from '../db/schema'
import { batchLabel } from '../registrations/batchLabel'
import { authorizeReadOwn } from './access'
import {
  closeExpiredAttempts,
  loadActiveContext,
  loadDrawableQuestions,
  plannedQuestionCount,
  type ActiveContext,
} from './candidateAssessments'
import { ASSESSMENT_KINDS, type AssessmentKind } from './kinds'
import { findOpenAttempts, latestCompletedAttempts, resultValidity, type Attempt } from './records'
import { parseInput } from '../validation'
import { loadCandidateRegistrationView } from '../registrations/candidateRegistrationView'

const Input = z.object({ candidateId: z.uuid('Calon peserta tidak dikenal.') })

export type KindStatus =
  | {
      status: 'completed'
      attemptId: string
      completedAt: Date
      /** Until then the result counts for any registration and the kind is not taken again. */
      validUntil: Date
      /** Taken for another registration (or before this one) and reused. */
      reused: boolean
      submitReason: string | null
      /** Written test: null until the committee publishes the batch's results. */
      score: number | null
      scoreHidden: boolean
    }
  | { status: 'in_progress'; attemptId: string; startedAt: Date; endsAt: Date | null; answered: number; total: number; firstUnanswered: number | null }
  | { status: 'available'; questionCount: number; timeLimitMinutes: number | null }
  | { status: 'unavailable'; reason: 'not_configured' | 'deadline_passed' | 'no_registration' | 'registration_state' }

export type AssessmentOverview = {
  now: Date
  timeZone: string
  registration: {
    id: string
    number: string
    state: string
    programmeName: string
    batchLabel: string
    assessmentDeadline: Date
    writtenTestPublishedAt: Date | null
  } | null
  kinds: Array<{ kind: AssessmentKind } & KindStatus>
  /** True when each kind has a valid result. */
  allCompleted: boolean
}

/**
 * The candidate's three assessments for their active registration: a valid result
 * (within six months, reused by any registration), an attempt in progress with its end,
 * or what starting one would mean; the deadline is the batch's assessment deadline.
 * The written-test score stays hidden until the batch's results are published.
 */
export async function getAssessmentOverview(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<AssessmentOverview> {
  const { candidateId } = parseInput(Input, input, { field: 'candidateId' })
  authorizeReadOwn(ctx.actor, candidateId)

  await closeExpiredAttempts(ctx, candidateId)
  const [c, latest, open] = await Promise.all([
    loadActiveContext(ctx.db, candidateId),
    latestCompletedAttempts(ctx.db, candidateId),
    findOpenAttempts(ctx.db, candidateId),
  ])
  const timeZone = c?.institution.timeZone ?? FALLBACK_TIME_ZONE
  // The state as the candidate may see it (a plenary outcome stays hidden until announced).
  const seen = c
    ? await loadCandidateRegistrationView(ctx.db, { registrationId: c.registration.id, state: c.registration.state, batch: c.batch })
    : null
  const kinds: AssessmentOverview['kinds'] = []
  for (const kind of ASSESSMENT_KINDS) {
    kinds.push({ kind, ...(await kindStatus(ctx, c, kind, latest[kind], open.find((a) => a.kind === kind), timeZone)) })
  }
  return {
    now: ctx.now,
    timeZone,
    registration: c
      ? {
          id: c.registration.id,
          number: c.registration.number,
          state: seen?.state ?? c.registration.state,
          programmeName: c.programme.name,
          batchLabel: batchLabel(c.batch),
          assessmentDeadline: c.batch.assessmentDeadline,
          writtenTestPublishedAt: c.batch.writtenTestPublishedAt,
        }
      : null,
    kinds,
    allCompleted: kinds.every((k) => k.status === 'completed'),
  }
}

/** Whether the written-test results of the batch are published at `now`. */
export function writtenTestPublished(publishedAt: Date | null, now: Date): boolean {
  return publishedAt !== null && publishedAt.getTime() <= now.getTime()
}

async function kindStatus(
  ctx: UseCaseContext,
  c: ActiveContext | null,
  kind: AssessmentKind,
  completed: Attempt | undefined,
  open: Attempt | undefined,
  timeZone: string,
): Promise<KindStatus> {
  if (open) {
    const rows = await ctx.db
      .select({ position: attemptAnswer.position })
      .from(attemptAnswer)
      .where(eq(attemptAnswer.attemptId, open.id))
    const done = new Set(rows.map((r) => r.position))
    const total = open.items.length
    // "Continue" goes to the first gap, not past the last answer: skipped questions come
    // first. With none left (null), it goes to the review, where the attempt is submitted.
    let firstUnanswered: number | null = 1
    while (firstUnanswered <= total && done.has(firstUnanswered)) firstUnanswered++
    if (firstUnanswered > total) firstUnanswered = null
    return {
      status: 'in_progress',
      attemptId: open.id,
      startedAt: open.startedAt,
      endsAt: open.endsAt,
      answered: rows.length,
      total,
      firstUnanswered,
    }
  }
  if (completed?.submittedAt) {
    const validity = resultValidity(completed.submittedAt, ctx.now, timeZone)
    if (validity.valid) {
      const hidden =
        kind === 'written_test' && !(c && writtenTestPublished(c.batch.writtenTestPublishedAt, ctx.now))
      return {
        status: 'completed',
        attemptId: completed.id,
        completedAt: completed.submittedAt,
        validUntil: validity.validUntil,
        reused: !c || completed.registrationId !== c.registration.id,
        submitReason: completed.submitReason,
        score: hidden ? null : completed.score,
        scoreHidden: hidden,
      }
    }
  }
  if (!c) return { status: 'unavailable', reason: 'no_registration' }
  if (c.registration.state !== 'registered') return { status: 'unavailable', reason: 'registration_state' }
  const config = c.configs[kind]
  if (!config) return { status: 'unavailable', reason: 'not_configured' }
  if (ctx.now.getTime() >= c.batch.assessmentDeadline.getTime()) return { status: 'unavailable', reason: 'deadline_passed' }
  const drawable = await loadDrawableQuestions(
    ctx.db,
    c.institution.id,
    kind,
    config.sources.map((s) => s.bankId),
  )
  const questionCount = plannedQuestionCount(config, drawable)
  if (questionCount === 0) return { status: 'unavailable', reason: 'not_configured' }
  return { status: 'available', questionCount, timeLimitMinutes: config.timeLimitMinutes }
}
