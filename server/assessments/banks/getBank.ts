import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { batch, batchAssessment, programme } from '../../db/schema'
import { vocationalFieldsOf } from './listBanks'
import { findBank, questionsWithCurrentVersion } from './store'
import { parseInput } from './validate'

const Input = z.object({ bankId: z.uuid() })

/** A bank with every question (current version, archived ones too) and the batches that draw from it. */
export async function getBank(ctx: UseCaseContext, input: z.input<typeof Input>) {
  const { bankId } = parseInput(Input, input)
  const bank = await findBank(ctx.db, bankId)
  authorize(ctx.actor, 'programme.manage', { institutionId: bank.institutionId })
  const questions = (await questionsWithCurrentVersion(ctx.db, bank.id)).map(({ question, version }) => ({
    id: question.id,
    code: question.code,
    position: question.position,
    archivedAt: question.archivedAt,
    version: version.version,
    type: version.type,
    stem: version.stem,
    imageKey: version.imageKey,
    options: version.options,
    correctOptionKey: version.correctOptionKey,
    scaleCode: version.scaleCode,
    reverseScored: version.reverseScored,
  }))
  const configs = await ctx.db
    .select({
      batchId: batch.id,
      year: batch.year,
      number: batch.number,
      assessmentDeadline: batch.assessmentDeadline,
      programmeName: programme.name,
      sources: batchAssessment.sources,
    })
    .from(batchAssessment)
    .innerJoin(batch, eq(batch.id, batchAssessment.batchId))
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .where(eq(batchAssessment.kind, bank.kind))
  const usedBy = configs
    .map((c) => ({ ...c, count: c.sources.find((s) => s.bankId === bank.id)?.count ?? 0 }))
    .filter((c) => c.count > 0)
    .map(({ sources: _sources, ...rest }) => rest)
  return { bank, questions, usedBy, vocationalFields: await vocationalFieldsOf(ctx, bank.institutionId) }
}
