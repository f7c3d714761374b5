import { and, eq, inArray } from 'drizzle-orm'
import type { AnyActor } from '../auth/actor'
import { authorize, can, type Permission } from '../auth/permissions'
import type { DbOrTx } from '../db/client'
import { registration } from '../db/schema'

/**
 * Authorise `permission` on a candidate's data. The candidate themself and a kiosk
 * officer assisting them need no institution; other staff are authorised through an
 * institution where the candidate has a registration (the candidate's data "belongs"
 * to the centres they applied to). Returns that institution (null when none was needed);
 * throws ForbiddenError otherwise.
 */
export async function authorizeCandidateData(
  db: DbOrTx,
  actor: AnyActor,
  permission: Permission,
  candidateId: string,
): Promise<{ institutionId: string | null }> {
  if (can(actor, permission, { candidateId })) return { institutionId: null }
  if (actor.kind === 'staff' && actor.roles.length > 0) {
    const mine = [...new Set(actor.roles.map((r) => r.institutionId))]
    const rows = await db
      .selectDistinct({ institutionId: registration.institutionId })
      .from(registration)
      .where(and(eq(registration.candidateId, candidateId), inArray(registration.institutionId, mine)))
    const allowed = rows.find((r) => can(actor, permission, { candidateId, institutionId: r.institutionId }))
    if (allowed) return { institutionId: allowed.institutionId }
  }
  // The same refusal either way: no hint whether the candidate exists.
  authorize(actor, permission, { candidateId })
  throw new Error('unreachable')
}

/** Whether the actor may see `permission` in the institution that authorised the read. */
export function canIn(actor: AnyActor, permission: Permission, candidateId: string, institutionId: string | null): boolean {
  return can(actor, permission, institutionId ? { candidateId, institutionId } : { candidateId })
}
