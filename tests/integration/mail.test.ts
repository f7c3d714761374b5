// Mail goes out through the job queue: enqueued in the causing transaction, sent by the
// worker over real SMTP (to a local smtp-server), retried with back-off when the SMTP
// server cannot be reached, or kept in local_mail when no SMTP server is configured.
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { job, localMail } from '../../server/db/schema'
import { runDueJobs } from '../../server/jobs/queue'
import { jobRegistry } from '../../server/jobs/registry'
import { renderMail } from '../../server/mail/render'
import { enqueueMail } from '../../server/mail/sendMail'
import { createMailer } from '../../server/mail/transport'
import { createTestDatabase } from '../db'
import { type Mailbox, startMailbox } from '../e2e/mailbox'

const FROM = 'Latih BPVP Kendari <no-reply@latih.local>'

function verificationMail(to: string) {
  return renderMail({
    to,
    subject: 'Verifikasi e-mail akun Latih',
    greeting: 'Halo Wa Ode,',
    paragraphs: ['Terima kasih telah membuat akun Latih. Klik tautan di bawah untuk memverifikasi e-mail Anda.'],
    action: { label: 'Verifikasi e-mail', url: 'http://localhost:3000/verifikasi-email?token=abc123' },
    note: 'Tautan ini berlaku 24 jam.',
  })
}

/** A port on which nothing listens: opened, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('mail through the job queue', async () => {
  const database = await createTestDatabase()
  const { db } = database
  let mailbox: Mailbox

  beforeAll(async () => {
    mailbox = await startMailbox()
  })
  afterAll(async () => {
    await mailbox.stop()
  })

  it('sends an enqueued mail over SMTP and marks the job done', async () => {
    const now = new Date()
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${mailbox.port}`, from: FROM, db })
    expect(mailer.kind).toBe('smtp')
    await db.transaction(async (tx) => {
      await enqueueMail(tx, verificationMail('wa.ode@contoh.test'), now)
    })
    const [pending] = await db.select().from(job).where(eq(job.status, 'pending'))
    expect(pending?.name).toBe('mail.send')

    const ran = await runDueJobs({ db, mailer, now: () => now }, jobRegistry)
    expect(ran).toBe(1)

    expect(mailbox.received).toHaveLength(1)
    const mail = mailbox.received[0]!
    expect(mail.to).toEqual(['wa.ode@contoh.test'])
    expect(mail.from).toBe('no-reply@latih.local')
    expect(mail.subject).toBe('Verifikasi e-mail akun Latih')
    expect(mail.text).toContain('Halo Wa Ode,')
    expect(mail.text).toContain('http://localhost:3000/verifikasi-email?token=abc123')
    expect(mail.html).toContain('href="http://localhost:3000/verifikasi-email?token=abc123"')

    const [done] = await db.select().from(job).where(eq(job.id, pending!.id))
    expect(done).toMatchObject({ status: 'done', attempts: 1, lastError: null, lockedUntil: null })
    expect(done?.finishedAt?.getTime()).toBe(now.getTime())

    // Nothing is due any more: a second run sends nothing twice.
    expect(await runDueJobs({ db, mailer, now: () => now }, jobRegistry)).toBe(0)
    expect(mailbox.received).toHaveLength(1)
  })

  it('enqueues nothing when the causing transaction rolls back', async () => {
    const before = await db.select({ id: job.id }).from(job)
    await expect(
      db.transaction(async (tx) => {
        await enqueueMail(tx, verificationMail('batal@contoh.test'), new Date())
        throw new Error('the change failed after the mail was enqueued')
      }),
    ).rejects.toThrow('the change failed')
    const after = await db.select({ id: job.id }).from(job)
    expect(after).toEqual(before)
  })

  it('keeps the job pending with back-off when the SMTP server cannot be reached', async () => {
    const now = new Date(Date.now() + 60_000)
    const port = await closedPort()
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, db })
    const [queued] = await db.transaction(async (tx) => {
      await enqueueMail(tx, verificationMail('tertunda@contoh.test'), now)
      return tx.select().from(job).where(eq(job.status, 'pending'))
    })
    expect(queued).toBeDefined()

    expect(await runDueJobs({ db, mailer, now: () => now }, jobRegistry)).toBe(1)

    const [failed] = await db.select().from(job).where(eq(job.id, queued!.id))
    expect(failed?.status).toBe('pending')
    expect(failed?.attempts).toBe(1)
    expect(failed?.lastError).toMatch(/ECONNREFUSED|connect/i)
    expect(failed?.lockedUntil).toBeNull()
    // First retry 30 s later; not run again before that.
    expect(failed?.runAt.getTime()).toBe(now.getTime() + 30_000)
    expect(await runDueJobs({ db, mailer, now: () => new Date(now.getTime() + 29_000) }, jobRegistry)).toBe(0)

    // Once the SMTP server is reachable, the retry delivers it.
    const working = createMailer({ smtpUrl: `smtp://127.0.0.1:${mailbox.port}`, from: FROM, db })
    const later = new Date(now.getTime() + 30_000)
    expect(await runDueJobs({ db, mailer: working, now: () => later }, jobRegistry)).toBe(1)
    const [sent] = await db.select().from(job).where(eq(job.id, queued!.id))
    expect(sent).toMatchObject({ status: 'done', attempts: 2, lastError: null })
    expect(mailbox.received.at(-1)?.to).toEqual(['tertunda@contoh.test'])
  })

  it('keeps mail in local_mail when no SMTP server is configured', async () => {
    const now = new Date(Date.now() + 120_000)
    const mailer = createMailer({ from: FROM, db })
    expect(mailer.kind).toBe('local')
    const received = mailbox.received.length
    await db.transaction(async (tx) => {
      await enqueueMail(tx, verificationMail('lokal@contoh.test'), now)
    })
    expect(await runDueJobs({ db, mailer, now: () => now }, jobRegistry)).toBe(1)

    const kept = await db.select().from(localMail).where(eq(localMail.to, 'lokal@contoh.test'))
    expect(kept).toHaveLength(1)
    expect(kept[0]?.subject).toBe('Verifikasi e-mail akun Latih')
    expect(kept[0]?.text).toContain('http://localhost:3000/verifikasi-email?token=abc123')
    expect(kept[0]?.html).toContain('<!doctype html>')
    expect(mailbox.received).toHaveLength(received)
    const jobs = await db.select().from(job).where(eq(job.status, 'done'))
    expect(jobs.length).toBeGreaterThanOrEqual(3)
  })
})
