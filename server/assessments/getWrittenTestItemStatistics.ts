import { and, eq, inArray, isNotNull } from 'drizzle-orm'
import { z } from 'zod'
import { itemStatistics, type ItemFlag } from '../../domain/itemStatistics'
import type { UseCaseContext } from '../context'
import { assessmentAttempt, attemptAnswer, question, questionBank, questionVersion } from '../db/schema'
import { NotFoundError } from '../errors'
import { loadBatch } from '../registrations/registrationChecks'
import { authorizeStaffReport } from './access'
import { parseInput } from '../validation'

const Input = z.object({ batchId: z.uuid('Gelombang tidak dikenal.') })

export type ItemStatisticRow = {
  questionVersionId: string
  questionCode: string
  version: number
  bankTitle: string
  stem: string
  correctOptionKey: string | null
  /** Attempts given the item, and how many chose each option (and left it blank). */
  n: number
  choices: Array<{ key: string; text: string; count: number; correct: boolean }>
  blank: number
  pCorrect: number
  discrimination: number | null
  pointBiserial: number | null
  flags: ItemFlag[]
}

export type WrittenTestItemStatistics = { attempts: number; items: ItemStatisticRow[] }

/**
 * Per-question statistics of the written test taken for a batch — share correct,
 * discrimination (upper–lower 27 % and point-biserial) and how often each option was
 * chosen — so the committee can spot a bad question. Staff only; it shows the key.
 */
export async function getWrittenTestItemStatistics(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<WrittenTestItemStatistics> {
  const valid = parseInput(Input, input, { field: 'batchId' })
  const b = await loadBatch(ctx.db, valid.batchId)
  if (!b) throw new NotFoundError('Gelombang tidak ditemukan.')
  authorizeStaffReport(ctx.actor, b.batch.institutionId)

  const attempts = await ctx.db
    .select({ id: assessmentAttempt.id, items: assessmentAttempt.items })
    .from(assessmentAttempt)
    .where(
      and(
        eq(assessmentAttempt.batchId, b.batch.id),
        eq(assessmentAttempt.kind, 'written_test'),
        isNotNull(assessmentAttempt.submittedAt),
      ),
    )
  if (attempts.length === 0) return { attempts: 0, items: [] }
  const answers = await ctx.db
    .select({ attemptId: attemptAnswer.attemptId, position: attemptAnswer.position, answer: attemptAnswer.answer })
    .from(attemptAnswer)
    .where(
      inArray(
        attemptAnswer.attemptId,
        attempts.map((a) => a.id),
      ),
    )
  const answerOf = new Map(answers.map((a) => [`${a.attemptId}:${a.position}`, a.answer]))
  const versionIds = [...new Set(attempts.flatMap((a) => a.items.map((i) => i.questionVersionId)))]
  const versions = await ctx.db
    .select({ version: questionVersion, code: question.code, position: question.position, bankTitle: questionBank.title })
    .from(questionVersion)
    .innerJoin(question, eq(question.id, questionVersion.questionId))
    .innerJoin(questionBank, eq(questionBank.id, question.bankId))
    .where(inArray(questionVersion.id, versionIds))
  const byId = new Map(versions.map((v) => [v.version.id, v]))

  const chosen = new Map<string, Map<string, number>>()
  const responses = attempts.map((a) => {
    const items = a.items.map((item, index) => {
      const answer = answerOf.get(`${a.id}:${index + 1}`) ?? null
      const counts = chosen.get(item.questionVersionId) ?? new Map<string, number>()
      counts.set(answer ?? '', (counts.get(answer ?? '') ?? 0) + 1)
      chosen.set(item.questionVersionId, counts)
      const key = byId.get(item.questionVersionId)?.version.correctOptionKey ?? null
      return { itemId: item.questionVersionId, correct: answer !== null && answer === key }
    })
    return { correctCount: items.filter((i) => i.correct).length, total: items.length, items }
  })

  const rows: ItemStatisticRow[] = itemStatistics(responses).map((s) => {
    const v = byId.get(s.itemId)
    const counts = chosen.get(s.itemId) ?? new Map<string, number>()
    return {
      questionVersionId: s.itemId,
      questionCode: v?.code ?? '?',
      version: v?.version.version ?? 0,
      bankTitle: v?.bankTitle ?? '',
      stem: v?.version.stem ?? '',
      correctOptionKey: v?.version.correctOptionKey ?? null,
      n: s.n,
      choices: (v?.version.options ?? []).map((o) => ({
        key: o.key,
        text: o.text,
        count: counts.get(o.key) ?? 0,
        correct: o.key === v?.version.correctOptionKey,
      })),
      blank: counts.get('') ?? 0,
      pCorrect: s.pCorrect,
      discrimination: s.discrimination,
      pointBiserial: s.pointBiserial,
      flags: s.flags,
    }
  })
  // Questions to review first, then by bank and code.
  rows.sort(
    (a, b) =>
      Number(b.flags.length > 0) - Number(a.flags.length > 0) ||
      a.bankTitle.localeCompare(b.bankTitle) ||
      a.questionCode.localeCompare(b.questionCode) ||
      a.version - b.version,
  )
  return { attempts: attempts.length, items: rows }
}
