import { createCookie } from 'react-router'
import { SESSION_DAYS } from '../auth/sessions'
import { publicOrigin } from '../links'

// The session cookie (docs/decisions/019): HttpOnly, SameSite=Lax (our forms post
// same-site; React Router also rejects cross-origin form posts), Secure when the site's
// public address is HTTPS — decided by PUBLIC_URL, not by the request, which behind a TLS
// proxy arrives over plain HTTP. One definition for the pages (app/lib/session.server.ts)
// and for the answer save the production server handles before the router.

export const SESSION_COOKIE_NAME = 'latih_session'

export function sessionCookie() {
  return createCookie(SESSION_COOKIE_NAME, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: publicOrigin().startsWith('https:'),
    maxAge: SESSION_DAYS * 86_400,
  })
}

/** The session token a Cookie header carries, or null. */
export async function sessionTokenOf(cookieHeader: string | null | undefined): Promise<string | null> {
  if (!cookieHeader) return null
  const value: unknown = await sessionCookie().parse(cookieHeader)
  return typeof value === 'string' && value.length > 0 ? value : null
}
