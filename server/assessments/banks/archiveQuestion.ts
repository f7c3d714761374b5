import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../../audit'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { batch, batchAssessment, programme, question, questionBank } from '../../db/schema'
import { ConflictError, NotFoundError } from '../../errors'
import { QUESTION_NOT_FOUND } from './store'
import { parseInput } from './validate'

const Input = z.object({ questionId: z.uuid() })

/**
 * Take a question out of new draws. Attempts that already used it keep it. Refused when
 * a batch whose assessments are still running draws more questions from the bank than
 * would remain.
 */
export async function archiveQuestion(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<{ changed: boolean }> {
  const value = parseInput(Input, input)
  const [found] = await ctx.db
    .select({ question, bank: questionBank })
    .from(question)
    .innerJoin(questionBank, eq(questionBank.id, question.bankId))
    .where(eq(question.id, value.questionId))
  if (!found) throw new NotFoundError(QUESTION_NOT_FOUND)
  const { bank } = found
  authorize(ctx.actor, 'programme.manage', { institutionId: bank.institutionId })

  return ctx.db.transaction(async (tx) => {
    const [q] = await tx.select().from(question).where(eq(question.id, value.questionId)).for('update')
    if (!q) throw new NotFoundError(QUESTION_NOT_FOUND)
    if (q.archivedAt) return { changed: false }

    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(question)
      .where(and(eq(question.bankId, bank.id), isNull(question.archivedAt)))) as [{ n: number }]
    const remaining = Number(n) - 1
    const running = await tx
      .select({
        sources: batchAssessment.sources,
        year: batch.year,
        number: batch.number,
        programmeName: programme.name,
      })
      .from(batchAssessment)
      .innerJoin(batch, eq(batch.id, batchAssessment.batchId))
      .innerJoin(programme, eq(programme.id, batch.programmeId))
      .where(and(eq(batchAssessment.kind, bank.kind), gt(batch.assessmentDeadline, ctx.now)))
    const blocking = running.filter((r) => r.sources.some((s) => s.bankId === bank.id && s.count > remaining))
    if (blocking.length > 0) {
      const names = blocking.map((b) => `${b.programmeName} ${b.year}/${b.number}`).join(', ')
      throw new ConflictError(
        `Soal ${q.code} tidak dapat diarsipkan: gelombang ${names} mengambil lebih dari ${remaining} soal dari bank ini. Kurangi jumlah soal di pengaturan asesmen gelombang itu dulu.`,
      )
    }

    await tx.update(question).set({ archivedAt: ctx.now }).where(eq(question.id, q.id))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'question.archive',
      entityType: 'question',
      entityId: q.id,
      institutionId: bank.institutionId,
      before: { code: q.code, archivedAt: null },
      after: { code: q.code, archivedAt: ctx.now.toISOString() },
    })
    return { changed: true }
  })
}
