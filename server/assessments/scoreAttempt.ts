import { scaleScoreRecord, scoreInventory, scoreWrittenTest, type ScoredItem } from '../../domain/assessmentScoring'
import type { AttemptItem } from '../db/schema'
import type { AssessmentKind } from './kinds'
import type { QuestionVersion } from './records'

export type AttemptScore = {
  correctCount: number | null
  /** Written test: percent correct. Inventories: the overall mean on the item scale. */
  score: number | null
  scaleScores: Record<string, number> | null
}

/** Scores an attempt from its items' question versions and the saved answers (by position). */
export function scoreAttempt(
  kind: AssessmentKind,
  items: readonly AttemptItem[],
  versions: ReadonlyMap<string, QuestionVersion>,
  answers: ReadonlyMap<number, string>,
): AttemptScore {
  const scored: ScoredItem[] = items.map((item) => {
    const v = versions.get(item.questionVersionId)
    if (!v) throw new Error(`Question version ${item.questionVersionId} of an attempt is missing`)
    return {
      type: v.type,
      options: v.options,
      correctOptionKey: v.correctOptionKey,
      scaleCode: v.scaleCode,
      reverseScored: v.reverseScored,
    }
  })
  if (kind === 'written_test') {
    const s = scoreWrittenTest(scored, answers)
    return { correctCount: s.correctCount, score: s.percent, scaleScores: null }
  }
  const s = scoreInventory(scored, answers)
  return { correctCount: null, score: s.overall, scaleScores: scaleScoreRecord(s) }
}
