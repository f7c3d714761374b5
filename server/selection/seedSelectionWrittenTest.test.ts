import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { loadActor } from '../auth/sessions'
import { batch, programme, registration, userAccount } from '../db/schema'
import { seedDemo } from '../db/seed'
import { getWrittenTestResults } from './getWrittenTestResults'
import { publishWrittenTestResults } from './publishWrittenTestResults'

const database = await createTestDatabase()
const { db } = database

describe('demo data for the written-test results', () => {
  it('adds a LAS batch past its deadline with twelve assessed candidates around the pass mark, ready to publish', async () => {
    const now = new Date('2026-11-28T02:00:00Z')
    const started = performance.now()
    const seeded = await seedDemo(db, now)
    const seconds = (performance.now() - started) / 1000
    expect(seeded).not.toBeNull()
    console.info(`demo seed with the LAS written-test batch: ${seconds.toFixed(1)} s`)

    const [las2] = await db
      .select({ batch })
      .from(batch)
      .innerJoin(programme, eq(programme.id, batch.programmeId))
      .where(and(eq(programme.code, 'LAS'), eq(batch.number, 2)))
    expect(las2!.batch.assessmentDeadline.getTime()).toBeLessThan(now.getTime())
    expect(las2!.batch.registrationClosesAt.getTime()).toBeLessThan(now.getTime())
    const regs = await db.select({ state: registration.state }).from(registration).where(eq(registration.batchId, las2!.batch.id))
    expect(regs.filter((r) => r.state === 'assessed')).toHaveLength(12)
    expect(regs.filter((r) => r.state === 'registered')).toHaveLength(2)

    const [panitia] = await db.select().from(userAccount).where(eq(userAccount.email, 'panitia@bpvp-kendari.test'))
    const committee = await loadActor(db, { userId: panitia!.id, kind: 'staff', email: panitia!.email, displayName: panitia!.displayName })
    const ctx = contextFor(database, committee, now)
    const results = await getWrittenTestResults(ctx, { batchId: las2!.batch.id })
    expect(results.passMark).toBe(60)
    expect(results.publishBlocker).toBeNull()
    expect(results.assessed.map((r) => r.score)).toEqual([85, 77.5, 70, 65, 62.5, 60, 60, 57.5, 55, 50, 42.5, 35])
    expect(results.notSat).toHaveLength(2)
    const published = await publishWrittenTestResults(ctx, { batchId: las2!.batch.id })
    expect(published).toMatchObject({ passed: 7, failed: 5, mailed: 12 })
  })

  it('adds an OKM batch open for registration with six assessed candidates, for the whole SOP', async () => {
    const now = new Date('2026-11-28T02:00:00Z')
    const [okm] = await db
      .select({ batch })
      .from(batch)
      .innerJoin(programme, eq(programme.id, batch.programmeId))
      .where(eq(programme.code, 'OKM'))
    expect(okm!.batch.registrationOpensAt.getTime()).toBeLessThan(now.getTime())
    expect(okm!.batch.registrationClosesAt.getTime()).toBeGreaterThan(now.getTime())
    expect(okm!.batch).toMatchObject({ quota: 3, reserveCount: 2 })
    const regs = await db.select({ state: registration.state }).from(registration).where(eq(registration.batchId, okm!.batch.id))
    expect(regs.map((r) => r.state)).toEqual(Array(6).fill('assessed'))
    // Sign-in works with the demo password.
    const [first] = await db.select().from(userAccount).where(eq(userAccount.email, 'calon.okm01@contoh.test'))
    expect(first!.passwordHash).toBeTruthy()
  })
})
