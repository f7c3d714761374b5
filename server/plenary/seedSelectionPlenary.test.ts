import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { staffActor } from '../../tests/actors'
import { contextFor, createTestDatabase } from '../../tests/db'
import { batch, institution, programme } from '../db/schema'
import { seedDemo } from '../db/seed'
import { getPlenary } from './getPlenary'

describe('the plenary demo data', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const now = new Date('2026-12-10T03:00:00Z')

  it('seeds DGR batch 2 (quota 6, 2 reserves, 14 candidates) with a tie at the quota edge broken by the written test', async () => {
    const started = performance.now()
    await seedDemo(db, now)
    const seconds = (performance.now() - started) / 1000
    const [kdi] = await db.select().from(institution).where(eq(institution.code, 'KDI'))
    const [dgr2] = await db
      .select({ batch })
      .from(batch)
      .innerJoin(programme, eq(programme.id, batch.programmeId))
      .where(and(eq(programme.code, 'DGR'), eq(batch.number, 2)))
    expect(dgr2!.batch).toMatchObject({ quota: 6, reserveCount: 2 })
    expect(Math.abs(dgr2!.batch.plenaryAt.getTime() - now.getTime())).toBeLessThan(24 * 3_600_000)
    const committee = await staffActor(db, kdi!.id, ['selection_committee'])
    const page = await getPlenary(contextFor(database, committee, now), { batchId: dgr2!.batch.id })
    expect(page.rows).toHaveLength(14)
    const ranked = page.rows.filter((r) => r.rank !== null)
    expect(ranked).toHaveLength(13)
    expect(ranked[5]).toMatchObject({ fullName: 'La Ode Hamzah', totalScaled: 800000, proposed: 'passed' })
    expect(ranked[6]).toMatchObject({ fullName: 'Dewi Lestari', totalScaled: 800000, proposed: 'reserve', tieBrokenBy: 'writtenTest' })
    expect(page.rows.find((r) => r.fullName === 'Yusran Tamburaka')).toMatchObject({ rank: null, interviewAbsent: true, proposed: 'not_passed' })
    expect(page.counts.proposed).toEqual({ passed: 6, reserve: 2, not_passed: 6 })
    // 50/50 swaps the tied pair.
    const whatIf = await getPlenary(contextFor(database, committee, now), {
      batchId: dgr2!.batch.id,
      whatIf: { writtenTest: '50', interview: '50', selfAssessment: '0', quota: '6', reserveCount: '2' },
    })
    expect(whatIf.whatIf!.outcome!.changes.map((c) => [c.fullName, c.to]).sort()).toEqual([
      ['Dewi Lestari', 'passed'],
      ['La Ode Hamzah', 'reserve'],
    ])
    expect(seconds).toBeGreaterThan(0)
  }, 120_000)
})
