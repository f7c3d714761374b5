// Growing delays for failed sign-ins (docs/decisions/018), as pure rules: how long one
// identifier must wait from one address after its n-th failure, and how a wait is said.

/** Failures from one address for one identifier that cost nothing. */
export const FREE_TRIES = 5
/** The wait after the FREE_TRIES-th failure; it doubles with each further one … */
export const FIRST_DELAY_SECONDS = 30
/** … up to this. */
export const MAX_DELAY_SECONDS = 15 * 60

/**
 * Seconds to wait after `failures` failures in a row (0 while they are still free):
 * 5 → 30 s, 6 → 1 min, 7 → 2 min, 8 → 4 min, 9 → 8 min, 10 and more → 15 min.
 */
export function delayAfterFailures(failures: number): number {
  if (failures < FREE_TRIES) return 0
  const doublings = Math.min(failures - FREE_TRIES, 16)
  return Math.min(FIRST_DELAY_SECONDS * 2 ** doublings, MAX_DELAY_SECONDS)
}

/**
 * A wait in words, rounded up so that trying again after it works: «30 detik»,
 * «1 menit», «15 menit», «2 jam».
 */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000))
  if (seconds < 60) return `${seconds} detik`
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 120) return `${minutes} menit`
  return `${Math.ceil(minutes / 60)} jam`
}
