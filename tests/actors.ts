// Actors for integration tests, shared by every area's tests.
import type { Actor, StaffRole } from '../server/auth/actor'
import { loadActor } from '../server/auth/sessions'
import type { DbOrTx } from '../server/db/client'
import { createStaff } from '../server/db/factories'

let serial = 0

/** A new staff account with these roles, loaded as the app loads it for a request. */
export async function staffActor(db: DbOrTx, institutionId: string, roles: StaffRole[], name = 'Staf'): Promise<Actor> {
  serial += 1
  const user = await createStaff(db, {
    institutionId,
    email: `staf.${serial}.${Math.random().toString(36).slice(2, 8)}@uji.test`,
    displayName: `${name} ${serial}`,
    roles,
    password: 'Latih-Uji-2026',
  })
  return loadActor(db, { userId: user.id, kind: 'staff', email: user.email, displayName: user.displayName })
}
