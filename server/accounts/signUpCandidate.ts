import { z } from 'zod'
import { maskNik, parseNik } from '../../domain/nik'
import { checkPassword } from '../../domain/password'
import { normalizeMobileNumber } from '../../domain/phone'
import { recordAudit } from '../audit'
import { encrypt, keyedHash } from '../auth/crypto'
import { hashPassword, verifyPassword } from '../auth/password'
import { issueAccountToken } from '../auth/tokens'
import type { UseCaseContext } from '../context'
import { candidateProfile, privacyConsent, userAccount } from '../db/schema'
import { CONSENT_REQUIRED, isConsentGiven, PRIVACY_NOTICE_VERSION } from '../privacy/notice'
import { ConflictError, isUniqueViolation } from '../errors'
import { enqueueMail } from '../mail/sendMail'
import { findAccountByEmail, findAccountByNik, selfActor } from './accountLookup'
import { verificationMail } from './accountMails'
import { countSignUp, uncountSignUp } from './signUpThrottle'
import { parseInput } from '../validation'
import { checkPersonName } from '../../domain/personName'

export const NIK_IN_USE =
  'NIK ini sudah terdaftar di Latih. Jika itu akun Anda, silakan masuk dengan NIK atau e-mail Anda, atau gunakan «Lupa kata sandi». Jika Anda merasa belum pernah mendaftar, datangi kios pendaftaran BPVP Kendari dengan membawa KTP asli.'
export const EMAIL_IN_USE =
  'E-mail ini sudah dipakai akun lain di Latih. Jika itu akun Anda, silakan masuk, atau gunakan «Lupa kata sandi». Jika bukan, pakai alamat e-mail lain.'

/** A repeat of the same submit within this time signs the person in instead of failing. */
export const REPEAT_SUBMIT_WINDOW_MS = 10 * 60_000

const required = (message: string) => z.string({ error: message })

/**
 * The sign-up form, field by field. All checks run in one pass so every problem is
 * shown at once; `now` decides whether a NIK's birth date lies in the future.
 */
export function signUpSchema(now: Date) {
  return z
    .object({
      nik: required('NIK wajib diisi.'),
      fullName: required('Nama lengkap wajib diisi.'),
      email: required('E-mail wajib diisi.'),
      phone: required('Nomor HP wajib diisi.'),
      password: required('Kata sandi wajib diisi.'),
      passwordConfirm: required('Ulangi kata sandi Anda.'),
      // The privacy notice's checkbox (decision 023): absent when not ticked.
      consent: z.string().optional(),
    })
    .transform((raw, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })

      const nik = parseNik(raw.nik, { today: now })
      if (!nik.ok) issue('nik', nik.message)

      const name = checkPersonName(raw.fullName)
      if (!name.ok) issue('fullName', name.message)
      const fullName = name.ok ? name.name : ''

      const email = raw.email.trim().toLowerCase()
      if (email === '') issue('email', 'E-mail wajib diisi.')
      else if (email.length > 254 || !z.email().safeParse(email).success) {
        issue('email', 'Alamat e-mail tidak valid. Contoh: nama@gmail.com.')
      }

      const phone = normalizeMobileNumber(raw.phone)
      if (!phone.ok) issue('phone', phone.message)

      const problems = checkPassword(raw.password, {
        email,
        name: fullName,
        nik: nik.ok ? nik.value.nik : raw.nik,
      })
      for (const problem of problems) issue('password', problem)
      if (raw.passwordConfirm === '') issue('passwordConfirm', 'Ulangi kata sandi Anda.')
      else if (raw.passwordConfirm !== raw.password) issue('passwordConfirm', 'Kedua kata sandi tidak sama.')
      if (!isConsentGiven(raw.consent)) issue('consent', CONSENT_REQUIRED)

      if (!nik.ok || !phone.ok) return z.NEVER
      return { nik: nik.value, fullName, email, phone: phone.value, password: raw.password }
    })
}

export type SignUpInput = z.input<ReturnType<typeof signUpSchema>>
type SignUpValue = z.output<ReturnType<typeof signUpSchema>>

/**
 * A candidate creates their own account (SOP step 3): account, profile with the NIK
 * encrypted, a verification link by e-mail and an audit row, in one transaction.
 *
 * Nobody is signed in yet, so ctx.actor is not used: the audit row names the new account
 * as its own actor (the person acted for themselves). A repeat of the same submit within
 * ten minutes (double click, retry after a timeout) returns the account it created with
 * `created: false` instead of failing, so the page can sign the person in.
 */
export async function signUpCandidate(
  ctx: UseCaseContext,
  input: SignUpInput,
  /** The client's address: sign-ups are limited per address (signUpThrottle.ts). */
  request: { address?: string | null } = {},
): Promise<{ userId: string; created: boolean }> {
  const value = parseInput(signUpSchema(ctx.now), input)

  await countSignUp(ctx.db, request.address)
  const repeated = await existingAccountFor(ctx, value)
  if (repeated) {
    await uncountSignUp(ctx.db, request.address)
    return { userId: repeated, created: false }
  }

  // Hash outside the transaction: argon2 is slow and PGlite serialises transactions.
  const passwordHash = await hashPassword(value.password)
  try {
    const userId = await ctx.db.transaction(async (tx) => {
      const [user] = await tx
        .insert(userAccount)
        .values({
          email: value.email,
          kind: 'candidate',
          displayName: value.fullName,
          passwordHash,
          createdAt: ctx.now,
        })
        .returning()
      const account = user!
      const nikMasked = maskNik(value.nik.nik)
      await tx.insert(candidateProfile).values({
        userId: account.id,
        nikCiphertext: encrypt(value.nik.nik),
        nikHash: keyedHash(value.nik.nik),
        nikMasked,
        fullName: value.fullName,
        phone: value.phone,
        // The NIK encodes both; the candidate can correct them in the profile.
        birthDate: value.nik.birthDate,
        sex: value.nik.sex,
        updatedAt: ctx.now,
      })
      // The consent to the privacy notice, with its version and time (UU PDP, decision 023).
      await tx.insert(privacyConsent).values({ userId: account.id, noticeVersion: PRIVACY_NOTICE_VERSION, consentedAt: ctx.now, channel: 'self' })
      const token = await issueAccountToken(tx, { userId: account.id, purpose: 'verify_email', now: ctx.now })
      await enqueueMail(tx, verificationMail({ to: account.email, name: value.fullName, token }), ctx.now)
      await recordAudit(tx, selfActor(account), ctx.now, {
        action: 'account.signUp',
        entityType: 'user_account',
        entityId: account.id,
        after: { email: account.email, nikMasked, fullName: value.fullName, privacyNotice: PRIVACY_NOTICE_VERSION },
      })
      return account.id
    })
    return { userId, created: true }
  } catch (error) {
    // A concurrent submit won the race for the NIK or the e-mail: decide as if it had
    // committed before we looked.
    if (!isUniqueViolation(error)) throw error
    const winner = await existingAccountFor(ctx, value)
    if (winner) {
      await uncountSignUp(ctx.db, request.address)
      return { userId: winner, created: false }
    }
    throw error
  }
}

/**
 * The account this very submit already created (same NIK, e-mail and password, made in
 * the last ten minutes), or null when the NIK and e-mail are free. Anything else in use
 * is a conflict with a message that says how to get back into the existing account.
 */
async function existingAccountFor(ctx: UseCaseContext, value: SignUpValue): Promise<string | null> {
  const [byNik, byEmail] = await Promise.all([
    findAccountByNik(ctx.db, value.nik.nik),
    findAccountByEmail(ctx.db, value.email),
  ])
  if (!byNik && !byEmail) return null
  if (
    byNik &&
    byEmail?.id === byNik.id &&
    byNik.passwordHash &&
    ctx.now.getTime() - byNik.createdAt.getTime() <= REPEAT_SUBMIT_WINDOW_MS &&
    (await verifyPassword(byNik.passwordHash, value.password))
  ) {
    return byNik.id
  }
  const fieldErrors: Record<string, string[]> = {}
  if (byNik) fieldErrors.nik = [NIK_IN_USE]
  if (byEmail) fieldErrors.email = [EMAIL_IN_USE]
  throw new ConflictError('Akun dengan data ini sudah ada di Latih.', fieldErrors)
}
