import { count, eq } from 'drizzle-orm'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { actorId } from '../auth/actor'
import { interviewRubric, interviewScorecard } from '../db/schema'
import { ConflictError } from '../errors'
import { parseInput } from '../validation'
import { rubricSchema, type RubricInput } from './input'
import { ensureRubric, readRubric, requireBatch } from './records'

/**
 * The committee sets the batch's interview rubric: criteria with whole-percent weights
 * summing to 100, and the scale with the meaning of each point. Refused once the first
 * scorecard of the batch is in: every scorecard is scored against the same rubric.
 */
export async function updateInterviewRubric(ctx: UseCaseContext, input: RubricInput) {
  const v = parseInput(rubricSchema, input)
  const b = await requireBatch(ctx.db, v.batchId)
  const institutionId = b.batch.institutionId
  authorize(ctx.actor, 'selection.configure', { institutionId })
  return ctx.db.transaction(async (tx) => {
    await ensureRubric(tx, v.batchId, ctx.now)
    // A scorecard submitted at the same time locks the row for share first, or waits.
    const [before] = await tx.select().from(interviewRubric).where(eq(interviewRubric.batchId, v.batchId)).for('update')
    const [cards] = await tx.select({ n: count() }).from(interviewScorecard).where(eq(interviewScorecard.batchId, v.batchId))
    if (Number(cards?.n ?? 0) > 0) {
      throw new ConflictError('Rubrik tidak dapat diubah lagi: sudah ada lembar penilaian wawancara yang dikirim untuk gelombang ini.')
    }
    const after = { criteria: v.criteria, scaleMin: v.scaleMin, scaleMax: v.scaleMax, scaleLabels: v.scaleLabels }
    await tx
      .update(interviewRubric)
      .set({ ...after, updatedAt: ctx.now, updatedBy: actorId(ctx.actor) })
      .where(eq(interviewRubric.batchId, v.batchId))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'interview.rubric_update',
      entityType: 'interview_rubric',
      entityId: v.batchId,
      institutionId,
      before: { criteria: before!.criteria, scaleMin: before!.scaleMin, scaleMax: before!.scaleMax, scaleLabels: before!.scaleLabels },
      after,
    })
    return after
  })
}

/** The rubric of a batch for the committee's form, and whether it can still change. */
export async function getInterviewRubric(ctx: UseCaseContext, input: { batchId: string }) {
  const b = await requireBatch(ctx.db, input.batchId)
  authorize(ctx.actor, 'selection.read', { institutionId: b.batch.institutionId })
  const rubric = await readRubric(ctx.db, b.batch.id)
  const [cards] = await ctx.db.select({ n: count() }).from(interviewScorecard).where(eq(interviewScorecard.batchId, b.batch.id))
  const scorecards = Number(cards?.n ?? 0)
  return { batch: b, rubric, scorecards, locked: scorecards > 0 }
}
