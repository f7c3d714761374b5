import { and, eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import { SYSTEM } from '../auth/actor'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { assessmentAttempt, attemptAnswer, institution } from '../db/schema'
import { ConflictError, NotFoundError, ValidationError } from '../errors'
import { authorizeTake } from './access'
import { formatDateAtTime, isExpired } from './records'
import { submitAttempt } from './submitAttempt'

const Input = z.object({
  attemptId: z.uuid('Asesmen tidak dikenal.'),
  answers: z
    .array(
      z.object({
        position: z.coerce.number().int().min(1, 'Nomor soal tidak dikenal.'),
        answer: z.string().trim().min(1, 'Pilih salah satu jawaban.').max(50),
      }),
    )
    .min(1, 'Pilih salah satu jawaban.')
    .max(200),
})

/** The message for an answer that arrives after the attempt ended. */
export class AttemptClosedError extends ConflictError {
  constructor(message: string) {
    super(message)
    this.name = 'AttemptClosedError'
  }
}

/**
 * Saves answers of an open attempt (one, or a page of statements), replacing earlier
 * answers at the same positions. All or nothing: an unknown position or an option
 * that does not belong to the item refuses the whole request. After the attempt ended
 * or was submitted nothing is saved and the candidate is told why; an attempt found
 * past its end is first submitted from what was saved in time.
 */
export async function saveAnswers(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ savedAt: Date; positions: number[] }> {
  const parsed = Input.safeParse(input)
  if (!parsed.success) {
    const errors: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) (errors['answer'] ??= []).push(issue.message)
    throw new ValidationError(errors)
  }
  const { attemptId } = parsed.data
  // Later answers for the same position win within one request.
  const answers = [...new Map(parsed.data.answers.map((a) => [a.position, a])).values()]
  const outcome = await ctx.db.transaction(async (tx) => {
    // A share lock: saves of one attempt run side by side, but never across its submission.
    const [attempt] = await tx.select().from(assessmentAttempt).where(eq(assessmentAttempt.id, attemptId)).for('share')
    if (!attempt) throw new NotFoundError('Asesmen tidak ditemukan.')
    // Checked here rather than before the transaction: one read less on the busiest path.
    authorizeTake(ctx.actor, attempt.candidateId)
    if (attempt.submittedAt) return { closed: 'submitted' as const, attempt }
    if (isExpired(attempt, ctx.now)) return { closed: 'expired' as const, attempt }

    const fieldErrors: Record<string, string[]> = {}
    for (const a of answers) {
      const item = attempt.items[a.position - 1]
      if (!item) fieldErrors[`q${a.position}`] = ['Nomor soal tidak dikenal.']
      else if (!item.optionOrder.includes(a.answer)) fieldErrors[`q${a.position}`] = ['Pilihan jawaban ini bukan pilihan soal tersebut.']
    }
    if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors, 'Jawaban tidak dapat disimpan.')

    const positions = answers.map((a) => a.position)
    const before = await tx
      .select({ position: attemptAnswer.position, answer: attemptAnswer.answer })
      .from(attemptAnswer)
      .where(and(eq(attemptAnswer.attemptId, attemptId), inArray(attemptAnswer.position, positions)))
    await tx
      .insert(attemptAnswer)
      .values(
        answers.map((a) => ({
          attemptId,
          position: a.position,
          questionVersionId: attempt.items[a.position - 1]!.questionVersionId,
          answer: a.answer,
          answeredAt: ctx.now,
        })),
      )
      .onConflictDoUpdate({
        target: [attemptAnswer.attemptId, attemptAnswer.position],
        set: { answer: sql`excluded.answer`, answeredAt: sql`excluded.answered_at` },
      })
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'assessment.answer',
      entityType: 'assessment_attempt',
      entityId: attemptId,
      institutionId: attempt.institutionId,
      before: before.length > 0 ? Object.fromEntries(before.map((b) => [b.position, b.answer])) : null,
      after: Object.fromEntries(answers.map((a) => [a.position, a.answer])),
    })
    return { closed: null, positions }
  })

  if (outcome.closed === null) return { savedAt: ctx.now, positions: outcome.positions }
  const attempt = outcome.attempt
  if (outcome.closed === 'expired') {
    await submitAttempt({ ...ctx, actor: SYSTEM }, { attemptId, reason: 'time_up' })
  }
  const [zone] = await ctx.db
    .select({ tz: institution.timeZone })
    .from(institution)
    .where(eq(institution.id, attempt.institutionId))
  const timeZone = zone?.tz ?? 'Asia/Makassar'
  if (outcome.closed === 'expired' && attempt.endsAt) {
    throw new AttemptClosedError(
      `Waktu asesmen sudah habis pada ${formatDateAtTime(attempt.endsAt, timeZone)}. Jawaban ini tidak disimpan; jawaban yang tersimpan sebelumnya sudah dikumpulkan.`,
    )
  }
  throw new AttemptClosedError('Asesmen ini sudah dikumpulkan. Jawaban tidak dapat diubah lagi.')
}
