import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible'
import { waitInWords } from '../../domain/signInDelay'
import { keyedHash } from '../auth/crypto'
import type { DbOrTx } from '../db/client'
import { rateLimit } from '../db/schema'
import { env } from '../env'
import { UseCaseError } from '../errors'
import { addressBucket } from './signInThrottle'

// Self sign-up per client address (issue 9 §2, decision 018): SIGN_UPS_PER_ADDRESS_HOUR
// (env, default 10) attempts that reach the NIK and e-mail check per hour, in the shared rate_limit table.
// Without it one machine made 100 accounts with other people's NIKs in 6 s, and each
// real owner was then told "NIK ini sudah terdaftar". Counted before the check, so
// probing which NIKs are registered costs the same; a repeated submit of an account
// just made gives its attempt back. Walk-ins at the kiosk are made by officers
// (createCandidateOnBehalf) and are not counted here.

export const SIGN_UP_WINDOW_SECONDS = 60 * 60

const limiters = new WeakMap<object, RateLimiterDrizzle>()
function limiterFor(db: DbOrTx): RateLimiterDrizzle {
  let l = limiters.get(db)
  if (!l) {
    l = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimit,
      keyPrefix: 'daftar-alamat',
      points: env().SIGN_UPS_PER_ADDRESS_HOUR,
      duration: SIGN_UP_WINDOW_SECONDS,
      clearExpiredByTimeout: true,
    })
    limiters.set(db, l)
  }
  return l
}

const addressKey = (address: string) => keyedHash(addressBucket(address), 'sign-up-throttle')

export const signUpLimitMessage = (waitMs: number) =>
  `Terlalu banyak akun dibuat dari jaringan Anda dalam satu jam terakhir. Tunggu ${waitInWords(waitMs)}, lalu coba lagi — atau datangi kios pendaftaran BPVP Kendari; petugas akan membantu Anda. Tidak ada akun yang dibuat.`

/** Counts one sign-up from `address`; throws a 429 with the wait when the hour's are used up. */
export async function countSignUp(db: DbOrTx, address: string | null | undefined): Promise<void> {
  if (!address) return
  try {
    await limiterFor(db).consume(addressKey(address))
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error
    throw new UseCaseError(signUpLimitMessage(error.msBeforeNext), 429)
  }
}

/** A submit that created nothing new (the repeat of one that did) gives its count back. */
export async function uncountSignUp(db: DbOrTx, address: string | null | undefined): Promise<void> {
  if (address) await limiterFor(db).reward(addressKey(address), 1)
}
