import { and, eq, inArray, sql } from 'drizzle-orm'
import type { AnyActor } from '../auth/actor'
import { authorize, can, type Permission } from '../auth/permissions'
import type { DbOrTx } from '../db/client'
import { handover, registration } from '../db/schema'

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

/**
 * The organiser's way to a participant's documents (docs/decisions/022): only for a
 * candidate whose registration is in a handover addressed to them (or, when the handover
 * names no one, to the organisers of its institution). Returns that institution, or null.
 */
export async function handedOverInstitution(db: DbOrTx, actor: AnyActor, candidateId: string): Promise<string | null> {
  if (actor.kind !== 'staff' || !actor.roles.some((r) => r.role === 'organiser')) return null
  const rows = await db
    .selectDistinct({ institutionId: handover.institutionId, receiverId: handover.receiverId })
    .from(handover)
    .innerJoin(registration, sql`${handover.registrationIds} @> jsonb_build_array(${registration.id}::text)`)
    .where(eq(registration.candidateId, candidateId))
  const mine = rows.find(
    (r) =>
      (r.receiverId === null || r.receiverId === actor.userId) &&
      can(actor, 'document.readHandedOver', { candidateId, institutionId: r.institutionId }),
  )
  return mine?.institutionId ?? null
}
