import type { z } from 'zod'
import { ValidationError } from './errors'

// The one way Zod issues become messages per form field: a path joins with '.', and an
// issue about the whole input is filed under '' (shown above the form).

type Issue = { path: ReadonlyArray<PropertyKey>; message: string }

export function fieldErrorsFromIssues(issues: ReadonlyArray<Issue>): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  for (const issue of issues) {
    const field = issue.path.map(String).join('.')
    ;(errors[field] ??= []).push(issue.message)
  }
  return errors
}

/** Parse a use case's input with its schema; a ValidationError with field messages on failure. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw new ValidationError(fieldErrorsFromIssues(result.error.issues))
  return result.data
}
