import { resolve } from 'node:path'
import { type Database, migrateDatabase, openPglite, openPostgres } from './db/client'
import { env } from './env'
import { jobRegistry } from './jobs/registry'
import { startWorker } from './jobs/queue'
import { createMailer, type Mailer } from './mail/transport'
import { seedDemo } from './db/seed'
import { createLocalStorage, type FileStorage } from './storage'
import { importRegions } from './regions/importRegions'

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
  const database = config.DATABASE_URL
    ? await openPostgres(config.DATABASE_URL)
    : await openPglite(resolve(config.DATA_DIR, 'pglite'))
  await migrateDatabase(database)
  const db = database.db
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, db })
  const storage = createLocalStorage(resolve(config.DATA_DIR, 'uploads'))

  // Reference data every deployment needs, loaded once.
  await importRegions(db)
  if (config.SEED_DEMO) {
    const seeded = await seedDemo(db, new Date())
    if (seeded) printDemoLogins(seeded.logins)
  }

  const worker = config.JOB_WORKER ? startWorker({ db, mailer, now: () => new Date() }, jobRegistry) : undefined

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      await worker?.stop()
      await database.close()
    })()
    return stopping
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void stop().finally(() => process.exit(0))
    })
  }
  console.log(
    `[latih] ${database.kind === 'pglite' ? `PGlite at ${resolve(config.DATA_DIR, 'pglite')}` : 'PostgreSQL'} ready in ${Date.now() - started} ms; mail: ${mailer.kind === 'smtp' ? 'SMTP' : 'kept locally at /dev/mail'}`,
  )
  return { database, db, mailer, storage, stop }
}

function printDemoLogins(logins: ReadonlyArray<{ role: string; email: string; password: string }>) {
  console.log('\n[latih] Demo accounts (password for all shown per line):')
  for (const l of logins) console.log(`  ${l.role.padEnd(22)} ${l.email.padEnd(34)} ${l.password}`)
  console.log('')
}
