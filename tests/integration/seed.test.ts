import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { batch, institution, programme, region, staffAssignment } from '../../server/db/schema'
import { seedDemo } from '../../server/db/seed'
import { createTestDatabase } from '../db'

describe('demo seed', async () => {
  const database = await createTestDatabase()
  const { db } = database

  it('creates BPVP Kendari, one staff account per role and five open batches, once', async () => {
    const now = new Date('2026-11-28T02:00:00Z')
    const first = await seedDemo(db, now)
    expect(first?.logins.map((l) => l.role).sort()).toEqual(
      ['administrator', 'interviewer', 'kiosk_officer', 'organiser', 'selection_committee'],
    )
    const [kdi] = await db.select().from(institution).where(eq(institution.code, 'KDI'))
    expect(kdi?.timeZone).toBe('Asia/Makassar')
    const roles = await db.select().from(staffAssignment)
    expect(roles).toHaveLength(5)
    const programmes = await db.select().from(programme)
    expect(new Set(programmes.map((p) => p.vocationalField)).size).toBe(4)
    // The open batches; the selection demo adds batches past their deadlines (number 2).
    // The OKM batch (seedWholeSop) is open too, small, with six candidates already assessed.
    const batches = (await db.select().from(batch)).filter((b) => b.number === 1)
    expect(batches).toHaveLength(5)
    for (const b of batches) {
      expect(b.quota).toBe(b.programmeId === programmes.find((p) => p.code === 'OKM')!.id ? 3 : 16)
      expect(b.reserveCount).toBe(2)
      expect(b.registrationOpensAt.getTime()).toBeLessThan(now.getTime())
      expect(b.registrationClosesAt.getTime()).toBeGreaterThan(now.getTime())
    }
    expect(await seedDemo(db, now)).toBeNull()
  })

  it('has the regions of Sulawesi Tenggara, with Kota Kendari', async () => {
    const [kendari] = await db.select().from(region).where(eq(region.code, '74.71'))
    expect(kendari?.name).toBe('Kota Kendari')
    const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(region).where(eq(region.level, 4))) as [{ n: number }]
    expect(n).toBeGreaterThan(2000)
  })
})
