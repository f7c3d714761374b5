import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { SYSTEM } from '../auth/actor'
import { auditEvent, job, registration, registrationEvent } from '../db/schema'
import { ConflictError, ForbiddenError, ValidationError } from '../errors'
import { registerCandidate } from './registerCandidate'
import { createCandidateActor, createOfficerActor, createWorld, NOW } from './testFixtures'
import { transitionRegistration } from './transitionRegistration'
import { withdrawRegistration } from './withdrawRegistration'

describe('transitionRegistration and withdrawRegistration', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const world = await createWorld(db)
  const later = new Date(NOW.getTime() + 3_600_000)

  async function registered(input: Parameters<typeof createCandidateActor>[1] = {}) {
    const candidate = await createCandidateActor(db, input)
    const { registration: row } = await registerCandidate(contextFor(database, candidate.actor, NOW), {
      candidateId: candidate.actor.userId,
      batchId: world.lasBatch.id,
    })
    return { ...candidate, registration: row }
  }
  const eventsOf = (id: string) => db.select().from(registrationEvent).where(eq(registrationEvent.registrationId, id))
  const auditsOf = (id: string) => db.select().from(auditEvent).where(eq(auditEvent.entityId, id))
  const stateOf = async (id: string) => (await db.select().from(registration).where(eq(registration.id, id)))[0]!.state

  it('moves a registration along the table, with an event and an audit row', async () => {
    const { registration: row } = await registered()
    const ctx = contextFor(database, SYSTEM, later)
    const result = await db.transaction((tx) =>
      transitionRegistration(tx, ctx, { registrationId: row.id, action: 'complete_assessments', data: { attempts: 3 } }),
    )
    expect(result).toMatchObject({ fromState: 'registered', toState: 'assessed' })
    expect(result.registration.state).toBe('assessed')
    expect(result.registration.updatedAt).toEqual(later)
    const events = await eventsOf(row.id)
    expect(events.map((e) => e.kind).sort()).toEqual(['complete_assessments', 'registered'])
    expect(events.find((e) => e.kind === 'complete_assessments')).toMatchObject({
      fromState: 'registered',
      toState: 'assessed',
      actorId: null,
      data: { attempts: 3 },
    })
    const audit = (await auditsOf(row.id)).find((a) => a.action === 'registration.complete_assessments')
    expect(audit).toMatchObject({ before: { state: 'registered' }, after: { state: 'assessed', attempts: 3 } })
  })

  it('refuses an illegal transition with the domain message and changes nothing', async () => {
    const { registration: row } = await registered()
    const ctx = contextFor(database, SYSTEM, later)
    const error = await db
      .transaction((tx) => transitionRegistration(tx, ctx, { registrationId: row.id, action: 're_register' }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as Error).message).toBe('Tindakan ini tidak dapat dilakukan pada pendaftaran berstatus «Terdaftar».')
    expect(await stateOf(row.id)).toBe('registered')
    expect(await eventsOf(row.id)).toHaveLength(1)
    expect(await auditsOf(row.id)).toHaveLength(1)
  })

  it('withdraws at the candidate’s request, keeps the reason, tells them by mail; a repeat changes nothing', async () => {
    const { actor, email, registration: row } = await registered()
    const ctx = contextFor(database, actor, later)
    const result = await withdrawRegistration(ctx, { registrationId: row.id, reason: '  Sudah diterima bekerja  ' })
    expect(result.changed).toBe(true)
    expect(result.registration.state).toBe('withdrawn')
    const events = await eventsOf(row.id)
    expect(events.find((e) => e.kind === 'withdraw')).toMatchObject({
      fromState: 'registered',
      toState: 'withdrawn',
      actorId: actor.userId,
      data: { reason: 'Sudah diterima bekerja' },
    })
    const mails = await db
      .select()
      .from(job)
      .where(and(eq(job.name, 'mail.send'), sql`${job.payload}->>'to' = ${email}`))
    expect(mails.map((m) => (m.payload as { subject: string }).subject)).toContain(
      `Pengunduran diri tercatat: ${row.number}`,
    )

    const again = await withdrawRegistration(ctx, { registrationId: row.id })
    expect(again.changed).toBe(false)
    expect((await eventsOf(row.id)).filter((e) => e.kind === 'withdraw')).toHaveLength(1)
  })

  it('refuses withdrawing a registration whose story is over', async () => {
    const { actor, registration: row } = await registered()
    await db.update(registration).set({ state: 'written_test_failed' }).where(eq(registration.id, row.id))
    await expect(withdrawRegistration(contextFor(database, actor, later), { registrationId: row.id })).rejects.toThrow(
      'Tindakan ini tidak dapat dilakukan pada pendaftaran berstatus «Tidak lulus tes tulis».',
    )
    expect(await stateOf(row.id)).toBe('written_test_failed')
  })

  it('refuses another candidate, and a reason that is too long', async () => {
    const { actor, registration: row } = await registered()
    const other = await createCandidateActor(db)
    await expect(
      withdrawRegistration(contextFor(database, other.actor, later), { registrationId: row.id }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    const error = await withdrawRegistration(contextFor(database, actor, later), {
      registrationId: row.id,
      reason: 'x'.repeat(501),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).fieldErrors.reason).toEqual(['Alasan paling banyak 500 karakter.'])
    expect(await stateOf(row.id)).toBe('registered')
  })

  it('lets the kiosk officer assisting the candidate withdraw for them, recorded as such', async () => {
    const { actor, registration: row } = await registered()
    const officer = await createOfficerActor(db, world.kdi.id, actor.userId)
    await withdrawRegistration(contextFor(database, officer, later), { registrationId: row.id })
    const event = (await eventsOf(row.id)).find((e) => e.kind === 'withdraw')
    expect(event).toMatchObject({ actorId: officer.userId, data: { viaKiosk: true } })
    const audit = (await auditsOf(row.id)).find((a) => a.action === 'registration.withdraw')
    expect(audit).toMatchObject({ actorId: officer.userId, onBehalfOfId: actor.userId })
  })
})
