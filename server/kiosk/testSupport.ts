// Test-only helpers shared by the kiosk integration tests (imported by *.test.ts only).
import type { Actor, StaffRole } from '../auth/actor'
import { loadActor } from '../auth/sessions'
import type { Db } from '../db/client'
import { createStaff } from '../db/factories'

let serial = 0

/** A staff account with these roles, loaded as the app loads it for a request. */
export async function staffActor(db: Db, institutionId: string, roles: StaffRole[], name = 'Petugas Kios'): Promise<Actor> {
  serial += 1
  const user = await createStaff(db, {
    institutionId,
    email: `staf.${serial}.${Math.random().toString(36).slice(2, 8)}@bpvp.test`,
    displayName: `${name} ${serial}`,
    roles,
    password: 'Latih-Uji-2026',
  })
  return reload(db, { userId: user.id, kind: 'staff', email: user.email, displayName: user.displayName })
}

/** The same person's actor as the next request would see it (open session included). */
export function reload(db: Db, actor: Pick<Actor, 'userId' | 'kind' | 'email' | 'displayName'>): Promise<Actor> {
  return loadActor(db, { userId: actor.userId, kind: actor.kind, email: actor.email, displayName: actor.displayName })
}

export function candidateActor(user: { id: string; email: string; displayName: string }): Actor {
  return { kind: 'candidate', userId: user.id, email: user.email, displayName: user.displayName, roles: [] }
}
