import { desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { question, questionBank, questionVersion } from '../../db/schema'
import { NotFoundError } from '../../errors'
import { QUESTION_NOT_FOUND } from './store'
import { parseInput } from './validate'

const Input = z.object({ questionId: z.uuid() })

/** A question with its bank and every version, newest first. */
export async function getQuestion(ctx: UseCaseContext, input: z.input<typeof Input>) {
  const { questionId } = parseInput(Input, input)
  const [found] = await ctx.db
    .select({ question, bank: questionBank })
    .from(question)
    .innerJoin(questionBank, eq(questionBank.id, question.bankId))
    .where(eq(question.id, questionId))
  if (!found) throw new NotFoundError(QUESTION_NOT_FOUND)
  authorize(ctx.actor, 'programme.manage', { institutionId: found.bank.institutionId })
  const versions = await ctx.db
    .select()
    .from(questionVersion)
    .where(eq(questionVersion.questionId, questionId))
    .orderBy(desc(questionVersion.version))
  const current = versions.find((v) => v.version === found.question.currentVersion)
  if (!current) throw new NotFoundError(QUESTION_NOT_FOUND)
  return { bank: found.bank, question: found.question, current, versions }
}
