import { UseCaseError } from '../errors'

/** A link from an e-mail that is unknown, expired or already used; pages offer a new one. */
export class InvalidLinkError extends UseCaseError {
  constructor(message: string) {
    super(message, 410)
    this.name = 'InvalidLinkError'
  }
}
