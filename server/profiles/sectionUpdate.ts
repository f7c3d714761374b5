import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import type { Tx } from '../db/client'
import { candidateProfile } from '../db/schema'
import { NotFoundError, ValidationError } from '../errors'
import { issuesToFieldErrors } from './schemas'

export type ProfileRow = typeof candidateProfile.$inferSelect

/** Parse a section with its schema; a failure is a ValidationError with messages per field. */
export function parseSection<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw new ValidationError(issuesToFieldErrors(result.error.issues))
  return result.data
}

/** The profile row, locked for the rest of the transaction (two tabs saving at once queue up). */
export async function lockProfile(tx: Tx, candidateId: string): Promise<ProfileRow> {
  const [row] = await tx.select().from(candidateProfile).where(eq(candidateProfile.userId, candidateId)).for('update')
  if (!row) throw new NotFoundError('Profil calon peserta tidak ditemukan.')
  return row
}

/** Only the fields whose value changes, before and after, for the audit row. */
export function changedFields<T extends Record<string, unknown>>(
  current: T,
  next: Partial<T>,
): { before: Partial<T>; after: Partial<T>; changed: boolean } {
  const before: Partial<T> = {}
  const after: Partial<T> = {}
  for (const key of Object.keys(next) as Array<keyof T>) {
    if (current[key] !== next[key]) {
      before[key] = current[key]
      after[key] = next[key]
    }
  }
  return { before, after, changed: Object.keys(after).length > 0 }
}
