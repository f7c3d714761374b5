import { ForbiddenError } from '../errors'
import type { AnyActor, StaffRole } from './actor'

/**
 * The one permission table. Each permission lists who holds it:
 *  - 'self'      the candidate whose data it is;
 *  - 'assisted'  a kiosk officer in an open assisted session for that candidate;
 *  - a staff role, held in the institution the data belongs to;
 *  - 'system'    background jobs and seeding.
 * Use cases call authorize(); pages ask can() to show only what is allowed.
 */
type Holder = 'self' | 'assisted' | 'system' | StaffRole

export const PERMISSIONS = {
  'profile.read': ['self', 'assisted', 'administrator', 'selection_committee', 'organiser'],
  'profile.edit': ['self', 'assisted'],
  // The whole NIK: the candidate, and administrators (their reads are audited).
  'profile.readFullNik': ['self', 'administrator'],
  // Profile documents, narrowed to each role's step (docs/decisions/022): the photo and the
  // diploma for the committee (education and eligibility); the KTP only for its owner, the
  // officer assisting them at the desk, and administrators (reads audited); the organiser
  // only for participants handed over to them (the use case checks the handover's receiver).
  'document.read': ['self', 'assisted', 'administrator', 'selection_committee'],
  'document.readKtp': ['self', 'assisted', 'administrator'],
  'document.readHandedOver': ['organiser'],
  'document.upload': ['self', 'assisted'],
  'registration.create': ['self', 'assisted'],
  'registration.read': ['self', 'assisted', 'administrator', 'selection_committee', 'interviewer', 'organiser', 'kiosk_officer'],
  // The receipt is the candidate's own paper: printed by them, or by the kiosk officer in an
  // assisted session for them — not by any staff member for anyone (docs/decisions/022).
  'registration.receipt': ['self', 'assisted'],
  'registration.withdraw': ['self', 'assisted'],
  'registration.transition': ['system', 'selection_committee'],
  // Assessments are the candidate's own answers: a kiosk officer helps with the account,
  // profile and registration, but never answers for them (docs/decisions/007).
  'assessment.take': ['self'],
  'assessment.readOwn': ['self', 'assisted'],
  'assessment.report': ['administrator', 'selection_committee'],
  // SOP steps 6–8, one permission per stage (docs/decisions/009). Interviewers hold
  // 'interview.score' for their own slots only: the use case checks the slot's interviewers.
  'selection.read': ['administrator', 'selection_committee'],
  'selection.configure': ['selection_committee'],
  'writtenTest.publish': ['selection_committee'],
  'interview.schedule': ['selection_committee'],
  'interview.chooseSlot': ['self', 'assisted'],
  'interview.score': ['interviewer'],
  'interview.recordAttendance': ['interviewer', 'selection_committee'],
  'interview.reopenScorecard': ['selection_committee'],
  'plenary.read': ['administrator', 'selection_committee'],
  'plenary.decide': ['selection_committee'],
  // SOP step 9 and the 2024 SOP's registration recap (docs/decisions/015).
  'results.announce': ['selection_committee'],
  'recap.read': ['administrator', 'selection_committee'],
  // SOP steps 10–11 (docs/decisions/016): the candidate confirms or declines their own
  // place; the kiosk officer checks the documents at the desk; the committee follows
  // re-registration, exports the nominative list and creates the handover; the organiser
  // acknowledges only handovers addressed to them (the use case checks receiver_id).
  'reRegistration.confirm': ['self', 'assisted'],
  'reRegistration.checkDocuments': ['kiosk_officer'],
  'reRegistration.manage': ['selection_committee'],
  'nominativeList.export': ['selection_committee', 'organiser'],
  'handover.create': ['selection_committee'],
  'handover.acknowledge': ['organiser'],
  'programme.manage': ['administrator', 'system'],
  'staff.manage': ['administrator', 'system'],
  // The second factor (docs/decisions/020): administrators and committee members turn it on
  // for themselves (held in any institution where they have that role); an administrator
  // decides whether their institution requires it.
  'account.secondFactor': ['administrator', 'selection_committee'],
  'institution.requireSecondFactor': ['administrator'],
  // Someone who lost the phone and the recovery codes: only the operator's command line.
  'account.resetSecondFactor': ['system'],
  // A new institution comes from the operator's command line (`npm run latih`), never a page.
  'institution.create': ['system'],
  // How long a staff / kiosk-officer session may stay idle (docs/decisions/019).
  'institution.configureSessions': ['administrator'],
  'audit.read': ['administrator'],
  // The deployment's job queue (failed mails and jobs, retry): not per institution (docs/decisions/014).
  'jobs.manage': ['administrator'],
  // A batch's mail delivery (docs/decisions/017): who was mailed what; resend after correcting an address.
  'mail.read': ['administrator', 'selection_committee'],
  'mail.resend': ['administrator', 'selection_committee'],
  'kiosk.assist': ['kiosk_officer'],
  'kiosk.createCandidate': ['kiosk_officer'],
  // Reassigning a squatted NIK to the person holding the KTP at the desk (docs/decisions/022).
  'kiosk.reassignNik': ['kiosk_officer'],
  // Personal data (UU PDP, docs/decisions/023): the candidate downloads everything held about
  // them; they (or the officer assisting them at the desk) ask for the account to be closed,
  // and an administrator completes it within the retention rules.
  'privacy.export': ['self'],
  'account.requestClosure': ['self', 'assisted'],
  'account.completeClosure': ['administrator'],
} as const satisfies Record<string, readonly Holder[]>

export type Permission = keyof typeof PERMISSIONS

export interface Scope {
  /** The candidate the data belongs to. */
  candidateId?: string
  /** The institution the data belongs to. */
  institutionId?: string
}

export function can(actor: AnyActor | null, permission: Permission, scope: Scope = {}): boolean {
  if (!actor) return false
  const holders: readonly Holder[] = PERMISSIONS[permission]
  if (actor.kind === 'system') return holders.includes('system')
  if (actor.kind === 'candidate') {
    return holders.includes('self') && scope.candidateId !== undefined && scope.candidateId === actor.userId
  }
  // Staff
  if (
    holders.includes('assisted') &&
    actor.assisted &&
    scope.candidateId !== undefined &&
    actor.assisted.candidateId === scope.candidateId &&
    (scope.institutionId === undefined || scope.institutionId === actor.assisted.institutionId)
  ) {
    return true
  }
  return actor.roles.some(
    (r) =>
      holders.includes(r.role) &&
      // Staff permissions are always scoped to an institution.
      scope.institutionId !== undefined &&
      r.institutionId === scope.institutionId,
  )
}

export function authorize(actor: AnyActor | null, permission: Permission, scope: Scope = {}): void {
  if (!can(actor, permission, scope)) throw new ForbiddenError()
}

export function hasRole(actor: AnyActor | null, role: StaffRole, institutionId?: string): boolean {
  return (
    !!actor &&
    actor.kind === 'staff' &&
    actor.roles.some((r) => r.role === role && (institutionId === undefined || r.institutionId === institutionId))
  )
}
