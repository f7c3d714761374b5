import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import { SYSTEM } from '../auth/actor'
import type { UseCaseContext } from '../context'
import type { DbOrTx } from '../db/client'
import { batchAssessment, question, questionBank, questionVersion } from '../db/schema'
import { findActiveRegistration, loadBatch } from '../registrations/registrationChecks'
import type { AssessmentKind } from './kinds'
import { findOpenAttempts, isExpired } from './records'
import { submitAttempt } from './submitAttempt'

// What the candidate pages and the use cases read about a candidate's assessments:
// the active registration with its batch and the batch's configuration per kind.

export type BatchAssessmentConfig = typeof batchAssessment.$inferSelect

export async function loadActiveContext(db: DbOrTx, candidateId: string) {
  const active = await findActiveRegistration(db, candidateId)
  if (!active) return null
  const b = await loadBatch(db, active.registration.batchId)
  if (!b) return null
  const configs = await db.select().from(batchAssessment).where(eq(batchAssessment.batchId, b.batch.id))
  const byKind: Partial<Record<AssessmentKind, BatchAssessmentConfig>> = {}
  for (const c of configs) byKind[c.kind] = c
  return { registration: active.registration, ...b, configs: byKind }
}

export type ActiveContext = NonNullable<Awaited<ReturnType<typeof loadActiveContext>>>

/**
 * Closes the candidate's attempts whose time is over, from their saved answers: the
 * lazy half of "submitted when time runs out" (the job is the other half). Acts as the
 * system, since the time limit closes the attempt, not whoever happens to look.
 */
export async function closeExpiredAttempts(ctx: UseCaseContext, candidateId: string): Promise<number> {
  const open = await findOpenAttempts(ctx.db, candidateId)
  let closed = 0
  for (const attempt of open) {
    if (!isExpired(attempt, ctx.now)) continue
    const r = await submitAttempt({ ...ctx, actor: SYSTEM }, { attemptId: attempt.id, reason: 'time_up' })
    if (r.submitted) closed++
  }
  return closed
}

export type DrawableQuestion = {
  bankId: string
  questionId: string
  versionId: string
  optionKeys: string[]
}

/** The questions a configuration may draw from: current versions, in each bank's order. */
export async function loadDrawableQuestions(
  db: DbOrTx,
  institutionId: string,
  kind: AssessmentKind,
  bankIds: readonly string[],
): Promise<Map<string, DrawableQuestion[]>> {
  const byBank = new Map<string, DrawableQuestion[]>()
  if (bankIds.length === 0) return byBank
  const rows = await db
    .select({
      bankId: question.bankId,
      questionId: question.id,
      versionId: questionVersion.id,
      options: questionVersion.options,
    })
    .from(question)
    .innerJoin(questionBank, eq(questionBank.id, question.bankId))
    .innerJoin(
      questionVersion,
      and(eq(questionVersion.questionId, question.id), eq(questionVersion.version, question.currentVersion)),
    )
    .where(
      and(
        inArray(question.bankId, [...bankIds]),
        isNull(question.archivedAt),
        // Only the institution's own banks of the right kind, whatever the configuration says.
        eq(questionBank.institutionId, institutionId),
        eq(questionBank.kind, kind),
      ),
    )
    .orderBy(asc(question.position), asc(question.code))
  for (const r of rows) {
    const list = byBank.get(r.bankId) ?? []
    list.push({ bankId: r.bankId, questionId: r.questionId, versionId: r.versionId, optionKeys: r.options.map((o) => o.key) })
    byBank.set(r.bankId, list)
  }
  return byBank
}

/** How many questions an attempt of this configuration gets. */
export function plannedQuestionCount(
  config: Pick<BatchAssessmentConfig, 'sources'>,
  drawable: ReadonlyMap<string, readonly DrawableQuestion[]>,
): number {
  return config.sources.reduce((n, s) => n + Math.min(s.count, drawable.get(s.bankId)?.length ?? 0), 0)
}

/** When an attempt started at `start` ends: the earlier of the time limit and the deadline. */
export function attemptEnd(start: Date, timeLimitMinutes: number | null, deadline: Date): { endsAt: Date; cutShort: boolean } {
  if (timeLimitMinutes === null) return { endsAt: deadline, cutShort: false }
  const full = start.getTime() + timeLimitMinutes * 60_000
  return full <= deadline.getTime() ? { endsAt: new Date(full), cutShort: false } : { endsAt: deadline, cutShort: true }
}
