import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import { nextAttemptAllowedAt } from '../../domain/retake'
import { formatZonedDateTime } from '../../domain/zonedTime'
import type { DbOrTx } from '../db/client'
import { assessmentAttempt, assessmentKind, questionVersion } from '../db/schema'
import type { AssessmentKind } from './kinds'

// The kinds the pages know must be the database enum's.
const _kindsMatch: readonly AssessmentKind[] = assessmentKind.enumValues
void _kindsMatch

export type Attempt = typeof assessmentAttempt.$inferSelect
export type QuestionVersion = typeof questionVersion.$inferSelect

export async function loadAttempt(db: DbOrTx, attemptId: string): Promise<Attempt | null> {
  const [row] = await db.select().from(assessmentAttempt).where(eq(assessmentAttempt.id, attemptId))
  return row ?? null
}

/** The candidate's open (not submitted) attempt of a kind; at most one by the partial unique index. */
export async function findOpenAttempt(db: DbOrTx, candidateId: string, kind: AssessmentKind): Promise<Attempt | null> {
  const [row] = await db
    .select()
    .from(assessmentAttempt)
    .where(
      and(
        eq(assessmentAttempt.candidateId, candidateId),
        eq(assessmentAttempt.kind, kind),
        isNull(assessmentAttempt.submittedAt),
      ),
    )
  return row ?? null
}

/** Every open attempt of a candidate (one per kind at most). */
export async function findOpenAttempts(db: DbOrTx, candidateId: string): Promise<Attempt[]> {
  return db
    .select()
    .from(assessmentAttempt)
    .where(and(eq(assessmentAttempt.candidateId, candidateId), isNull(assessmentAttempt.submittedAt)))
}

/**
 * The last completed attempt of each kind for a candidate — across every institution
 * and batch, since the six-month rule follows the person.
 */
export async function latestCompletedAttempts(
  db: DbOrTx,
  candidateId: string,
): Promise<Partial<Record<AssessmentKind, Attempt>>> {
  const rows = await db
    .select()
    .from(assessmentAttempt)
    .where(and(eq(assessmentAttempt.candidateId, candidateId), isNotNull(assessmentAttempt.submittedAt)))
    .orderBy(desc(assessmentAttempt.submittedAt))
  const latest: Partial<Record<AssessmentKind, Attempt>> = {}
  for (const row of rows) latest[row.kind] ??= row
  return latest
}

export type ResultValidity = { validUntil: Date; valid: boolean }

/**
 * A completed result is valid — reused by any registration and not taken again — until
 * the candidate may retake it: six calendar months later in the centre's zone.
 */
export function resultValidity(submittedAt: Date, now: Date, timeZone: string): ResultValidity {
  const validUntil = nextAttemptAllowedAt(submittedAt, timeZone)
  return { validUntil, valid: now.getTime() < validUntil.getTime() }
}

export function retakeMessage(allowedAt: Date, timeZone: string): string {
  return `Asesmen ini dapat diikuti lagi mulai ${formatZonedDateTime(allowedAt, timeZone, 'id', { at: true })}.`
}

/** The question versions an attempt uses, by id. */
export async function loadVersions(db: DbOrTx, versionIds: readonly string[]): Promise<Map<string, QuestionVersion>> {
  if (versionIds.length === 0) return new Map()
  const rows = await db
    .select()
    .from(questionVersion)
    .where(inArray(questionVersion.id, [...new Set(versionIds)]))
  return new Map(rows.map((r) => [r.id, r]))
}

/** Whether the attempt's time is over at `now` (an attempt without an end never expires). */
export function isExpired(attempt: Pick<Attempt, 'endsAt'>, now: Date): boolean {
  return attempt.endsAt !== null && now.getTime() >= attempt.endsAt.getTime()
}
