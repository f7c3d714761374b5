import type { z } from 'zod'
import { ValidationError } from '../errors'

/** Parse a use case's input, or throw a ValidationError keyed by the form's field names. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const fieldErrors: Record<string, string[]> = {}
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.')
    ;(fieldErrors[field] ??= []).push(issue.message)
  }
  throw new ValidationError(fieldErrors)
}
