import { and, desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../audit'
import { issueAccountToken } from '../auth/tokens'
import type { UseCaseContext } from '../context'
import { accountToken, userAccount } from '../db/schema'
import { enqueueMail } from '../mail/sendMail'
import { findAccountByIdentifier, parseIdentifier } from './accountLookup'
import { passwordResetMail } from './accountMails'
import { parseInput } from '../validation'

/** At most one reset mail per account in this time, so the form cannot flood a mailbox. */
export const RESET_MAIL_INTERVAL_MS = 60_000

const Input = z.object({
  identifier: z.string({ error: 'Isi e-mail atau NIK Anda.' }).trim().min(1, 'Isi e-mail atau NIK Anda.').max(254, 'Isian terlalu panjang.'),
})

/**
 * Mail a one-hour link to set a new password to the account found by e-mail or NIK.
 * Returns nothing either way: the page answers the same whether or not an account was
 * found, so the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(ctx: UseCaseContext, input: { identifier: string }): Promise<void> {
  const { identifier } = parseInput(Input, input)
  const account = await findAccountByIdentifier(ctx.db, parseIdentifier(identifier))
  if (!account) return
  await ctx.db.transaction(async (tx) => {
    // Serialise concurrent requests for one account so the interval check holds.
    await tx.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.id, account.id)).for('update')
    const [last] = await tx
      .select({ createdAt: accountToken.createdAt })
      .from(accountToken)
      .where(and(eq(accountToken.userId, account.id), eq(accountToken.purpose, 'reset_password')))
      .orderBy(desc(accountToken.createdAt))
      .limit(1)
    if (last && ctx.now.getTime() - last.createdAt.getTime() < RESET_MAIL_INTERVAL_MS) return
    const token = await issueAccountToken(tx, { userId: account.id, purpose: 'reset_password', now: ctx.now })
    await enqueueMail(tx, passwordResetMail({ to: account.email, name: account.displayName, token }), ctx.now)
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'account.passwordResetRequested',
      entityType: 'user_account',
      entityId: account.id,
      after: { email: account.email },
    })
  })
}
