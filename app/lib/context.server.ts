import { data } from 'react-router'
import { SYSTEM, type Actor, type AnyActor } from '../../server/auth/actor'
import type { UseCaseContext } from '../../server/context'
import { UseCaseError } from '../../server/errors'
import { runtime } from '../../server/runtime'
import { requireActor, requireCandidateScope, requireStaff } from './session.server'

// The one way a route builds the use-case context ({ db, actor, now }) from a request.

/** The context for an actor the route resolved itself (e.g. one that may be absent). */
export async function contextOf(actor: AnyActor): Promise<UseCaseContext> {
  const { db } = await runtime()
  return { db, actor, now: new Date() }
}

/** Nobody is signed in (sign-in, sign-up, password and e-mail links): the system acts. */
export function systemContext(): Promise<UseCaseContext> {
  return contextOf(SYSTEM)
}

/** Any signed-in actor (redirects to sign-in otherwise). */
export async function actorContext(request: Request): Promise<{ actor: Actor; ctx: UseCaseContext }> {
  const actor = await requireActor(request)
  return { actor, ctx: await contextOf(actor) }
}

/** A staff member (a candidate is sent to their own pages). */
export async function staffContext(request: Request): Promise<{ actor: Actor; ctx: UseCaseContext }> {
  const actor = await requireStaff(request)
  return { actor, ctx: await contextOf(actor) }
}

/** The candidate whose pages these are: themself, or the walk-in a kiosk officer assists. */
export async function candidateContext(
  request: Request,
): Promise<{ actor: Actor; candidateId: string; ctx: UseCaseContext }> {
  const { actor, candidateId } = await requireCandidateScope(request)
  return { actor, candidateId, ctx: await contextOf(actor) }
}

/** In a loader, a refused use case becomes an error page with its status and message. */
export function loaderFailure(error: unknown): never {
  if (error instanceof UseCaseError) throw data(error.message, { status: error.status })
  throw error
}
