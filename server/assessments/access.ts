import type { AnyActor } from '../auth/actor'
import { authorize, can, type Permission } from '../auth/permissions'

// The assessment entries of the one permission table (server/auth/permissions.ts).
const TAKE: Permission = 'assessment.take'
const READ_OWN: Permission = 'assessment.readOwn'
const STAFF_REPORT: Permission = 'assessment.report'
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
