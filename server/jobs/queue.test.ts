// Jobs that survive a crash without doing things twice (issue 8, section 5): a short
// lease renewed while a job runs, "done" only while the lease is held, mail sent once per
// job, payloads cleared after retention, permanent failures not retried, and the
// administrators' retry of a failed job.
import { eq } from 'drizzle-orm'
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestDatabase } from '../../tests/db'
import { staffActor } from '../../tests/actors'
import { type Mailbox, startMailbox } from '../../tests/e2e/mailbox'
import { requestPasswordReset } from '../accounts/requestPasswordReset'
import { SYSTEM } from '../auth/actor'
import { createCandidate, createInstitution } from '../db/factories'
import { job } from '../db/schema'
import { ForbiddenError } from '../errors'
import { renderMail } from '../mail/render'
import { enqueueMail, sendMailJob } from '../mail/sendMail'
import { createMailer, type Mailer, type MailMessage } from '../mail/transport'
import { listFailedJobs, retryFailedJob } from './failedJobs'
import {
  clearFinishedPayloads,
  defineJob,
  DONE_PAYLOAD_RETENTION_MS,
  enqueue,
  type JobDefinition,
  LEASE_MS,
  runDueJobs,
} from './queue'
import { jobRegistry } from './registry'

const FROM = 'Latih BPVP Kendari <no-reply@latih.local>'
const T = new Date('2026-03-02T01:00:00Z')
const at = (ms: number) => new Date(T.getTime() + ms)

/** A job whose handler runs until the test lets it go (a worker busy, or killed). */
function blockingJob() {
  const runs: Array<{ attempt: number; release: () => void }> = []
  const definition = defineJob({
    name: 'test.blocking',
    payload: z.object({ n: z.number() }),
    maxAttempts: 5,
    handle(_deps, _payload, run) {
      return new Promise<void>((resolve) => runs.push({ attempt: run.attempt, release: resolve }))
    },
  })
  const registry = new Map([[definition.name, definition as unknown as JobDefinition<z.ZodType>]])
  return { definition, registry, runs }
}

const noMail: Mailer = { kind: 'local', send: async () => {} }

async function waitFor(condition: () => boolean | Promise<boolean>, ms = 5_000) {
  const until = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('the job queue survives a crash', async () => {
  const database = await createTestDatabase()
  const { db } = database
  let mailbox: Mailbox
  let refusing: SMTPServer
  let refusingPort = 0

  beforeAll(async () => {
    mailbox = await startMailbox()
    // An SMTP server that refuses every recipient for good (550), like an unknown mailbox.
    refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        const error = Object.assign(new Error('5.1.1 <tidak.ada@contoh.test>: Recipient address rejected: User unknown'), { responseCode: 550 })
        callback(error)
      },
    })
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve))
    refusingPort = (refusing.server.address() as AddressInfo).port
  })
  afterAll(async () => {
    await mailbox.stop()
    await new Promise<void>((resolve) => refusing.close(() => resolve()))
  })

  it('picks up a job whose worker died mid-run within the short lease, and the dead worker cannot mark it done', async () => {
    const { definition, registry, runs } = blockingJob()
    await db.transaction((tx) => enqueue(tx, definition, { n: 1 }, { runAt: T }))
    // Worker A claims it and dies mid-run: its handler never returns and it renews nothing.
    const workerA = runDueJobs({ db, mailer: noMail, now: () => T }, registry, 10, { renewMs: 3_600_000 })
    await waitFor(() => runs.length === 1)

    // Before the lease ends nobody else takes it; just after, worker B does.
    expect(await runDueJobs({ db, mailer: noMail, now: () => at(LEASE_MS - 1_000) }, registry)).toBe(0)
    expect(LEASE_MS).toBeLessThanOrEqual(60_000)
    const workerB = runDueJobs({ db, mailer: noMail, now: () => at(LEASE_MS + 1_000) }, registry, 10, { renewMs: 3_600_000 })
    await waitFor(() => runs.length === 2)
    expect(runs[1]!.attempt).toBe(2)

    // A comes back to life and finishes: its "done" does not count, the job is B's.
    runs[0]!.release()
    await workerA
    const [whileB] = await db.select().from(job).where(eq(job.name, 'test.blocking'))
    expect(whileB).toMatchObject({ status: 'running', attempts: 2 })

    runs[1]!.release()
    await workerB
    const [done] = await db.select().from(job).where(eq(job.name, 'test.blocking'))
    expect(done).toMatchObject({ status: 'done', attempts: 2 })
  })

  it('renews the lease while a job runs, so a slow job is not taken over', async () => {
    const { definition, registry, runs } = blockingJob()
    await db.transaction((tx) => enqueue(tx, { ...definition, name: 'test.slow' }, { n: 2 }, { runAt: T }))
    const slowRegistry = new Map([['test.slow', registry.get('test.blocking')!]])
    let clock = T
    const worker = runDueJobs({ db, mailer: noMail, now: () => clock }, slowRegistry, 10, { renewMs: 20 })
    await waitFor(() => runs.length === 1)
    // Time passes beyond the first lease while the job still runs; the worker renews.
    clock = at(LEASE_MS + 5_000)
    await waitFor(async () => {
      const [row] = await db.select().from(job).where(eq(job.name, 'test.slow'))
      return (row?.lockedUntil?.getTime() ?? 0) > clock.getTime()
    })
    expect(await runDueJobs({ db, mailer: noMail, now: () => at(LEASE_MS + 6_000) }, slowRegistry)).toBe(0)
    runs[0]!.release()
    await worker
    const [row] = await db.select().from(job).where(eq(job.name, 'test.slow'))
    expect(row).toMatchObject({ status: 'done', attempts: 1 })
  })

  it('sends a mail job once even when it runs twice (a crash between sending and "done")', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${mailbox.port}`, from: FROM, db })
    const to = 'sekali@contoh.test'
    await db.transaction((tx) => enqueueMail(tx, renderMail({ to, subject: 'Sekali saja', greeting: 'Halo,', paragraphs: ['Uji.'] }), T))
    const [queued] = await db.select().from(job).where(eq(job.name, 'mail.send'))
    expect(await runDueJobs({ db, mailer, now: () => T }, jobRegistry)).toBe(1)
    expect(mailbox.received.filter((m) => m.to.includes(to))).toHaveLength(1)

    // The worker died after the SMTP server accepted the mail but before "done" was
    // written: the row is still running, its lease runs out, another worker runs it.
    await db.update(job).set({ status: 'running', lockedUntil: at(LEASE_MS), finishedAt: null }).where(eq(job.id, queued!.id))
    expect(await runDueJobs({ db, mailer, now: () => at(LEASE_MS + 1_000) }, jobRegistry)).toBe(1)
    expect(mailbox.received.filter((m) => m.to.includes(to))).toHaveLength(1)
    const [row] = await db.select().from(job).where(eq(job.id, queued!.id))
    expect(row).toMatchObject({ status: 'done', attempts: 2 })
  })

  it('clears a finished reset mail’s payload (its reset link) after the retention', async () => {
    const candidate = await createCandidate(db, { email: 'lupa.sandi@contoh.test' })
    await requestPasswordReset({ db, actor: SYSTEM, now: T }, { identifier: candidate.email })
    const resetJob = (await db.select().from(job).where(eq(job.name, 'mail.send'))).find(
      (r) => (r.payload as MailMessage).to === 'lupa.sandi@contoh.test',
    )!
    expect((resetJob.payload as MailMessage).text).toContain('/atur-sandi')
    await runDueJobs({ db, mailer: noMail, now: () => T }, jobRegistry, 50)

    await clearFinishedPayloads(db, at(DONE_PAYLOAD_RETENTION_MS - 60_000))
    const [kept] = await db.select().from(job).where(eq(job.id, resetJob.id))
    expect(kept?.status).toBe('done')
    expect((kept?.payload as MailMessage).text).toContain('/atur-sandi')

    await clearFinishedPayloads(db, at(DONE_PAYLOAD_RETENTION_MS + 60_000))
    const [cleared] = await db.select().from(job).where(eq(job.id, resetJob.id))
    expect(cleared?.payload).toEqual({})
    expect(JSON.stringify(cleared)).not.toContain('atur-sandi')
  })

  it('fails a mail the SMTP server refuses for good at once, and an administrator retries it', async () => {
    const refusingMailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${refusingPort}`, from: FROM, db })
    const to = 'tidak.ada@contoh.test'
    await db.transaction((tx) => enqueue(tx, sendMailJob, renderMail({ to, subject: 'Ditolak', greeting: 'Halo,', paragraphs: ['Uji.'] }), { runAt: T }))
    const [queued] = (await db.select().from(job).where(eq(job.name, 'mail.send'))).filter((r) => (r.payload as MailMessage).to === to)
    expect(await runDueJobs({ db, mailer: refusingMailer, now: () => T }, jobRegistry)).toBe(1)
    const [failed] = await db.select().from(job).where(eq(job.id, queued!.id))
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 })
    expect(failed?.lastError).toMatch(/550|rejected/i)
    // Not retried: nothing due later either.
    expect(await runDueJobs({ db, mailer: refusingMailer, now: () => at(86_400_000) }, jobRegistry)).toBe(0)

    const home = await createInstitution(db, { code: 'ADM' })
    const admin = await staffActor(db, home.id, ['administrator'])
    const officer = await staffActor(db, home.id, ['kiosk_officer'])
    const list = await listFailedJobs({ db, actor: admin, now: T }, { institutionId: home.id })
    const shown = list.find((j) => j.id === queued!.id)!
    expect(shown.mail).toEqual({ to: 't***@contoh.test', subject: 'Ditolak' })
    expect(shown.lastError).not.toContain(to)
    expect(shown.retryable).toBe(true)
    await expect(listFailedJobs({ db, actor: officer, now: T }, { institutionId: home.id })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(retryFailedJob({ db, actor: officer, now: T }, { institutionId: home.id, jobId: queued!.id })).rejects.toBeInstanceOf(ForbiddenError)

    // The address is fixed at the mail server; the retry delivers it.
    const later = at(3_600_000)
    expect(await retryFailedJob({ db, actor: admin, now: later }, { institutionId: home.id, jobId: queued!.id })).toEqual({ retried: true })
    expect(await retryFailedJob({ db, actor: admin, now: later }, { institutionId: home.id, jobId: queued!.id })).toEqual({ retried: false })
    const working = createMailer({ smtpUrl: `smtp://127.0.0.1:${mailbox.port}`, from: FROM, db })
    expect(await runDueJobs({ db, mailer: working, now: () => later }, jobRegistry)).toBe(1)
    expect(mailbox.received.filter((m) => m.to.includes(to))).toHaveLength(1)
    const [done] = await db.select().from(job).where(eq(job.id, queued!.id))
    expect(done).toMatchObject({ status: 'done', attempts: 1 })
  })

  it('does not retry a job whose payload no longer parses, and refuses to retry a cleared one', async () => {
    const { definition } = blockingJob()
    const strict = defineJob({ ...definition, name: 'test.strict', handle: async () => {} })
    await db.insert(job).values({ name: 'test.strict', payload: { n: 'not a number' }, runAt: T, maxAttempts: 5 })
    const registry = new Map([[strict.name, strict as unknown as JobDefinition<z.ZodType>]])
    expect(await runDueJobs({ db, mailer: noMail, now: () => T }, registry)).toBe(1)
    const [row] = await db.select().from(job).where(eq(job.name, 'test.strict'))
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })

    await db.update(job).set({ payload: {} }).where(eq(job.id, row!.id))
    const home = await createInstitution(db, { code: 'CLR' })
    const admin = await staffActor(db, home.id, ['administrator'])
    await expect(retryFailedJob({ db, actor: admin, now: T }, { institutionId: home.id, jobId: row!.id })).rejects.toThrow(/tidak dapat diulang/)
    await expect(retryFailedJob({ db, actor: admin, now: T }, { institutionId: home.id, jobId: 'abc' })).rejects.toThrow(/Periksa|tidak ditemukan/)
  })
})
