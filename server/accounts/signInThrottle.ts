import { isIPv4, isIPv6 } from 'node:net'
import { sql } from 'drizzle-orm'
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible'
import { delayAfterFailures, FREE_TRIES, waitInWords } from '../../domain/signInDelay'
import { formatZonedTime } from '../../domain/zonedTime'
import { keyedHash } from '../auth/crypto'
import type { DbOrTx } from '../db/client'
import { rateLimit } from '../db/schema'
import type { AccountIdentifier } from './accountLookup'

// Sign-in throttling (docs/decisions/018, superseding 006), on rate-limiter-flexible's
// Drizzle store over our own `rate_limit` table, so every app process shares the counts
// on PGlite and on PostgreSQL alike:
//
// - per identifier AND address (the pair): five failures are free, then a wait that
//   doubles from 30 s up to 15 min (domain/signInDelay.ts). Only one attempt at a time
//   passes the wait (a claim on the pair's gate), so a burst of parallel posts cannot
//   guess faster than one at a time. The owner signing in from any other address is not
//   touched by someone else's failures; a success clears the pair.
// - per address, loosely and only against floods: ADDRESS_ATTEMPTS attempts in
//   ADDRESS_WINDOW_SECONDS (a success gives its attempt back), so one user's typos at a
//   kiosk desk or a lab behind one NAT never shut the others out.
//
// Keys are keyed hashes of the normalised identifier (e-mail lower-case, NIK digits only
// — accountLookup.parseIdentifier) and of the address (IPv6 by its /64, the block one
// subscriber gets), never what was typed.

export const ADDRESS_ATTEMPTS = 100
export const ADDRESS_WINDOW_SECONDS = 15 * 60
/** Failures are forgotten a day after the first of a run. */
export const FAILURE_MEMORY_SECONDS = 24 * 60 * 60
/** How long a passing attempt holds the pair's gate while its password is checked. */
const CLAIM_SECONDS = 30

const PAIR_PREFIX = 'masuk-pasangan'
const GATE_PREFIX = 'masuk-jeda'
const ADDRESS_PREFIX = 'masuk-alamat'

interface Limiters {
  failures: RateLimiterDrizzle
  gate: RateLimiterDrizzle
  address: RateLimiterDrizzle
}
const limiters = new WeakMap<object, Limiters>()

function limitersFor(db: DbOrTx): Limiters {
  let l = limiters.get(db)
  if (!l) {
    const common = { storeClient: db, schema: rateLimit, clearExpiredByTimeout: true }
    l = {
      failures: new RateLimiterDrizzle({ ...common, keyPrefix: PAIR_PREFIX, points: FREE_TRIES, duration: FAILURE_MEMORY_SECONDS }),
      // One point: the first attempt after a wait takes it, every other one is refused.
      gate: new RateLimiterDrizzle({ ...common, keyPrefix: GATE_PREFIX, points: 1, duration: CLAIM_SECONDS }),
      address: new RateLimiterDrizzle({ ...common, keyPrefix: ADDRESS_PREFIX, points: ADDRESS_ATTEMPTS, duration: ADDRESS_WINDOW_SECONDS }),
    }
    limiters.set(db, l)
  }
  return l
}

/** The address as counted: IPv4 as it is (also inside IPv6), IPv6 by its first 64 bits. */
export function addressBucket(address: string): string {
  const value = address.trim().toLowerCase().replace(/%.*$/, '')
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value)
  if (mapped) return mapped[1]!
  if (isIPv4(value)) return value
  if (isIPv6(value) && !/\d+\.\d+\.\d+\.\d+$/.test(value)) {
    const [head = '', tail] = value.split('::')
    const left = head ? head.split(':') : []
    const right = tail ? tail.split(':') : []
    const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    return `${groups
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':')}::/64`
  }
  return value
}

const identifierHash = (identifier: AccountIdentifier) =>
  keyedHash(`${identifier.kind}:${identifier.kind === 'nik' ? identifier.nik : identifier.email}`, 'sign-in-throttle')
const addressHash = (address: string) => keyedHash(addressBucket(address), 'sign-in-throttle')

/** An attempt let through to the password check, with what it counted. */
export interface SignInAttempt {
  pairKey: string
  addressKey: string | null
  /** Failures of the pair so far, this attempt included. */
  count: number
}

export type Admission =
  | { ok: true; attempt: SignInAttempt }
  /** firstRefusal: this attempt is the one that reached the address limit (audited once). */
  | { ok: false; scope: 'pair' | 'address'; waitMs: number; firstRefusal: boolean }

const refusal = (error: unknown): RateLimiterRes | null => (error instanceof RateLimiterRes ? error : null)

/**
 * May this attempt have its password checked? Counts it first (one atomic statement per
 * counter), so parallel attempts cannot all slip under a limit; an attempt refused by the
 * pair's wait is not counted as a failure of the pair.
 */
export async function admitSignIn(db: DbOrTx, identifier: AccountIdentifier, address: string | null): Promise<Admission> {
  const l = limitersFor(db)
  const addressKey = address ? addressHash(address) : null
  // Without a known address (the dev server) the pair is the identifier alone.
  const pairKey = `${identifierHash(identifier)}:${addressKey ?? '-'}`

  if (addressKey) {
    try {
      await l.address.consume(addressKey)
    } catch (error) {
      const res = refusal(error)
      if (!res) throw error
      return { ok: false, scope: 'address', waitMs: res.msBeforeNext, firstRefusal: res.consumedPoints === ADDRESS_ATTEMPTS + 1 }
    }
  }

  const { consumedPoints: count } = await l.failures.penalty(pairKey, 1)
  if (count > FREE_TRIES) {
    try {
      await l.gate.consume(pairKey)
    } catch (error) {
      const res = refusal(error)
      if (!res) throw error
      await l.failures.reward(pairKey, 1)
      return { ok: false, scope: 'pair', waitMs: res.msBeforeNext, firstRefusal: false }
    }
  }
  return { ok: true, attempt: { pairKey, addressKey, count } }
}

/**
 * The attempt failed (wrong password, unknown account, an account without a password
 * yet): from the fifth failure on the pair waits. Returns the wait in ms, 0 when none.
 */
export async function signInFailed(db: DbOrTx, attempt: SignInAttempt): Promise<number> {
  const l = limitersFor(db)
  // Parallel failures each counted: the wait follows the count as it is now.
  const current = (await l.failures.get(attempt.pairKey))?.consumedPoints ?? attempt.count
  const seconds = delayAfterFailures(Math.max(current, attempt.count))
  if (seconds > 0) await l.gate.block(attempt.pairKey, seconds)
  else if (attempt.count > FREE_TRIES) await l.gate.delete(attempt.pairKey)
  return seconds * 1000
}

/** The attempt succeeded: the pair starts afresh, and the address gets its attempt back. */
export async function signInSucceeded(db: DbOrTx, attempt: SignInAttempt): Promise<void> {
  const l = limitersFor(db)
  await Promise.all([
    l.failures.delete(attempt.pairKey),
    l.gate.delete(attempt.pairKey),
    attempt.addressKey ? l.address.reward(attempt.addressKey, 1) : null,
  ])
}

/** No password was checked (the server was busy): the attempt is given back everywhere. */
export async function signInNotChecked(db: DbOrTx, attempt: SignInAttempt): Promise<void> {
  const l = limitersFor(db)
  await Promise.all([
    l.failures.reward(attempt.pairKey, 1),
    attempt.count > FREE_TRIES ? l.gate.delete(attempt.pairKey) : null,
    attempt.addressKey ? l.address.reward(attempt.addressKey, 1) : null,
  ])
}

/**
 * A new password (reset link) forgives every failure counted for these identifiers, from
 * every address: the owner has proven the mailbox.
 */
export async function forgetSignInFailures(tx: DbOrTx, identifiers: AccountIdentifier[]): Promise<void> {
  for (const identifier of identifiers) {
    for (const prefix of [PAIR_PREFIX, GATE_PREFIX]) {
      const start = `${prefix}:${identifierHash(identifier)}:`
      await tx.delete(rateLimit).where(sql`left(${rateLimit.key}, ${start.length}) = ${start}`)
    }
  }
}

/** What the person is told, and the status the page answers with. */
export function waitMessage(scope: 'pair' | 'address' | 'after-failure', waitMs: number, now: Date, timeZone: string): string {
  const minuteMs = 60_000
  // The clock time only for longer waits; rounded up so the stated minute is really free.
  const until =
    waitMs >= 2 * minuteMs
      ? ` (sampai pukul ${formatZonedTime(new Date(Math.ceil((now.getTime() + waitMs) / minuteMs) * minuteMs), timeZone)})`
      : ''
  const wait = `${waitInWords(waitMs)}${until}`
  switch (scope) {
    case 'after-failure':
      return `E-mail/NIK atau kata sandi salah. Tunggu ${wait} sebelum mencoba lagi, atau atur ulang kata sandi lewat «Lupa kata sandi».`
    case 'pair':
      return `Terlalu banyak percobaan masuk yang gagal untuk akun ini dari jaringan Anda. Tunggu ${wait}, lalu coba lagi — atau atur ulang kata sandi lewat «Lupa kata sandi».`
    case 'address':
      return `Terlalu banyak percobaan masuk dari jaringan Anda. Tunggu ${wait}, lalu coba lagi.`
  }
}
