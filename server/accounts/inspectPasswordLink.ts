import { z } from 'zod'
import { peekAccountToken, type TokenPurpose } from '../auth/tokens'
import type { UseCaseContext } from '../context'
import { findAccountById } from './accountLookup'
import { PASSWORD_LINK_PURPOSES } from './resetPassword'

const Input = z.object({ token: z.string().min(1).max(200) })

/**
 * What a password link is for, without using it up (to show the form behind it), or
 * null when it is unknown, used or expired. Reveals only the account's own e-mail, to
 * the holder of its link.
 */
export async function inspectPasswordLink(
  ctx: UseCaseContext,
  input: { token: string | null },
): Promise<{ purpose: TokenPurpose; email: string } | null> {
  const parsed = Input.safeParse(input)
  if (!parsed.success) return null
  const link = await peekAccountToken(ctx.db, { token: parsed.data.token, purposes: PASSWORD_LINK_PURPOSES, now: ctx.now })
  if (!link) return null
  const account = await findAccountById(ctx.db, link.userId)
  return account ? { purpose: link.purpose, email: account.email } : null
}
