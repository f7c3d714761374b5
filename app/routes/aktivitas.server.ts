import { registrationNextStep, stateShownToCandidate } from '../../domain/registrationNextStep'
import { allowedActions, isRegistrationState, type RegistrationState } from '../../domain/registrationStates'
import type { Actor } from '../../server/auth/actor'
import { can } from '../../server/auth/permissions'
import { batchLabel } from '../../server/registrations/batchLabel'
import type { RegistrationView } from '../../server/registrations/registrationView'

// Server helpers shared by the candidate's registration pages (Aktivitas, the
// registration confirmation, withdrawal, the receipt download).

const PLENARY_EVENTS = new Set(['plenary_pass', 'plenary_reserve', 'plenary_not_pass'])

/** What the candidate's pages show of one registration: serialisable, results embargoed. */
export function activityItem(view: RegistrationView, actor: Actor, now: Date) {
  const { registration: r, batch: b } = view
  const stored: RegistrationState = isRegistrationState(r.state) ? r.state : 'registered'
  const state = stateShownToCandidate(stored, b, now)
  const announced = now.getTime() >= b.announcementAt.getTime()
  const next = registrationNextStep(stored, b, now, view.institution.timeZone)
  return {
    id: r.id,
    number: r.number,
    state,
    createdAt: r.createdAt.toISOString(),
    programme: { name: view.programme.name, location: view.programme.location },
    batch: { id: b.id, label: batchLabel(b), trainingStartsOn: b.trainingStartsOn, trainingEndsOn: b.trainingEndsOn },
    institutionName: view.institution.name,
    nextStep: { id: next.id, en: next.en, dueAt: next.dueAt?.toISOString() ?? null },
    canWithdraw:
      allowedActions(stored).includes('withdraw') &&
      can(actor, 'registration.withdraw', { candidateId: r.candidateId }),
    events: view.events
      // The plenary's decision is not shown before the announcement.
      .filter((e) => announced || !PLENARY_EVENTS.has(e.kind))
      .map((e) => ({
        id: e.id,
        kind: e.kind,
        at: e.at.toISOString(),
        viaKiosk: e.data.viaKiosk === true,
        reason: typeof e.data.reason === 'string' ? e.data.reason : null,
        assessmentKind: typeof e.data.assessmentKind === 'string' ? e.data.assessmentKind : null,
      })),
  }
}

export type ActivityItem = ReturnType<typeof activityItem>
