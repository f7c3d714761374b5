import { z } from 'zod'
import { isActiveState, isRegistrationState } from '../../domain/registrationStates'
import { can } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { ForbiddenError } from '../errors'
import { loadCandidateRegistrationViews, type RegistrationView } from './registrationView'
import { parseInput } from '../validation'

const Input = z.object({ candidateId: z.uuid('Calon peserta tidak dikenal.') })

/**
 * The candidate's registrations for "Aktivitas": the active one first, then the rest
 * newest first, each with its timeline. The candidate and a kiosk officer assisting
 * them see all; other staff see only their own institution's.
 */
export async function listActivity(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<RegistrationView[]> {
  const { candidateId } = parseInput(Input, input, { field: 'candidateId' })
  const whole = can(ctx.actor, 'registration.read', { candidateId })
  if (!whole && ctx.actor.kind !== 'staff') throw new ForbiddenError()

  const views = await loadCandidateRegistrationViews(ctx.db, candidateId)
  const visible = whole
    ? views
    : views.filter((v) => can(ctx.actor, 'registration.read', { candidateId, institutionId: v.registration.institutionId }))
  const active = (v: RegistrationView) => (isRegistrationState(v.registration.state) && isActiveState(v.registration.state) ? 0 : 1)
  // Array.prototype.sort is stable, so the newest-first order holds within each group.
  return [...visible].sort((a, b) => active(a) - active(b))
}
