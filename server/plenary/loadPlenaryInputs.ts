import { and, eq, inArray, isNotNull, lte } from 'drizzle-orm'
import { OVERALL } from '../../domain/assessmentScoring'
import type { RankingCandidate } from '../../domain/ranking'
import type { DbOrTx } from '../db/client'
import {
  assessmentAttempt,
  candidateProfile,
  interviewAssignment,
  interviewScorecard,
  registration,
  userAccount,
  writtenTestResult,
} from '../db/schema'
import { getSelectionSettings } from '../selection/selectionSettings'
import { resultValidity } from '../assessments/records'
import type { BatchWithProgramme } from '../registrations/registrationChecks'

// What the plenary ranks, read in one place (docs/decisions/012):
//  - who: the batch's registrations in written_test_passed, invited_to_interview or
//    interviewed (those who passed the written test and were not yet decided);
//  - the written score: the published `written_test_result` (what the candidate was told);
//  - the interview score: the mean of the candidate's *submitted* scorecards' totals,
//    computed in whole hundredths and rounded half up to a hundredth (a reopened
//    scorecard, not yet submitted again, does not count and is flagged);
//  - absent: the interview assignment's attendance 'absent';
//  - the self-assessment (only when its weight is not zero): the overall mean of the
//    Asesmen Penilaian Diri that counts for the registration (the latest completed by the
//    batch's assessment deadline and still valid when the candidate registered, as the
//    staff report reads it), a mean on the 1–5 Likert scale turned into 0–100:
//    (mean − 1) / 4 × 100, exact in hundredths because the mean has two decimals;
//  - the birth date: the candidate's profile.

export const PLENARY_STATES = ['written_test_passed', 'invited_to_interview', 'interviewed'] as const

export interface PlenaryCandidate {
  registrationId: string
  number: string
  state: string
  fullName: string
  birthDate: string
  /** Hundredths (0–10000) or null. */
  writtenTestH: number | null
  interviewH: number | null
  selfAssessmentH: number | null
  interviewAbsent: boolean
  /** Submitted scorecards counted in the interview mean. */
  scorecards: number
  /** Scorecards started or reopened but not submitted. */
  pendingScorecards: number
}

export interface PlenaryInputs {
  weights: { writtenTest: number; interview: number; selfAssessment: number }
  passMarkH: number
  quota: number
  reserveCount: number
  candidates: PlenaryCandidate[]
}

const h = (score: number) => Math.round(score * 100)

/** Mean of hundredths, rounded half up to a whole hundredth, in integers. */
export function meanHundredths(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sum = values.reduce((a, b) => a + b, 0)
  return Math.floor((2 * sum + values.length) / (2 * values.length))
}

/** A 1–5 Likert mean (two decimals) as a 0–100 score in hundredths: (mean − 1) / 4 × 100. */
export function likertMeanToHundredths(mean: number): number {
  const clamped = Math.min(500, Math.max(100, h(mean)))
  return (clamped - 100) * 25
}

export async function loadPlenaryInputs(db: DbOrTx, b: BatchWithProgramme): Promise<PlenaryInputs> {
  const batchId = b.batch.id
  const settings = await getSelectionSettings(db, batchId)
  const rows = await db
    .select({
      id: registration.id,
      number: registration.number,
      state: registration.state,
      candidateId: registration.candidateId,
      createdAt: registration.createdAt,
      fullName: candidateProfile.fullName,
      displayName: userAccount.displayName,
      birthDate: candidateProfile.birthDate,
      written: writtenTestResult.score,
      writtenPassMark: writtenTestResult.passMark,
      attendance: interviewAssignment.attendance,
    })
    .from(registration)
    .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
    .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
    .leftJoin(writtenTestResult, eq(writtenTestResult.registrationId, registration.id))
    .leftJoin(interviewAssignment, eq(interviewAssignment.registrationId, registration.id))
    .where(and(eq(registration.batchId, batchId), inArray(registration.state, [...PLENARY_STATES])))

  const ids = rows.map((r) => r.id)
  const cards = ids.length
    ? await db
        .select({ registrationId: interviewScorecard.registrationId, total: interviewScorecard.total, submittedAt: interviewScorecard.submittedAt })
        .from(interviewScorecard)
        .where(and(eq(interviewScorecard.batchId, batchId), inArray(interviewScorecard.registrationId, ids)))
    : []
  const submitted = new Map<string, number[]>()
  const pending = new Map<string, number>()
  for (const c of cards) {
    if (c.submittedAt) (submitted.get(c.registrationId) ?? submitted.set(c.registrationId, []).get(c.registrationId)!).push(h(c.total))
    else pending.set(c.registrationId, (pending.get(c.registrationId) ?? 0) + 1)
  }

  const self = new Map<string, number>()
  if (settings.weights.selfAssessment > 0 && rows.length > 0) {
    const attempts = await db
      .select({
        candidateId: assessmentAttempt.candidateId,
        submittedAt: assessmentAttempt.submittedAt,
        scaleScores: assessmentAttempt.scaleScores,
        score: assessmentAttempt.score,
      })
      .from(assessmentAttempt)
      .where(
        and(
          inArray(assessmentAttempt.candidateId, [...new Set(rows.map((r) => r.candidateId))]),
          eq(assessmentAttempt.kind, 'self_assessment'),
          isNotNull(assessmentAttempt.submittedAt),
          lte(assessmentAttempt.submittedAt, b.batch.assessmentDeadline),
        ),
      )
    for (const r of rows) {
      const counted = attempts
        .filter((a) => a.candidateId === r.candidateId && resultValidity(a.submittedAt!, r.createdAt, b.institution.timeZone).valid)
        .sort((x, y) => y.submittedAt!.getTime() - x.submittedAt!.getTime())[0]
      const mean = counted ? (counted.scaleScores?.[OVERALL] ?? counted.score) : null
      if (mean !== null && mean !== undefined) self.set(r.id, likertMeanToHundredths(mean))
    }
  }

  const published = rows.map((r) => r.writtenPassMark).find((p): p is number => p !== null && p !== undefined)
  const passMark = settings.passMark ?? published ?? 0
  return {
    weights: settings.weights,
    passMarkH: h(passMark),
    quota: b.batch.quota,
    reserveCount: b.batch.reserveCount,
    candidates: rows
      .map((r) => ({
        registrationId: r.id,
        number: r.number,
        state: r.state,
        fullName: r.fullName ?? r.displayName,
        birthDate: r.birthDate ?? '',
        writtenTestH: r.written === null ? null : h(r.written),
        interviewH: meanHundredths(submitted.get(r.id) ?? []),
        selfAssessmentH: self.get(r.id) ?? null,
        interviewAbsent: r.attendance === 'absent',
        scorecards: submitted.get(r.id)?.length ?? 0,
        pendingScorecards: pending.get(r.id) ?? 0,
      }))
      .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0)),
  }
}

/** The candidates as rankBatch reads them (scores back from hundredths: exact, two decimals). */
export function toRankingCandidates(candidates: readonly PlenaryCandidate[]): RankingCandidate[] {
  return candidates.map((c) => ({
    registrationId: c.registrationId,
    birthDate: c.birthDate,
    writtenTest: c.writtenTestH === null ? null : c.writtenTestH / 100,
    interview: c.interviewH === null ? null : c.interviewH / 100,
    selfAssessment: c.selfAssessmentH === null ? null : c.selfAssessmentH / 100,
    interviewAbsent: c.interviewAbsent,
  }))
}
