import { eq } from 'drizzle-orm'
import type { Tx } from '../db/client'
import { candidateProfile } from '../db/schema'
import { NotFoundError } from '../errors'

export type ProfileRow = typeof candidateProfile.$inferSelect

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
