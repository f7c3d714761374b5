import { and, eq, inArray, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase, extraPools } from '../../tests/db'
import { SYSTEM } from '../auth/actor'
import { plenarySnapshot, registration, registrationEvent } from '../db/schema'
import { UseCaseError } from '../errors'
import { loadResultsList } from '../announcements/resultsList'
import { declinePlace } from './declinePlace'
import { forfeitOverdue, PLACE_HOLDING_STATES } from './forfeitAndPromote'
import { announcedBatch } from './testWorld'

// Whatever the order or concurrency of declines, deadline jobs and repeated forfeits, a
// batch never holds more people than its quota and no reserve is promoted twice
// (docs/decisions/016). On PostgreSQL the operations run on parallel connections (the
// test's pool and two more pools on the same database); on PGlite they interleave on
// its one connection.

const database = await createTestDatabase()
const { db } = database
const DAY = 24 * 3600 * 1000


describe('200 concurrent forfeits, declines and deadline jobs', async () => {
  const QUOTA = 40
  const t = await announcedBatch(database, 'KON', { passed: QUOTA, reserves: 60 })
  const pools = await extraPools(db)
  const dbs = [db, ...pools.map((p) => p.db)]
  const ids = [...t.passed, ...t.reserves].map((p) => p.registration.id)

  async function check() {
    const held = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(registration)
      .where(and(eq(registration.batchId, t.batch.id), inArray(registration.state, [...PLACE_HOLDING_STATES])))
    const promotions = await db
      .select({ id: registrationEvent.registrationId, n: sql<number>`count(*)::int` })
      .from(registrationEvent)
      .where(and(inArray(registrationEvent.registrationId, ids), eq(registrationEvent.kind, 'promote_reserve')))
      .groupBy(registrationEvent.registrationId)
    const versions = await db.select({ v: plenarySnapshot.version }).from(plenarySnapshot).where(eq(plenarySnapshot.batchId, t.batch.id))
    return { held: held[0]!.n, promotions, versions: versions.map((v) => v.v).sort((a, b) => a - b) }
  }

  it('wave 1, after the batch deadline: every passed place is declined or forfeited, several times over, and the reserves step in', async () => {
    const now = t.times.afterDeadline
    const ops: Array<() => Promise<unknown>> = []
    // Each passed place: a decline by the candidate, the deadline job, and the deadline job again (a retry).
    t.passed.forEach((p, i) => {
      const on = dbs[i % dbs.length]!
      ops.push(() => declinePlace({ db: on, actor: p.actor, now }, { registrationId: p.registration.id, confirm: 'ya' }))
      ops.push(() => forfeitOverdue({ db: dbs[(i + 1) % dbs.length]!, actor: SYSTEM, now }, p.registration.id))
      ops.push(() => forfeitOverdue({ db: dbs[(i + 2) % dbs.length]!, actor: SYSTEM, now }, p.registration.id))
    })
    // Some reserves decline their reserve place at the same moment (and are skipped).
    t.reserves.slice(0, 20).forEach((r, i) => {
      ops.push(() => declinePlace({ db: dbs[i % dbs.length]!, actor: r.actor, now }, { registrationId: r.registration.id, confirm: 'ya' }))
    })
    expect(ops).toHaveLength(140)
    // Deadline jobs of the reserves about to be promoted, which are not due yet: nothing.
    t.reserves.slice(20).forEach((r, i) => ops.push(() => forfeitOverdue({ db: dbs[i % dbs.length]!, actor: SYSTEM, now }, r.registration.id)))
    // A double click: half of the passed decline a second time.
    t.passed.slice(0, 20).forEach((p, i) => {
      ops.push(() => declinePlace({ db: dbs[(i + 1) % dbs.length]!, actor: p.actor, now }, { registrationId: p.registration.id, confirm: 'ya' }))
    })
    expect(ops).toHaveLength(200)
    // Shuffle deterministically, then start them all at once.
    const order = ops.map((op, i) => ({ op, key: (i * 7919) % 211 })).sort((a, b) => a.key - b.key)
    const results = await Promise.allSettled(order.map(({ op }) => op()))
    const unexpected = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof UseCaseError))
    expect(unexpected.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([])

    const after = await check()
    expect(after.held).toBeLessThanOrEqual(QUOTA)
    expect(after.promotions.every((p) => p.n === 1)).toBe(true)
    // Every freed place went to a reserve while any was waiting: a reserve whose decline
    // came after their promotion freed the place again for the next one.
    const promoted = new Set(after.promotions.map((p) => p.id))
    const states = await db.select({ id: registration.id, state: registration.state }).from(registration).where(inArray(registration.id, ids))
    const stateOf = new Map(states.map((x) => [x.id, x.state]))
    expect(t.reserves.filter((r) => stateOf.get(r.registration.id) === 'reserve')).toEqual([])
    for (const id of promoted) expect(['passed', 'forfeited']).toContain(stateOf.get(id))
    expect(t.passed.every((p) => stateOf.get(p.registration.id) === 'forfeited')).toBe(true)
    expect(after.held).toBe(QUOTA)
    // One snapshot version per change, none lost or doubled under concurrency.
    expect(after.versions).toEqual(after.versions.map((_, i) => i + 1))
    const list = (await loadResultsList(db, t.batch.id))!
    expect(list.passed).toHaveLength(QUOTA)
    expect(list.reserves).toHaveLength(0)
  })

  it('wave 2, after the promoted reserves’ deadline: all forfeit at once, and nobody is left to promote', async () => {
    const now = new Date(t.times.afterDeadline.getTime() + 4 * DAY)
    const holding = await db
      .select({ id: registration.id })
      .from(registration)
      .where(and(eq(registration.batchId, t.batch.id), eq(registration.state, 'passed')))
    const promotedIds = holding.map((h) => h.id)
    expect(promotedIds).toHaveLength(QUOTA)
    const results = await Promise.allSettled(
      [...promotedIds, ...promotedIds].map((id, i) => forfeitOverdue({ db: dbs[i % dbs.length]!, actor: SYSTEM, now }, id)),
    )
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([])
    const after = await check()
    expect(after.held).toBe(0)
    expect(after.promotions.every((p) => p.n === 1)).toBe(true)
    expect(after.versions).toEqual(after.versions.map((_, i) => i + 1))
    const forfeits = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(registrationEvent)
      .where(and(inArray(registrationEvent.registrationId, promotedIds), eq(registrationEvent.kind, 'forfeit')))
    expect(forfeits[0]!.n).toBe(QUOTA)
    for (const p of pools) await p.close()
  })
  void contextFor
})
