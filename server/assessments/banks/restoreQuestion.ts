import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../../audit'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { question, questionBank, questionVersion } from '../../db/schema'
import { ConflictError, NotFoundError } from '../../errors'
import { QUESTION_NOT_FOUND } from './store'
import { parseInput } from './validate'

const Input = z.object({ questionId: z.uuid() })

/** Bring an archived question back into new draws. */
export async function restoreQuestion(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<{ changed: boolean }> {
  const value = parseInput(Input, input)
  const [found] = await ctx.db
    .select({ question, bank: questionBank })
    .from(question)
    .innerJoin(questionBank, eq(questionBank.id, question.bankId))
    .where(eq(question.id, value.questionId))
  if (!found) throw new NotFoundError(QUESTION_NOT_FOUND)
  authorize(ctx.actor, 'programme.manage', { institutionId: found.bank.institutionId })

  return ctx.db.transaction(async (tx) => {
    const [q] = await tx.select().from(question).where(eq(question.id, value.questionId)).for('update')
    if (!q) throw new NotFoundError(QUESTION_NOT_FOUND)
    if (!q.archivedAt) return { changed: false }
    // The bank's scales may have changed while the question was archived.
    const [current] = await tx
      .select()
      .from(questionVersion)
      .where(and(eq(questionVersion.questionId, q.id), eq(questionVersion.version, q.currentVersion)))
    const [bank] = await tx.select().from(questionBank).where(eq(questionBank.id, q.bankId))
    if (current?.scaleCode && !bank!.scales.some((s) => s.code === current.scaleCode)) {
      throw new ConflictError(
        `Soal ${q.code} memakai skala ${current.scaleCode} yang sudah tidak ada di bank ini. Ubah skalanya dulu, lalu pulihkan.`,
      )
    }
    await tx.update(question).set({ archivedAt: null }).where(eq(question.id, q.id))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'question.restore',
      entityType: 'question',
      entityId: q.id,
      institutionId: found.bank.institutionId,
      before: { code: q.code, archivedAt: q.archivedAt.toISOString() },
      after: { code: q.code, archivedAt: null },
    })
    return { changed: true }
  })
}
