import { and, eq, isNotNull } from 'drizzle-orm'
import { z } from 'zod'
import { actorId } from '../auth/actor'
import { authorize, can } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { interviewAssignment, interviewScorecard } from '../db/schema'
import { ConflictError, NotFoundError } from '../errors'
import { parseInput } from '../validation'
import { lockAssignment } from './changeSlot'
import { idSchema } from './input'
import { requireOwnCandidate } from './interviewerAccess'

const Input = z.object({
  registrationId: idSchema('Calon tidak ditemukan.'),
  attendance: z.enum(['present', 'absent'], { error: 'Pilih hadir atau tidak hadir.' }),
})

/**
 * The interviewer (or the committee) records whether the candidate came. Absent changes
 * no state: the plenary ends an absent registration unless the committee reschedules,
 * which clears the absence. Not after a scorecard was submitted for the candidate.
 */
export async function recordInterviewAttendance(ctx: UseCaseContext, input: z.input<typeof Input>) {
  const { registrationId, attendance } = parseInput(Input, input)
  return ctx.db.transaction(async (tx) => {
    const row = await lockAssignment(tx, registrationId)
    if (!row) throw new NotFoundError('Calon tidak ditemukan di jadwal wawancara.')
    const institutionId = row.registration.institutionId
    // The committee records for anyone of its institution; an interviewer for their own slots.
    if (!can(ctx.actor, 'interview.schedule', { institutionId })) {
      await requireOwnCandidate(tx, ctx.actor, registrationId, 'interview.recordAttendance')
    }
    authorize(ctx.actor, 'interview.recordAttendance', { institutionId })
    if (row.registration.state !== 'invited_to_interview' && row.registration.state !== 'interviewed') {
      throw new ConflictError('Pendaftaran calon ini tidak lagi dalam tahap wawancara.')
    }
    if (attendance === 'absent') {
      const [submitted] = await tx
        .select({ id: interviewScorecard.id })
        .from(interviewScorecard)
        .where(and(eq(interviewScorecard.registrationId, registrationId), isNotNull(interviewScorecard.submittedAt)))
      if (submitted || row.registration.state === 'interviewed') {
        throw new ConflictError('Calon ini sudah dinilai; kehadirannya tidak dapat diubah menjadi tidak hadir.')
      }
    }
    if (row.assignment.attendance === attendance) return row.assignment
    const [updated] = await tx
      .update(interviewAssignment)
      .set({ attendance, attendanceAt: ctx.now, attendanceBy: actorId(ctx.actor) })
      .where(eq(interviewAssignment.registrationId, registrationId))
      .returning()
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'interview.attendance',
      entityType: 'interview_assignment',
      entityId: registrationId,
      institutionId,
      before: { attendance: row.assignment.attendance },
      after: { attendance },
    })
    return updated!
  })
}
