import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { scorecardProblems, scorecardTotal } from '../../domain/interviewScore'
import { actorId } from '../auth/actor'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { interviewAssignment, interviewRubric, interviewScorecard } from '../db/schema'
import { ConflictError, ValidationError } from '../errors'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { parseInput } from '../validation'
import { idSchema, plainText } from './input'
import { requireOwnCandidate } from './interviewerAccess'
import { ensureRubric } from './records'

const Input = z.object({
  registrationId: idSchema('Calon tidak ditemukan.'),
  /** Points per criterion code, as typed (numbers or text). */
  scores: z.record(z.string(), z.union([z.string(), z.number()]), { error: 'Beri nilai untuk setiap kriteria.' }),
  notes: plainText('Catatan', 4000).optional().default(''),
})

function toPoint(value: string | number): number | null {
  if (typeof value === 'number') return value
  const s = value.trim().replace(',', '.')
  if (s === '' || !/^-?\d+(\.\d+)?$/.test(s)) return null
  return Number(s)
}

/**
 * The interviewer submits their scorecard for a candidate in one of their slots: points
 * per criterion on the rubric's scale and notes. Submitting locks it (only the committee
 * can reopen it), records the candidate present if nobody recorded attendance, and on
 * the first scorecard moves the registration to "interviewed".
 */
export async function submitInterviewScorecard(ctx: UseCaseContext, input: z.input<typeof Input>) {
  const v = parseInput(Input, input)
  return ctx.db.transaction(async (tx) => {
    const own = await requireOwnCandidate(tx, ctx.actor, v.registrationId, 'interview.score')
    const interviewerId = actorId(ctx.actor)!
    // Serialises this candidate's scorecards and attendance changes.
    const [assignment] = await tx
      .select()
      .from(interviewAssignment)
      .where(eq(interviewAssignment.registrationId, v.registrationId))
      .for('update')
    const state = own.registration.state
    if (state !== 'invited_to_interview' && state !== 'interviewed') {
      throw new ConflictError('Pendaftaran calon ini tidak lagi dalam tahap wawancara.')
    }
    if (assignment!.attendance === 'absent') {
      throw new ConflictError('Calon tercatat tidak hadir. Bila ternyata hadir, catat kehadirannya dahulu, lalu kirim penilaian.')
    }
    await ensureRubric(tx, own.assignment.batchId, ctx.now)
    // Shared lock: the committee cannot change the rubric under a scorecard being sent.
    const [rubric] = await tx.select().from(interviewRubric).where(eq(interviewRubric.batchId, own.assignment.batchId)).for('share')
    const [existing] = await tx
      .select()
      .from(interviewScorecard)
      .where(and(eq(interviewScorecard.registrationId, v.registrationId), eq(interviewScorecard.interviewerId, interviewerId)))
      .for('update')
    if (existing?.submittedAt) {
      throw new ConflictError('Lembar penilaian ini sudah dikirim dan terkunci. Minta panitia seleksi membukanya kembali bila perlu diubah.')
    }

    const points: Record<string, number | null> = {}
    for (const [code, value] of Object.entries(v.scores)) points[code] = toPoint(value)
    const r = { criteria: rubric!.criteria, scaleMin: rubric!.scaleMin, scaleMax: rubric!.scaleMax }
    const problems = scorecardProblems(r, points)
    if (problems.length > 0) {
      const errors: Record<string, string[]> = {}
      for (const p of problems) {
        const message =
          p.kind === 'missing'
            ? `Beri nilai ${r.scaleMin}–${r.scaleMax} untuk kriteria ini.`
            : p.kind === 'not_whole'
              ? `Nilai harus bilangan bulat ${r.scaleMin}–${r.scaleMax}.`
              : p.kind === 'out_of_scale'
                ? `Nilai harus antara ${r.scaleMin} dan ${r.scaleMax}.`
                : `Kriteria «${p.code}» tidak ada di rubrik. Muat ulang halaman.`
        ;(errors[p.kind === 'unknown' ? '' : `scores.${p.code}`] ??= []).push(message)
      }
      throw new ValidationError(errors)
    }
    const scores = points as Record<string, number>
    const total = scorecardTotal(r, scores)
    const values = { scores, total, notes: v.notes, rubric: r, submittedAt: ctx.now, updatedAt: ctx.now }
    const [card] = existing
      ? await tx.update(interviewScorecard).set(values).where(eq(interviewScorecard.id, existing.id)).returning()
      : await tx
          .insert(interviewScorecard)
          .values({ registrationId: v.registrationId, batchId: own.assignment.batchId, interviewerId, ...values })
          .returning()
    if (assignment!.attendance === null) {
      await tx
        .update(interviewAssignment)
        .set({ attendance: 'present', attendanceAt: ctx.now, attendanceBy: interviewerId })
        .where(eq(interviewAssignment.registrationId, v.registrationId))
    }
    if (state === 'invited_to_interview') {
      await transitionRegistration(tx, ctx, { registrationId: v.registrationId, action: 'record_interview' })
    }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: existing ? 'interview.scorecard_resubmit' : 'interview.scorecard_submit',
      entityType: 'interview_scorecard',
      entityId: card!.id,
      institutionId: own.registration.institutionId,
      before: existing ? { scores: existing.scores, total: existing.total, notes: existing.notes, reopenReason: existing.reopenReason } : null,
      after: { registrationId: v.registrationId, scores, total, notes: v.notes },
    })
    return card!
  })
}
