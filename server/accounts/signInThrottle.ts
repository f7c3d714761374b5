import { inArray, sql } from 'drizzle-orm'
import { formatZonedTime } from '../../domain/zonedTime'
import { keyedHash } from '../auth/crypto'
import type { DbOrTx } from '../db/client'
import { signInThrottle } from '../db/schema'
import type { AccountIdentifier } from './accountLookup'

/** Failures counted in a window; reaching the limit locks the key for LOCK_MS. */
export const THROTTLE_WINDOW_MS = 15 * 60_000
export const THROTTLE_LOCK_MS = 15 * 60_000
export const IDENTIFIER_FAILURE_LIMIT = 5
export const IP_FAILURE_LIMIT = 20

// Keys are keyed hashes: the table must not become a list of typed e-mails, NIKs or IPs.
export function identifierThrottleKey(identifier: AccountIdentifier): string {
  const value = identifier.kind === 'nik' ? identifier.nik : identifier.email
  return `${identifier.kind}:${keyedHash(value, 'sign-in-throttle')}`
}

export function ipThrottleKey(ip: string): string {
  return `ip:${keyedHash(ip, 'sign-in-throttle')}`
}

/** The latest lock still in force on any of the keys, or null. */
export async function activeLock(db: DbOrTx, keys: string[], now: Date): Promise<Date | null> {
  if (keys.length === 0) return null
  const rows = await db
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(inArray(signInThrottle.key, keys))
  let latest: Date | null = null
  for (const { lockedUntil } of rows) {
    if (lockedUntil && lockedUntil > now && (!latest || lockedUntil > latest)) latest = lockedUntil
  }
  return latest
}

/**
 * Count one failure for `key` in a single statement (so concurrent failures all count)
 * and lock the key when it reaches `limit` within the window. Returns the lock end
 * when this failure caused (or met) a lock.
 */
export async function recordFailure(tx: DbOrTx, key: string, limit: number, now: Date): Promise<Date | null> {
  const nowIso = now.toISOString()
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString()
  const lockUntil = new Date(now.getTime() + THROTTLE_LOCK_MS)
  const inWindow = sql`${signInThrottle.firstFailureAt} > ${windowStart}::timestamptz`
  const nextFailures = sql`case when ${inWindow} then ${signInThrottle.failures} + 1 else 1 end`
  const [row] = await tx
    .insert(signInThrottle)
    .values({ key, failures: 1, firstFailureAt: now, lockedUntil: limit <= 1 ? lockUntil : null })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      // Every expression here reads the row as it was before this update.
      set: {
        failures: nextFailures,
        firstFailureAt: sql`case when ${inWindow} then ${signInThrottle.firstFailureAt} else ${nowIso}::timestamptz end`,
        lockedUntil: sql`case when ${nextFailures} >= ${limit} then ${lockUntil.toISOString()}::timestamptz else ${signInThrottle.lockedUntil} end`,
      },
    })
    .returning({ lockedUntil: signInThrottle.lockedUntil })
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null
}

export async function clearThrottle(tx: DbOrTx, keys: string[]): Promise<void> {
  if (keys.length > 0) await tx.delete(signInThrottle).where(inArray(signInThrottle.key, keys))
}

/** 'Terlalu banyak … setelah pukul 14.35 WITA.' — rounded up so the stated minute is really free. */
export function lockedMessage(lockedUntil: Date, timeZone: string): string {
  const minuteMs = 60_000
  const roundedUp = new Date(Math.ceil(lockedUntil.getTime() / minuteMs) * minuteMs)
  return `Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah pukul ${formatZonedTime(roundedUp, timeZone)}.`
}
