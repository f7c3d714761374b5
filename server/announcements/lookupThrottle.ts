import { RateLimiterDrizzle } from 'rate-limiter-flexible'
import { keyedHash } from '../auth/crypto'
import type { DbOrTx } from '../db/client'
import { rateLimit } from '../db/schema'

// Throttling of the public results lookup: misses only (a wrong pair and an unknown
// number alike) are counted, per registration number and per client address, in the
// shared rate_limit table so several app processes share one limit. A candidate who
// types their own pair correctly is never held back by a lookup that worked.
// Birth dates span a few thousand plausible days: 5 misses per 15 minutes per number
// puts guessing one out of reach, while a typo or two costs nothing. The address limit
// is wide because on announcement day many phones share a carrier's address.

export const NUMBER_MISSES = 5
export const ADDRESS_MISSES = 30
export const WINDOW_SECONDS = 15 * 60

const limiters = new WeakMap<object, { number: RateLimiterDrizzle; address: RateLimiterDrizzle }>()

function limitersFor(db: DbOrTx) {
  let l = limiters.get(db)
  if (!l) {
    const common = { storeClient: db, schema: rateLimit, duration: WINDOW_SECONDS, clearExpiredByTimeout: true }
    l = {
      number: new RateLimiterDrizzle({ ...common, points: NUMBER_MISSES, keyPrefix: 'hasil-nomor' }),
      address: new RateLimiterDrizzle({ ...common, points: ADDRESS_MISSES, keyPrefix: 'hasil-ip' }),
    }
    limiters.set(db, l)
  }
  return l
}

// Keys are keyed hashes: the table must not become a list of typed numbers or addresses.
const numberKey = (number: string) => keyedHash(number, 'results-lookup')
const addressKey = (address: string) => keyedHash(address, 'results-lookup')

/** When the lookup is held back, how many milliseconds until it is not; else 0. */
export async function lookupBlockedFor(db: DbOrTx, number: string, address: string | null): Promise<number> {
  const l = limitersFor(db)
  const checks = [l.number.get(numberKey(number)).then((r) => (r && r.consumedPoints >= NUMBER_MISSES ? r.msBeforeNext : 0))]
  if (address) checks.push(l.address.get(addressKey(address)).then((r) => (r && r.consumedPoints >= ADDRESS_MISSES ? r.msBeforeNext : 0)))
  return Math.max(0, ...(await Promise.all(checks)))
}

export async function countLookupMiss(db: DbOrTx, number: string, address: string | null): Promise<void> {
  const l = limitersFor(db)
  await l.number.penalty(numberKey(number), 1)
  if (address) await l.address.penalty(addressKey(address), 1)
}
