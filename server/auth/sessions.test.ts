import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { staffActor } from '../../tests/actors'
import { assistedSession, auditEvent, authSession, job } from '../db/schema'
import { createCandidate, createInstitution } from '../db/factories'
import { ensureAssistedSession } from '../kiosk/assistedSessionStore'
import { endAssistedSession } from '../kiosk/endAssistedSession'
import { type JobDefinition, runDueJobs } from '../jobs/queue'
import { jobRegistry } from '../jobs/registry'
import type { Mailer } from '../mail/transport'
import { ForbiddenError, ValidationError } from '../errors'
import { updateSessionSettings } from '../institutions/updateSessionSettings'
import type { Actor } from './actor'
import { PURGE_EVERY_MS, purgeSessionsJob, scheduleSessionPurge } from './purgeSessionsJob'
import { sha256 } from './crypto'
import {
  actorForSession,
  createSession,
  deleteSession,
  endOwnSessions,
  listUserSessions,
  purgeSessions,
  resolveSession,
} from './sessions'
import type { z } from 'zod'

const T0 = new Date('2026-11-30T01:00:00Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)
const DAY = 24 * 60
const noMail: Mailer = { kind: 'local', send: async () => {} }

describe('sign-in sessions: idle periods, assisted sessions, purge, one’s own list', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const kdi = await createInstitution(db)
  // Another institution with its own periods: staff 60 min, kiosk 5 min.
  const bau = await createInstitution(db, { code: 'BAU', name: 'Workshop Baubau', staffIdleMinutes: 60, kioskIdleMinutes: 5 })

  async function signedIn(actor: { userId: string }, now = T0, userAgent: string | null = null) {
    return createSession(db, { userId: actor.userId, now, userAgent, address: '203.0.113.77' })
  }
  async function active(token: string, now: Date): Promise<Actor> {
    const state = await resolveSession(db, token, now)
    if (state.status !== 'active') throw new Error(`expected an active session, got ${state.status}`)
    return state.actor
  }

  it('a staff session ends after 30 idle minutes (the default), a kiosk officer’s after 10', async () => {
    const admin = await staffActor(db, kdi.id, ['administrator'])
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const a = await signedIn(admin)
    const o = await signedIn(officer)
    // Each use moves "last seen": 29 idle minutes twice in a row keep it alive.
    expect((await active(a.token, at(29))).userId).toBe(admin.userId)
    expect((await active(a.token, at(58))).userId).toBe(admin.userId)
    expect(await resolveSession(db, a.token, at(58 + 31))).toEqual({ status: 'idle' })
    // Ended for good: the row is gone, a later request is just unknown.
    expect(await resolveSession(db, a.token, at(58 + 32))).toEqual({ status: 'unknown' })

    expect((await active(o.token, at(9))).userId).toBe(officer.userId)
    expect(await resolveSession(db, o.token, at(9 + 11))).toEqual({ status: 'idle' })
  })

  it('the periods are the institution’s: an officer in Baubau has 5 minutes, staff there 60', async () => {
    const staff = await staffActor(db, bau.id, ['selection_committee'])
    const officer = await staffActor(db, bau.id, ['kiosk_officer'])
    const s = await signedIn(staff)
    const o = await signedIn(officer)
    expect(await actorForSession(db, s.token, at(45))).not.toBeNull()
    expect(await resolveSession(db, o.token, at(6))).toEqual({ status: 'idle' })
  })

  it('someone with several roles gets the shortest period; an administrator’s change applies at once', async () => {
    const both = await staffActor(db, kdi.id, ['administrator', 'kiosk_officer'])
    const s = await signedIn(both)
    expect(await resolveSession(db, s.token, at(11))).toEqual({ status: 'idle' })

    const admin = await staffActor(db, kdi.id, ['administrator'])
    const committee = await staffActor(db, kdi.id, ['selection_committee'])
    const c = await signedIn(committee)
    await updateSessionSettings(contextFor(database, admin, T0), {
      institutionId: kdi.id,
      staffIdleMinutes: '15',
      kioskIdleMinutes: '10',
    })
    expect(await resolveSession(db, c.token, at(16))).toEqual({ status: 'idle' })
    await updateSessionSettings(contextFor(database, admin, T0), { institutionId: kdi.id, staffIdleMinutes: '30', kioskIdleMinutes: '10' })
  })

  it('only an administrator of that institution changes the periods, within bounds, told at the field', async () => {
    const admin = await staffActor(db, kdi.id, ['administrator'])
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const ctx = contextFor(database, admin, T0)
    await expect(
      updateSessionSettings(contextFor(database, officer, T0), { institutionId: kdi.id, staffIdleMinutes: '60', kioskIdleMinutes: '10' }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    await expect(
      updateSessionSettings(ctx, { institutionId: bau.id, staffIdleMinutes: '60', kioskIdleMinutes: '10' }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    const refused = await updateSessionSettings(ctx, { institutionId: kdi.id, staffIdleMinutes: '2', kioskIdleMinutes: 'sepuluh' }).catch(
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(ValidationError)
    expect((refused as ValidationError).fieldErrors).toEqual({
      staffIdleMinutes: ['Batas tidak aktif untuk staf paling singkat 5 menit.'],
      kioskIdleMinutes: ['Batas tidak aktif untuk petugas kios ditulis sebagai bilangan bulat menit, mis. 30.'],
    })
    const saved = await updateSessionSettings(ctx, { institutionId: kdi.id, staffIdleMinutes: ' 45 ', kioskIdleMinutes: '8' })
    expect(saved).toMatchObject({ staffIdleMinutes: 45, kioskIdleMinutes: 8 })
    const audit = await db.select().from(auditEvent).where(eq(auditEvent.action, 'institution.sessions.update'))
    expect(audit.at(-1)).toMatchObject({
      actorId: admin.userId,
      before: { staffIdleMinutes: 30, kioskIdleMinutes: 10 },
      after: { staffIdleMinutes: 45, kioskIdleMinutes: 8 },
    })
    await updateSessionSettings(ctx, { institutionId: kdi.id, staffIdleMinutes: '30', kioskIdleMinutes: '10' })
  })

  it('a candidate keeps a long session renewed on use (30 days from the last use, 90 at most)', async () => {
    const c = await createCandidate(db, {})
    const s = await createSession(db, { userId: c.user.id, now: T0 })
    expect(await actorForSession(db, s.token, at(20 * DAY))).not.toBeNull()
    expect(await actorForSession(db, s.token, at(45 * DAY))).not.toBeNull()
    expect(await actorForSession(db, s.token, at(70 * DAY))).not.toBeNull()
    // Used every 25 days, still capped at 90 days after sign-in.
    expect(await resolveSession(db, s.token, at(90 * DAY + 1))).toEqual({ status: 'expired' })
    const unused = await createSession(db, { userId: c.user.id, now: T0 })
    expect(await resolveSession(db, unused.token, at(30 * DAY + 1))).toEqual({ status: 'expired' })
  })

  it('"last seen" is written at most once a minute', async () => {
    const admin = await staffActor(db, kdi.id, ['administrator'])
    const s = await signedIn(admin)
    const lastSeen = async () =>
      (await db.select({ v: authSession.lastSeenAt }).from(authSession).where(eq(authSession.id, sha256(s.token))))[0]!.v
    await active(s.token, new Date(T0.getTime() + 30_000))
    await active(s.token, new Date(T0.getTime() + 59_000))
    expect(await lastSeen()).toEqual(T0)
    await active(s.token, new Date(T0.getTime() + 61_000))
    expect(await lastSeen()).toEqual(new Date(T0.getTime() + 61_000))
    await active(s.token, new Date(T0.getTime() + 90_000))
    expect(await lastSeen()).toEqual(new Date(T0.getTime() + 61_000))
  })

  it('an officer’s assisted session ends with the staff session it was opened in: idle, or signed out', async () => {
    const candidate = await createCandidate(db, {})
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const s = await signedIn(officer)
    const requestActor = await active(s.token, T0)
    const opened = await db.transaction((tx) =>
      ensureAssistedSession(tx, requestActor, T0, { institutionId: kdi.id, candidateId: candidate.user.id }),
    )
    expect((await active(s.token, at(5))).assisted?.candidateId).toBe(candidate.user.id)
    expect(await resolveSession(db, s.token, at(5 + 11))).toEqual({ status: 'idle' })
    const [row] = await db.select().from(assistedSession).where(eq(assistedSession.id, opened.sessionId))
    expect(row!.endedAt).toEqual(at(16))
    const [audit] = await db.select().from(auditEvent).where(and(eq(auditEvent.entityId, opened.sessionId), eq(auditEvent.action, 'kiosk.session.end')))
    expect(audit).toMatchObject({ actorId: null, onBehalfOfId: candidate.user.id, after: { reason: 'idle' } })

    // Signed out (on another day, another session): the assisted session ends too.
    const again = await signedIn(officer, at(60))
    const againActor = await active(again.token, at(60))
    const second = await db.transaction((tx) =>
      ensureAssistedSession(tx, againActor, at(60), { institutionId: kdi.id, candidateId: candidate.user.id }),
    )
    await deleteSession(db, again.token, at(61))
    const [ended] = await db.select().from(assistedSession).where(eq(assistedSession.id, second.sessionId))
    expect(ended!.endedAt).toEqual(at(61))
  })

  it('the officer’s other, still active device does not keep an assisted session of an idle desk open', async () => {
    const candidate = await createCandidate(db, {})
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const desk = await signedIn(officer)
    const phone = await signedIn(officer)
    const deskActor = await active(desk.token, T0)
    const opened = await db.transaction((tx) =>
      ensureAssistedSession(tx, deskActor, T0, { institutionId: kdi.id, candidateId: candidate.user.id }),
    )
    await active(phone.token, at(8))
    // The purge finds the desk idle: its session and assisted session end; the phone stays.
    const result = await purgeSessions(db, at(12))
    expect(result.idle).toBeGreaterThanOrEqual(1)
    expect((await db.select().from(assistedSession).where(eq(assistedSession.id, opened.sessionId)))[0]!.endedAt).toEqual(at(12))
    expect(await actorForSession(db, phone.token, at(13))).not.toBeNull()
  })

  it('the purge job deletes expired and idle sessions, ends orphaned assisted sessions, and schedules its next run', async () => {
    const candidate = await createCandidate(db, {})
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const admin = await staffActor(db, kdi.id, ['administrator'])
    const idleAdmin = await signedIn(admin, T0)
    const freshAdmin = await signedIn(admin, at(20))
    const oldCandidate = await createSession(db, { userId: candidate.user.id, now: at(-31 * DAY) })
    const liveCandidate = await createSession(db, { userId: candidate.user.id, now: T0 })
    // An assisted session opened without a sign-in session (before sessions were linked).
    const orphan = await db.transaction((tx) =>
      ensureAssistedSession(tx, officer, T0, { institutionId: kdi.id, candidateId: candidate.user.id }),
    )

    expect(await scheduleSessionPurge(db, at(35))).toBe(true)
    expect(await scheduleSessionPurge(db, at(35))).toBe(false)
    const registry = new Map([[purgeSessionsJob.name, purgeSessionsJob as unknown as JobDefinition<z.ZodType>]])
    expect(jobRegistry.get(purgeSessionsJob.name)).toBe(purgeSessionsJob)
    expect(await runDueJobs({ db, mailer: noMail, now: () => at(35) }, registry)).toBe(1)

    const left = new Set((await db.select({ id: authSession.id }).from(authSession)).map((r) => r.id))
    expect(left.has(sha256(idleAdmin.token))).toBe(false)
    expect(left.has(sha256(oldCandidate.token))).toBe(false)
    expect(left.has(sha256(freshAdmin.token))).toBe(true)
    expect(left.has(sha256(liveCandidate.token))).toBe(true)
    const [ended] = await db.select().from(assistedSession).where(eq(assistedSession.id, orphan.sessionId))
    expect(ended!.endedAt).toEqual(at(35))
    const [audit] = await db.select().from(auditEvent).where(and(eq(auditEvent.entityId, orphan.sessionId), eq(auditEvent.action, 'kiosk.session.end')))
    expect(audit).toMatchObject({ actorId: null, after: { reason: 'orphaned' } })

    // One next run, 5 minutes on; running it again is harmless and schedules the one after.
    const pending = await db.select().from(job).where(and(eq(job.name, purgeSessionsJob.name), eq(job.status, 'pending')))
    expect(pending.map((p) => p.runAt)).toEqual([new Date(at(35).getTime() + PURGE_EVERY_MS)])
    expect(await runDueJobs({ db, mailer: noMail, now: () => at(40) }, registry)).toBe(1)
    const next = await db.select().from(job).where(and(eq(job.name, purgeSessionsJob.name), eq(job.status, 'pending')))
    expect(next.map((p) => p.runAt)).toEqual([new Date(at(40).getTime() + PURGE_EVERY_MS)])
  })

  it('lists one’s own sessions (this device marked) and ends one or all others — never another person’s', async () => {
    const me = await staffActor(db, kdi.id, ['selection_committee'])
    const someoneElse = await staffActor(db, kdi.id, ['selection_committee'])
    const laptop = await signedIn(me, T0, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36')
    const phone = await signedIn(me, at(1), 'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36')
    const tablet = await signedIn(me, at(2))
    const theirs = await signedIn(someoneElse, at(2))
    const meNow = await active(laptop.token, at(3))
    const list = await listUserSessions(db, { userId: me.userId, currentSessionId: meNow.authSessionId, now: at(3) })
    expect(list).toHaveLength(3)
    expect(list.filter((s) => s.current)).toHaveLength(1)
    expect(list.find((s) => s.current)!.userAgent).toContain('Windows')
    expect(list.every((s) => s.network === '203.0.113.0/24')).toBe(true)
    expect(list[0]!.current).toBe(true) // the most recently active first

    // Another person's session, named by its public id: nothing happens.
    const [their] = await listUserSessions(db, { userId: someoneElse.userId, currentSessionId: undefined, now: at(3) })
    expect(await endOwnSessions(db, meNow, at(3), { publicId: their!.publicId })).toBe(0)
    expect(await actorForSession(db, theirs.token, at(4))).not.toBeNull()
    // This device is never ended from the list (that is sign-out).
    expect(await endOwnSessions(db, meNow, at(3), { publicId: list.find((s) => s.current)!.publicId })).toBe(0)

    const phoneRow = list.find((s) => s.userAgent?.includes('Android'))!
    expect(await endOwnSessions(db, meNow, at(3), { publicId: phoneRow.publicId })).toBe(1)
    expect(await actorForSession(db, phone.token, at(4))).toBeNull()
    expect(await actorForSession(db, tablet.token, at(4))).not.toBeNull()

    expect(await endOwnSessions(db, meNow, at(5), 'others')).toBe(1)
    expect(await actorForSession(db, tablet.token, at(6))).toBeNull()
    expect(await actorForSession(db, laptop.token, at(6))).not.toBeNull()
    expect(await actorForSession(db, theirs.token, at(6))).not.toBeNull()
    // Repeated: nothing more to end.
    expect(await endOwnSessions(db, meNow, at(6), 'others')).toBe(0)
  })

  it('ending the assisted session by hand leaves the sign-in session alone', async () => {
    const candidate = await createCandidate(db, {})
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const s = await signedIn(officer)
    const requestActor = await active(s.token, T0)
    await db.transaction((tx) => ensureAssistedSession(tx, requestActor, T0, { institutionId: kdi.id, candidateId: candidate.user.id }))
    await endAssistedSession(contextFor(database, await active(s.token, at(1)), at(1)))
    expect(await actorForSession(db, s.token, at(2))).not.toBeNull()
  })
})
