// Issue 11 §4 (decision 026): app processes are stateless between requests, so two of them
// on one PostgreSQL behave as one. Two production servers (the real build, started as
// systemd starts it) on two ports over one database, with documents in the database:
// a session made through one works through the other, a document uploaded through one is
// read through the other, each job runs once although both run the job worker, and the
// sign-in throttle counts failures made through either. Then LATIH_PROCESSES=2: one port,
// a first start of both on an empty database, a killed process started again, SIGTERM
// stopping everything, and the refusals (PGlite, a bad count).
// PostgreSQL only (the postgres step of `npm test`); skipped on PGlite.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { and, eq, inArray, sql } from 'drizzle-orm'
import pg from 'pg'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sourceStamp } from '../../scripts/sourceStamp.mjs'
import { type Database, openPostgres, queryRows } from '../../server/db/client'
import { createCandidate } from '../../server/db/factories'
import { candidateDocument, job, storedFile } from '../../server/db/schema'
import { enqueueMail } from '../../server/mail/sendMail'
import { startPeer, type Peer } from '../../server/mail/testPeer'
import { TEMPLATE_DB } from '../setup/global-setup'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TEST_URL = process.env.TEST_DATABASE_URL
// The deployment's secret: the one tests/setup gives this process, which encrypts the NIKs of
// the candidates made below.
const SECRET = 'test-secret-that-is-long-enough-for-hkdf-0123456789'
const PASSWORD = 'Kendari-Maju-2026'

/** Ports from LATIH_TEST_PORTS (comma-separated) when given, else free ones. */
const fixedPorts = (process.env.LATIH_TEST_PORTS ?? '').split(',').filter(Boolean).map(Number)
async function port(): Promise<number> {
  const fixed = fixedPorts.shift()
  if (fixed) return fixed
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port: free } = server.address() as AddressInfo
  await new Promise<void>((r) => server.close(() => r()))
  return free
}

/**
 * The production build: BUILD_DIR when set (a build the caller made, as for the e2e suite),
 * build/ when it was made from these sources, else a build of this test's own (made once,
 * reused while the sources stay the same).
 */
function productionBuild(): string {
  if (process.env.BUILD_DIR && existsSync(resolve(ROOT, process.env.BUILD_DIR, 'server/index.js'))) return process.env.BUILD_DIR
  const stamp = sourceStamp(ROOT)
  for (const dir of ['build', 'tests/.artifacts/build-many-processes']) {
    const stampFile = resolve(ROOT, dir, '.source-stamp')
    if (existsSync(resolve(ROOT, dir, 'server/index.js')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp) return dir
  }
  const dir = 'tests/.artifacts/build-many-processes'
  const built = spawnSync(process.execPath, ['node_modules/@react-router/dev/bin.js', 'build'], {
    cwd: ROOT,
    env: { ...process.env, BUILD_DIR: dir, NODE_ENV: 'production' },
    encoding: 'utf8',
  })
  if (built.status !== 0) throw new Error(`the build failed:\n${built.stdout}\n${built.stderr}`)
  writeFileSync(resolve(ROOT, dir, '.source-stamp'), `${stamp}\n`)
  return dir
}

interface App {
  child: ChildProcess
  port: number
  log(): string
  url(path: string): string
}

function startApp(build: string, options: { port: number; env: Record<string, string> }): App {
  const { DATABASE_URL: _db, TEST_DATABASE_URL: _test, SMTP_URL: _smtp, SEED_DEMO: _seed, LATIH_MODE: _mode, LATIH_PROCESSES: _n, ...rest } = process.env
  const child = spawn(process.execPath, ['server/http/start.mjs', `${build}/server/index.js`], {
    cwd: ROOT,
    env: {
      ...rest,
      NODE_ENV: 'production',
      LATIH_MODE: 'production',
      LATIH_SECRET: SECRET,
      PORT: String(options.port),
      PUBLIC_URL: `http://localhost:${options.port}`,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  return { child, port: options.port, log: () => log, url: (path) => `http://localhost:${options.port}${path}` }
}

async function until(what: string, app: App | undefined, check: () => boolean | Promise<boolean>, ms = 90_000): Promise<void> {
  const end = Date.now() + ms
  for (;;) {
    if (await check()) return
    if (app && app.child.exitCode !== null) throw new Error(`${what}: the server exited (${app.child.exitCode}):\n${app.log()}`)
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s${app ? `:\n${app.log()}` : ''}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

async function stopApp(app: App | undefined): Promise<number | null> {
  if (!app) return null
  if (app.child.exitCode === null && app.child.signalCode === null) {
    const exited = new Promise<void>((r) => app.child.once('exit', () => r()))
    app.child.kill('SIGTERM')
    await exited
  }
  return app.child.exitCode
}

async function createDatabase(template: string | null): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `latih_procs_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: TEST_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`)
  await admin.end()
  const url = new URL(TEST_URL!)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: TEST_URL })
      await a.connect()
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.end()
    },
  }
}

/** A plain form post as a browser without JavaScript sends it (same-origin, no redirects followed). */
function post(app: App, path: string, body: URLSearchParams | FormData, cookie?: string): Promise<Response> {
  return fetch(app.url(path), {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { Origin: `http://localhost:${app.port}`, ...(cookie ? { Cookie: cookie } : {}) },
  })
}

function sessionCookie(response: Response): string | undefined {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('latih_session='))
  return cookie?.split(';')[0]
}

describe.skipIf(!TEST_URL)('two app processes on one PostgreSQL (decision 026)', () => {
  let build = ''
  let database: { url: string; drop(): Promise<void> } | undefined
  let handle: Database | undefined
  let peer: Peer | undefined
  let a: App | undefined
  let b: App | undefined
  const dataDirs: string[] = []
  const candidates: Record<'session' | 'throttle', string> = { session: '', throttle: '' }

  beforeAll(async () => {
    build = productionBuild()
    database = await createDatabase(TEMPLATE_DB)
    handle = await openPostgres(database.url, 4)
    for (const which of ['session', 'throttle'] as const) {
      const email = `calon.${which}.${randomBytes(3).toString('hex')}@contoh.test`
      await createCandidate(handle.db, { email, password: PASSWORD, emailVerified: true, complete: true })
      candidates[which] = email
    }
    peer = await startPeer()
    const [portA, portB] = [await port(), await port()]
    const env = (name: string) => {
      const dir = mkdtempSync(join(tmpdir(), `latih-${name}-`))
      dataDirs.push(dir)
      // Each its own DATA_DIR: nothing may depend on a shared local disk.
      return { DATABASE_URL: database!.url, SMTP_URL: peer!.url, FILE_STORAGE: 'database', JOB_WORKER: 'true', DATA_DIR: dir }
    }
    a = startApp(build, { port: portA, env: env('a') })
    b = startApp(build, { port: portB, env: env('b') })
    await until('A listening', a, () => a!.log().includes('[latih] listening'))
    await until('B listening', b, () => b!.log().includes('[latih] listening'))
  }, 600_000)

  afterAll(async () => {
    await Promise.all([stopApp(a), stopApp(b)])
    await peer?.stop()
    await handle?.close()
    await database?.drop()
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
  }, 120_000)

  it('a session made through one process works through the other, and ends in both', async () => {
    const signedIn = await post(a!, '/masuk', new URLSearchParams({ identifier: candidates.session, password: PASSWORD }))
    expect(signedIn.status, a!.log()).toBe(302)
    const cookie = sessionCookie(signedIn)
    expect(cookie).toBeDefined()
    const throughB = await fetch(b!.url('/profil/dokumen'), { headers: { Cookie: cookie! }, redirect: 'manual' })
    expect(throughB.status, b!.log()).toBe(200)
    expect(await throughB.text()).toContain('Dokumen')
    // Signed out through B: A no longer knows the session either.
    const signedOut = await post(b!, '/keluar', new URLSearchParams(), cookie)
    expect([302, 303]).toContain(signedOut.status)
    const throughA = await fetch(a!.url('/profil/dokumen'), { headers: { Cookie: cookie! }, redirect: 'manual' })
    expect(throughA.status).toBe(302)
    expect(throughA.headers.get('location')).toMatch(/^\/masuk/)
  })

  it('a document uploaded through one process is read through the other; it is in the database, encrypted, and on neither disk', async () => {
    const cookie = sessionCookie(await post(a!, '/masuk', new URLSearchParams({ identifier: candidates.session, password: PASSWORD })))!
    const jpeg = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 40, g: 120, b: 200 } } })
      .jpeg()
      .toBuffer()
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'ktp.jpg')
    const uploaded = await post(a!, '/profil/dokumen?jenis=ktp', form, cookie)
    expect(uploaded.status, await uploaded.clone().text()).toBe(302)
    expect(uploaded.headers.get('location')).toBe('/profil/dokumen?tersimpan=ktp')

    const readThroughB = await fetch(b!.url('/profil/dokumen/ktp'), { headers: { Cookie: cookie } })
    expect(readThroughB.status).toBe(200)
    const fromB = Buffer.from(await readThroughB.arrayBuffer())
    expect(fromB.subarray(0, 2).toString('hex'), 'a JPEG').toBe('ffd8')
    const fromA = Buffer.from(await (await fetch(a!.url('/profil/dokumen/ktp'), { headers: { Cookie: cookie } })).arrayBuffer())
    expect(fromB.equals(fromA)).toBe(true)

    const [document] = await handle!.db
      .select({ key: candidateDocument.storageKey })
      .from(candidateDocument)
      .where(sql`${candidateDocument.kind} = 'ktp' and ${candidateDocument.userId} = (select id from user_account where email = ${candidates.session})`)
    const [row] = await handle!.db.select().from(storedFile).where(eq(storedFile.key, document!.key))
    expect(Buffer.from(row!.bytes).subarray(0, 8).toString('latin1')).toBe('LATIHENC')
    expect(Buffer.from(row!.bytes).includes(fromB.subarray(0, 64))).toBe(false)
    for (const dir of dataDirs) {
      const uploads = join(dir, 'uploads')
      expect(existsSync(uploads) ? readdirSync(uploads, { recursive: true }) : []).toEqual([])
    }
  })

  it('each job runs once, although both processes run the job worker', async () => {
    const recipients = Array.from({ length: 24 }, (_, i) => `penerima.${i}.${randomBytes(3).toString('hex')}@contoh.test`)
    const deliveries = await handle!.db.transaction(async (tx) => {
      const made: number[] = []
      for (const to of recipients) {
        const id = await enqueueMail(tx, { to, subject: `Uji ${to}`, text: 'Uji dua proses.', html: '<p>Uji dua proses.</p>' }, new Date(), { contact: null })
        made.push(id!)
      }
      return made
    })
    const ofTheseMails = and(eq(job.name, 'mail.send'), inArray(sql`(${job.payload}->>'deliveryId')::int`, deliveries))
    let rows: Array<{ status: string; attempts: number; lastError: string | null }> = []
    await until('every mail job done', undefined, async () => {
      rows = await handle!.db.select({ status: job.status, attempts: job.attempts, lastError: job.lastError }).from(job).where(ofTheseMails)
      return rows.length === recipients.length && rows.every((r) => r.status === 'done')
    }, 45_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${JSON.stringify(rows.slice(0, 3))}\nA:\n${a!.log()}\nB:\n${b!.log()}`)
    })
    // Give a process that ran a job a second time the chance to be seen doing it.
    await new Promise((r) => setTimeout(r, 2500))
    for (const to of recipients) expect(peer!.received.filter((m) => m.to.includes(to)).length, to).toBe(1)
    const attempts = await handle!.db.select({ attempts: job.attempts }).from(job).where(ofTheseMails)
    expect(attempts.map((r) => r.attempts)).toEqual(recipients.map(() => 1))
  })

  it('the sign-in throttle counts failures made through either process', async () => {
    const attempt = (app: App, password: string) => post(app, '/masuk', new URLSearchParams({ identifier: candidates.throttle, password }))
    // Five failures are free (decision 018): three through A, two through B. The fifth,
    // through B, already answers with a wait — B counted A's three.
    for (const app of [a!, a!, a!, b!]) {
      const r = await attempt(app, 'salah-sekali')
      expect(r.status).toBe(401)
      const page = await r.text()
      expect(page).toContain('E-mail/NIK atau kata sandi salah.')
      expect(page).not.toContain('Tunggu')
    }
    const fifth = await attempt(b!, 'salah-sekali')
    expect(fifth.status).toBe(401)
    expect(await fifth.text()).toContain('Tunggu 30 detik sebelum mencoba lagi')
    // The right password through A is held back by the wait the failures through B began.
    const right = await attempt(a!, PASSWORD)
    expect(right.status).toBe(429)
    expect(sessionCookie(right)).toBeUndefined()
    const [counted] = await queryRows<{ n: number }>(handle!.db, sql`select count(*)::int as n from rate_limit where key like 'masuk-pasangan%'`)
    expect(counted!.n).toBeGreaterThan(0)
  })
})

describe.skipIf(!TEST_URL)('LATIH_PROCESSES: several processes on one port (decision 026)', () => {
  let build = ''
  let database: { url: string; drop(): Promise<void> } | undefined
  let app: App | undefined
  let dataDir = ''

  beforeAll(() => {
    build = productionBuild()
    dataDir = mkdtempSync(join(tmpdir(), 'latih-cluster-'))
  }, 600_000)
  afterAll(async () => {
    await stopApp(app)
    await database?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }, 120_000)

  const childrenOf = (pid: number): number[] =>
    spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .stdout.split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0)
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }

  it('starts two processes on an empty database together, starts a killed one again, and stops all on SIGTERM', async () => {
    // An empty database: both processes migrate and load the regions at once (the boot lock).
    database = await createDatabase(null)
    const p = await port()
    app = startApp(build, {
      port: p,
      env: { LATIH_PROCESSES: '2', DATABASE_URL: database.url, SMTP_URL: 'smtp://127.0.0.1:9', FILE_STORAGE: 'database', JOB_WORKER: 'true', DATA_DIR: dataDir },
    })
    await until('both processes listening', app, () => app!.log().includes('[latih] all 2 processes listening'), 240_000)
    expect(app.log().match(/\[latih\] listening on/g)).toHaveLength(2)
    const migrations = await (async () => {
      const c = new pg.Client({ connectionString: database!.url })
      await c.connect()
      const r = await c.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations')
      await c.end()
      return r.rows[0]?.n
    })()
    const journal = JSON.parse(readFileSync(resolve(ROOT, 'server/db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] }
    expect(migrations, 'each migration applied once').toBe(journal.entries.length)
    for (let i = 0; i < 4; i++) expect((await fetch(app.url('/program'))).status).toBe(200)

    const workers = childrenOf(app.child.pid!)
    expect(workers).toHaveLength(2)
    process.kill(workers[0]!, 'SIGKILL')
    await until('the killed process started again', app, () => /process \d \(pid \d+\) ended \(SIGKILL\); starting it again/.test(app!.log()))
    await until('two processes again', app, () => app!.log().match(/\[latih\] listening on/g)!.length === 3)
    const after = childrenOf(app.child.pid!)
    expect(after).toHaveLength(2)
    expect(after).not.toContain(workers[0])
    for (let i = 0; i < 4; i++) expect((await fetch(app.url('/program'))).status).toBe(200)

    const code = await stopApp(app)
    expect(code).toBe(0)
    for (const pid of after) expect(alive(pid), `process ${pid} stopped`).toBe(false)
  }, 300_000)

  it('refuses several processes on the embedded database, a count that is not one, and stops when processes cannot start', () => {
    const run = (env: Record<string, string>) => {
      const { DATABASE_URL: _db, TEST_DATABASE_URL: _t, ...rest } = process.env
      return spawnSync(process.execPath, ['server/http/start.mjs', `${build}/server/index.js`], {
        cwd: ROOT,
        env: { ...rest, NODE_ENV: 'production', DATA_DIR: dataDir, ...env },
        encoding: 'utf8',
        timeout: 60_000,
      })
    }
    const pglite = run({ LATIH_PROCESSES: '2' })
    expect(pglite.status).toBe(1)
    expect(pglite.stderr).toMatch(/several processes need PostgreSQL \(DATABASE_URL\).*PGlite/s)
    const bad = run({ LATIH_PROCESSES: 'banyak' })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('LATIH_PROCESSES: a number of processes from 1 to 64, or auto')
    // Processes that cannot start (here: a production start without its settings) are not
    // started again and again: the whole server stops with exit code 1 and says why.
    const broken = run({ LATIH_PROCESSES: '2', DATABASE_URL: 'postgres://127.0.0.1:1/latih' })
    expect(broken.status).toBe(1)
    expect(broken.stderr).toContain('SMTP_URL: required in production')
    expect(broken.stderr).toMatch(/process \d exited before it listened .*; stopping all processes/)
  })
})
