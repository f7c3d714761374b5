import { and, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../audit'
import { sha256 } from '../auth/crypto'
import { consumeAccountToken } from '../auth/tokens'
import type { UseCaseContext } from '../context'
import { accountToken, userAccount } from '../db/schema'
import { findAccountById, selfActor } from './accountLookup'
import { InvalidLinkError } from './invalidLink'
import { parseInput } from '../validation'

export const VERIFY_LINK_INVALID =
  'Tautan verifikasi ini tidak berlaku atau sudah kedaluwarsa. Minta tautan baru di bawah ini.'

const Input = z.object({ token: z.string({ error: VERIFY_LINK_INVALID }).min(1, VERIFY_LINK_INVALID).max(200, VERIFY_LINK_INVALID) })

/**
 * Verify an e-mail address by the link mailed to it. The link proves access to the
 * mailbox, so whoever opens it acts as the account owner (ctx.actor is not used). The
 * token works once; opening it again after it worked says the e-mail is already
 * verified rather than showing an error.
 */
export async function verifyEmail(
  ctx: UseCaseContext,
  input: { token: string },
): Promise<{ userId: string; email: string; alreadyVerified: boolean }> {
  const { token } = parseInput(Input, input)
  const verified = await ctx.db.transaction(async (tx) => {
    const used = await consumeAccountToken(tx, { token, purposes: ['verify_email'], now: ctx.now })
    if (!used) return null
    const [account] = await tx
      .update(userAccount)
      .set({ emailVerifiedAt: ctx.now })
      .where(and(eq(userAccount.id, used.userId), isNull(userAccount.emailVerifiedAt)))
      .returning()
    if (!account) return { userId: used.userId, alreadyVerified: true }
    await recordAudit(tx, selfActor(account), ctx.now, {
      action: 'account.emailVerified',
      entityType: 'user_account',
      entityId: account.id,
      after: { email: account.email },
    })
    return { userId: account.id, alreadyVerified: false }
  })
  if (verified) {
    const account = await findAccountById(ctx.db, verified.userId)
    return { ...verified, email: account?.email ?? '' }
  }

  // An old or used link of an account that is verified by now: nothing left to do.
  const [row] = await ctx.db
    .select({ userId: accountToken.userId, email: userAccount.email, emailVerifiedAt: userAccount.emailVerifiedAt })
    .from(accountToken)
    .innerJoin(userAccount, eq(userAccount.id, accountToken.userId))
    .where(and(eq(accountToken.tokenHash, sha256(token)), eq(accountToken.purpose, 'verify_email')))
  if (row?.emailVerifiedAt) return { userId: row.userId, email: row.email, alreadyVerified: true }
  throw new InvalidLinkError(VERIFY_LINK_INVALID)
}
