import { and, eq, inArray, like, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase, extraPools } from '../../tests/db'
import { parseRegistrationNumber } from '../../domain/registrationNumber'
import { queryRows } from '../db/client'
import { createBatch, createProgramme } from '../db/factories'
import { auditEvent, batch, job, mailDelivery, registration, registrationEvent } from '../db/schema'
import { registerCandidate } from './registerCandidate'
import { createCandidateActor, createWorld, NOW, OPENS_AT } from './testFixtures'

// The opening-hour rush into one batch (decision 024): the number is taken in the last
// statement before COMMIT, so many registrations run side by side. On PostgreSQL they
// run on three pools (30 connections) at once; on PGlite they interleave on its one
// connection. Either way every registration exists once, with its own number, and a
// candidate submitting five times at once gets one registration.

const database = await createTestDatabase()
const { db } = database


describe('registration rush into one batch', async () => {
  const world = await createWorld(db)
  const programme = await createProgramme(db, { institutionId: world.kdi.id, code: 'RSH', name: 'Pengelasan Kilat', minEducation: 'SD' })
  const rush = await createBatch(db, { programmeId: programme.id, institutionId: world.kdi.id, year: 2027, number: 3, opensAt: OPENS_AT })
  const pools = await extraPools(db)
  const dbs = [db, ...pools.map((p) => p.db)]
  const CANDIDATES = 60
  const REPEATS = 5

  it('60 candidates at once plus one submitting five times: each registered once, numbers 1…61 without a gap', async () => {
    const many = []
    for (let i = 0; i < CANDIDATES; i += 1) many.push(await createCandidateActor(db))
    const repeater = await createCandidateActor(db)

    const calls = [
      ...many.map((c, i) => ({ actor: c.actor, db: dbs[i % dbs.length]! })),
      ...Array.from({ length: REPEATS }, (_, i) => ({ actor: repeater.actor, db: dbs[i % dbs.length]! })),
    ]
    const results = await Promise.all(
      calls.map(({ actor, db: handle }) =>
        registerCandidate({ db: handle, actor, now: NOW }, { candidateId: actor.userId, batchId: rush.id }),
      ),
    )
    await Promise.all(pools.map((p) => p.close()))

    const first = results.slice(0, CANDIDATES)
    expect(first.every((r) => r.created)).toBe(true)
    expect(new Set(first.map((r) => r.registration.id)).size).toBe(CANDIDATES)
    const repeats = results.slice(CANDIDATES)
    expect(new Set(repeats.map((r) => r.registration.id)).size).toBe(1)
    expect(new Set(repeats.map((r) => r.registration.number)).size).toBe(1)
    expect(repeats.filter((r) => r.created)).toHaveLength(1)

    const rows = await db.select().from(registration).where(eq(registration.batchId, rush.id))
    expect(rows).toHaveLength(CANDIDATES + 1)
    // One active registration per candidate, and the one each caller was answered with.
    expect(new Set(rows.map((r) => r.candidateId)).size).toBe(CANDIDATES + 1)
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const r of results) expect(byId.get(r.registration.id)?.number).toBe(r.registration.number)
    // The losing repeats rolled back before taking a number: no gap, no duplicate.
    const sequences = rows.map((r) => parseRegistrationNumber(r.number)?.sequence).sort((a, b) => a! - b!)
    expect(sequences).toEqual(Array.from({ length: CANDIDATES + 1 }, (_, i) => i + 1))
    expect(rows.every((r) => r.number.startsWith('KDI-RSH-2027.3-'))).toBe(true)
    const [counter] = await db.select({ next: batch.nextSequence }).from(batch).where(eq(batch.id, rush.id))
    expect(counter!.next).toBe(CANDIDATES + 2)
  })

  it('writes the taken number into the event, the audit row and the mail: no placeholder is left', async () => {
    const rows = await db.select().from(registration).where(eq(registration.batchId, rush.id))
    const ids = rows.map((r) => r.id)
    const events = await db
      .select()
      .from(registrationEvent)
      .where(and(inArray(registrationEvent.registrationId, ids), eq(registrationEvent.kind, 'registered')))
    expect(events).toHaveLength(rows.length)
    const numberOf = new Map(rows.map((r) => [r.id, r.number]))
    for (const e of events) expect(e.data.number).toBe(numberOf.get(e.registrationId))
    const audits = await db
      .select()
      .from(auditEvent)
      .where(and(inArray(auditEvent.entityId, ids), eq(auditEvent.action, 'registration.create')))
    expect(audits).toHaveLength(rows.length)
    for (const a of audits) expect((a.after as { number: string }).number).toBe(numberOf.get(a.entityId!))
    const deliveries = await db.select().from(mailDelivery).where(inArray(mailDelivery.registrationId, ids))
    expect(deliveries).toHaveLength(rows.length)
    for (const d of deliveries) expect(d.subject).toBe(`Pendaftaran diterima: ${numberOf.get(d.registrationId!)}`)
    const jobs = await db
      .select({ payload: job.payload })
      .from(job)
      .where(inArray(sql`(${job.payload}->>'deliveryId')::bigint`, deliveries.map((d) => d.id)))
    expect(jobs).toHaveLength(rows.length)
    const deliveryFor = new Map(deliveries.map((d) => [d.id, d.registrationId!]))
    for (const { payload } of jobs) {
      const p = payload as { deliveryId: number; subject: string; text: string; html: string }
      const number = numberOf.get(deliveryFor.get(p.deliveryId)!)!
      expect(p.subject).toBe(`Pendaftaran diterima: ${number}`)
      expect(p.text).toContain(`Nomor pendaftaran Anda: ${number}.`)
      expect(p.html).toContain(number)
    }
    const leftovers = await queryRows<{ n: number }>(
      db,
      sql`select (select count(*) from job where payload::text like '%pending:%')
               + (select count(*) from mail_delivery where subject like '%pending:%')
               + (select count(*) from registration_event where data::text like '%pending:%')
               + (select count(*) from audit_event where after::text like '%pending:%') as n`,
    )
    expect(Number(leftovers[0]!.n)).toBe(0)
    expect(await db.select().from(registration).where(like(registration.number, 'pending:%'))).toHaveLength(0)
  })

  it('a failed registration leaves neither a number taken nor a placeholder behind', async () => {
    const [before] = await db.select({ next: batch.nextSequence }).from(batch).where(eq(batch.id, rush.id))
    const { actor } = await createCandidateActor(db)
    const ctx = contextFor(database, actor, NOW)
    await registerCandidate(ctx, { candidateId: actor.userId, batchId: world.lasBatch.id })
    // Active elsewhere: refused before any write.
    await expect(registerCandidate(ctx, { candidateId: actor.userId, batchId: rush.id })).rejects.toThrow(/pendaftaran aktif/)
    const [after] = await db.select({ next: batch.nextSequence }).from(batch).where(eq(batch.id, rush.id))
    expect(after!.next).toBe(before!.next)
  })
})
