import { asc, eq } from 'drizzle-orm'
import { STAFF_ROLES, type StaffRole } from '../auth/actor'
import type { UseCaseContext } from '../context'
import { institution, staffAssignment } from '../db/schema'
import { ForbiddenError } from '../errors'

/** Staff areas that exist now, and the role that opens each. */
export const STAFF_AREAS = [
  { area: 'kiosk', role: 'kiosk_officer', path: '/kios' },
  { area: 'admin', role: 'administrator', path: '/admin/program' },
  { area: 'assessments', role: 'selection_committee', path: '/staf/asesmen' },
  { area: 'assessments', role: 'administrator', path: '/staf/asesmen' },
  { area: 'interviews', role: 'interviewer', path: '/wawancara' },
  { area: 'reRegistrationDesk', role: 'kiosk_officer', path: '/kios/daftar-ulang' },
  { area: 'handover', role: 'organiser', path: '/penyelenggara' },
] as const satisfies ReadonlyArray<{ area: string; role: StaffRole; path: string }>

export type StaffArea = (typeof STAFF_AREAS)[number]['area']

export interface StaffHome {
  displayName: string
  email: string
  institutions: Array<{ id: string; code: string; name: string; roles: StaffRole[] }>
  /** Areas the person may open, each once even with the role in several institutions. */
  areas: Array<{ area: StaffArea; path: string }>
  /** Roles whose tools are not built yet. */
  rolesWithoutArea: StaffRole[]
}

/** The signed-in staff member's home: their roles per institution and where they may go. */
export async function getStaffHome(ctx: UseCaseContext): Promise<StaffHome> {
  const actor = ctx.actor
  if (actor.kind !== 'staff') throw new ForbiddenError('Halaman ini khusus untuk staf.')
  // Read fresh rather than from the session's actor, so a role given today shows.
  const rows = await ctx.db
    .select({ id: institution.id, code: institution.code, name: institution.name, role: staffAssignment.role })
    .from(staffAssignment)
    .innerJoin(institution, eq(institution.id, staffAssignment.institutionId))
    .where(eq(staffAssignment.userId, actor.userId))
    .orderBy(asc(institution.name))
  const byInstitution = new Map<string, StaffHome['institutions'][number]>()
  for (const row of rows) {
    const entry = byInstitution.get(row.id) ?? { id: row.id, code: row.code, name: row.name, roles: [] }
    entry.roles.push(row.role)
    byInstitution.set(row.id, entry)
  }
  for (const entry of byInstitution.values()) entry.roles.sort((a, b) => STAFF_ROLES.indexOf(a) - STAFF_ROLES.indexOf(b))
  const held = new Set(rows.map((r) => r.role))
  return {
    displayName: actor.displayName,
    email: actor.email,
    institutions: [...byInstitution.values()],
    areas: [
      ...new Map(STAFF_AREAS.filter((a) => held.has(a.role)).map(({ area, path }) => [area, { area, path }])).values(),
    ],
    rolesWithoutArea: STAFF_ROLES.filter((r) => held.has(r) && !STAFF_AREAS.some((a) => a.role === r)),
  }
}
