import { resolve } from 'node:path'
import { type Database, migrateDatabase, openPglite, openPostgres } from './db/client'
import { env } from './env'
import { jobRegistry } from './jobs/registry'
import { DEFAULT_QUEUE, startWorker } from './jobs/queue'
import { BULK_MAIL_QUEUE } from './mail/sendMail'
import { createMailer, dkimFromEnv, type Mailer } from './mail/transport'
import { seedDemo } from './db/seed'
import pg from 'pg'
import { createDatabaseStorage, createLocalStorage, type FileStorage } from './storage'
import { importRegions } from './regions/importRegions'
import { lockPgliteDir } from './pgliteLock'
import { scheduleSessionPurge } from './auth/purgeSessionsJob'

export interface Runtime {
  database: Database
  db: Database['db']
  mailer: Mailer
  storage: FileStorage
  stop(): Promise<void>
}

// One runtime per process, kept on globalThis so dev hot reload never opens a second
// PGlite on the same folder (PGlite takes no lock; two instances would diverge).
const globalRef = globalThis as unknown as { __latihRuntime?: Promise<Runtime> }

export function runtime(): Promise<Runtime> {
  globalRef.__latihRuntime ??= boot()
  return globalRef.__latihRuntime
}

async function boot(): Promise<Runtime> {
  const config = env()
  const started = Date.now()
  const pgliteDir = resolve(config.DATA_DIR, 'pglite')
  // The command-line tool (backup, restore, provisioning) must not open the folder meanwhile.
  const unlock = config.DATABASE_URL ? undefined : lockPgliteDir(pgliteDir, 'server')
  const database = config.DATABASE_URL ? await openPostgres(config.DATABASE_URL) : await openPglite(pgliteDir)
  const db = database.db
  const mailer = createMailer({
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    db,
    dkim: dkimFromEnv(config),
    bulk: { ratePerSecond: config.MAIL_BULK_RATE, maxConnections: config.MAIL_BULK_CONNECTIONS },
  })
  // Several processes on one PostgreSQL (LATIH_PROCESSES, or instances on other machines)
  // start together: migrations, reference data and the demo seed run in one of them at a
  // time, under an advisory lock; the others then find the work done (decision 026).
  const releaseBootLock = config.DATABASE_URL ? await takeBootLock(config.DATABASE_URL) : undefined
  try {
    await migrateDatabase(database)
    // Reference data every deployment needs, loaded once.
    await importRegions(db)
    // Only the demo and development seed: a production start creates nothing
    // (institutions and administrators come from `npm run latih`).
    if (config.SEED_DEMO) {
      const seeded = await seedDemo(db, new Date())
      if (seeded) printDemoLogins(seeded.logins)
    }
    // The recurring purge of expired and idle sessions (docs/decisions/019).
    if (config.JOB_WORKER) await scheduleSessionPurge(db, new Date())
  } finally {
    await releaseBootLock?.()
  }
  // FILE_STORAGE=database: documents in PostgreSQL, shared by every process (decision 026).
  const storage = config.FILE_STORAGE === 'database' ? createDatabaseStorage(db) : createLocalStorage(resolve(config.DATA_DIR, 'uploads'))

  const deps = { db, mailer, now: () => new Date() }
  // Announcement mail is paced per process (MAIL_BULK_RATE, MAIL_BULK_CONNECTIONS): under
  // LATIH_PROCESSES only process 0 sends it, so the relay sees the configured rate, not N×.
  const bulkMailHere = (config.LATIH_WORKER_INDEX ?? 0) === 0
  // Transactional mail and every other job in one worker; announcement mail in its own
  // loops (one per bulk connection), paced by the mailer, so it never holds the first up.
  const workers = config.JOB_WORKER
    ? [
        startWorker(deps, jobRegistry, 1000, { queue: DEFAULT_QUEUE }),
        ...Array.from({ length: bulkMailHere ? config.MAIL_BULK_CONNECTIONS : 0 }, () =>
          startWorker(deps, jobRegistry, 1000, {
            queue: BULK_MAIL_QUEUE,
            limit: Math.min(20, Math.max(1, Math.ceil(config.MAIL_BULK_RATE))),
            clearPayloads: false,
          }),
        ),
      ]
    : []

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      await Promise.all(workers.map((w) => w.stop()))
      mailer.close?.()
      await database.close()
      unlock?.()
    })()
    return stopping
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void stop().finally(() => process.exit(0))
    })
  }
  console.log(
    `[latih] ${config.MODE} mode; ${database.kind === 'pglite' ? `PGlite at ${pgliteDir}` : 'PostgreSQL'} ready in ${Date.now() - started} ms; documents ${config.FILE_STORAGE === 'database' ? 'in the database' : 'on local disk'}; mail: ${mailer.kind === 'smtp' ? `SMTP${config.DKIM_DOMAIN ? `, DKIM-signed for ${config.DKIM_DOMAIN} (selector ${config.DKIM_SELECTOR})` : ', not DKIM-signed'}, announcements paced at ${config.MAIL_BULK_RATE}/s` : 'kept locally at /dev/mail (administrators only)'}`,
  )
  if (config.MODE === 'production' && database.kind === 'pglite') {
    console.warn('[latih] production on the embedded database: one process only; PostgreSQL is recommended (README "Running in production")')
  }
  return { database, db, mailer, storage, stop }
}

/** Arbitrary, fixed: the advisory lock every Latih process takes while it prepares the database. */
const BOOT_LOCK = 7_174_711_026

/** Wait for the boot lock on its own connection (session-level locks belong to one connection). */
async function takeBootLock(url: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('select pg_advisory_lock($1)', [BOOT_LOCK])
  return async () => {
    await client.query('select pg_advisory_unlock($1)', [BOOT_LOCK]).catch(() => undefined)
    await client.end().catch(() => undefined)
  }
}

function printDemoLogins(logins: ReadonlyArray<{ role: string; email: string; password: string }>) {
  console.log('\n[latih] Demo accounts (password for all shown per line):')
  for (const l of logins) console.log(`  ${l.role.padEnd(22)} ${l.email.padEnd(34)} ${l.password}`)
  console.log('')
}
