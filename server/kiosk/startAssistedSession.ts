import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { candidateProfile, userAccount } from '../db/schema'
import { ConflictError, ForbiddenError, NotFoundError } from '../errors'
import { ensureAssistedSession, retryOnUniqueViolation } from './assistedSessionStore'
import { isValidSearchToken } from './searchToken'

const Input = z.object({
  institutionId: z.uuid(),
  candidateId: z.uuid({ error: 'Calon peserta tidak ditemukan.' }),
  /** From the officer's own search result moments ago (searchToken.ts). */
  searchToken: z.string().optional(),
})

/**
 * SOP step 2: the officer starts helping one walk-in their search has just found. From then on the officer acts as
 * that candidate on the candidate pages, and every write records both. Starting it
 * again for the same candidate returns the open session.
 */
export async function startAssistedSession(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ sessionId: string; candidateId: string; startedAt: Date; started: boolean }> {
  const institution = Input.shape.institutionId.safeParse(input.institutionId)
  authorize(ctx.actor, 'kiosk.assist', { institutionId: institution.success ? institution.data : undefined })
  const officer = ctx.actor
  if (officer.kind !== 'staff') throw new ForbiddenError()
  // The candidate id comes back from a hidden form field; a tampered one is just unknown.
  const parsed = Input.safeParse(input)
  if (!parsed.success) throw new NotFoundError('Calon peserta tidak ditemukan.')
  const { institutionId, candidateId, searchToken } = parsed.data
  // Only for an account the officer's own search has just shown: not any id typed into a form.
  if (!isValidSearchToken(searchToken, { officerId: officer.userId, candidateId, now: ctx.now })) {
    throw new ConflictError('Hasil pencarian sudah kedaluwarsa. Cari lagi calon peserta ini dengan NIK atau nomor pendaftaran, lalu mulai sesi bantuan.')
  }

  return retryOnUniqueViolation(() =>
    ctx.db.transaction(async (tx) => {
      const [candidate] = await tx
        .select({ id: userAccount.id })
        .from(userAccount)
        .innerJoin(candidateProfile, eq(candidateProfile.userId, userAccount.id))
        .where(and(eq(userAccount.id, candidateId), eq(userAccount.kind, 'candidate')))
      if (!candidate) throw new NotFoundError('Calon peserta tidak ditemukan.')
      return ensureAssistedSession(tx, officer, ctx.now, { institutionId, candidateId })
    }),
  )
}
