import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import { passesWrittenTest } from '../../domain/assessmentScoring'
import { resultValidity, type Attempt } from '../assessments/records'
import type { DbOrTx } from '../db/client'
import { assessmentAttempt, candidateProfile, registration, userAccount } from '../db/schema'

// Which written test counts for a registration, read the way the committee's assessment
// report reads it (server/assessments/getBatchAssessmentReport.ts): the latest attempt
// submitted by the batch's assessment deadline that was still valid (six-month rule)
// when the candidate registered — taken for this batch, or reused from an earlier one.

export interface BatchRegistrationRow {
  registrationId: string
  number: string
  state: string
  candidateId: string
  createdAt: Date
  fullName: string
  email: string
}

/** Every registration of a batch with the candidate's name and e-mail, by number. */
export async function loadBatchRegistrations(db: DbOrTx, batchId: string): Promise<BatchRegistrationRow[]> {
  return db
    .select({
      registrationId: registration.id,
      number: registration.number,
      state: registration.state,
      candidateId: registration.candidateId,
      createdAt: registration.createdAt,
      fullName: sql<string>`coalesce(${candidateProfile.fullName}, ${userAccount.displayName})`,
      email: userAccount.email,
    })
    .from(registration)
    .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
    .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
    .where(eq(registration.batchId, batchId))
    .orderBy(asc(registration.number))
}

export interface CountedWrittenTest {
  attemptId: string
  /** Percent correct, rounded to two decimals: what the candidate is told. */
  score: number
  /** Taken for another batch and reused under the six-month rule. */
  reused: boolean
  submittedAt: Date
}

/** Percent with at most two decimals (the stored attempt score is a float). */
export function roundScore(score: number): number {
  return Math.round(score * 100) / 100
}

export function writtenTestPassed(score: number, passMark: number): boolean {
  return passesWrittenTest(score, passMark)
}

/** The counted written test of each registration given (registration id → result). */
export async function countedWrittenTests(
  db: DbOrTx,
  input: {
    batchId: string
    deadline: Date
    timeZone: string
    registrations: ReadonlyArray<Pick<BatchRegistrationRow, 'registrationId' | 'candidateId' | 'createdAt'>>
  },
): Promise<Map<string, CountedWrittenTest>> {
  const counted = new Map<string, CountedWrittenTest>()
  const candidateIds = [...new Set(input.registrations.map((r) => r.candidateId))]
  if (candidateIds.length === 0) return counted
  const attempts: Attempt[] = await db
    .select()
    .from(assessmentAttempt)
    .where(
      and(
        inArray(assessmentAttempt.candidateId, candidateIds),
        eq(assessmentAttempt.kind, 'written_test'),
        lte(assessmentAttempt.startedAt, input.deadline),
      ),
    )
  for (const r of input.registrations) {
    const best = attempts
      .filter(
        (a) =>
          a.candidateId === r.candidateId &&
          a.submittedAt !== null &&
          a.score !== null &&
          a.submittedAt.getTime() <= input.deadline.getTime() &&
          resultValidity(a.submittedAt, r.createdAt, input.timeZone).valid,
      )
      .sort((x, y) => y.submittedAt!.getTime() - x.submittedAt!.getTime())[0]
    if (best) {
      counted.set(r.registrationId, {
        attemptId: best.id,
        score: roundScore(best.score!),
        reused: best.batchId !== input.batchId,
        submittedAt: best.submittedAt!,
      })
    }
  }
  return counted
}
