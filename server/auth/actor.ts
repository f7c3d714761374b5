export const STAFF_ROLES = [
  'administrator',
  'kiosk_officer',
  'selection_committee',
  'interviewer',
  'organiser',
] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/** Who is acting. A kiosk officer in an assisted session acts for one candidate. */
export interface Actor {
  kind: 'candidate' | 'staff'
  userId: string
  email: string
  displayName: string
  roles: ReadonlyArray<{ institutionId: string; role: StaffRole }>
  assisted?: { sessionId: string; candidateId: string; institutionId: string }
  /** The sign-in session (auth_session.id) this request came with, when it came from one. */
  authSessionId?: string
}

/** Background jobs and start-up seeding act as the system. */
export interface SystemActor {
  kind: 'system'
}

export const SYSTEM: SystemActor = { kind: 'system' }

export type AnyActor = Actor | SystemActor

/** The account whose data is being touched on this actor's behalf, for audit rows. */
export function onBehalfOf(actor: AnyActor): string | null {
  return actor.kind === 'staff' && actor.assisted ? actor.assisted.candidateId : null
}

export function actorId(actor: AnyActor): string | null {
  return actor.kind === 'system' ? null : actor.userId
}
