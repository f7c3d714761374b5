import type { MissingProfileField } from '../../domain/profileCompleteness'
import { UseCaseError } from '../errors'

/** Registration refused because the profile is incomplete; `missing` lets a page link to each item. */
export class ProfileIncompleteError extends UseCaseError {
  constructor(readonly missing: MissingProfileField[]) {
    super(`Profil Anda belum lengkap. Lengkapi dulu: ${missing.map((m) => m.label).join(', ')}.`, 400)
    this.name = 'ProfileIncompleteError'
  }
}

/** Registration refused because the candidate does not meet the programme's requirements. */
export class NotEligibleError extends UseCaseError {
  constructor(readonly reasons: string[]) {
    super(`Anda belum memenuhi syarat program ini. ${reasons.join(' ')}`, 400)
    this.name = 'NotEligibleError'
  }
}
