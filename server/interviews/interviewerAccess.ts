import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../auth/permissions'
import type { AnyActor } from '../auth/actor'
import type { DbOrTx } from '../db/client'
import { interviewAssignment, interviewSlot, registration } from '../db/schema'
import { ForbiddenError, NotFoundError } from '../errors'
import { isSlotInterviewer } from './records'

/**
 * The interviewer's hold on one candidate: the candidate must be assigned to a slot the
 * actor interviews in. Interviewers hold 'interview.score' in their institution, but
 * reach only the candidates of their own slots (docs/decisions/009).
 */
export async function requireOwnCandidate(db: DbOrTx, actor: AnyActor, registrationId: string, permission: 'interview.score' | 'interview.recordAttendance' = 'interview.score') {
  if (!z.uuid().safeParse(registrationId).success) throw new NotFoundError('Calon tidak ditemukan.')
  const [row] = await db
    .select({ assignment: interviewAssignment, slot: interviewSlot, registration })
    .from(interviewAssignment)
    .innerJoin(interviewSlot, eq(interviewSlot.id, interviewAssignment.slotId))
    .innerJoin(registration, eq(registration.id, interviewAssignment.registrationId))
    .where(eq(interviewAssignment.registrationId, registrationId))
  if (!row) throw new NotFoundError('Calon tidak ditemukan di jadwal wawancara.')
  authorize(actor, permission, { institutionId: row.registration.institutionId })
  if (actor.kind !== 'staff' || !(await isSlotInterviewer(db, row.slot.id, actor.userId))) {
    throw new ForbiddenError('Calon ini tidak ada di slot wawancara Anda.')
  }
  return row
}
