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

/**
 * Parse a use case's input with its schema; a ValidationError with field messages on
 * failure. `field` files every message under that one field, for a page whose form
 * shows only it (the other inputs come from the URL or the session).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, options: { field?: string } = {}): z.infer<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const { field } = options
  throw new ValidationError(
    field === undefined
      ? fieldErrorsFromIssues(result.error.issues)
      : { [field]: result.error.issues.map((issue) => issue.message) },
  )
}
