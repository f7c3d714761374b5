import { z } from 'zod'
import type { EligibilityResult } from '../../domain/eligibility'
import type { ProfileCompleteness } from '../../domain/profileCompleteness'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { NotFoundError } from '../errors'
import {
  activeElsewhereMessage,
  checkCandidate,
  findActiveRegistration,
  loadBatch,
  registrationPeriod,
  type BatchWithProgramme,
  type RegistrationPeriod,
} from './registrationChecks'
import type { Registration } from './registerCandidate'

const Input = z.object({ candidateId: z.string(), batchId: z.string() })

export interface RegistrationCheck {
  batch: BatchWithProgramme
  period: RegistrationPeriod
  profile: ProfileCompleteness
  eligibility: EligibilityResult
  /** Already registered for this batch: the page links to it instead of the button. */
  existing: Registration | null
  /** An active registration in another batch blocks this one. */
  elsewhere: { registration: Registration; programmeName: string; message: string } | null
  /** Whether "Konfirmasi pendaftaran" would succeed now. */
  canRegister: boolean
}

/**
 * Everything registerCandidate will check, answered before the candidate submits, so
 * the confirmation page can say what is missing and link to where it is fixed.
 */
export async function checkRegistration(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<RegistrationCheck> {
  const { candidateId, batchId } = Input.parse(input)
  authorize(ctx.actor, 'registration.create', { candidateId })
  if (!z.uuid().safeParse(batchId).success) throw new NotFoundError('Gelombang pelatihan tidak ditemukan.')
  const b = await loadBatch(ctx.db, batchId)
  if (!b) throw new NotFoundError('Gelombang pelatihan tidak ditemukan.')

  const [active, { profile, eligibility }] = await Promise.all([
    findActiveRegistration(ctx.db, candidateId),
    checkCandidate(ctx.db, candidateId, b, ctx.now),
  ])
  const period = registrationPeriod(b, ctx.now)
  const existing = active && active.registration.batchId === b.batch.id ? active.registration : null
  const elsewhere =
    active && !existing
      ? { registration: active.registration, programmeName: active.programmeName, message: activeElsewhereMessage(active) }
      : null
  return {
    batch: b,
    period,
    profile,
    eligibility,
    existing,
    elsewhere,
    canRegister: !active && period.problem === null && profile.complete && eligibility.ok,
  }
}
