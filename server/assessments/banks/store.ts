import { and, asc, eq, inArray, isNull, max, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { question, questionBank, questionVersion } from '../../db/schema'
import { NotFoundError } from '../../errors'
import { nextCodeFrom } from './questionRules'

/** Database helpers shared by the bank use cases (not use cases themselves). */

export const BANK_NOT_FOUND = 'Bank soal tidak ditemukan.'
export const QUESTION_NOT_FOUND = 'Soal tidak ditemukan.'

export type BankRow = typeof questionBank.$inferSelect
export type QuestionRow = typeof question.$inferSelect
export type VersionRow = typeof questionVersion.$inferSelect

export async function findBank(db: DbOrTx, bankId: string, lock = false): Promise<BankRow> {
  const query = db.select().from(questionBank).where(eq(questionBank.id, bankId))
  // Locking the bank serialises writers that number questions (positions, codes).
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw new NotFoundError(BANK_NOT_FOUND)
  return row
}

/** Every question of a bank with its current version, in bank order. */
export async function questionsWithCurrentVersion(db: DbOrTx, bankId: string) {
  return db
    .select({ question, version: questionVersion })
    .from(question)
    .innerJoin(
      questionVersion,
      and(eq(questionVersion.questionId, question.id), eq(questionVersion.version, question.currentVersion)),
    )
    .where(eq(question.bankId, bankId))
    .orderBy(asc(question.position), asc(question.code))
}

export async function nextPosition(db: DbOrTx, bankId: string): Promise<number> {
  const [row] = await db.select({ top: max(question.position) }).from(question).where(eq(question.bankId, bankId))
  return (row?.top ?? 0) + 1
}

/** The next free code like 'UMUM-031' (the bank code and a three-digit number). */
export async function nextQuestionCode(db: DbOrTx, bank: BankRow): Promise<string> {
  const rows = await db.select({ code: question.code }).from(question).where(eq(question.bankId, bank.id))
  return nextCodeFrom(bank.code, rows.map((r) => r.code))
}

/** Active-question counts per bank. */
export async function activeCounts(db: DbOrTx, bankIds: string[]): Promise<Map<string, number>> {
  if (bankIds.length === 0) return new Map()
  const rows = await db
    .select({ bankId: question.bankId, n: sql<number>`count(*)::int` })
    .from(question)
    .where(and(inArray(question.bankId, bankIds), isNull(question.archivedAt)))
    .groupBy(question.bankId)
  return new Map(rows.map((r) => [r.bankId, Number(r.n)]))
}

/**
 * Image keys already used by a question of this institution. An imported row may only
 * point at an image that exists, i.e. one uploaded through a question form before.
 */
export async function knownImageKeys(db: DbOrTx, institutionId: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set()
  const rows = await db
    .selectDistinct({ key: questionVersion.imageKey })
    .from(questionVersion)
    .innerJoin(question, eq(question.id, questionVersion.questionId))
    .innerJoin(questionBank, eq(questionBank.id, question.bankId))
    .where(and(eq(questionBank.institutionId, institutionId), inArray(questionVersion.imageKey, keys)))
  return new Set(rows.map((r) => r.key).filter((k): k is string => !!k))
}

/** Scale codes used by the active questions of a bank (current versions), with their codes. */
export async function scalesInUse(db: DbOrTx, bankId: string): Promise<Map<string, string[]>> {
  const rows = await questionsWithCurrentVersion(db, bankId)
  const used = new Map<string, string[]>()
  for (const { question: q, version } of rows) {
    if (q.archivedAt || !version.scaleCode) continue
    const list = used.get(version.scaleCode) ?? []
    list.push(q.code)
    used.set(version.scaleCode, list)
  }
  return used
}

/** What an audit row says about a version. */
export function versionSnapshot(code: string, v: Omit<VersionRow, 'id' | 'questionId' | 'createdAt' | 'createdBy'>) {
  return {
    code,
    version: v.version,
    type: v.type,
    stem: v.stem,
    imageKey: v.imageKey,
    options: v.options,
    correctOptionKey: v.correctOptionKey,
    scaleCode: v.scaleCode,
    reverseScored: v.reverseScored,
  }
}
