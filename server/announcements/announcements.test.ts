import { PassThrough } from 'node:stream'
import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { contextFor, createTestDatabase } from '../../tests/db'
import { staffActor } from '../../tests/actors'
import { SYSTEM } from '../auth/actor'
import { batch, job, registration, registrationEvent, resultsAnnouncement, userAccount } from '../db/schema'
import { pngSize, writeResultsZip } from '../documents/resultsImages'
import { ConflictError, ForbiddenError, ValidationError } from '../errors'
import { runDueJobs, type JobDefinition } from '../jobs/queue'
import type { Mailer } from '../mail/transport'
import { finalisePlenary } from '../plenary/finalisePlenary'
import { openPlenary } from '../plenary/openPlenary'
import { addPlenaryCandidate, createPlenaryWorld } from '../plenary/testFactories'
import { candidateRegistrationView } from '../registrations/candidateRegistrationView'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { getAnnouncement } from './getAnnouncement'
import { getPublicResults } from './getPublicResults'
import { getResultsImages } from './getResultsImages'
import { LookupThrottledError, lookupResult, NO_MATCH_MESSAGE } from './lookupResult'
import { NUMBER_MISSES } from './lookupThrottle'
import { maskName } from './maskName'
import { notifyCandidates, notifyResultsJob, RESULTS_ANNOUNCED } from './notifyCandidates'
import { onPublicContentChanged } from '../publicContent'
import { publishResults } from './publishResults'
import { cancelScheduledAnnouncement, scheduleResultsAnnouncement, scheduledAnnouncementJob } from './scheduleResultsAnnouncement'

const database = await createTestDatabase()
const { db } = database
const PLENARY = new Date('2027-02-14T02:00:00Z')
const NOW = new Date('2027-02-16T02:00:00Z')

const registry = new Map<string, JobDefinition<z.ZodType>>(
  [notifyResultsJob, scheduledAnnouncementJob].map((d) => [d.name, d as unknown as JobDefinition<z.ZodType>]),
)
const mailer: Mailer = { kind: 'local', async send() {} }
const runJobs = (now: Date) => runDueJobs({ db, mailer, now: () => now }, registry)


/** Quota 2, 2 reserves: A, B pass; C, D reserves (in that order); E not passed; F absent at the interview. */
async function world(code: string, input: { quota?: number; reserveCount?: number; extra?: number } = {}) {
  const w = await createPlenaryWorld(db, { code, quota: input.quota ?? 2, reserveCount: input.reserveCount ?? 2 })
  const committee = await staffActor(db, w.institution.id, ['selection_committee'], 'Panitia')
  const add = (fullName: string, birthDate: string, written: number, interview: number | null) =>
    addPlenaryCandidate(db, w, interview === null ? { fullName, birthDate, written, absent: true } : { fullName, birthDate, written, interviews: [interview] })
  const c = {
    A: await add('Ahmad Saputra Jaya', '2001-03-14', 95, 90),
    B: await add('Wa Ode Nurhaliza', '2002-07-09', 90, 85),
    C: await add('Citra Lestari', '2000-01-01', 85, 80),
    D: await add('Syamsuddin', '1998-05-05', 80, 75),
    E: await add('Eka Putri', '1999-09-09', 70, 65),
    F: await add('Fajar Nugraha', '2003-03-03', 75, null),
  }
  for (let i = 0; i < (input.extra ?? 0); i++) await add(`Peserta Tambahan ${i}`, '2000-06-06', 61, 61)
  const ctx = contextFor(database, committee, PLENARY)
  await openPlenary(ctx, {
    batchId: w.batch.id,
    minutesNumber: `BA-PLENO/${code}/2027/DGR-2`,
    place: 'Aula BPVP',
    heldOn: '2027-02-14T10:00',
    staff: [{ userId: committee.userId, role: 'Ketua' }],
    guests: [],
  })
  await finalisePlenary(ctx, { batchId: w.batch.id })
  return { w, committee, c, ctx: contextFor(database, committee, NOW) }
}

const toldCount = async (batchId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(registrationEvent)
      .innerJoin(registration, eq(registration.id, registrationEvent.registrationId))
      .where(and(eq(registration.batchId, batchId), eq(registrationEvent.kind, RESULTS_ANNOUNCED)))
  )[0]!.n

async function announcementMails(batchId: string) {
  const regs = await db
    .select({ email: userAccount.email })
    .from(registration)
    .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
    .where(eq(registration.batchId, batchId))
  const emails = new Set(regs.map((r) => r.email))
  const jobs = await db.select({ payload: job.payload }).from(job).where(eq(job.name, 'mail.send'))
  const counts = new Map<string, number>()
  for (const j of jobs) {
    const p = j.payload as { to: string; subject: string }
    if (emails.has(p.to) && /seleksi/i.test(p.subject)) counts.set(p.to, (counts.get(p.to) ?? 0) + 1)
  }
  return counts
}

describe('maskName', () => {
  it('keeps the first word, the initial of the second, and a fixed run of bullets', () => {
    expect(maskName('Ahmad Saputra Jaya')).toBe('Ahmad S•••••')
    expect(maskName('  wa ode  nurhaliza ')).toBe('wa O•••••')
    expect(maskName('Syamsuddin')).toBe('Syamsuddin')
    expect(maskName('Muh.\u0000 Rizky')).toBe('Muh. R•••••')
    expect(maskName('')).toBe('•••••')
  })
})

describe('publishing and telling every candidate once', async () => {
  const { w, committee, c, ctx } = await world('PUB')

  it('refuses others and before a finalised plenary', async () => {
    const other = await staffActor(db, w.institution.id, ['administrator'])
    await expect(publishResults(contextFor(database, other, NOW), { batchId: w.batch.id })).rejects.toBeInstanceOf(ForbiddenError)
    const empty = await createPlenaryWorld(db, { code: 'EMP' })
    const emptyCommittee = await staffActor(db, empty.institution.id, ['selection_committee'])
    await expect(publishResults(contextFor(database, emptyCommittee, NOW), { batchId: empty.batch.id })).rejects.toBeInstanceOf(ConflictError)
    await expect(publishResults(ctx, { batchId: 'bukan-uuid' })).rejects.toThrow('Gelombang tidak ditemukan.')
  })

  it('sets both announcement times in one go and enqueues the telling once, however often it is published', async () => {
    // The public results page is cached (decision 025): the announcement must drop it.
    let signals = 0
    const stop = onPublicContentChanged(() => (signals += 1))
    const first = await publishResults(ctx, { batchId: w.batch.id }).finally(stop)
    expect(first.created).toBe(true)
    expect(signals).toBe(1)
    const again = await publishResults(ctx, { batchId: w.batch.id })
    expect(again.created).toBe(false)
    const [b] = await db.select().from(batch).where(eq(batch.id, w.batch.id))
    const [a] = await db.select().from(resultsAnnouncement).where(eq(resultsAnnouncement.batchId, w.batch.id))
    expect(b!.resultsAnnouncedAt).toEqual(NOW)
    expect(a!.announcedAt).toEqual(NOW)
    expect(a!.announcedBy).toBe(committee.userId)
    const jobs = await db.select().from(job).where(eq(job.name, 'results.notify'))
    expect(jobs.filter((j) => (j.payload as { batchId: string }).batchId === w.batch.id)).toHaveLength(1)
  })

  it('tells each candidate once by e-mail and in Aktivitas; a rerun tells nobody again', async () => {
    // A kiosk account without a usable address, and someone who withdrew after the plenary.
    await db.update(userAccount).set({ email: '' }).where(eq(userAccount.id, c.E.user.id))
    await db.transaction((tx) =>
      transitionRegistration(tx, contextFor(database, SYSTEM, NOW), { registrationId: c.D.registration.id, action: 'withdraw' }),
    )
    await runJobs(NOW)
    expect(await toldCount(w.batch.id)).toBe(5)
    await notifyCandidates(db, NOW, w.batch.id)
    await runJobs(new Date(NOW.getTime() + 60_000))
    expect(await toldCount(w.batch.id)).toBe(5)
    const mails = await announcementMails(w.batch.id)
    expect([...mails.values()]).toEqual([1, 1, 1, 1])
    expect(mails.has('')).toBe(false)

    const events = await db
      .select({ registrationId: registrationEvent.registrationId, data: registrationEvent.data })
      .from(registrationEvent)
      .where(eq(registrationEvent.kind, RESULTS_ANNOUNCED))
    const byReg = new Map(events.map((e) => [e.registrationId, e.data]))
    expect(byReg.get(c.A.registration.id)).toMatchObject({ outcome: 'passed', reservePlace: null, mailed: true })
    expect(byReg.get(c.C.registration.id)).toMatchObject({ outcome: 'reserve', reservePlace: 1 })
    expect(byReg.get(c.E.registration.id)).toMatchObject({ outcome: 'not_passed', mailed: false })
    expect(byReg.get(c.F.registration.id)).toMatchObject({ outcome: 'not_passed', mailed: true })
    expect(byReg.has(c.D.registration.id)).toBe(false)
  })

  it('says what to do next, by when, and where, to those who passed', async () => {
    const jobs = await db.select({ payload: job.payload }).from(job).where(eq(job.name, 'mail.send'))
    const mail = jobs.map((j) => j.payload as { to: string; text: string; subject: string }).find((p) => p.to === c.A.user.email)!
    expect(mail.subject).toContain('lulus seleksi')
    expect(mail.text).toContain(`/aktivitas/${c.A.registration.id}/daftar-ulang`)
    expect(mail.text).toMatch(/daftar ulang \(wajib\) paling lambat .*WITA/)
    const reserve = jobs.map((j) => j.payload as { to: string; text: string }).find((p) => p.to === c.C.user.email)!
    expect(reserve.text).toContain('CALON CADANGAN urutan ke-1')
  })

  it('lifts the embargo in the candidate view', async () => {
    const [b] = await db.select().from(batch).where(eq(batch.id, w.batch.id))
    const events = await db.select().from(registrationEvent).where(eq(registrationEvent.registrationId, c.C.registration.id))
    const view = candidateRegistrationView({ state: 'reserve', batch: b!, events })
    expect(view.state).toBe('reserve')
    expect(view.events.map((e) => e.kind)).toContain(RESULTS_ANNOUNCED)
  })

  it('shows the public the masked list only', async () => {
    const page = await getPublicResults(db, { batchId: w.batch.id })
    expect(page.announced).toBe(true)
    expect(page.passed.map((p) => p.name)).toEqual(['Ahmad S•••••', 'Wa O•••••'])
    expect(page.reserves.map((p) => [p.place, p.name])).toEqual([
      [1, 'Citra L•••••'],
      [2, 'Syamsuddin'],
    ])
    const text = JSON.stringify(page)
    for (const secret of ['Saputra', 'Nurhaliza', '2001-03-14', '747101', c.A.registration.id]) expect(text).not.toContain(secret)
    const staff = await getAnnouncement(ctx, { batchId: w.batch.id })
    expect(staff.progress).toEqual({ told: 5, mailed: 4 })
    expect(staff.whatsAppUrl).toMatch(/^https:\/\/wa\.me\/\?text=/)
    expect(decodeURIComponent(staff.whatsAppUrl)).toContain(`/hasil/${w.batch.id}`)
  })

  it('draws 1080×1350 PNG pages and zips them with the caption', async () => {
    const images = await getResultsImages(ctx, { batchId: w.batch.id })
    expect(images.pages.length).toBe(2)
    for (const p of images.pages) expect(pngSize(p.png)).toEqual({ width: 1080, height: 1350 })
    const out = new PassThrough()
    const chunks: Buffer[] = []
    out.on('data', (b: Buffer) => chunks.push(b))
    await writeResultsZip([...images.pages.map((p) => ({ name: p.fileName, content: p.png })), { name: 'caption.txt', content: images.caption }], out, NOW)
    const zip = Buffer.concat(chunks)
    expect(zip.subarray(0, 4).toString('hex')).toBe('504b0304')
    expect(zip.includes(Buffer.from('caption.txt'))).toBe(true)
    expect(images.caption).toContain(`/hasil/${w.batch.id}`)
  }, 60_000)

  it('looks up an outcome by number and birth date; a wrong birth date reads as an unknown number', async () => {
    const lookupCtx = contextFor(database, SYSTEM, NOW)
    const found = await lookupResult(lookupCtx, { number: c.C.registration.number.toLowerCase(), birthDate: '2000-01-01', address: '10.0.0.1' })
    expect(found).toMatchObject({ kind: 'found', announced: 'reserve', reservePlace: 1, maskedName: 'Citra L•••••' })
    // Withdrawn before the announcement: not told, so not found either.
    expect((await lookupResult(lookupCtx, { number: c.D.registration.number, birthDate: '1998-05-05' })).kind).toBe('no_match')
    const wrongBirth = await lookupResult(lookupCtx, { number: c.A.registration.number, birthDate: '2001-03-15', address: '10.0.0.2' })
    const unknown = await lookupResult(lookupCtx, { number: 'PUB-DGR-2027-2-9999', birthDate: '2001-03-14', address: '10.0.0.3' })
    expect(wrongBirth).toEqual(unknown)
    expect(wrongBirth).toEqual({ kind: 'no_match', message: NO_MATCH_MESSAGE })
    await expect(lookupResult(lookupCtx, { number: '', birthDate: '2001-02-30' })).rejects.toBeInstanceOf(ValidationError)
  })

  it('throttles repeated misses on a number, whether or not it exists', async () => {
    const lookupCtx = contextFor(database, SYSTEM, NOW)
    for (const number of [c.B.registration.number, 'PUB-DGR-2027-2-8888']) {
      for (let i = 0; i < NUMBER_MISSES; i++) {
        expect((await lookupResult(lookupCtx, { number, birthDate: `1990-01-${String(i + 1).padStart(2, '0')}` })).kind).toBe('no_match')
      }
      await expect(lookupResult(lookupCtx, { number, birthDate: '2002-07-09' })).rejects.toBeInstanceOf(LookupThrottledError)
    }
    // Another number is not held back by them.
    expect((await lookupResult(lookupCtx, { number: c.A.registration.number, birthDate: '2001-03-14' })).kind).toBe('found')
  })
})

describe('a telling that dies between chunks, and two at once', async () => {
  const { w, ctx } = await world('CRS', { quota: 3, reserveCount: 2, extra: 6 })

  it('resumes with those not yet told and mails each once', async () => {
    await publishResults(ctx, { batchId: w.batch.id })
    // The worker runs one chunk of 3, then dies.
    const first = await notifyCandidates(db, NOW, w.batch.id, { chunkSize: 3, maxChunks: 1 })
    expect(first).toMatchObject({ told: 3, chunks: 1 })
    // The job's next attempt, and another run beside it.
    await Promise.all([runJobs(NOW), notifyCandidates(db, NOW, w.batch.id, { chunkSize: 4 }), notifyCandidates(db, NOW, w.batch.id, { chunkSize: 5 })])
    expect(await toldCount(w.batch.id)).toBe(12)
    const mails = await announcementMails(w.batch.id)
    expect(mails.size).toBe(12)
    expect([...mails.values()].every((n) => n === 1)).toBe(true)
  })

  it('two committee members publishing at once announce once', async () => {
    const other = await world('CON')
    const results = await Promise.all([publishResults(other.ctx, { batchId: other.w.batch.id }), publishResults(other.ctx, { batchId: other.w.batch.id })])
    expect(results.filter((r) => r.created)).toHaveLength(1)
    await Promise.all([runJobs(NOW), notifyCandidates(db, NOW, other.w.batch.id), notifyCandidates(db, NOW, other.w.batch.id)])
    const mails = await announcementMails(other.w.batch.id)
    expect([...mails.values()]).toEqual([1, 1, 1, 1, 1, 1])
  })
})

describe('the scheduled announcement', async () => {
  const { w, ctx } = await world('SCH')
  let announcementAt: Date

  beforeAll(async () => {
    const [b] = await db.select().from(batch).where(eq(batch.id, w.batch.id))
    announcementAt = b!.announcementAt
  })

  it('runs at the batch announcement time, not before', async () => {
    const before = new Date(announcementAt.getTime() - 3_600_000)
    const early = contextFor(database, ctx.actor, before)
    expect(await scheduleResultsAnnouncement(early, { batchId: w.batch.id })).toEqual({ scheduledFor: announcementAt, created: true })
    expect((await scheduleResultsAnnouncement(early, { batchId: w.batch.id })).created).toBe(false)
    await runJobs(new Date(announcementAt.getTime() - 1000))
    expect((await db.select().from(batch).where(eq(batch.id, w.batch.id)))[0]!.resultsAnnouncedAt).toBeNull()
    await runJobs(announcementAt)
    expect((await db.select().from(batch).where(eq(batch.id, w.batch.id)))[0]!.resultsAnnouncedAt).toEqual(announcementAt)
    // The telling job it enqueued runs next.
    await runJobs(announcementAt)
    expect(await toldCount(w.batch.id)).toBe(6)
    await expect(scheduleResultsAnnouncement(early, { batchId: w.batch.id })).rejects.toBeInstanceOf(ConflictError)
  })

  it('a cancelled schedule announces nothing; a time already past is refused', async () => {
    const other = await world('SCC')
    const [b] = await db.select().from(batch).where(eq(batch.id, other.w.batch.id))
    const early = contextFor(database, other.ctx.actor, new Date(b!.announcementAt.getTime() - 60_000))
    await scheduleResultsAnnouncement(early, { batchId: other.w.batch.id })
    expect(await cancelScheduledAnnouncement(early, { batchId: other.w.batch.id })).toEqual({ cancelled: true })
    await runJobs(b!.announcementAt)
    expect((await db.select().from(batch).where(eq(batch.id, other.w.batch.id)))[0]!.resultsAnnouncedAt).toBeNull()
    const late = contextFor(database, other.ctx.actor, new Date(b!.announcementAt.getTime() + 1))
    await expect(scheduleResultsAnnouncement(late, { batchId: other.w.batch.id })).rejects.toThrow(/sudah lewat/)
  })
})
