// Paced announcement mail (issue 14, "Speed"): 20,000 announcement mails through the
// job queue to a local SMTP peer that accepts at a fixed rate (like a relay's limit),
// with the runtime's worker set-up (server/runtime.ts: one worker on the default queue,
// one per bulk connection on the bulk-mail queue, the mailer's pacer shared by them).
// Reports the throughput, the highest count accepted in any one-second window against
// the configured pace, how long a verification mail enqueued mid-run took to arrive,
// and checks that each recipient got exactly one mail and every delivery row is 'sent'.
// On a throwaway PostgreSQL 15 cluster. Run by hand:
//   node --import tsx bench/mail.ts            # prints the table
//   node --import tsx bench/mail.ts --write    # … and puts it into BENCHMARKS.md
// Options: --mails=N (20000), --rate=N the bulk pace, MAIL_BULK_RATE (200/s),
// --peer-rate=N what the peer accepts per second (250), --connections=N (4), --port=N (55442).
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { verificationMail } from '../server/accounts/accountMails'
import { enqueueAnnouncementMail } from '../server/announcements/announcementMail'
import { migrateDatabase, openPostgres } from '../server/db/client'
import { createBatch, createInstitution, createProgramme } from '../server/db/factories'
import { mailDelivery } from '../server/db/schema'
import { DEFAULT_QUEUE, startWorker } from '../server/jobs/queue'
import { jobRegistry } from '../server/jobs/registry'
import { renderMail } from '../server/mail/render'
import { BULK_MAIL_QUEUE, enqueueMail } from '../server/mail/sendMail'
import { startPeer } from '../server/mail/testPeer'
import { createMailer } from '../server/mail/transport'
import { machineLine, writeBetweenMarkers } from './lib/benchMarkdown'
import { startCluster } from './lib/postgres'

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const N = arg('mails', 20_000)
const RATE = arg('rate', 200)
const PEER_RATE = arg('peer-rate', 250)
const CONNECTIONS = arg('connections', 4)
const PORT = arg('port', 55442)
const WRITE = process.argv.includes('--write')
const BENCHMARKS = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url))
const CHUNK = 500
const log = (s: string) => console.log(`[bench:mail] ${s}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const machine = machineLine()
const cluster = startCluster({ port: PORT, fsync: true })
const peer = await startPeer({ acceptPerSecond: PEER_RATE, parse: false })
let stopWorkers: () => Promise<void> = async () => {}
try {
  const database = await openPostgres(cluster.url('postgres'))
  await migrateDatabase(database)
  const { db } = database
  const kdi = await createInstitution(db)
  const programme = await createProgramme(db, { institutionId: kdi.id, code: 'LAS' })
  const batch = await createBatch(db, { programmeId: programme.id, institutionId: kdi.id, year: 2027, number: 1 })

  // Enqueue as the announcement does: chunks of 500, each mail through enqueueAnnouncementMail.
  const enqueueStart = performance.now()
  for (let i = 0; i < N; i += CHUNK) {
    await db.transaction(async (tx) => {
      for (let j = i; j < Math.min(N, i + CHUNK); j++) {
        const message = renderMail({
          to: `calon.${j}@contoh.test`,
          subject: 'Hasil seleksi — Pengelasan SMAW',
          greeting: `Halo Calon ${j},`,
          paragraphs: ['Berdasarkan rapat pleno panitia seleksi BPVP Kendari, Anda dinyatakan LULUS seleksi.'],
          action: { label: 'Lihat di Aktivitas', url: `https://latih.bpvp-kendari.go.id/aktivitas/${j}` },
        })
        await enqueueAnnouncementMail(tx, message, new Date(), { institutionId: kdi.id, batchId: batch.id })
      }
    })
  }
  const enqueueMs = performance.now() - enqueueStart
  log(`${N} announcement mails enqueued in ${(enqueueMs / 1000).toFixed(1)} s`)

  const mailer = createMailer({ smtpUrl: peer.url, from: 'Latih BPVP Kendari <no-reply@latih.local>', db, bulk: { ratePerSecond: RATE, maxConnections: CONNECTIONS } })
  const deps = { db, mailer, now: () => new Date() }
  const started = performance.now()
  const workers = [
    startWorker(deps, jobRegistry, 1000, { queue: DEFAULT_QUEUE }),
    ...Array.from({ length: CONNECTIONS }, () =>
      startWorker(deps, jobRegistry, 1000, { queue: BULK_MAIL_QUEUE, limit: Math.min(20, Math.ceil(RATE)), clearPayloads: false }),
    ),
  ]
  stopWorkers = async () => {
    await Promise.all(workers.map((w) => w.stop()))
    mailer.close?.()
  }

  // A verification mail once a quarter of the results are out.
  while (peer.received.length < N / 4) await sleep(50)
  const verificationEnqueued = performance.now()
  const bulkBefore = peer.received.length
  await db.transaction(async (tx) => {
    await enqueueMail(tx, verificationMail({ to: 'verifikasi@contoh.test', name: 'Wa Ode', token: 'bench' }), new Date())
  })
  let verificationArrived = 0
  while (!verificationArrived) {
    verificationArrived = peer.received.find((m) => m.to.includes('verifikasi@contoh.test'))?.at ?? 0
    if (!verificationArrived) await sleep(10)
  }
  const bulkMeanwhile = peer.received.length - 1 - bulkBefore
  log(`verification mail arrived ${((verificationArrived - verificationEnqueued) / 1000).toFixed(2)} s after it was enqueued (${bulkMeanwhile} results went out meanwhile)`)

  const deadline = performance.now() + ((N / Math.min(RATE, PEER_RATE)) * 3 + 120) * 1000
  while (peer.received.length < N + 1 && performance.now() < deadline) await sleep(200)
  await sleep(1500) // anything sent twice would arrive now
  await stopWorkers()
  const totalMs = performance.now() - started

  const bulk = peer.received.filter((m) => !m.to.includes('verifikasi@contoh.test'))
  const perRecipient = new Map<string, number>()
  for (const m of bulk) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1)
  const twice = [...perRecipient.values()].filter((n) => n > 1).length
  const missing = N - perRecipient.size
  const statuses = await db.select({ status: mailDelivery.status, n: sql<number>`count(*)::int` }).from(mailDelivery).groupBy(mailDelivery.status)

  // Pace: the most accepted in any one-second window (sliding over arrival times), and the mean.
  const times = bulk.map((m) => m.at).sort((a, b) => a - b)
  const maxIn = (ms: number) => {
    let most = 0
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= ms) j++
      most = Math.max(most, i - j + 1)
    }
    return most
  }
  // The pacer spaces the starts of sends; arrivals carry each SMTP round trip's jitter, so
  // a window may also hold the mails already in flight when it opened (one per connection).
  const bound = (seconds: number) => RATE * seconds + CONNECTIONS + 1
  const maxWindow = maxIn(1000)
  const maxWindow10 = maxIn(10_000)
  const spanS = (times.at(-1)! - times[0]!) / 1000
  const mean = (times.length - 1) / spanS
  const effective = Math.min(RATE, PEER_RATE)

  const rows = [
    ['Announcement mails', N.toLocaleString('en')],
    ['Enqueued (chunks of 500, mail + delivery row + job each)', `${(enqueueMs / 1000).toFixed(1)} s (${Math.round(N / (enqueueMs / 1000))}/s)`],
    ['Bulk pace (MAIL_BULK_RATE) / peer accepts', `${RATE}/s over ${CONNECTIONS} connections / ${PEER_RATE}/s`],
    ['All delivered in', `${(totalMs / 1000).toFixed(1)} s`],
    ['Throughput, first to last mail', `${mean.toFixed(1)} mails/s`],
    ['Most accepted in any 1-second / 10-second window', `${maxWindow} / ${maxWindow10} (pace ${RATE}/s: ${RATE} / ${RATE * 10})`],
    ['Verification mail enqueued at 25 %: arrived after', `${((verificationArrived - verificationEnqueued) / 1000).toFixed(2)} s (${bulkMeanwhile} results meanwhile)`],
    ['Recipients with exactly one mail', `${perRecipient.size - twice} of ${N} (${twice} twice, ${missing} missing)`],
    ['Delivery rows', statuses.map((s) => `${s.n} ${s.status}`).join(', ')],
  ]
  const table = ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n')
  console.log(`\n${table}\n`)
  const ok =
    twice === 0 &&
    missing === 0 &&
    maxWindow <= bound(1) &&
    maxWindow10 <= bound(10) &&
    mean <= effective * 1.02 &&
    verificationArrived - verificationEnqueued < 5000
  log(ok ? 'all checks hold' : 'A CHECK FAILED (see the table)')
  if (WRITE) {
    writeBetweenMarkers(
      BENCHMARKS,
      'mail',
      [
        '## Mail: 20,000 paced announcement mails, and a verification mail in the middle',
        '',
        `Command: \`node --import tsx bench/mail.ts --mails=${N} --rate=${RATE} --peer-rate=${PEER_RATE} --connections=${CONNECTIONS} --write\``,
        `Machine: ${machine}. PostgreSQL ${cluster.version} (throwaway cluster, fsync on); the SMTP peer is smtp-server on 127.0.0.1 answering DATA at most ${PEER_RATE}/s.`,
        '',
        table,
        '',
        'What it shows: announcement mail waits in its own queue (`mail_bulk`) and goes out at the configured pace (the pacer spaces the starts of sends evenly; a window of arrivals holds at most the pace times its length plus the mails already in flight on the connections when it opened); a verification mail enqueued in the middle is sent by the default-queue worker at once, not after the results; each recipient gets one mail, and every delivery row ends `sent`. Production paces at `MAIL_BULK_RATE` (default 5/s: 20,000 mails in about 67 minutes); ask the relay for its limit and set it just under.',
      ].join('\n'),
    )
    log('written to BENCHMARKS.md')
  }
  await database.close()
  process.exitCode = ok ? 0 : 1
} finally {
  await stopWorkers().catch(() => {})
  await peer.stop()
  cluster.stop()
}
