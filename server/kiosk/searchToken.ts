import { timingSafeEqual } from 'node:crypto'
import { sign } from '../auth/crypto'

// A kiosk officer starts an assisted session, or reassigns a NIK, only for an account a
// search of theirs has just shown them (by the NIK on the KTP, or at the re-registration
// desk). The search result carries this short-lived signed token naming the account, the
// officer and the moment it expires; the start checks it (docs/decisions/022).

/** How long a search result may be acted on. */
export const SEARCH_TOKEN_TTL_MS = 15 * 60_000

const PURPOSE = 'kiosk-search'

function signature(candidateId: string, officerId: string, expiresAt: number): string {
  return sign(`${candidateId}|${officerId}|${expiresAt}`, PURPOSE)
}

/** The token for one search result: `<candidateId>.<expiry ms>.<signature>`. */
export function issueSearchToken(input: { officerId: string; candidateId: string; now: Date }): string {
  const expiresAt = input.now.getTime() + SEARCH_TOKEN_TTL_MS
  return `${input.candidateId}.${expiresAt}.${signature(input.candidateId, input.officerId, expiresAt)}`
}

/**
 * Whether the token was issued to this officer for this candidate and has not expired.
 * Anything malformed is simply not valid.
 */
export function isValidSearchToken(
  token: unknown,
  input: { officerId: string; candidateId: string; now: Date },
): boolean {
  if (typeof token !== 'string' || token.length > 200) return false
  const parts = token.split('.')
  if (parts.length !== 3) return false
  const [candidateId, expiry, given] = parts as [string, string, string]
  if (candidateId !== input.candidateId || !/^\d{1,15}$/.test(expiry)) return false
  const expiresAt = Number(expiry)
  const now = input.now.getTime()
  if (expiresAt <= now || expiresAt - now > SEARCH_TOKEN_TTL_MS) return false
  const expected = Buffer.from(signature(candidateId, input.officerId, expiresAt))
  const actual = Buffer.from(given)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
