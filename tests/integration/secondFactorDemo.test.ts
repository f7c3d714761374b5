import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { signIn } from '../../server/accounts/signIn'
import { SYSTEM } from '../../server/auth/actor'
import { institution, secondFactor } from '../../server/db/schema'
import { seedDemo } from '../../server/db/seed'
import { contextFor, createTestDatabase } from '../db'

// Decision 020: the demo stays without a second factor, so the journeys sign in with passwords.
describe('the demo and the second factor', async () => {
  const database = await createTestDatabase()
  const { db } = database

  it('the demo institution does not require it, no demo account has it, and every demo login starts a session after the password', async () => {
    const now = new Date('2026-12-02T02:00:00Z')
    const seeded = await seedDemo(db, now)
    const [kdi] = await db.select().from(institution).where(eq(institution.code, 'KDI'))
    expect(kdi?.requireSecondFactor).toBe(false)
    expect(await db.select().from(secondFactor)).toEqual([])
    for (const login of seeded!.logins) {
      const result = await signIn(contextFor(database, SYSTEM, now), { identifier: login.email, password: login.password })
      expect(result.secondFactor, login.role).toBeUndefined()
    }
    // The whole-SOP demo data takes long to seed on a busy 2-core machine.
  }, 300_000)
})
