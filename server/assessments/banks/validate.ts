import type { z } from 'zod'
import { ValidationError } from '../../errors'

/** Parse a use-case input; structural problems become field errors keyed by path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const errors: Record<string, string[]> = {}
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.')
    ;(errors[key] ??= []).push(issue.message)
  }
  throw new ValidationError(errors)
}

/** Collects messages per field and throws them all at once. */
export class FieldErrorBag {
  readonly errors: Record<string, string[]> = {}
  add(field: string, message: string): void {
    ;(this.errors[field] ??= []).push(message)
  }
  get empty(): boolean {
    return Object.keys(this.errors).length === 0
  }
  throwIfAny(message?: string): void {
    if (!this.empty) throw new ValidationError(this.errors, message)
  }
}
