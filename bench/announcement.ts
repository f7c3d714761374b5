// Announcing a batch of 20,000 candidates (issue 7, "Speed"): the committee publishes,
// the results.notify job tells every candidate in chunks of 500 (event + mail job in one
// transaction each), and the bulk mail workers send every mail over SMTP to a local peer
// (smtp-server on 127.0.0.1) — the runtime's own worker set-up (server/runtime.ts): one
// worker on the default queue, one per bulk connection on the bulk-mail queue. Reports
// the time to tell everyone, mails per second through the queue, and checks that each
// candidate got exactly one mail. On a throwaway PostgreSQL 15 cluster.
//   node --import tsx bench/announcement.ts                     # prints the table
//   node --import tsx bench/announcement.ts --write             # … and puts it into BENCHMARKS.md
// Options: --candidates=N (20000), --rate=N mails/s for the bulk pacer (1000: unpaced
// capacity; production's MAIL_BULK_RATE default is 5), --connections=N (4), --port=N (55440).
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { eq, sql } from 'drizzle-orm'
import { SMTPServer } from 'smtp-server'
import { publishResults } from '../server/announcements/publishResults'
import { loadActor } from '../server/auth/sessions'
import { migrateDatabase, openPostgres } from '../server/db/client'
import { createBatch, createInstitution, createProgramme, createStaff } from '../server/db/factories'
import { candidateProfile, job, plenary, plenarySnapshot, registration, registrationEvent, userAccount } from '../server/db/schema'
import { DEFAULT_QUEUE, startWorker } from '../server/jobs/queue'
import { jobRegistry } from '../server/jobs/registry'
import { BULK_MAIL_QUEUE } from '../server/mail/sendMail'
import { createMailer } from '../server/mail/transport'
import { canonicalJson, sha256, type CanonicalValue } from '../server/plenary/canonicalJson'
import type { SnapshotPayload } from '../server/plenary/snapshotPayload'
import { machineLine, writeBetweenMarkers } from './lib/benchMarkdown'
import { startCluster } from './lib/postgres'

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const N = arg('candidates', 20_000)
const RATE = arg('rate', 1000)
const CONNECTIONS = arg('connections', 4)
const PORT = arg('port', 55440)
const QUOTA = Math.min(1000, Math.floor(N / 20))
const RESERVES = Math.floor(QUOTA / 5)
const WRITE = process.argv.includes('--write')
const BENCHMARKS = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url))

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const log = (s: string) => console.log(`[bench:announcement] ${s}`)

// The SMTP peer: counts each recipient's messages (a mail body is drained, not parsed).
const perRecipient = new Map<string, number>()
let received = 0
let firstAt = 0
let lastAt = 0
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  maxClients: 50,
  onData(stream, session, callback) {
    stream.on('data', () => {})
    stream.on('end', () => {
      for (const r of session.envelope.rcptTo) perRecipient.set(r.address.toLowerCase(), (perRecipient.get(r.address.toLowerCase()) ?? 0) + 1)
      received++
      lastAt = performance.now()
      if (received === 1) firstAt = lastAt
      callback()
    })
  },
})
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
const smtpPort = (smtp.server.address() as AddressInfo).port

const machine = machineLine()
const cluster = startCluster({ port: PORT, fsync: true })
const database = await openPostgres(cluster.url('postgres'), 10)
const { db } = database
try {
  await migrateDatabase(database)
  log(`PostgreSQL ${cluster.version} on port ${PORT}; SMTP peer on 127.0.0.1:${smtpPort}`)

  // A batch whose plenary is final: N candidates, QUOTA passed, RESERVES reserves.
  const setupStarted = performance.now()
  const inst = await createInstitution(db, { code: 'KDI', name: 'BPVP Kendari' })
  const programme = await createProgramme(db, { institutionId: inst.id, code: 'DGR', name: 'Desain Grafis Muda' })
  const b = await createBatch(db, { programmeId: programme.id, institutionId: inst.id, year: 2026, number: 9, quota: QUOTA, reserveCount: RESERVES })
  const committeeUser = await createStaff(db, { institutionId: inst.id, email: 'panitia@bench.test', displayName: 'Panitia Bench', roles: ['selection_committee'], password: 'Latih-Bench-2026' })
  const committee = await loadActor(db, { userId: committeeUser.id, kind: 'staff', email: committeeUser.email, displayName: committeeUser.displayName })
  const outcomeOf = (i: number) => (i < QUOTA ? 'passed' : i < QUOTA + RESERVES ? 'reserve' : 'not_passed') as 'passed' | 'reserve' | 'not_passed'
  const people = Array.from({ length: N }, (_, i) => ({
    userId: randomUUID(),
    registrationId: randomUUID(),
    number: `KDI-DGR-2026.9-${String(i + 1).padStart(5, '0')}`,
    name: `Peserta Bench ${i + 1}`,
    email: `peserta.${i + 1}@bench.test`,
    outcome: outcomeOf(i),
  }))
  const at = new Date('2026-11-20T02:00:00Z')
  for (let i = 0; i < N; i += 1000) {
    const slice = people.slice(i, i + 1000)
    await db.transaction(async (tx) => {
      await tx.insert(userAccount).values(slice.map((p) => ({ id: p.userId, email: p.email, kind: 'candidate' as const, displayName: p.name, passwordHash: null })))
      await tx.insert(candidateProfile).values(
        slice.map((p, k) => ({
          userId: p.userId,
          nikCiphertext: 'bench',
          nikHash: `bench-${i + k}`,
          nikMasked: '7471••••••••0001',
          fullName: p.name,
          phone: '+6281234567890',
          birthDate: '2000-01-01',
        })),
      )
      await tx.insert(registration).values(
        slice.map((p) => ({ id: p.registrationId, number: p.number, candidateId: p.userId, batchId: b.id, institutionId: inst.id, state: p.outcome, createdAt: at, updatedAt: at, createdBy: p.userId })),
      )
    })
  }
  const [p] = await db
    .insert(plenary)
    .values({ batchId: b.id, institutionId: inst.id, status: 'finalised', minutesNumber: 'BA-PLENO/KDI/2026/DGR-9', place: 'Aula', heldOn: at, openedAt: at, finalisedAt: at })
    .returning()
  const payload: SnapshotPayload = {
    format: 'latih-pleno-1',
    kind: 'final',
    version: 1,
    previousHash: null,
    amendment: null,
    institution: { code: 'KDI', name: 'BPVP Kendari', timeZone: 'Asia/Makassar' },
    programme: { code: 'DGR', name: 'Desain Grafis Muda' },
    batch: { id: b.id, year: 2026, number: 9 },
    plenary: { id: p!.id, minutesNumber: p!.minutesNumber, place: 'Aula', heldOn: at.toISOString(), attendees: [] },
    rules: { weights: { writtenTest: 60, interview: 40, selfAssessment: 0 }, passMark: '60.00', quota: QUOTA, reserveCount: RESERVES, tieBreakChain: [], lot: '', interviewScore: '', selfAssessmentScore: '' },
    candidates: people.map((x) => ({ registrationId: x.registrationId, number: x.number, name: x.name, birthDate: '2000-01-01', stateBefore: 'interviewed', writtenTest: '80.00', interview: '80.00', interviewScorecards: 1, selfAssessment: null, interviewAbsent: false })),
    ranking: people.map((x, i) => ({ registrationId: x.registrationId, rank: i + 1, total: '80.0000', proposedOutcome: x.outcome, reason: '', tieBrokenBy: null, lot: null })),
    overrides: [],
    outcomes: people.map((x) => ({ registrationId: x.registrationId, number: x.number, outcome: x.outcome, source: 'ranking' as const })),
    counts: { passed: QUOTA, reserve: RESERVES, notPassed: N - QUOTA - RESERVES },
    decidedAt: at.toISOString(),
    decidedBy: 'Panitia Bench',
  }
  const text = canonicalJson(payload as unknown as CanonicalValue)
  await db.insert(plenarySnapshot).values({
    plenaryId: p!.id,
    batchId: b.id,
    version: 1,
    kind: 'final',
    payload: text,
    hash: sha256(text),
    passedCount: QUOTA,
    reserveCount: RESERVES,
    notPassedCount: N - QUOTA - RESERVES,
    createdAt: at,
  })
  log(`set-up: ${N} candidates (${QUOTA} passed, ${RESERVES} reserves) in ${seconds(performance.now() - setupStarted)}`)

  // The workers as the runtime starts them; the mailer as in production, with the pacer at RATE.
  const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'Latih <no-reply@bench.test>', db, bulk: { ratePerSecond: RATE, maxConnections: CONNECTIONS } })
  const deps = { db, mailer, now: () => new Date() }
  const started = performance.now()
  const announced = await publishResults({ db, actor: committee, now: new Date() }, { batchId: b.id })
  const publishMs = performance.now() - started
  const workers = [
    startWorker(deps, jobRegistry, 200, { queue: DEFAULT_QUEUE }),
    ...Array.from({ length: CONNECTIONS }, () =>
      startWorker(deps, jobRegistry, 200, { queue: BULK_MAIL_QUEUE, limit: Math.min(20, Math.max(1, Math.ceil(RATE))), clearPayloads: false }),
    ),
  ]
  let toldAt = 0
  const deadline = Date.now() + 60 * 60_000
  for (;;) {
    if (!toldAt) {
      const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(registrationEvent).where(eq(registrationEvent.kind, 'results_announced'))
      if (r!.n >= N) toldAt = performance.now()
    }
    if (received >= N || Date.now() > deadline) break
    await new Promise((r) => setTimeout(r, 250))
  }
  const doneAt = performance.now()
  await Promise.all(workers.map((w) => w.stop()))
  mailer.close?.()
  // A moment for a late duplicate to show up, had there been one.
  await new Promise((r) => setTimeout(r, 2000))

  const [events] = await db.select({ n: sql<number>`count(*)::int` }).from(registrationEvent).where(eq(registrationEvent.kind, 'results_announced'))
  const [mailJobs] = await db
    .select({ done: sql<number>`count(*) filter (where ${job.status} = 'done')::int`, all: sql<number>`count(*)::int` })
    .from(job)
    .where(eq(job.name, 'mail.send'))
  const once = people.every((x) => perRecipient.get(x.email) === 1)
  const extra = [...perRecipient.values()].filter((n) => n > 1).length
  const totalMs = doneAt - started
  const sendMs = lastAt - firstAt
  const rows: Array<[string, string]> = [
    ['candidates told (results_announced events)', `${events!.n} of ${N}`],
    ['publish (one transaction: both timestamps, the notify job, re-registration rows)', `${publishMs.toFixed(0)} ms`],
    ['publish → everyone told in Aktivitas (chunks of 500, mail jobs enqueued)', toldAt ? seconds(toldAt - started) : 'not finished'],
    ['publish → last mail accepted by the SMTP peer', seconds(totalMs)],
    ['mails accepted by the SMTP peer', `${received} (mail jobs done: ${mailJobs!.done} of ${mailJobs!.all})`],
    ['mails per second, first to last accepted', `${(received / (sendMs / 1000)).toFixed(0)}/s`],
    ['mails per second, publish to last accepted', `${(received / (totalMs / 1000)).toFixed(0)}/s`],
    ['each candidate exactly one mail', once ? `yes (${perRecipient.size} recipients, none twice)` : `NO: ${extra} got more than one`],
  ]
  const table = ['| what | figure |', '|---|---:|', ...rows.map(([a, v]) => `| ${a} | ${v} |`)].join('\n')
  const markdown = [
    `Measured ${new Date().toISOString().slice(0, 10)}: ${N.toLocaleString('en')} candidates (${QUOTA} passed, ${RESERVES} reserves), bulk pacer at ${RATE}/s over ${CONNECTIONS} pooled SMTP connections, ${CONNECTIONS} bulk workers + 1 default worker (poll 200 ms), ${cluster.version} (fsync on), SMTP peer: smtp-server on 127.0.0.1 in the same process.`,
    '',
    `Machine: ${machine}.`,
    '',
    `Command: \`node --import tsx bench/announcement.ts${process.argv.slice(2).filter((a) => a !== '--write').map((a) => ` ${a}`).join('')}\``,
    '',
    table,
  ].join('\n')
  console.log(markdown)
  if (announced.created !== true) throw new Error('publish did not announce')
  if (WRITE) writeBetweenMarkers(BENCHMARKS, 'bench:announcement', markdown)
  process.exitCode = once && events!.n === N ? 0 : 1
} finally {
  await database.close()
  cluster.stop()
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
}
