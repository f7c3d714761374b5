import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { actorId } from '../auth/actor'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { interviewScorecard, registration } from '../db/schema'
import { ConflictError, NotFoundError } from '../errors'
import { parseInput } from '../validation'
import { idSchema, reasonSchema } from './input'

const Input = z.object({
  scorecardId: idSchema('Lembar penilaian tidak ditemukan.'),
  reason: reasonSchema('Alasan membuka kembali'),
})

/**
 * The committee reopens a submitted scorecard, only with a written reason; the audit row
 * keeps the scorecard as it was and the reason. The interviewer then edits and submits
 * it again. The registration stays "interviewed".
 */
export async function reopenInterviewScorecard(ctx: UseCaseContext, input: z.input<typeof Input>) {
  const { scorecardId, reason } = parseInput(Input, input)
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ card: interviewScorecard, institutionId: registration.institutionId })
      .from(interviewScorecard)
      .innerJoin(registration, eq(registration.id, interviewScorecard.registrationId))
      .where(eq(interviewScorecard.id, scorecardId))
      .for('update', { of: interviewScorecard })
    if (!row) throw new NotFoundError('Lembar penilaian tidak ditemukan.')
    authorize(ctx.actor, 'interview.reopenScorecard', { institutionId: row.institutionId })
    if (!row.card.submittedAt) throw new ConflictError('Lembar penilaian ini sedang terbuka; pewawancara belum mengirimnya kembali.')
    const [updated] = await tx
      .update(interviewScorecard)
      .set({ submittedAt: null, reopenedAt: ctx.now, reopenedBy: actorId(ctx.actor), reopenReason: reason, updatedAt: ctx.now })
      .where(eq(interviewScorecard.id, scorecardId))
      .returning()
    const { card } = row
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'interview.scorecard_reopen',
      entityType: 'interview_scorecard',
      entityId: scorecardId,
      institutionId: row.institutionId,
      before: { registrationId: card.registrationId, interviewerId: card.interviewerId, scores: card.scores, total: card.total, notes: card.notes, submittedAt: card.submittedAt },
      after: { submittedAt: null, reopenedAt: ctx.now, reason },
    })
    return updated!
  })
}
