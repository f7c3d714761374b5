import { registrationNextStep } from '../../domain/registrationNextStep'
import { allowedActions, isRegistrationState, type RegistrationState } from '../../domain/registrationStates'
import type { Actor } from '../../server/auth/actor'
import { can } from '../../server/auth/permissions'
import { batchLabel } from '../../server/registrations/batchLabel'
import { candidateRegistrationView } from '../../server/registrations/candidateRegistrationView'
import type { RegistrationView } from '../../server/registrations/registrationView'

// Server helpers shared by the candidate's registration pages (Aktivitas, the
// registration confirmation, withdrawal, the receipt download).

/**
 * What the candidate's pages show of one registration: serialisable, with the embargoes
 * of the one candidate view (server/registrations/candidateRegistrationView.ts).
 */
export function activityItem(view: RegistrationView, actor: Actor, now: Date) {
  const { registration: r, batch: b } = view
  const stored: RegistrationState = isRegistrationState(r.state) ? r.state : 'registered'
  const seen = candidateRegistrationView({ state: r.state, batch: b, events: view.events })
  const next = registrationNextStep(seen.state, b, now, view.institution.timeZone)
  return {
    id: r.id,
    number: r.number,
    state: seen.state,
    createdAt: r.createdAt.toISOString(),
    programme: { name: view.programme.name, location: view.programme.location },
    batch: { id: b.id, label: batchLabel(b), trainingStartsOn: b.trainingStartsOn, trainingEndsOn: b.trainingEndsOn },
    institutionName: view.institution.name,
    nextStep: { id: next.id, en: next.en, dueAt: next.dueAt?.toISOString() ?? null },
    writtenTest: seen.writtenTest,
    canWithdraw:
      allowedActions(stored).includes('withdraw') &&
      can(actor, 'registration.withdraw', { candidateId: r.candidateId }),
    events: seen.events.map((e) => ({ ...e, at: e.at.toISOString() })),
  }
}

export type ActivityItem = ReturnType<typeof activityItem>
