import { z } from 'zod'
import { recordAudit } from '../audit'
import { SYSTEM } from '../auth/actor'
import { dummyHash, verifyPassword } from '../auth/password'
import type { UseCaseContext } from '../context'
import { UseCaseError } from '../errors'
import { defaultTimeZone } from '../institutions/defaultTimeZone'
import { findAccountByIdentifier, parseIdentifier, selfActor, type AccountRow } from './accountLookup'
import {
  activeLock,
  clearThrottle,
  identifierThrottleKey,
  IDENTIFIER_FAILURE_LIMIT,
  IP_FAILURE_LIMIT,
  ipThrottleKey,
  lockedMessage,
  recordFailure,
} from './signInThrottle'
import { parseInput } from '../validation'

export const WRONG_CREDENTIALS = 'E-mail/NIK atau kata sandi salah.'
export const NO_PASSWORD_YET =
  'Akun ini belum punya kata sandi karena dibuat di kios pendaftaran. Buka tautan «Buat kata sandi» di e-mail Anda, atau gunakan «Lupa kata sandi» untuk meminta tautan baru.'

const Input = z.object({
  identifier: z.string({ error: 'Isi e-mail atau NIK Anda.' }).trim().min(1, 'Isi e-mail atau NIK Anda.').max(254, WRONG_CREDENTIALS),
  password: z.string({ error: 'Isi kata sandi Anda.' }).min(1, 'Isi kata sandi Anda.').max(1024, WRONG_CREDENTIALS),
  /** The client's address when known; without it only the per-identifier limit applies. */
  ip: z.string().max(100).nullish(),
})

type Outcome = 'wrong_password' | 'unknown_account' | 'no_password' | 'locked'

/**
 * Sign in with an e-mail address or a NIK and a password. Returns the account, or throws
 * the same message for an unknown account and a wrong password (with the same work
 * done, so timing tells nothing either). Five failures for one identifier, or twenty
 * from one address, within 15 minutes lock it for 15 minutes.
 */
export async function signIn(
  ctx: UseCaseContext,
  input: { identifier: string; password: string; ip?: string | null },
): Promise<{ userId: string; kind: 'candidate' | 'staff' }> {
  const { identifier: raw, password, ip } = parseInput(Input, input)
  const identifier = parseIdentifier(raw)
  const identifierKey = identifierThrottleKey(identifier)
  const ipKey = ip ? ipThrottleKey(ip) : null
  const keys = ipKey ? [identifierKey, ipKey] : [identifierKey]
  const via = identifier.kind

  const locked = await activeLock(ctx.db, keys, ctx.now)
  if (locked) {
    await audit(ctx, null, 'locked', { via, ip })
    throw await lockedError(ctx, locked)
  }

  const account = await findAccountByIdentifier(ctx.db, identifier)
  // Always one argon2 verification, whether or not the account exists.
  const matches = await verifyPassword(account?.passwordHash ?? (await dummyHash()), password)

  if (account && !account.passwordHash) {
    // Not a guess at a password, so it does not count towards the lock.
    await audit(ctx, account, 'no_password', { via, ip })
    throw new UseCaseError(NO_PASSWORD_YET, 401)
  }

  if (!account || !matches) {
    const lockedNow = await ctx.db.transaction(async (tx) => {
      const byIdentifier = await recordFailure(tx, identifierKey, IDENTIFIER_FAILURE_LIMIT, ctx.now)
      const byIp = ipKey ? await recordFailure(tx, ipKey, IP_FAILURE_LIMIT, ctx.now) : null
      await recordAudit(tx, SYSTEM, ctx.now, failureAudit(account, account ? 'wrong_password' : 'unknown_account', { via, ip }))
      return [byIdentifier, byIp].reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null)
    })
    if (lockedNow) throw await lockedError(ctx, lockedNow)
    throw new UseCaseError(WRONG_CREDENTIALS, 401)
  }

  await ctx.db.transaction(async (tx) => {
    // A success forgives this identifier's failures; the address keeps its count, so
    // one valid account cannot be used to reset a guessing run from that address.
    await clearThrottle(tx, [identifierKey])
    await recordAudit(tx, selfActor(account), ctx.now, {
      action: 'account.signIn',
      entityType: 'user_account',
      entityId: account.id,
      after: { via, ip: ip ?? null },
    })
  })
  return { userId: account.id, kind: account.kind }
}

async function lockedError(ctx: UseCaseContext, until: Date): Promise<UseCaseError> {
  return new UseCaseError(lockedMessage(until, await defaultTimeZone(ctx.db)), 429)
}

function failureAudit(account: AccountRow | null, outcome: Outcome, detail: { via: string; ip?: string | null }) {
  // The typed identifier is not stored: it may be someone's password typed in the wrong box.
  return {
    action: 'account.signInFailed',
    entityType: 'user_account',
    entityId: account?.id ?? null,
    after: { outcome, via: detail.via, ip: detail.ip ?? null },
  }
}

async function audit(ctx: UseCaseContext, account: AccountRow | null, outcome: Outcome, detail: { via: string; ip?: string | null }) {
  await ctx.db.transaction((tx) => recordAudit(tx, SYSTEM, ctx.now, failureAudit(account, outcome, detail)))
}
