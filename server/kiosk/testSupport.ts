// Test-only helpers shared by the kiosk integration tests (imported by *.test.ts only).
import type { Actor, StaffRole } from '../auth/actor'
import { loadActor } from '../auth/sessions'
import type { Db } from '../db/client'
import { staffActor as createStaffActor } from '../../tests/actors'
import type { UseCaseContext } from '../context'
import { issueSearchToken } from './searchToken'
import { startAssistedSession } from './startAssistedSession'

/** A staff account with these roles (a kiosk officer unless named otherwise). */
export function staffActor(db: Db, institutionId: string, roles: StaffRole[], name = 'Petugas Kios'): Promise<Actor> {
  return createStaffActor(db, institutionId, roles, name)
}

/** The same person's actor as the next request would see it (open session included). */
export function reload(db: Db, actor: Pick<Actor, 'userId' | 'kind' | 'email' | 'displayName'>): Promise<Actor> {
  return loadActor(db, { userId: actor.userId, kind: actor.kind, email: actor.email, displayName: actor.displayName })
}

export function candidateActor(user: { id: string; email: string; displayName: string }): Actor {
  return { kind: 'candidate', userId: user.id, email: user.email, displayName: user.displayName, roles: [] }
}

/** Start an assisted session as the officer's search result would (with its search token). */
export function startAfterSearch(ctx: UseCaseContext, input: { institutionId: string; candidateId: string }) {
  const officerId = ctx.actor.kind === 'system' ? '' : ctx.actor.userId
  const searchToken = issueSearchToken({ officerId, candidateId: input.candidateId, now: ctx.now })
  return startAssistedSession(ctx, { ...input, searchToken })
}
