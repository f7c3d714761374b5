import { z } from 'zod'
import { recordAudit } from '../audit'
import { SYSTEM } from '../auth/actor'
import { dummyHash, PasswordWorkBusyError, verifyPassword } from '../auth/password'
import type { UseCaseContext } from '../context'
import { UseCaseError } from '../errors'
import { defaultTimeZone } from '../institutions/defaultTimeZone'
import { findAccountByIdentifier, parseIdentifier, selfActor, type AccountRow } from './accountLookup'
import { admitSignIn, signInFailed, signInNotChecked, signInSucceeded, waitMessage } from './signInThrottle'
import { parseInput } from '../validation'
import { beginSecondFactor, type PendingSecondFactor } from './secondFactorChallenge'

export const WRONG_CREDENTIALS = 'E-mail/NIK atau kata sandi salah.'
export const NO_PASSWORD_YET =
  'Akun ini belum punya kata sandi karena dibuat di kios pendaftaran. Buka tautan «Buat kata sandi» di e-mail Anda, atau gunakan «Lupa kata sandi» untuk meminta tautan baru.'
export const ACCOUNT_LOCKED =
  'Akun ini dikunci karena NIK-nya telah dialihkan di kios pendaftaran kepada pemilik KTP. Jika Anda merasa ini keliru, datang ke kios pendaftaran dengan KTP asli Anda.'

const Input = z.object({
  identifier: z.string({ error: 'Isi e-mail atau NIK Anda.' }).trim().min(1, 'Isi e-mail atau NIK Anda.').max(254, WRONG_CREDENTIALS),
  password: z.string({ error: 'Isi kata sandi Anda.' }).min(1, 'Isi kata sandi Anda.').max(1024, WRONG_CREDENTIALS),
  /** The client's address when known; without it the identifier alone is throttled. */
  ip: z.string().max(100).nullish(),
})

type Outcome = 'wrong_password' | 'unknown_account' | 'no_password' | 'address_limit' | 'account_locked'

/**
 * Sign in with an e-mail address or a NIK and a password. Returns the account, or throws
 * the same message for an unknown account and a wrong password (with the same work
 * done, so timing tells nothing either). Throttled per identifier-and-address pair with
 * growing waits, and loosely per address against floods (signInThrottle.ts, decision 018);
 * argon2 work is capped server-wide (a 503 when saturated).
 */
export async function signIn(
  ctx: UseCaseContext,
  input: { identifier: string; password: string; ip?: string | null },
): Promise<{ userId: string; kind: 'candidate' | 'staff'; secondFactor?: PendingSecondFactor }> {
  const { identifier: raw, password, ip } = parseInput(Input, input)
  const identifier = parseIdentifier(raw)
  const via = identifier.kind

  const admission = await admitSignIn(ctx.db, identifier, ip ?? null)
  if (!admission.ok) {
    // Audited once, when a flood reaches the address limit; a refused attempt is not
    // audited each time (a flood would fill the log), the failure that began a wait is.
    if (admission.firstRefusal) await audit(ctx, null, 'address_limit', { via, ip })
    throw await waitError(ctx, admission.scope, admission.waitMs, 429)
  }
  const { attempt } = admission

  const account = await findAccountByIdentifier(ctx.db, identifier)
  // Always one argon2 verification, whether or not the account exists or has a password.
  let matches: boolean
  try {
    matches = await verifyPassword(account?.passwordHash ?? (await dummyHash()), password)
  } catch (error) {
    // The server is saturated: nothing was checked, so nothing counts.
    if (error instanceof PasswordWorkBusyError) await signInNotChecked(ctx.db, attempt)
    throw error
  }

  if (!account || !account.passwordHash || !matches) {
    // An account made at the kiosk without a password counts like any other failure.
    const outcome: Outcome = !account ? 'unknown_account' : account.passwordHash ? 'wrong_password' : 'no_password'
    const waitMs = await signInFailed(ctx.db, attempt)
    await ctx.db.transaction((tx) =>
      recordAudit(tx, SYSTEM, ctx.now, failureAudit(account, outcome, { via, ip, ...(waitMs > 0 ? { waitSeconds: waitMs / 1000 } : {}) })),
    )
    if (outcome === 'no_password') throw new UseCaseError(NO_PASSWORD_YET, 401)
    if (waitMs > 0) throw await waitError(ctx, 'after-failure', waitMs, 401)
    throw new UseCaseError(WRONG_CREDENTIALS, 401)
  }
  await signInSucceeded(ctx.db, attempt)

  // A locked account (its NIK reassigned to the KTP's holder, docs/decisions/022) never
  // signs in; said only to whoever knows its password.
  if (account.lockedAt) {
    await audit(ctx, account, 'account_locked', { via, ip })
    throw new UseCaseError(ACCOUNT_LOCKED, 403)
  }

  // Second factor (docs/decisions/020): an account that has one, or that an institution
  // requires to have one, gets a pending challenge instead of a session.
  const secondFactor = await beginSecondFactor(ctx, account.id)
  if (secondFactor) return { userId: account.id, kind: account.kind, secondFactor }

  await ctx.db.transaction(async (tx) => {
    await recordAudit(tx, selfActor(account), ctx.now, {
      action: 'account.signIn',
      entityType: 'user_account',
      entityId: account.id,
      after: { via, ip: ip ?? null },
    })
  })
  return { userId: account.id, kind: account.kind }
}

async function waitError(
  ctx: UseCaseContext,
  scope: Parameters<typeof waitMessage>[0],
  waitMs: number,
  status: number,
): Promise<UseCaseError> {
  return new UseCaseError(waitMessage(scope, waitMs, ctx.now, await defaultTimeZone(ctx.db)), status)
}

type FailureDetail = { via: string; ip?: string | null; waitSeconds?: number }

function failureAudit(account: AccountRow | null, outcome: Outcome, detail: FailureDetail) {
  // The typed identifier is not stored: it may be someone's password typed in the wrong box.
  return {
    action: 'account.signInFailed',
    entityType: 'user_account',
    entityId: account?.id ?? null,
    after: { outcome, via: detail.via, ip: detail.ip ?? null, ...(detail.waitSeconds ? { waitSeconds: detail.waitSeconds } : {}) },
  }
}

async function audit(ctx: UseCaseContext, account: AccountRow | null, outcome: Outcome, detail: FailureDetail) {
  await ctx.db.transaction((tx) => recordAudit(tx, SYSTEM, ctx.now, failureAudit(account, outcome, detail)))
}
