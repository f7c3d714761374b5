#!/usr/bin/env node
// Load benchmark of registration opening day: anonymous visitors browsing the catalogue
// and a batch page, then a rush of registrations into one popular batch and spread over
// several, each phase against a bare node:http baseline in the same run.
//
//   node --import tsx bench/registration-rush.ts            # prints the figures
//   node --import tsx bench/registration-rush.ts --write    # … and puts them into BENCHMARKS.md
//
// Options: --candidates 2000 (split evenly over the registration phases: 2 scenarios × --rounds)
//          --rounds 2 (app, baseline, app, baseline … per scenario)  --concurrency 50
//          --browse-seconds 15 (per browsing phase)  --processes 1 (LATIH_PROCESSES of the app)
//          --spread 4 (batches of the spread scenario)  --pg-port 55611  --app-port 3410
//          --baseline-port 3411  --fsync on|off  --build-dir build (or BUILD_DIR; absolute allowed)
//          --app-root DIR (run the app from another checkout, e.g. the code before a change)
//          --no-build  --label "…" (a word on what was measured, into the report)
//
// One run: a throwaway PostgreSQL 15 cluster; the production server (server/http/start.mjs
// on the build, LATIH_PROCESSES=N) on it, demo seed, job worker off (mail is enqueued in
// each registration's transaction and left queued: sending is not what is measured);
// a programme with --spread open batches and N candidates with complete profiles, made
// through the project's factories, each with a signed-in session cookie. Then:
//  1. browsing: concurrent anonymous GET /program and GET /gelombang/<popular batch>,
//     against a bare server sending the bytes the app sent for those URLs;
//  2. registration: each candidate POSTs the confirmation form once (as the page's
//     <Form method="post"> does: session cookie, same Origin), all into the popular batch,
//     then spread round-robin over the batches; against a bare server doing one INSERT.
// App and baseline phases alternate, both servers staying up. Afterwards every
// acknowledged registration (302 to /aktivitas/<id>) is looked up in the database, and
// the numbers of each batch are checked distinct. Everything is stopped and deleted at
// the end, also on failure or Ctrl-C.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { createCookie } from 'react-router'
import { machineLine, writeBetweenMarkers } from './lib/benchMarkdown'
import { flag, int, option } from './lib/options'
import { summarise, type LoadResult, type Summary } from './lib/load'
import { startCluster, type Cluster } from './lib/postgres'
import { clusterCpuSeconds, loadAverage, memoryMiB } from './lib/procstat'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
process.chdir(ROOT)


const CANDIDATES = int('candidates', 2000)
const ROUNDS = int('rounds', 2)
const CONCURRENCY = int('concurrency', 50)
const BROWSE_S = int('browse-seconds', 15)
const PROCESSES = int('processes', 1)
const SPREAD = int('spread', 4)
const PG_PORT = int('pg-port', 55611)
const APP_PORT = int('app-port', 3410)
const BASELINE_PORT = int('baseline-port', 3411)
const FSYNC = option('fsync', 'on') !== 'off'
const WRITE = flag('write')
// Another checkout (e.g. `git archive <commit>` of the code before a change, with its
// node_modules linked) to run the app from: its server/http/start.mjs, build and migrations.
const APP_ROOT = resolve(ROOT, option('app-root', '.'))
const BUILD_DIR = resolve(APP_ROOT, option('build-dir', process.env.BUILD_DIR ?? 'build'))
const LABEL = option('label', '')
// The app's pool per process (openPostgres default, no setting); the baseline gets as many connections in all.
const POOL = 10 * PROCESSES
const DATABASE = 'latih_rush'
const SECRET = 'latih-bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz'
const PER_PHASE = Math.floor(CANDIDATES / (2 * ROUNDS))
if (PER_PHASE < CONCURRENCY) throw new Error(`--candidates ${CANDIDATES} gives ${PER_PHASE} per registration phase, fewer than --concurrency`)

const log = (message: string) => console.log(`[rush ${new Date().toISOString().slice(11, 19)}] ${message}`)

// ---------------------------------------------------------------------------------------
// Clean-up of everything this run starts, whatever happens

const children: ChildProcess[] = []
let cluster: Cluster | undefined
let workDir: string | undefined
let cleaning: Promise<void> | undefined

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all(children.map(stopChild))
    try {
      cluster?.stop()
    } catch (error) {
      console.error('[rush] stopping PostgreSQL failed:', error)
    }
    if (workDir) rmSync(workDir, { recursive: true, force: true })
  })()
  return cleaning
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping everything…`)
    void cleanup().finally(() => process.exit(130))
  })
}

// ---------------------------------------------------------------------------------------
// HTTP

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

function request(
  agent: http.Agent | undefined,
  port: number,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body = '',
  timeoutMs = 60_000,
): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method, agent, headers: method === 'POST' ? { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } : headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', fail)
      },
    )
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })))
    req.on('error', fail)
    req.end(method === 'POST' ? body : undefined)
  })
}

async function waitForHttp(port: number, child: ChildProcess, logFile: string, limitMs: number) {
  const until = Date.now() + limitMs
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}; its log:\n${readFileSync(logFile, 'utf8').slice(-4000)}`)
    try {
      if ((await request(undefined, port, 'GET', '/health', {}, '', 30_000)).status < 500) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`server on port ${port} not ready after ${limitMs / 1000} s; log:\n${readFileSync(logFile, 'utf8').slice(-4000)}`)
}

function startServer(name: string, args: string[], env: Record<string, string>, cwd = ROOT): { child: ChildProcess; logFile: string } {
  const logFile = join(workDir!, `${name}.log`)
  const fd = openSync(logFile, 'a')
  const base = { ...process.env }
  for (const key of ['SMTP_URL', 'TEST_DATABASE_URL', 'DATABASE_URL', 'DATA_DIR', 'HOST', 'LATIH_PROCESSES']) delete base[key]
  const child = spawn(process.execPath, args, { cwd, env: { ...base, ...env }, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  children.push(child)
  return { child, logFile }
}

/** Pids of a process and its descendants (the cluster primary and its workers). */
function processTree(pid: number): number[] {
  const out = [pid]
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid) out.push(...processTree(Number(entry)))
    } catch {
      // gone
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------
// Load: closed loops of `concurrency` clients on keep-alive connections

interface Job {
  path: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
  /** What was acknowledged, e.g. the registration id; null = refused. */
  accept: (a: Answer) => string | null
}

interface PhaseLoad {
  result: LoadResult
  acknowledged: { job: number; value: string }[]
  bytes: number
}

async function runJobs(port: number, jobs: Job[] | ((i: number) => Job), options: { count?: number; seconds?: number }): Promise<PhaseLoad> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity })
  const planned = Array.isArray(jobs) ? jobs.length : (options.count ?? Infinity)
  const jobAt = (i: number) => (Array.isArray(jobs) ? jobs[i]! : jobs(i))
  const latencies: number[] = []
  const completionsAt: number[] = []
  const errors: Record<string, number> = {}
  const errorSamples: string[] = []
  const acknowledged: { job: number; value: string }[] = []
  let next = 0
  let sent = 0
  let ok = 0
  let bytes = 0
  const started = performance.now()
  const deadline = options.seconds ? started + options.seconds * 1000 : Infinity
  const fail = (kind: string, sample: string) => {
    errors[kind] = (errors[kind] ?? 0) + 1
    if (errorSamples.length < 5) errorSamples.push(`${kind}: ${sample.slice(0, 300)}`)
  }
  const client = async () => {
    for (;;) {
      if (performance.now() >= deadline || next >= planned) return
      const i = next++
      const job = jobAt(i)
      const t0 = performance.now()
      sent += 1
      try {
        const answer = await request(agent, port, job.method, job.path, job.headers, job.body)
        const t1 = performance.now()
        latencies.push(t1 - t0)
        bytes += answer.body.length
        const value = job.accept(answer)
        if (value !== null) {
          ok += 1
          completionsAt.push(t1 - started)
          acknowledged.push({ job: i, value })
        } else {
          fail(`HTTP ${answer.status}`, `${job.method} ${job.path}: ${answer.headers.location ?? ''} ${answer.body.toString('utf8')}`)
        }
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as Error).message
        fail(code ?? 'network error', (error as Error).message)
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, client))
  agent.destroy()
  const durationMs = performance.now() - started
  const seconds = Math.max(1, Math.ceil(durationMs / 1000))
  const perSecond = new Array<number>(seconds).fill(0)
  for (const t of completionsAt) perSecond[Math.min(seconds - 1, Math.floor(t / 1000))]! += 1
  completionsAt.sort((a, b) => a - b)
  return {
    result: {
      planned: Number.isFinite(planned) ? planned : sent,
      sent,
      ok,
      errors,
      latencies: Float64Array.from(latencies),
      perSecond,
      firstOkMs: completionsAt[0] ?? NaN,
      durationMs,
      stoppedByTimeLimit: false,
      confirmed: [],
      errorSamples,
    },
    acknowledged,
    bytes,
  }
}

// ---------------------------------------------------------------------------------------
// Phases

interface Phase {
  scenario: string
  server: 'App' | 'Baseline'
  round: number
  summary: Summary
  cpu: { server: number; postgres: number; machineBusy: number }
  serverCpuMsPerRequest: number
  rssPeakMiB: number
  statements?: { perRequest: number; totalMs: number; top: { calls: number; meanMs: number; totalMs: number; query: string }[] }
  verification?: string
  errorSamples: string[]
}

let admin: pg.Pool
const pids: { app: number; baseline: number } = { app: 0, baseline: 0 }

async function measure(
  scenario: string,
  server: 'App' | 'Baseline',
  round: number,
  run: () => Promise<PhaseLoad>,
  verify?: (load: PhaseLoad) => Promise<{ text: string; ok: boolean }>,
): Promise<Phase> {
  await admin.query('checkpoint')
  await admin.query('select pg_stat_statements_reset()')
  const pid = server === 'App' ? pids.app : pids.baseline
  const tree = processTree(pid)
  const serverCpu = () => tree.reduce((s, p) => s + clusterCpuSeconds(p), 0)
  let peak = 0
  const sampler = setInterval(() => {
    peak = Math.max(peak, tree.reduce((s, p) => s + memoryMiB(p).rss, 0))
  }, 250)
  const machineBusy = () => {
    const v = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
    return (v.reduce((a, b) => a + b, 0) - v[3]! - v[4]!) / 100
  }
  const before = { server: serverCpu(), postgres: clusterCpuSeconds(cluster!.postmasterPid()), machine: machineBusy() }
  const load = await run()
  const after = { server: serverCpu(), postgres: clusterCpuSeconds(cluster!.postmasterPid()), machine: machineBusy() }
  clearInterval(sampler)
  const summary = summarise(load.result)
  const cpu = { server: after.server - before.server, postgres: after.postgres - before.postgres, machineBusy: after.machine - before.machine }
  log(
    `${scenario} · ${server} ${round}: ${summary.ok} ok, ${summary.errorCount} errors in ${summary.durationS.toFixed(1)} s = ` +
      `${summary.savesPerSecond.toFixed(0)}/s; p50 ${summary.latencyMs.p50.toFixed(0)} ms, p95 ${summary.latencyMs.p95.toFixed(0)} ms, ` +
      `p99 ${summary.latencyMs.p99.toFixed(0)} ms; server CPU ${cpu.server.toFixed(1)} s, PostgreSQL ${cpu.postgres.toFixed(1)} s`,
  )
  if (load.result.errorSamples.length > 0) log(`  error samples:\n    ${load.result.errorSamples.join('\n    ')}`)
  const filter = `dbid = (select oid from pg_database where datname = current_database())
     and query not ilike '%pg_stat_statements%' and query not ilike 'checkpoint%'`
  const top = await admin.query<{ calls: string; total: number; mean: number; query: string }>(
    `select calls, total_exec_time as total, mean_exec_time as mean, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
       from pg_stat_statements where ${filter} order by total_exec_time desc limit 4`,
  )
  const totals = await admin.query<{ calls: string | null; total: number | null }>(
    `select sum(calls) as calls, sum(total_exec_time) as total from pg_stat_statements where ${filter}`,
  )
  const phase: Phase = {
    scenario,
    server,
    round,
    summary,
    cpu,
    serverCpuMsPerRequest: (cpu.server * 1000) / Math.max(1, summary.ok),
    rssPeakMiB: peak,
    statements: {
      perRequest: Number(totals.rows[0]?.calls ?? 0) / Math.max(1, summary.ok),
      totalMs: Number(totals.rows[0]?.total ?? 0),
      top: top.rows.map((r) => ({ calls: Number(r.calls), meanMs: r.mean, totalMs: r.total, query: r.query })),
    },
    errorSamples: load.result.errorSamples,
  }
  if (verify) {
    const v = await verify(load)
    phase.verification = v.text
    log(`  verification: ${v.text}`)
    if (!v.ok) failures.push(`${scenario} · ${server} ${round}: ${v.text}`)
  }
  return phase
}

const failures: string[] = []

// ---------------------------------------------------------------------------------------
// The run

// The cookie the app sets at sign-in (app/lib/session.server.ts, as bench/lib/setup.ts).
const sessionCookie = createCookie('latih_session', { httpOnly: true, sameSite: 'lax', path: '/', secure: false, maxAge: 30 * 86_400 })

async function main() {
  const loadAtStart = loadAverage()
  const machine = machineLine()
  log(`load average ${loadAtStart} on ${os.cpus().length} CPUs`)
  workDir = mkdtempSync(join(os.tmpdir(), 'latih-rush-'))
  const entry = join(BUILD_DIR, 'server/index.js')
  if (!existsSync(entry)) {
    if (flag('no-build')) throw new Error(`${entry} missing`)
    log(`${BUILD_DIR} missing: building…`)
    const r = spawnSync(process.execPath, ['node_modules/@react-router/dev/bin.js', 'build'], { cwd: APP_ROOT, stdio: 'inherit', env: { ...process.env, BUILD_DIR } })
    if (r.status !== 0) throw new Error('react-router build failed')
  }

  cluster = startCluster({ port: PG_PORT, fsync: FSYNC })
  log(`${cluster.version} on port ${PG_PORT} (${cluster.settings.join(' ')})`)
  const postgresAdmin = new pg.Client({ connectionString: cluster.url('postgres') })
  await postgresAdmin.connect()
  await postgresAdmin.query(`create database ${DATABASE}`)
  await postgresAdmin.end()
  const url = cluster.url(DATABASE)
  admin = new pg.Pool({ connectionString: url, max: 2 })
  await admin.query('create extension pg_stat_statements')

  let t = Date.now()
  const app = startServer('app', [join(APP_ROOT, 'server/http/start.mjs'), entry], {
    NODE_ENV: 'production',
    PORT: String(APP_PORT),
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    DATA_DIR: join(workDir, 'data'),
    PUBLIC_URL: `http://127.0.0.1:${APP_PORT}`,
    SEED_DEMO: 'true',
    JOB_WORKER: 'false',
    LATIH_SECRET: SECRET,
    LATIH_PROCESSES: String(PROCESSES),
  }, APP_ROOT)
  pids.app = app.child.pid!
  log(`app server pid ${app.child.pid} (LATIH_PROCESSES=${PROCESSES}), booting…`)
  await waitForHttp(APP_PORT, app.child, app.logFile, 15 * 60_000)
  const bootS = (Date.now() - t) / 1000
  await new Promise((r) => setTimeout(r, 2000))
  const appProcesses = processTree(pids.app).length
  log(`app ready in ${bootS.toFixed(0)} s; ${appProcesses} process(es) in its tree`)

  // Candidates and batches through the project's own code, on the same database.
  Object.assign(process.env, {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    LATIH_SECRET: SECRET,
    DATA_DIR: join(workDir, 'data'),
    // The demo mode the app runs in (decision 013): no SMTP needed.
    SEED_DEMO: 'true',
    PUBLIC_URL: `http://127.0.0.1:${APP_PORT}`,
  })
  delete process.env.SMTP_URL
  const { openPostgres } = await import('../server/db/client')
  const { createBatch, createCandidate, createProgramme, demoNik } = await import('../server/db/factories')
  const { createSession } = await import('../server/auth/sessions')
  const { institution } = await import('../server/db/schema')
  const project = await openPostgres(url, 10)
  t = Date.now()
  const batches: string[] = []
  const cookies: string[] = new Array(CANDIDATES)
  try {
    const [kdi] = await project.db.select().from(institution).limit(1)
    if (!kdi) throw new Error('no institution: was the demo seeded?')
    const rsh = await createProgramme(project.db, { institutionId: kdi.id, code: 'RSH', name: 'Operator Alat Berat (uji beban)', minEducation: 'SD', minAge: 17, maxAge: 45 })
    const year = new Date().getUTCFullYear()
    for (let n = 1; n <= SPREAD; n += 1) {
      const b = await createBatch(project.db, { programmeId: rsh.id, institutionId: kdi.id, year, number: n, quota: 20_000, opensAt: new Date(Date.now() - 86_400_000) })
      batches.push(b.id)
    }
    let next = 0
    const worker = async () => {
      while (next < CANDIDATES) {
        const i = next++
        // Unique valid NIKs: born 1–28 August 1999 in Kota Kendari, serials 1000–9999.
        const nik = demoNik(`1999-08-${String(1 + Math.floor(i / 9000)).padStart(2, '0')}`, 'male', 1000 + (i % 9000))
        const { user } = await createCandidate(project.db, { complete: true, nik, fullName: `Pendaftar Uji ${i + 1}`, email: `pendaftar.${i + 1}@bench.test`, password: null })
        const { token } = await createSession(project.db, { userId: user.id, now: new Date(), userAgent: 'latih-bench/1 (registration rush)' })
        cookies[i] = (await sessionCookie.serialize(token)).split(';')[0]!
        if ((i + 1) % 250 === 0) log(`set-up: ${i + 1} / ${CANDIDATES} candidates`)
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
  } finally {
    await project.close()
  }
  const setupS = (Date.now() - t) / 1000
  log(`set-up: ${CANDIDATES} candidates with complete profiles and sessions, ${SPREAD} open batches, in ${setupS.toFixed(0)} s`)

  // The pages an anonymous visitor gets, as a browser asks for them; the baseline sends these bytes.
  const browseHeaders = { Accept: 'text/html,application/xhtml+xml', 'Accept-Encoding': 'br, gzip, deflate', 'User-Agent': 'latih-bench/1 (visitor)' }
  const paths = ['/program', `/gelombang/${batches[0]}`]
  const pages: Record<string, { type: string; encoding: string | null; body: string }> = {}
  for (const path of paths) {
    const a = await request(undefined, APP_PORT, 'GET', path, browseHeaders)
    if (a.status !== 200) throw new Error(`GET ${path}: HTTP ${a.status}`)
    pages[path] = { type: String(a.headers['content-type']), encoding: (a.headers['content-encoding'] as string | undefined) ?? null, body: a.body.toString('base64') }
    log(`page ${path}: ${a.body.length} bytes${pages[path]!.encoding ? ` (${pages[path]!.encoding})` : ''}`)
  }
  const pagesFile = join(workDir, 'pages.json')
  writeFileSync(pagesFile, JSON.stringify(pages))
  await admin.query(
    `create table bench_baseline_registration (
       id uuid primary key default gen_random_uuid(), session text not null unique, batch_id uuid not null, created_at timestamptz not null)`,
  )
  const baseline = startServer('baseline', ['bench/registration-baseline-server.mjs'], { DATABASE_URL: url, PORT: String(BASELINE_PORT), POOL_MAX: String(POOL), PAGES: pagesFile })
  pids.baseline = baseline.child.pid!
  await waitForHttp(BASELINE_PORT, baseline.child, baseline.logFile, 60_000)

  const phases: Phase[] = []
  const portOf = (server: 'App' | 'Baseline') => (server === 'App' ? APP_PORT : BASELINE_PORT)

  // 1. Browsing.
  const browse = (port: number) =>
    runJobs(
      port,
      (i) => ({ method: 'GET', path: paths[i % paths.length]!, headers: browseHeaders, accept: (a) => (a.status === 200 ? 'ok' : null) }),
      { seconds: BROWSE_S },
    )
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const server of ['App', 'Baseline'] as const) phases.push(await measure('Browsing', server, round, () => browse(portOf(server))))
  }

  // 2. Registrations: each phase its own candidates, each candidate once.
  const acknowledged = new Map<string, { batch: string; id: string }>()
  const registrationJobs = (server: 'App' | 'Baseline', from: number, pick: (k: number) => string): Job[] =>
    Array.from({ length: PER_PHASE }, (_, k) => {
      const batchId = pick(k)
      const port = portOf(server)
      return {
        method: 'POST',
        path: `/gelombang/${batchId}/daftar`,
        // What the browser sends for the confirmation form (no fields but the button).
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'text/html,application/xhtml+xml',
          Origin: `http://127.0.0.1:${port}`,
          Cookie: cookies[from + k]!,
          'User-Agent': 'latih-bench/1 (registration rush)',
        },
        body: '',
        accept: (a) => {
          const id = a.status === 302 ? /^\/aktivitas\/([0-9a-f-]{36})\?baru=1$/.exec(String(a.headers.location ?? ''))?.[1] : undefined
          if (!id) return null
          acknowledged.set(`${server}:${from + k}`, { batch: batchId, id })
          return id
        },
      }
    })
  const verifyApp = async (load: PhaseLoad, expectedBatch: (k: number) => string) => {
    const ids = load.acknowledged.map((a) => a.value)
    const { rows } = await admin.query<{ id: string; batch_id: string; number: string }>(
      'select id, batch_id, number from registration where id = any($1::uuid[])',
      [ids],
    )
    const byId = new Map(rows.map((r) => [r.id, r]))
    const missing = load.acknowledged.filter((a) => !byId.has(a.value)).length
    const wrongBatch = load.acknowledged.filter((a) => byId.get(a.value) && byId.get(a.value)!.batch_id !== expectedBatch(a.job)).length
    const dup = await admin.query<{ n: string; distinct_n: string; pending: string }>(
      `select count(*) as n, count(distinct (batch_id, number)) as distinct_n, count(*) filter (where number like 'pending:%') as pending
         from registration where batch_id = any($1::uuid[])`,
      [batches],
    )
    const d = dup.rows[0]!
    const ok = missing === 0 && wrongBatch === 0 && d.n === d.distinct_n && d.pending === '0'
    return { ok, text: `${rows.length} / ${ids.length} acknowledged registrations found, ${missing} missing, ${wrongBatch} in another batch; ${d.n} registrations in the programme, ${d.distinct_n} distinct numbers, ${d.pending} placeholders` }
  }
  const verifyBaseline = async (load: PhaseLoad) => {
    const ids = load.acknowledged.map((a) => a.value)
    const { rows } = await admin.query<{ n: string }>('select count(*) as n from bench_baseline_registration where id = any($1::uuid[])', [ids])
    const found = Number(rows[0]!.n)
    return { ok: found === ids.length, text: `${found} / ${ids.length} acknowledged inserts found` }
  }
  let from = 0
  for (const [scenario, pick] of [
    ['Registration, one batch', () => batches[0]!],
    [`Registration, ${SPREAD} batches`, (k: number) => batches[k % batches.length]!],
  ] as const) {
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const server of ['App', 'Baseline'] as const) {
        // The baseline's rows go to a table of their own: it replays the same candidates.
        const jobs = registrationJobs(server, from, pick)
        phases.push(
          await measure(
            scenario,
            server,
            round,
            () => runJobs(portOf(server), jobs, {}),
            server === 'App' ? (load) => verifyApp(load, pick) : verifyBaseline,
          ),
        )
      }
      from += PER_PHASE
    }
  }

  await stopChild(app.child)
  await stopChild(baseline.child)
  await admin.end()

  const markdown = render({ machine, loadAtStart, bootS, setupS, appProcesses, phases, pages })
  console.log(`\n${markdown}\n`)
  if (WRITE) {
    writeBetweenMarkers(join(ROOT, 'BENCHMARKS.md'), `bench:registration-rush${LABEL ? `-${LABEL.replace(/\W+/g, '-').toLowerCase()}` : ''}`, markdown)
    log('figures written to BENCHMARKS.md')
  }
  if (failures.length > 0) log(`FAILED verification:\n  ${failures.join('\n  ')}`)
  const incomplete = phases.filter((p) => p.scenario !== 'Browsing' && p.summary.ok !== p.summary.planned)
  return failures.length > 0 || incomplete.length > 0 ? 1 : 0
}

function render(r: {
  machine: string
  loadAtStart: string
  bootS: number
  setupS: number
  appProcesses: number
  phases: Phase[]
  pages: Record<string, { encoding: string | null; body: string }>
}): string {
  const f0 = (n: number) => n.toFixed(0)
  const lines: string[] = []
  lines.push(`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${LABEL ? ` — ${LABEL}` : ''}: \`node --import tsx bench/registration-rush.ts ${process.argv.slice(2).join(' ')}\``)
  lines.push('')
  lines.push(`Machine: ${r.machine}. PostgreSQL: ${cluster!.version.replace('postgres (PostgreSQL)', 'PostgreSQL')}, ${FSYNC ? 'fsync on, synchronous_commit on' : 'fsync off'}.`)
  lines.push(
    `App: server/http/start.mjs on the production build, LATIH_PROCESSES=${PROCESSES} (${r.appProcesses} process${r.appProcesses === 1 ? '' : 'es'} in its tree), pool ${POOL / PROCESSES} per process, job worker off; baseline: bench/registration-baseline-server.mjs, pool ${POOL}. ` +
      `${CANDIDATES} candidates (${PER_PHASE} per registration phase), ${CONCURRENCY} concurrent clients, browsing ${BROWSE_S} s per phase. Boot ${f0(r.bootS)} s, set-up ${f0(r.setupS)} s.`,
  )
  lines.push(`Pages: ${Object.entries(r.pages).map(([p, v]) => `${p.replace(/[0-9a-f-]{36}/, '<id>')} ${Buffer.from(v.body, 'base64').length} B${v.encoding ? ` ${v.encoding}` : ''}`).join(', ')}.`)
  lines.push('')
  lines.push('| phase | server | round | ok | errors | per s | p50 ms | p95 ms | p99 ms | server CPU ms / request | PostgreSQL CPU s | statements / request |')
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const p of r.phases) {
    const s = p.summary
    lines.push(
      `| ${p.scenario} | ${p.server} | ${p.round} | ${s.ok} | ${s.errorCount} | ${f0(s.savesPerSecond)} | ${f0(s.latencyMs.p50)} | ${f0(s.latencyMs.p95)} | ${f0(s.latencyMs.p99)} | ${p.serverCpuMsPerRequest.toFixed(2)} | ${p.cpu.postgres.toFixed(1)} | ${p.statements!.perRequest.toFixed(1)} |`,
    )
  }
  lines.push('')
  lines.push('Ratios (app ÷ baseline, throughput, per round):')
  for (const scenario of [...new Set(r.phases.map((p) => p.scenario))]) {
    const ratios: string[] = []
    for (let round = 1; round <= ROUNDS; round += 1) {
      const a = r.phases.find((p) => p.scenario === scenario && p.server === 'App' && p.round === round)
      const b = r.phases.find((p) => p.scenario === scenario && p.server === 'Baseline' && p.round === round)
      if (a && b) ratios.push((a.summary.savesPerSecond / b.summary.savesPerSecond).toPrecision(2))
    }
    lines.push(`- ${scenario}: ${ratios.map((x) => `${x}×`).join(', ')}`)
  }
  lines.push('')
  lines.push('Verification and the costliest statements of each app registration phase:')
  for (const p of r.phases.filter((x) => x.server === 'App' && x.scenario !== 'Browsing')) {
    lines.push(`- ${p.scenario}, round ${p.round}: ${p.verification}. Statement time ${f0(p.statements!.totalMs)} ms in all; top:`)
    for (const s of p.statements!.top.slice(0, 3)) lines.push(`  - ${s.calls} × ${s.meanMs.toFixed(2)} ms = ${f0(s.totalMs)} ms: \`${s.query.replace(/`/g, "'")}\``)
  }
  return lines.join('\n')
}

let status = 1
try {
  status = await main()
} catch (error) {
  console.error('[rush] failed:', error)
} finally {
  await cleanup()
}
process.exit(status)
