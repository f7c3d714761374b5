import { and, eq, inArray, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { potentialProfile, OVERALL, type PotentialProfile } from '../../domain/assessmentScoring'
import { FALLBACK_TIME_ZONE } from '../../domain/zonedTime'
import type { UseCaseContext } from '../context'
import type { DbOrTx } from '../db/client'
import { batch, batchAssessment, programme, question, questionBank, questionVersion, type BankScale } from '../db/schema'
import { authorizeReadOwn } from './access'
import { closeExpiredAttempts, loadActiveContext } from './candidateAssessments'
import { writtenTestPublished } from './getAssessmentOverview'
import { latestCompletedAttempts, resultValidity, type Attempt } from './records'
import { parseInput } from '../validation'

const Input = z.object({ candidateId: z.uuid('Calon peserta tidak dikenal.') })

type Base = { attemptId: string; completedAt: Date; validUntil: Date; valid: boolean; submitReason: string | null }

export type ScaleResult = { code: string; name: string; description: string; mean: number }

export type AssessmentResults = {
  now: Date
  timeZone: string
  selfAssessment: (Base & { overall: number | null; scales: ScaleResult[] }) | null
  potential:
    | (Base & {
        overall: number | null
        profile: PotentialProfile
        /** Programmes of the centre in the suggested fields, for /program?bidang=… links. */
        suggestedProgrammes: Array<{ id: string; code: string; name: string; vocationalField: string }>
      })
    | null
  writtenTest:
    | (Base &
        (
          | { published: true; score: number | null; correctCount: number | null; total: number; passMark: number | null }
          | { published: false; expectedAfter: Date | null }
        ))
    | null
}

/**
 * The candidate's result page: self-assessment and potential profile (with suggested
 * programmes) as soon as they are submitted; the written-test score only once the
 * committee has published the results of the batch, before that when to expect them.
 */
export async function getAssessmentResults(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<AssessmentResults> {
  const { candidateId } = parseInput(Input, input, { field: 'candidateId' })
  authorizeReadOwn(ctx.actor, candidateId)
  await closeExpiredAttempts(ctx, candidateId)

  const [c, latest] = await Promise.all([loadActiveContext(ctx.db, candidateId), latestCompletedAttempts(ctx.db, candidateId)])
  const timeZone = c?.institution.timeZone ?? FALLBACK_TIME_ZONE
  const base = (a: Attempt): Base => {
    const v = resultValidity(a.submittedAt!, ctx.now, timeZone)
    return { attemptId: a.id, completedAt: a.submittedAt!, validUntil: v.validUntil, valid: v.valid, submitReason: a.submitReason }
  }

  let selfAssessment: AssessmentResults['selfAssessment'] = null
  const self = latest.self_assessment
  if (self) {
    const scales = await scalesOf(ctx.db, self)
    selfAssessment = {
      ...base(self),
      overall: self.scaleScores?.[OVERALL] ?? self.score,
      scales: scales
        .filter((s) => typeof self.scaleScores?.[s.code] === 'number')
        .map((s) => ({ code: s.code, name: s.name, description: s.description, mean: self.scaleScores![s.code]! })),
    }
  }

  let potential: AssessmentResults['potential'] = null
  const pot = latest.potential
  if (pot) {
    const scales = await scalesOf(ctx.db, pot)
    const profile = potentialProfile(scales, pot.scaleScores ?? {})
    const suggestedProgrammes =
      profile.suggestedFields.length === 0
        ? []
        : await ctx.db
            .select({ id: programme.id, code: programme.code, name: programme.name, vocationalField: programme.vocationalField })
            .from(programme)
            .where(
              and(
                eq(programme.institutionId, c?.institution.id ?? pot.institutionId),
                inArray(programme.vocationalField, profile.suggestedFields),
                isNull(programme.archivedAt),
              ),
            )
            .orderBy(programme.name)
    potential = { ...base(pot), overall: pot.scaleScores?.[OVERALL] ?? pot.score, profile, suggestedProgrammes }
  }

  let writtenTest: AssessmentResults['writtenTest'] = null
  const wt = latest.written_test
  if (wt) {
    // Results are published per batch: the batch of the active registration, or for a
    // candidate without one, the batch the test was taken for.
    const batchId = c?.batch.id ?? wt.batchId
    const [b] = await ctx.db
      .select({
        publishedAt: batch.writtenTestPublishedAt,
        deadline: batch.assessmentDeadline,
        passMark: batchAssessment.passMark,
      })
      .from(batch)
      .leftJoin(batchAssessment, and(eq(batchAssessment.batchId, batch.id), eq(batchAssessment.kind, 'written_test')))
      .where(eq(batch.id, batchId))
    writtenTest =
      b && writtenTestPublished(b.publishedAt, ctx.now)
        ? {
            ...base(wt),
            published: true,
            score: wt.score,
            correctCount: wt.correctCount,
            total: wt.items.length,
            passMark: b.passMark ?? null,
          }
        : { ...base(wt), published: false, expectedAfter: b?.deadline ?? null }
  }

  return { now: ctx.now, timeZone, selfAssessment, potential, writtenTest }
}

/** The scales of the banks an attempt's questions come from, merged by code in bank order. */
async function scalesOf(db: DbOrTx, attempt: Attempt): Promise<BankScale[]> {
  const versionIds = attempt.items.map((i) => i.questionVersionId)
  if (versionIds.length === 0) return []
  const banks = await db
    .selectDistinct({ id: questionBank.id, scales: questionBank.scales, code: questionBank.code })
    .from(questionVersion)
    .innerJoin(question, eq(question.id, questionVersion.questionId))
    .innerJoin(questionBank, eq(questionBank.id, question.bankId))
    .where(inArray(questionVersion.id, versionIds))
    .orderBy(questionBank.code)
  const merged = new Map<string, BankScale>()
  for (const b of banks) for (const s of b.scales) if (!merged.has(s.code)) merged.set(s.code, s)
  // A scale code used by items but not described by the bank still shows, by its code.
  for (const code of Object.keys(attempt.scaleScores ?? {})) {
    if (code !== OVERALL && !merged.has(code)) merged.set(code, { code, name: code, description: '', suggestedFields: [] })
  }
  return [...merged.values()]
}
