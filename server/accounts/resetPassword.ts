import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { checkPassword } from '../../domain/password'
import { recordAudit } from '../audit'
import { decrypt } from '../auth/crypto'
import { hashPassword } from '../auth/password'
import { deleteUserSessions } from '../auth/sessions'
import { consumeAccountToken, peekAccountToken, type TokenPurpose } from '../auth/tokens'
import type { UseCaseContext } from '../context'
import { candidateProfile, userAccount } from '../db/schema'
import { ValidationError } from '../errors'
import { findAccountById, selfActor } from './accountLookup'
import { InvalidLinkError } from './invalidLink'
import { forgetSignInFailures } from './signInThrottle'
import { parseInput } from '../validation'

export const PASSWORD_LINK_PURPOSES: TokenPurpose[] = ['reset_password', 'set_password']
export const PASSWORD_LINK_INVALID =
  'Tautan ini tidak berlaku: sudah dipakai, sudah kedaluwarsa, atau tidak lengkap tersalin. Minta tautan baru lewat «Lupa kata sandi».'

const Input = z.object({
  token: z.string({ error: PASSWORD_LINK_INVALID }).min(1, PASSWORD_LINK_INVALID).max(200, PASSWORD_LINK_INVALID),
  password: z.string({ error: 'Kata sandi wajib diisi.' }),
  passwordConfirm: z.string({ error: 'Ulangi kata sandi Anda.' }),
})

/**
 * Set a new password through a link from an e-mail: a reset link, or the «create your
 * password» link a kiosk officer's account creation sends. The link proves the mailbox,
 * so the e-mail counts as verified; every other session of the account ends, and the
 * sign-in waits on its e-mail and NIK (from every address) are lifted. The person acts as themselves.
 */
export async function resetPassword(
  ctx: UseCaseContext,
  input: { token: string; password: string; passwordConfirm: string },
): Promise<{ userId: string; kind: 'candidate' | 'staff'; purpose: TokenPurpose }> {
  const { token, password, passwordConfirm } = parseInput(Input, input)
  const link = await peekAccountToken(ctx.db, { token, purposes: PASSWORD_LINK_PURPOSES, now: ctx.now })
  if (!link) throw new InvalidLinkError(PASSWORD_LINK_INVALID)
  const account = await findAccountById(ctx.db, link.userId)
  if (!account) throw new InvalidLinkError(PASSWORD_LINK_INVALID)
  const [profile] = await ctx.db
    .select({ nikCiphertext: candidateProfile.nikCiphertext, fullName: candidateProfile.fullName })
    .from(candidateProfile)
    .where(eq(candidateProfile.userId, account.id))
  const nik = profile ? decrypt(profile.nikCiphertext) : undefined

  const fieldErrors: Record<string, string[]> = {}
  const problems = checkPassword(password, { email: account.email, name: profile?.fullName ?? account.displayName, nik })
  if (problems.length > 0) fieldErrors.password = problems
  if (passwordConfirm === '') fieldErrors.passwordConfirm = ['Ulangi kata sandi Anda.']
  else if (passwordConfirm !== password) fieldErrors.passwordConfirm = ['Kedua kata sandi tidak sama.']
  // The link is not used up by a mistake in the form; the person can try again.
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors)

  const passwordHash = await hashPassword(password)
  return ctx.db.transaction(async (tx) => {
    const used = await consumeAccountToken(tx, { token, purposes: PASSWORD_LINK_PURPOSES, now: ctx.now })
    // Used in another tab meanwhile.
    if (!used || used.userId !== account.id) throw new InvalidLinkError(PASSWORD_LINK_INVALID)
    await tx
      .update(userAccount)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${userAccount.emailVerifiedAt}, ${ctx.now.toISOString()}::timestamptz)` })
      .where(eq(userAccount.id, account.id))
    await deleteUserSessions(tx, account.id)
    await forgetSignInFailures(tx, [{ kind: 'email', email: account.email.toLowerCase() }, ...(nik ? [{ kind: 'nik' as const, nik }] : [])])
    await recordAudit(tx, selfActor(account), ctx.now, {
      action: used.purpose === 'set_password' ? 'account.passwordSet' : 'account.passwordReset',
      entityType: 'user_account',
      entityId: account.id,
      after: { purpose: used.purpose, emailVerified: true, otherSessionsEnded: true },
    })
    return { userId: account.id, kind: account.kind, purpose: used.purpose }
  })
}
