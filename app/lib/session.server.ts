import { redirect } from 'react-router'
import type { Actor } from '../../server/auth/actor'
import { createSession, deleteSession, resolveSession } from '../../server/auth/sessions'
// The session cookie is defined once, for the pages and for the production server's answer save.
import { sessionCookie, sessionTokenOf } from '../../server/http/sessionCookie'
import { runtime } from '../../server/runtime'
import { publicOrigin } from '../../server/links'
import { IDLE_SIGN_IN_PARAM, IDLE_SIGN_IN_VALUE } from './sessionEnded'

function siteOrigin(): string {
  return publicOrigin()
}

function tokenOf(request: Request): Promise<string | null> {
  return sessionTokenOf(request.headers.get('Cookie'))
}

/** The signed-in actor, or null. Memoised per request. */
const cache = new WeakMap<Request, Promise<Actor | null>>()
/** Requests whose session has just ended for inactivity (docs/decisions/019). */
const endedIdle = new WeakSet<Request>()
export function getActor(request: Request): Promise<Actor | null> {
  let pending = cache.get(request)
  if (!pending) {
    pending = (async () => {
      const token = await tokenOf(request)
      if (!token) return null
      const { db } = await runtime()
      const state = await resolveSession(db, token, new Date())
      if (state.status === 'idle') endedIdle.add(request)
      return state.status === 'active' ? state.actor : null
    })()
    cache.set(request, pending)
  }
  return pending
}


async function signInRedirect(request: Request): Promise<Response> {
  const url = new URL(request.url)
  const back = `/masuk?ke=${encodeURIComponent(url.pathname + url.search)}`
  if (!endedIdle.has(request)) return redirect(back)
  // The session ended for inactivity: say so at sign-in, and drop the dead cookie.
  return redirect(`${back}&${IDLE_SIGN_IN_PARAM}=${IDLE_SIGN_IN_VALUE}`, {
    headers: { 'Set-Cookie': await sessionCookie().serialize('', { maxAge: 0 }) },
  })
}

export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request)
  if (!actor) throw await signInRedirect(request)
  return actor
}

export async function requireCandidate(request: Request): Promise<Actor> {
  const actor = await requireActor(request)
  if (actor.kind !== 'candidate') throw redirect('/staf')
  return actor
}

export async function requireStaff(request: Request): Promise<Actor> {
  const actor = await requireActor(request)
  if (actor.kind !== 'staff') throw redirect('/aktivitas')
  return actor
}

/**
 * Start a session and return the Set-Cookie header value. `address` (the client's, from
 * the route's context) is kept only as its network, for the list of one's sessions.
 */
export async function startSession(request: Request, userId: string, address?: string | null): Promise<string> {
  const { db } = await runtime()
  const { token } = await createSession(db, {
    userId,
    now: new Date(),
    userAgent: request.headers.get('User-Agent'),
    address,
  })
  return sessionCookie().serialize(token)
}

/** End the session and return the Set-Cookie header value that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const token = await tokenOf(request)
  if (token) {
    const { db } = await runtime()
    await deleteSession(db, token)
  }
  return sessionCookie().serialize('', { maxAge: 0 })
}

/**
 * Where to go after sign-in or a language switch: only a path on this site. Decided the
 * way the browser will read it — parsed with `new URL` against the site's origin — so
 * tabs, newlines and backslashes (`/\t/evil.example`, `/\\evil.example`) cannot turn it
 * into another host. The result is the parsed path, percent-encoded, always a valid
 * Location header.
 */
export function safeRedirectTarget(value: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback
  const origin = siteOrigin()
  let target: URL
  try {
    target = new URL(value, origin)
  } catch {
    return fallback
  }
  if (target.origin !== origin) return fallback
  return `${target.pathname}${target.search}${target.hash}`
}

/**
 * The candidate whose pages these are: the signed-in candidate, or the walk-in a kiosk
 * officer is assisting. Candidate pages use this, so a kiosk officer in an assisted
 * session sees and does exactly what the candidate could, recorded as the officer.
 */
export async function requireCandidateScope(request: Request): Promise<{ actor: Actor; candidateId: string }> {
  const actor = await requireActor(request)
  if (actor.kind === 'candidate') return { actor, candidateId: actor.userId }
  // On the candidate's pages the officer is in that one candidate's shoes: their staff
  // roles are left behind, so another candidate's registration, receipt or file is
  // refused as it would be to the candidate (docs/decisions/022).
  if (actor.assisted) return { actor: assistedOnly(actor), candidateId: actor.assisted.candidateId }
  throw redirect('/staf')
}

/** A kiosk officer's actor reduced to the assisted session: no staff role applies. */
export function assistedOnly(actor: Actor): Actor {
  return { ...actor, roles: [] }
}
