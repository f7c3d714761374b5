import type { AnyActor } from '../auth/actor'
import { authorize, can, type Permission } from '../auth/permissions'

// Which entries of the one permission table (server/auth/permissions.ts) guard the
// assessments. Until the table has assessment entries of its own, each maps to the
// existing permission whose holders are exactly the ones the assessments need:
//  - taking an assessment (start, answer, submit): the candidate, or a kiosk officer in
//    an assisted session for them — the holders of 'registration.create';
//  - reading one's own results: the same people ('registration.read' with only the
//    candidate in scope, which staff outside an assisted session never match);
//  - the batch's assessment report and item statistics: the institution's
//    administrators and selection committee — plus organisers, the holders of
//    'profile.read' (they receive the participants' files anyway).
const TAKE: Permission = 'registration.create'
const READ_OWN: Permission = 'registration.read'
const STAFF_REPORT: Permission = 'profile.read'
// Background jobs (the time-up submission) act as the system.
const SYSTEM_SUBMIT: Permission = 'registration.transition'

export function authorizeTake(actor: AnyActor, candidateId: string): void {
  if (actor.kind === 'system') {
    authorize(actor, SYSTEM_SUBMIT)
    return
  }
  authorize(actor, TAKE, { candidateId })
}

export function authorizeReadOwn(actor: AnyActor, candidateId: string): void {
  authorize(actor, READ_OWN, { candidateId })
}

export function authorizeStaffReport(actor: AnyActor, institutionId: string): void {
  authorize(actor, STAFF_REPORT, { institutionId })
}

export function canSeeStaffReport(actor: AnyActor | null, institutionId: string): boolean {
  return can(actor, STAFF_REPORT, { institutionId })
}
