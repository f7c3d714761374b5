import { and, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTestDatabase, contextFor } from '../../tests/db'
import { can } from '../auth/permissions'
import { assistedSession, auditEvent, registration } from '../db/schema'
import { createBatch, createCandidate, createInstitution, createProgramme } from '../db/factories'
import { ConflictError, ForbiddenError, NotFoundError } from '../errors'
import { endAssistedSession } from './endAssistedSession'
import { getAssistedCandidate } from './getAssistedCandidate'
import { startAssistedSession } from './startAssistedSession'
import { issueSearchToken, SEARCH_TOKEN_TTL_MS } from './searchToken'
import { candidateActor, reload, staffActor, startAfterSearch } from './testSupport'

const NOW = new Date('2026-11-28T02:00:00Z')
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)

describe('assisted sessions', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const kdi = await createInstitution(db)
  const other = await createInstitution(db, { code: 'BAU', name: 'Workshop Baubau' })
  const admin = await staffActor(db, kdi.id, ['administrator'], 'Admin')
  const otherOfficer = await staffActor(db, other.id, ['kiosk_officer'])
  const siti = await createCandidate(db, { nik: '7471014508950001', fullName: 'Siti Rahmawati', email: 'siti@contoh.test' })
  const baso = await createCandidate(db, { nik: '7471011203000002', fullName: 'La Ode Baso', email: 'baso@contoh.test' })

  const openSessions = (officerId: string) =>
    db
      .select()
      .from(assistedSession)
      .where(and(eq(assistedSession.officerId, officerId), isNull(assistedSession.endedAt)))

  it('starts a session, audited for the candidate; starting it again returns the same one', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const first = await startAfterSearch(contextFor(database, officer, NOW), {
      institutionId: kdi.id,
      candidateId: siti.user.id,
    })
    expect(first).toMatchObject({ candidateId: siti.user.id, started: true, startedAt: NOW })
    const again = await startAfterSearch(contextFor(database, await reload(db, officer), later(1)), {
      institutionId: kdi.id,
      candidateId: siti.user.id,
    })
    expect(again).toMatchObject({ sessionId: first.sessionId, started: false, startedAt: NOW })
    expect(await openSessions(officer.userId)).toHaveLength(1)
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.entityId, first.sessionId))
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({
      action: 'kiosk.session.start',
      actorId: officer.userId,
      onBehalfOfId: siti.user.id,
      institutionId: kdi.id,
    })
  })

  it('refuses a second candidate while one is open, naming the first', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    await startAfterSearch(contextFor(database, officer, NOW), { institutionId: kdi.id, candidateId: siti.user.id })
    const attempt = startAfterSearch(contextFor(database, officer, later(2)), {
      institutionId: kdi.id,
      candidateId: baso.user.id,
    })
    await expect(attempt).rejects.toBeInstanceOf(ConflictError)
    await expect(attempt).rejects.toThrow('Akhiri sesi bantuan untuk Siti Rahmawati terlebih dahulu.')
    const open = await openSessions(officer.userId)
    expect(open.map((s) => s.candidateId)).toEqual([siti.user.id])
  })

  it('lets two officers help the same candidate at their own desks', async () => {
    const a = await staffActor(db, kdi.id, ['kiosk_officer'])
    const b = await staffActor(db, kdi.id, ['kiosk_officer'])
    await startAfterSearch(contextFor(database, a, NOW), { institutionId: kdi.id, candidateId: baso.user.id })
    await startAfterSearch(contextFor(database, b, NOW), { institutionId: kdi.id, candidateId: baso.user.id })
    expect(await openSessions(a.userId)).toHaveLength(1)
    expect(await openSessions(b.userId)).toHaveLength(1)
  })

  it('two simultaneous starts open one session', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const ctx = contextFor(database, officer, NOW)
    const results = await Promise.all([
      startAfterSearch(ctx, { institutionId: kdi.id, candidateId: siti.user.id }),
      startAfterSearch(ctx, { institutionId: kdi.id, candidateId: siti.user.id }),
    ])
    expect(results[0].sessionId).toBe(results[1].sessionId)
    expect(await openSessions(officer.userId)).toHaveLength(1)
  })

  it('refuses an unknown candidate, or a staff account as candidate', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const ctx = contextFor(database, officer, NOW)
    await expect(
      startAfterSearch(ctx, { institutionId: kdi.id, candidateId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toBeInstanceOf(NotFoundError)
    await expect(startAfterSearch(ctx, { institutionId: kdi.id, candidateId: admin.userId })).rejects.toBeInstanceOf(
      NotFoundError,
    )
    await expect(startAfterSearch(ctx, { institutionId: kdi.id, candidateId: 'not-an-id' })).rejects.toBeInstanceOf(
      NotFoundError,
    )
    expect(await openSessions(officer.userId)).toHaveLength(0)
  })

  it('starts only for an account the officer\'s own search has just shown (issue 9 §4)', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const colleague = await staffActor(db, kdi.id, ['kiosk_officer'])
    const input = { institutionId: kdi.id, candidateId: baso.user.id }
    const start = (token: string | undefined, at = NOW) =>
      startAssistedSession(contextFor(database, officer, at), { ...input, searchToken: token })
    // A bare candidate id, as any form post could carry: refused.
    await expect(start(undefined)).rejects.toBeInstanceOf(ConflictError)
    await expect(start('')).rejects.toBeInstanceOf(ConflictError)
    // A colleague's search result, another candidate's, a forged or an expired one: refused.
    const colleagues = issueSearchToken({ officerId: colleague.userId, candidateId: baso.user.id, now: NOW })
    await expect(start(colleagues)).rejects.toBeInstanceOf(ConflictError)
    const sitis = issueSearchToken({ officerId: officer.userId, candidateId: siti.user.id, now: NOW })
    await expect(start(sitis)).rejects.toBeInstanceOf(ConflictError)
    const mine = issueSearchToken({ officerId: officer.userId, candidateId: baso.user.id, now: NOW })
    await expect(start(mine.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).rejects.toBeInstanceOf(ConflictError)
    await expect(start(mine, new Date(NOW.getTime() + SEARCH_TOKEN_TTL_MS + 1))).rejects.toBeInstanceOf(ConflictError)
    expect(await openSessions(officer.userId)).toHaveLength(0)
    // The officer's own fresh result: started.
    await expect(start(mine, later(5))).resolves.toMatchObject({ candidateId: baso.user.id, started: true })
    await endAssistedSession(contextFor(database, await reload(db, officer), later(6)))
  })

  it('is only for kiosk officers of that institution', async () => {
    const input = { institutionId: kdi.id, candidateId: siti.user.id }
    await expect(startAfterSearch(contextFor(database, candidateActor(siti.user), NOW), input)).rejects.toBeInstanceOf(
      ForbiddenError,
    )
    await expect(startAfterSearch(contextFor(database, admin, NOW), input)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(startAfterSearch(contextFor(database, otherOfficer, NOW), input)).rejects.toBeInstanceOf(
      ForbiddenError,
    )
    expect(await openSessions(admin.userId)).toHaveLength(0)
    expect(await openSessions(otherOfficer.userId)).toHaveLength(0)
    await expect(endAssistedSession(contextFor(database, candidateActor(siti.user), NOW))).rejects.toBeInstanceOf(
      ForbiddenError,
    )
  })

  it('ends the session (audited) and is idempotent when none is open', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const { sessionId } = await startAfterSearch(contextFor(database, officer, NOW), {
      institutionId: kdi.id,
      candidateId: baso.user.id,
    })
    const ended = await endAssistedSession(contextFor(database, await reload(db, officer), later(30)))
    expect(ended).toEqual({ ended: true, candidateId: baso.user.id })
    const [row] = await db.select().from(assistedSession).where(eq(assistedSession.id, sessionId))
    expect(row?.endedAt).toEqual(later(30))
    const again = await endAssistedSession(contextFor(database, await reload(db, officer), later(31)))
    expect(again).toEqual({ ended: false, candidateId: null })
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.entityId, sessionId))
    expect(audits.map((a) => a.action)).toEqual(['kiosk.session.start', 'kiosk.session.end'])
    expect(audits[1]).toMatchObject({ actorId: officer.userId, onBehalfOfId: baso.user.id })
    // Now another candidate may be helped.
    await expect(
      startAfterSearch(contextFor(database, await reload(db, officer), later(32)), {
        institutionId: kdi.id,
        candidateId: siti.user.id,
      }),
    ).resolves.toMatchObject({ started: true })
  })

  it('gives the officer the candidate’s permissions for that candidate only, until the session ends', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    expect(officer.assisted).toBeUndefined()
    expect(can(officer, 'profile.edit', { candidateId: siti.user.id })).toBe(false)

    await startAfterSearch(contextFor(database, officer, NOW), { institutionId: kdi.id, candidateId: siti.user.id })
    const assisting = await reload(db, officer)
    expect(assisting.assisted).toMatchObject({ candidateId: siti.user.id, institutionId: kdi.id })
    expect(can(assisting, 'profile.edit', { candidateId: siti.user.id })).toBe(true)
    expect(can(assisting, 'registration.create', { candidateId: siti.user.id })).toBe(true)
    expect(can(assisting, 'profile.edit', { candidateId: baso.user.id })).toBe(false)

    await endAssistedSession(contextFor(database, assisting, later(10)))
    const after = await reload(db, officer)
    expect(after.assisted).toBeUndefined()
    expect(can(after, 'profile.edit', { candidateId: siti.user.id })).toBe(false)
  })

  it('shows the kiosk panel: masked data, completeness and the active registration', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    expect(await getAssistedCandidate(contextFor(database, officer, NOW))).toBeNull()

    const ani = await createCandidate(db, {
      nik: '7471015507010003',
      fullName: 'Ani Lestari',
      email: 'ani.lestari@gmail.com',
      complete: true,
    })
    const programme = await createProgramme(db, { institutionId: kdi.id })
    const b = await createBatch(db, { programmeId: programme.id, institutionId: kdi.id, opensAt: later(-7 * 24 * 60) })
    const [reg] = await db
      .insert(registration)
      .values({
        number: 'KDI-LAS-2026.1-0001',
        candidateId: ani.user.id,
        batchId: b.id,
        institutionId: kdi.id,
        state: 'registered',
        createdAt: NOW,
        updatedAt: NOW,
        createdBy: ani.user.id,
      })
      .returning()

    await startAfterSearch(contextFor(database, officer, NOW), { institutionId: kdi.id, candidateId: ani.user.id })
    const panel = await getAssistedCandidate(contextFor(database, await reload(db, officer), NOW))
    expect(panel).toMatchObject({
      candidateId: ani.user.id,
      fullName: 'Ani Lestari',
      nikMasked: '7471••••••••0003',
      emailMasked: 'a***@gmail.com',
      startedAt: NOW,
      completeness: { percent: 100, complete: true, missing: [] },
      activeRegistration: { id: reg!.id, number: 'KDI-LAS-2026.1-0001', state: 'registered', batchNumber: 1 },
    })
    expect(JSON.stringify(panel)).not.toContain('7471015507010003')

    // A fresh walk-in: what is missing is listed, nothing registered yet.
    const fresh = await staffActor(db, kdi.id, ['kiosk_officer'])
    await startAfterSearch(contextFor(database, fresh, NOW), { institutionId: kdi.id, candidateId: baso.user.id })
    const freshPanel = await getAssistedCandidate(contextFor(database, await reload(db, fresh), NOW))
    expect(freshPanel?.completeness.complete).toBe(false)
    expect(freshPanel?.completeness.missing.map((m) => m.field)).toContain('hasPhoto')
    expect(freshPanel?.activeRegistration).toBeNull()
  })
})
