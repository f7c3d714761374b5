import type { AnyActor } from '../auth/actor'

/**
 * The institution whose kiosk this officer staffs: the one of an open assisted session,
 * else the first institution where they hold the kiosk_officer role; null when they
 * hold it nowhere.
 */
export function kioskInstitutionId(actor: AnyActor | null): string | null {
  if (!actor || actor.kind !== 'staff') return null
  const kioskRoles = actor.roles.filter((r) => r.role === 'kiosk_officer')
  if (actor.assisted && kioskRoles.some((r) => r.institutionId === actor.assisted!.institutionId)) {
    return actor.assisted.institutionId
  }
  return kioskRoles[0]?.institutionId ?? null
}
