// Delivery that staff can see and act on: a local SMTP peer refuses some recipients for
// good (550) and some for a while (451). The refused ones are failed after one try with
// the relay's answer in the batch's delivery view; the deferred ones are retried with
// back-off and arrive; a candidate without e-mail is listed apart, never as a failure;
// resending after correcting the address sends exactly one mail. And announcement mail
// is paced in its own queue while a verification mail goes straight through.
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verificationMail } from '../../server/accounts/accountMails'
import { enqueueAnnouncementMail } from '../../server/announcements/announcementMail'
import { auditEvent, job, mailDelivery, userAccount } from '../../server/db/schema'
import { ConflictError, ForbiddenError, ValidationError } from '../../server/errors'
import { DEFAULT_QUEUE, runDueJobs, startWorker } from '../../server/jobs/queue'
import { jobRegistry } from '../../server/jobs/registry'
import { getBatchMail } from '../../server/mail/getBatchMail'
import { renderMail } from '../../server/mail/render'
import { resendMail } from '../../server/mail/resendMail'
import { BULK_MAIL_QUEUE, enqueueMail } from '../../server/mail/sendMail'
import { startPeer, type Peer } from '../../server/mail/testPeer'
import { createMailer } from '../../server/mail/transport'
import { registerCandidate } from '../../server/registrations/registerCandidate'
import { createCandidateActor, createWorld, NOW } from '../../server/registrations/testFixtures'
import { staffActor } from '../actors'
import { contextFor, createTestDatabase } from '../db'

const FROM = 'Latih BPVP Kendari <no-reply@latih.local>'
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000)

function resultMail(to: string, registrationId: string) {
  return renderMail({
    to,
    subject: 'Hasil seleksi — Pengelasan SMAW',
    greeting: 'Halo,',
    paragraphs: ['Berdasarkan rapat pleno panitia seleksi, Anda dinyatakan LULUS seleksi.'],
    action: { label: 'Lihat di Aktivitas', url: `http://localhost:3000/aktivitas/${registrationId}` },
  })
}

describe('mail delivery that staff can see and act on', async () => {
  const database = await createTestDatabase()
  const { db } = database
  let peer: Peer

  beforeAll(async () => {
    peer = await startPeer({
      refuse: (a) => a.startsWith('tolak'),
      // Busy for the first two tries of each mail to sibuk@ (two mails: receipt and result).
      defer: (a, attempt) => a.startsWith('sibuk') && attempt <= 4,
    })
  })
  afterAll(async () => {
    await peer.stop()
  })

  it('fails refused mail after one try with the answer shown, retries deferred mail until it arrives, lists no-e-mail apart, and resends once', async () => {
    const world = await createWorld(db)
    const batchId = world.lasBatch.id
    const people = {
      ok: await createCandidateActor(db, { email: 'baik@contoh.test' }),
      refused: await createCandidateActor(db, { email: 'tolak@contoh.test' }),
      busy: await createCandidateActor(db, { email: 'sibuk@contoh.test' }),
      kiosk: await createCandidateActor(db, { email: 'kios-tanpa-email' }),
    }
    const reg: Record<string, string> = {}
    for (const [key, p] of Object.entries(people)) {
      reg[key] = (await registerCandidate(contextFor(database, p.actor, NOW), { candidateId: p.actor.userId, batchId })).registration.id
    }
    // The results, as the announcement sends them: only to usable addresses.
    await db.transaction(async (tx) => {
      for (const key of ['ok', 'refused', 'busy'] as const) {
        await enqueueAnnouncementMail(tx, resultMail(people[key].email, reg[key]!), NOW, { institutionId: world.kdi.id, registrationId: reg[key], batchId })
      }
    })
    const bulkJobs = await db.select({ id: job.id }).from(job).where(eq(job.queue, BULK_MAIL_QUEUE))
    expect(bulkJobs).toHaveLength(3)

    const mailer = createMailer({ smtpUrl: peer.url, from: FROM, db, bulk: { ratePerSecond: 100, maxConnections: 1 } })
    const runAll = async (now: Date) => {
      await runDueJobs({ db, mailer, now: () => now }, jobRegistry, 50, { queue: DEFAULT_QUEUE })
      await runDueJobs({ db, mailer, now: () => now }, jobRegistry, 50, { queue: BULK_MAIL_QUEUE })
    }
    await runAll(NOW)

    const committee = await staffActor(db, world.kdi.id, ['selection_committee'])
    const ctx = (now: Date) => contextFor(database, committee, now)
    let view = await getBatchMail(ctx(NOW), { batchId })
    expect(view.counts).toMatchObject({ registrations: 4, noEmail: 1, failedOpen: 2 })

    // The kiosk account has no usable address: no mail was attempted, and it is listed as
    // "no e-mail", not as a failure to chase.
    const row = (key: string) => view.rows.find((r) => r.registrationId === reg[key])
    expect(row('kiosk')).toMatchObject({ email: null, mails: [] })
    const refused = row('refused')!
    expect(refused.mails).toHaveLength(2)
    for (const m of refused.mails) {
      expect(m).toMatchObject({ status: 'failed', attempts: 1, permanent: true, resent: false })
      expect(m.relayResponse).toMatch(/^550 5\.1\.1 <tolak@contoh\.test>: Recipient address rejected/)
    }
    expect(row('busy')).toBeUndefined() // retrying: not (yet) an action for staff
    expect(row('ok')).toBeUndefined()

    // Not retried: a day later the relay has still seen tolak@ once per mail.
    await runAll(at(86_400))
    expect(peer.attempts.get('tolak@contoh.test')).toBe(2)

    // Deferred mail: retrying with the answer, then sent after the back-off.
    const busyMails = () => db.select().from(mailDelivery).where(eq(mailDelivery.registrationId, reg.busy!))
    await runAll(at(30 + 86_400))
    await runAll(at(90 + 86_400))
    await runAll(at(200 + 86_400))
    const busy = await busyMails()
    expect(busy.map((m) => m.status)).toEqual(['sent', 'sent'])
    expect(busy.every((m) => m.attempts === 3)).toBe(true)
    expect(peer.received.filter((m) => m.to.includes('sibuk@contoh.test'))).toHaveLength(2)
    expect(peer.received.filter((m) => m.to.includes('baik@contoh.test'))).toHaveLength(2)

    view = await getBatchMail(ctx(at(86_500)), { batchId, show: 'all' })
    expect(view.rows).toHaveLength(4)
    expect(view.counts.sent).toBe(4)

    // Resend: the same refused address is not accepted; a taken one neither.
    const [first, second] = refused.mails
    await expect(resendMail(ctx(at(86_600)), { deliveryId: first!.id, email: 'tolak@contoh.test' })).rejects.toBeInstanceOf(ValidationError)
    await expect(resendMail(ctx(at(86_600)), { deliveryId: first!.id, email: 'baik@contoh.test' })).rejects.toThrow(/Periksa kembali/)
    await expect(resendMail(ctx(at(86_600)), { deliveryId: first!.id, email: 'bukan alamat' })).rejects.toBeInstanceOf(ValidationError)
    const interviewer = await staffActor(db, world.kdi.id, ['interviewer'])
    await expect(resendMail(contextFor(database, interviewer, at(86_600)), { deliveryId: first!.id, email: 'benar@contoh.test' })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(getBatchMail(contextFor(database, interviewer, at(86_600)), { batchId })).rejects.toBeInstanceOf(ForbiddenError)

    // Two submits at once of the corrected address: one resend.
    const results = await Promise.allSettled([
      resendMail(ctx(at(86_700)), { deliveryId: first!.id, email: ' Benar@Contoh.test ' }),
      resendMail(ctx(at(86_700)), { deliveryId: first!.id, email: 'benar@contoh.test' }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refusedOne = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(refusedOne.reason).toBeInstanceOf(ConflictError)
    // The other failed mail, to the address already corrected: accepted, no second correction.
    const other = await resendMail(ctx(at(86_800)), { deliveryId: second!.id, email: 'benar@contoh.test' })
    expect(other.emailChanged).toBe(false)
    await expect(resendMail(ctx(at(86_800)), { deliveryId: second!.id, email: 'benar@contoh.test' })).rejects.toThrow(/sudah dikirim ulang/)

    await runAll(at(86_900))
    const toCorrected = peer.received.filter((m) => m.to.includes('benar@contoh.test'))
    expect(toCorrected.map((m) => m.parsed.subject).sort()).toEqual(['Hasil seleksi — Pengelasan SMAW', expect.stringMatching(/^Pendaftaran diterima/)].sort())
    // The resent mail is the stored one, its footer once.
    expect(toCorrected.every((m) => (m.parsed.text ?? '').split('E-mail ini dikirim otomatis').length === 2)).toBe(true)

    const [account] = await db.select().from(userAccount).where(eq(userAccount.id, people.refused.actor.userId))
    expect(account).toMatchObject({ email: 'benar@contoh.test', emailVerifiedAt: null })
    const audits = await db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(and(eq(auditEvent.actorId, committee.userId), sql`${auditEvent.action} in ('mail.resend', 'account.email.correct')`))
    expect(audits.map((a) => a.action).sort()).toEqual(['account.email.correct', 'mail.resend', 'mail.resend'])

    view = await getBatchMail(ctx(at(87_000)), { batchId })
    expect(view.counts.failedOpen).toBe(0)
    expect(view.rows.map((r) => r.registrationId)).toEqual([reg.kiosk]) // "no e-mail" stays listed
    mailer.close?.()
  })

  it('paces announcement mail in its own queue while a verification mail goes straight through', async () => {
    const paced = await startPeer({ parse: true })
    const mailer = createMailer({ smtpUrl: paced.url, from: FROM, db, bulk: { ratePerSecond: 20, maxConnections: 2 } })
    const COUNT = 40
    await db.transaction(async (tx) => {
      for (let i = 0; i < COUNT; i++) {
        await enqueueAnnouncementMail(tx, resultMail(`massal.${i}@contoh.test`, '00000000-0000-4000-8000-000000000000'), new Date())
      }
    })
    const deps = { db, mailer, now: () => new Date() }
    const started = performance.now()
    const workers = [
      startWorker(deps, jobRegistry, 50, { queue: DEFAULT_QUEUE }),
      startWorker(deps, jobRegistry, 50, { queue: BULK_MAIL_QUEUE, limit: 5, clearPayloads: false }),
      startWorker(deps, jobRegistry, 50, { queue: BULK_MAIL_QUEUE, limit: 5, clearPayloads: false }),
    ]
    try {
      await new Promise((r) => setTimeout(r, 500))
      const enqueuedAt = performance.now()
      await db.transaction(async (tx) => {
        await enqueueMail(tx, verificationMail({ to: 'verifikasi@contoh.test', name: 'Wa Ode', token: 'abc' }), new Date())
      })
      const arrived = async (to: string) => {
        for (;;) {
          const found = paced.received.find((m) => m.to.includes(to))
          if (found) return found.at
          await new Promise((r) => setTimeout(r, 20))
        }
      }
      const verifiedAt = await arrived('verifikasi@contoh.test')
      // Straight through (the worker polls every 50 ms here), well before the 2 s of results are out.
      expect(verifiedAt - enqueuedAt).toBeLessThan(1500)
      expect(paced.received.filter((m) => m.to[0]!.startsWith('massal.')).length).toBeLessThan(COUNT)
      while (paced.received.filter((m) => m.to[0]!.startsWith('massal.')).length < COUNT) await new Promise((r) => setTimeout(r, 50))
    } finally {
      await Promise.all(workers.map((w) => w.stop()))
      mailer.close?.()
      await paced.stop()
    }
    const bulk = paced.received.filter((m) => m.to[0]!.startsWith('massal.'))
    expect(new Set(bulk.map((m) => m.to[0])).size).toBe(COUNT) // each once
    // Paced: 40 at 20/s take at least 1.95 s from the first claim.
    const span = (bulk.at(-1)!.at - bulk[0]!.at) / 1000
    expect(span).toBeGreaterThanOrEqual(((COUNT - 1) / 20) * 0.95)
    expect(performance.now() - started).toBeGreaterThan(1900)
  })
})
