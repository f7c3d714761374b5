import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { userAccount } from '../db/schema'
import { NotFoundError } from '../errors'
import { parseInput } from '../validation'

const Input = z.object({ candidateId: z.uuid() })

/** Whether the candidate's e-mail is verified, for the page that offers a new link. */
export async function getEmailVerificationStatus(
  ctx: UseCaseContext,
  input: { candidateId: string },
): Promise<{ email: string; verified: boolean }> {
  const { candidateId } = parseInput(Input, input)
  authorize(ctx.actor, 'profile.read', { candidateId })
  const [account] = await ctx.db
    .select({ email: userAccount.email, emailVerifiedAt: userAccount.emailVerifiedAt })
    .from(userAccount)
    .where(eq(userAccount.id, candidateId))
  if (!account) throw new NotFoundError('Akun tidak ditemukan.')
  return { email: account.email, verified: account.emailVerifiedAt !== null }
}
