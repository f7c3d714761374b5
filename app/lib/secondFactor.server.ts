import { createCookie, redirect } from 'react-router'
import type { PendingSecondFactor } from '../../server/accounts/secondFactorChallenge'
import { CHALLENGE_MINUTES } from '../../server/accounts/secondFactor'
import { publicOrigin } from '../../server/links'
import { endSession, safeRedirectTarget } from './session.server'

// The pending second-factor challenge between a correct password and a session
// (docs/decisions/020): a random token in its own short-lived HttpOnly cookie; the
// database keeps its SHA-256, its wrong codes and its expiry.

function challengeCookie() {
  return createCookie('latih_2fa', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: publicOrigin().startsWith('https:'),
    maxAge: Math.max(CHALLENGE_MINUTES.verify, CHALLENGE_MINUTES.enrol) * 60,
  })
}

export async function challengeToken(request: Request): Promise<string | null> {
  const value: unknown = await challengeCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : null
}

export async function challengeCookieHeader(pending: PendingSecondFactor): Promise<string> {
  const maxAge = Math.max(1, Math.round((pending.expiresAt.getTime() - Date.now()) / 1000))
  return challengeCookie().serialize(pending.token, { maxAge })
}

export async function clearChallengeCookie(): Promise<string> {
  return challengeCookie().serialize('', { maxAge: 0 })
}

/** Where a second step lives: the code page, or enrolment when it must be set up first. */
export function secondFactorPath(step: PendingSecondFactor['step'], ke: FormDataEntryValue | string | null): string {
  const target = safeRedirectTarget(ke, '')
  const base = step === 'verify' ? '/masuk/kode' : '/akun/dua-langkah'
  return target ? `${base}?ke=${encodeURIComponent(target)}` : base
}

/**
 * After a correct password for an account with a second step: whoever was signed in on
 * this browser is signed out, and the browser goes to the second step holding the
 * challenge, with no session yet.
 */
export async function redirectToSecondFactor(
  request: Request,
  pending: PendingSecondFactor,
  ke: FormDataEntryValue | string | null,
): Promise<Response> {
  const headers = new Headers()
  headers.append('Set-Cookie', await endSession(request))
  headers.append('Set-Cookie', await challengeCookieHeader(pending))
  return redirect(secondFactorPath(pending.step, ke), { headers })
}
