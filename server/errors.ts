/** Errors a use case throws; messages are shown to the user (Indonesian). */
export class UseCaseError extends Error {
  constructor(
    message: string,
    readonly status: number = 400,
    /** Messages per form field, shown next to the field. */
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message)
    this.name = 'UseCaseError'
  }
}

export class ValidationError extends UseCaseError {
  constructor(fieldErrors: Record<string, string[]>, message = 'Periksa kembali isian yang ditandai.') {
    super(message, 400, fieldErrors)
    this.name = 'ValidationError'
  }
}

export class ForbiddenError extends UseCaseError {
  constructor(message = 'Anda tidak berwenang melakukan tindakan ini.') {
    super(message, 403)
    this.name = 'ForbiddenError'
  }
}

export class NotFoundError extends UseCaseError {
  constructor(message = 'Data tidak ditemukan.') {
    super(message, 404)
    this.name = 'NotFoundError'
  }
}

export class ConflictError extends UseCaseError {
  constructor(message: string, fieldErrors: Record<string, string[]> = {}) {
    super(message, 409, fieldErrors)
    this.name = 'ConflictError'
  }
}

/** True when a database error is a unique-constraint violation (optionally on `constraint`). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let e: unknown = error
  // drizzle wraps driver errors; walk the cause chain.
  for (let i = 0; i < 5 && e; i++) {
    const candidate = e as { code?: string; constraint?: string; message?: string; cause?: unknown }
    if (candidate.code === '23505') {
      return !constraint || candidate.constraint === constraint || !!candidate.message?.includes(constraint)
    }
    e = candidate.cause
  }
  return false
}
