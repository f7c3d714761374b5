#!/usr/bin/env node
// Load benchmark of test day: many candidates answering the written test at once.
//
//   node --import tsx bench/test-day.ts            # 500 candidates × 40 saves, prints the figures
//   node --import tsx bench/test-day.ts --write    # … and puts them into BENCHMARKS.md
//
// Options: --candidates 500  --time-limit 900 (seconds, per phase)
//          --think-ms 0 (mean pause between a candidate's saves; 0 = closed loop, as fast as served)
//          --pg-port 55500  --app-port 3400  --baseline-port 3401  --fsync on|off
//          --build (always rebuild)  --no-build (never rebuild)  --cpu-prof (profile the app server)
//          --build-dir build (or BUILD_DIR: a build of its own, so a shared checkout's build/ is left alone)
//
// One run: a throwaway PostgreSQL 15 cluster; the production build served by the
// production server (server/http/start.mjs, one process) on it (demo seed, job worker on); N candidates made through the
// project's own use cases, each with a started 40-question written test and a session
// cookie; then N concurrent virtual candidates each sending their 40 background saves
// (POST /asesmen/simpan, as the question page's JavaScript does); then the same load on
// a bare node:http handler doing one INSERT per request with a pool of the same size.
// Each phase is checked against the database afterwards. Everything started is stopped
// and deleted at the end, also on failure or Ctrl-C.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { runLoad, summarise, type Save, type VirtualCandidate } from './lib/load'
import { flag, int, option } from './lib/options'
import { startCluster, type Cluster } from './lib/postgres'
import { cpuSnapshot, cpuUse, loadAverage, memoryMiB } from './lib/procstat'
import { appendHistory, historyRow, renderResults, writeResults, type PhaseReport, type RunReport, type Statement, type Verification } from './lib/report'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
process.chdir(ROOT)

// ---------------------------------------------------------------------------------------
// Options


const CANDIDATES = int('candidates', 500)
// The app's pool: runtime() opens it with openPostgres(url), whose default is max 10, and
// offers no setting; the baseline gets the same size.
const POOL = 10
const TIME_LIMIT_S = int('time-limit', 900)
const THINK_MS = Number(option('think-ms', '0'))
if (!Number.isFinite(THINK_MS) || THINK_MS < 0) throw new Error('--think-ms must be a number ≥ 0')
const PG_PORT = int('pg-port', 55500)
const APP_PORT = int('app-port', 3400)
const BASELINE_PORT = int('baseline-port', 3401)
const FSYNC = option('fsync', 'on') !== 'off'
const WRITE = flag('write')
const BUILD_DIR = option('build-dir', process.env.BUILD_DIR ?? 'build')
// Writes a V8 CPU profile of the app server to bench/results/profile/ (see bench/profile-summary.ts).
const PROFILE = flag('cpu-prof')
const DATABASE = 'latih_bench'
const SECRET = 'latih-bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz'

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`)

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
      console.error('[bench] stopping PostgreSQL failed:', error)
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
// Helpers

function get(port: number, path: string, timeoutMs: number): Promise<number> {
  return new Promise((done, fail) => {
    const req = http.get({ host: '127.0.0.1', port, path, timeout: timeoutMs }, (res) => {
      res.resume()
      res.on('end', () => done(res.statusCode ?? 0))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', fail)
  })
}

async function waitForHttp(port: number, path: string, child: ChildProcess, logFile: string, limitMs: number) {
  const until = Date.now() + limitMs
  while (Date.now() < until) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}; its log:\n${readFileSync(logFile, 'utf8').slice(-4000)}`)
    }
    try {
      if ((await get(port, path, 30_000)) === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`server on port ${port} not ready after ${limitMs / 1000} s; log:\n${readFileSync(logFile, 'utf8').slice(-4000)}`)
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path))
    // Tests are not part of the build.
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

/** The production build must be the current code: build when missing or older than the sources. */
function ensureBuild() {
  const entry = join(ROOT, BUILD_DIR, 'server/index.js')
  const sources = Math.max(...['app', 'server', 'domain'].map((d) => newestMtime(join(ROOT, d))))
  const stale = existsSync(entry) && statSync(entry).mtimeMs < sources
  if (flag('no-build') && existsSync(entry)) {
    if (stale) log(`warning: ${BUILD_DIR}/ is older than the sources (--no-build given, using it anyway)`)
    return
  }
  if (existsSync(entry) && !stale && !flag('build')) return
  log(existsSync(entry) ? `${BUILD_DIR}/ is older than the sources: building…` : `${BUILD_DIR}/ missing: building…`)
  const r = spawnSync(process.execPath, ['node_modules/@react-router/dev/bin.js', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, BUILD_DIR },
  })
  if (r.status !== 0) throw new Error('react-router build failed')
}

function startServer(name: string, args: string[], env: Record<string, string>): { child: ChildProcess; logFile: string } {
  const logFile = join(workDir!, `${name}.log`)
  const fd = openSync(logFile, 'a')
  const base = { ...process.env }
  // Nothing of the caller's environment may redirect the server elsewhere.
  for (const key of ['SMTP_URL', 'TEST_DATABASE_URL', 'DATABASE_URL', 'DATA_DIR', 'HOST']) delete base[key]
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  children.push(child)
  return { child, logFile }
}

async function verify(
  admin: pg.Pool,
  table: 'attempt_answer' | 'bench_baseline_answer',
  candidates: VirtualCandidate[],
  confirmed: Save[],
  app: boolean,
): Promise<Verification> {
  const attemptIds = candidates.map((c) => c.attemptId)
  const { rows } = await admin.query<{ attempt_id: string; position: number; answer: string }>(
    `select attempt_id, position, answer from ${table} where attempt_id = any($1::uuid[])`,
    [attemptIds],
  )
  const found = new Map(rows.map((r) => [`${r.attempt_id}:${r.position}`, r.answer]))
  const expected = new Map(confirmed.map((s) => [`${s.attemptId}:${s.position}`, s.answer]))
  let matching = 0
  let missing = 0
  let wrong = 0
  for (const [key, answer] of expected) {
    const got = found.get(key)
    if (got === undefined) missing += 1
    else if (got === answer) matching += 1
    else wrong += 1
  }
  const unconfirmed = [...found.keys()].filter((k) => !expected.has(k)).length
  const perAttempt = new Map<string, number>()
  for (const r of rows) perAttempt.set(r.attempt_id, (perAttempt.get(r.attempt_id) ?? 0) + 1)
  const attemptsComplete = candidates.filter((c) => perAttempt.get(c.attemptId) === c.answers.length).length
  const v: Verification = {
    table,
    confirmed: confirmed.length,
    rows: rows.length,
    matching,
    missing,
    wrong,
    unconfirmed,
    attempts: candidates.length,
    attemptsComplete,
  }
  if (app) {
    const audit = await admin.query<{ n: string }>(
      `select count(*) as n from audit_event where action = 'assessment.answer' and entity_id = any($1::text[])`,
      [attemptIds],
    )
    const submitted = await admin.query<{ n: string }>(
      'select count(*) as n from assessment_attempt where id = any($1::uuid[]) and submitted_at is not null',
      [attemptIds],
    )
    v.auditRows = Number(audit.rows[0]?.n ?? 0)
    v.submitted = Number(submitted.rows[0]?.n ?? 0)
  }
  return v
}

async function runPhase(input: {
  name: string
  admin: pg.Pool
  port: number
  serverPid: number
  candidates: VirtualCandidate[]
  check: (confirmed: Save[]) => Promise<Verification>
}): Promise<PhaseReport> {
  const { name, admin, port, serverPid, candidates } = input
  // Each phase starts from a clean checkpoint and empty statement statistics.
  await admin.query('checkpoint')
  await admin.query('select pg_stat_statements_reset()')
  const idle = memoryMiB(serverPid).rss
  let peak = idle
  const sampler = setInterval(() => {
    peak = Math.max(peak, memoryMiB(serverPid).rss)
  }, 250)
  const loadBefore = loadAverage()
  const before = cpuSnapshot(serverPid, cluster!.postmasterPid())
  // Monotonic microseconds, the clock of V8 CPU profiles: bench/profile-summary.ts keeps this window.
  const startUs = Number(process.hrtime.bigint() / 1000n)
  // Never past the attempts' own end (40 minutes from the set-up): a late save is refused.
  const timeLimitMs = Math.min(TIME_LIMIT_S * 1000, Math.min(...candidates.map((c) => c.endsAt)) - Date.now() - 30_000)
  if (timeLimitMs < TIME_LIMIT_S * 1000) log(`${name}: time limit cut to ${(timeLimitMs / 1000).toFixed(0)} s by the attempts' end`)
  log(`${name}: ${candidates.length} candidates × ${candidates[0]?.answers.length ?? 0} saves…`)
  const result = await runLoad({
    port,
    path: '/asesmen/simpan',
    candidates,
    timeLimitMs,
    thinkMs: THINK_MS,
    onProgress: (done, planned) => log(`${name}: ${done} / ${planned} answered`),
  })
  const endUs = Number(process.hrtime.bigint() / 1000n)
  const after = cpuSnapshot(serverPid, cluster!.postmasterPid())
  clearInterval(sampler)
  const end = memoryMiB(serverPid).rss
  peak = Math.max(peak, end)
  const loadAfter = loadAverage()
  const summary = summarise(result)
  log(
    `${name}: ${summary.ok} ok, ${summary.errorCount} errors in ${summary.durationS.toFixed(1)} s = ` +
      `${summary.savesPerSecond.toFixed(0)} saves/s; p50 ${summary.latencyMs.p50.toFixed(0)} ms, ` +
      `p95 ${summary.latencyMs.p95.toFixed(0)} ms, p99 ${summary.latencyMs.p99.toFixed(0)} ms`,
  )
  if (result.errorSamples.length > 0) log(`${name}: error samples:\n  ${result.errorSamples.join('\n  ')}`)

  const statementFilter = `dbid = (select oid from pg_database where datname = current_database())
     and query not ilike '%pg_stat_statements%' and query not ilike 'checkpoint%'`
  const top = await admin.query<{ calls: string; total: number; mean: number; query: string }>(
    `select calls, total_exec_time as total, mean_exec_time as mean,
            left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
       from pg_stat_statements where ${statementFilter}
      order by total_exec_time desc limit 10`,
  )
  const totals = await admin.query<{ calls: string | null; total: number | null }>(
    `select sum(calls) as calls, sum(total_exec_time) as total from pg_stat_statements where ${statementFilter}`,
  )
  const statements: Statement[] = top.rows.map((r) => ({ calls: Number(r.calls), totalMs: r.total, meanMs: r.mean, query: r.query }))
  const verification = await input.check(result.confirmed)
  log(
    `${name}: verification: ${verification.matching} / ${verification.confirmed} confirmed saves found, ` +
      `${verification.missing} missing, ${verification.wrong} wrong, ${verification.unconfirmed} unconfirmed rows`,
  )
  return {
    name,
    summary,
    verification,
    cpu: cpuUse(before, after),
    memoryMiB: { idle, peak, end },
    statements,
    db: { calls: Number(totals.rows[0]?.calls ?? 0), totalMs: Number(totals.rows[0]?.total ?? 0) },
    loadAverage: { before: loadBefore, after: loadAfter },
    errorSamples: result.errorSamples,
    window: { startUs, endUs },
  }
}

// ---------------------------------------------------------------------------------------
// The run

async function main() {
  const loadAtStart = loadAverage()
  log(`load average ${loadAtStart} on ${os.cpus().length} CPUs`)
  workDir = mkdtempSync(join(os.tmpdir(), 'latih-bench-'))
  ensureBuild()

  cluster = startCluster({ port: PG_PORT, fsync: FSYNC })
  log(`${cluster.version} on port ${PG_PORT} (${cluster.settings.join(' ')})`)
  const postgresAdmin = new pg.Client({ connectionString: cluster.url('postgres') })
  await postgresAdmin.connect()
  await postgresAdmin.query(`create database ${DATABASE}`)
  await postgresAdmin.end()
  const url = cluster.url(DATABASE)
  const admin = new pg.Pool({ connectionString: url, max: 2 })
  await admin.query('create extension pg_stat_statements')

  // The production server, as deployed (decision 014): server/http/start.mjs on the build,
  // one process — what `npm start` runs, with its body guard and the answer save before the router.
  let t = Date.now()
  const profileDir = join(ROOT, 'bench/results/profile')
  if (PROFILE) rmSync(profileDir, { recursive: true, force: true })
  const nodeArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
  const app = startServer('app', [...nodeArgs, 'server/http/start.mjs', join(BUILD_DIR, 'server/index.js')], {
    NODE_ENV: 'production',
    PORT: String(APP_PORT),
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    DATA_DIR: join(workDir, 'data'),
    PUBLIC_URL: `http://127.0.0.1:${APP_PORT}`,
    SEED_DEMO: 'true',
    JOB_WORKER: 'true',
    LATIH_SECRET: SECRET,
    // One process, whatever the caller's environment says (decision 026 runs N).
    LATIH_PROCESSES: '1',
  })
  log(`app server pid ${app.child.pid}, booting (migrations, regions, demo seed)…`)
  await waitForHttp(APP_PORT, '/', app.child, app.logFile, 15 * 60_000)
  const bootS = (Date.now() - t) / 1000
  log(`app server ready in ${bootS.toFixed(0)} s`)

  // The project's code in this process talks to the same database with the same secret.
  // As the server is configured (a demo start: a production start would want SMTP_URL).
  Object.assign(process.env, {
    NODE_ENV: 'production',
    SEED_DEMO: 'true',
    PUBLIC_URL: `http://127.0.0.1:${APP_PORT}`,
    DATABASE_URL: url,
    LATIH_SECRET: SECRET,
    DATA_DIR: join(workDir, 'data'),
  })
  delete process.env.SMTP_URL
  const { openPostgres } = await import('../server/db/client')
  const { createTestDayCandidates } = await import('./lib/setup')
  const project = await openPostgres(url, 10)
  t = Date.now()
  let candidates: VirtualCandidate[]
  try {
    candidates = await createTestDayCandidates(project.db, {
      count: CANDIDATES,
      concurrency: 8,
      onProgress: (done) => log(`set-up: ${done} / ${CANDIDATES} candidates`),
    })
  } finally {
    await project.close()
  }
  const candidatesS = (Date.now() - t) / 1000
  log(`set-up: ${CANDIDATES} candidates with a started written test in ${candidatesS.toFixed(0)} s`)

  // The registration mails go out through the app's job worker; let it finish first so
  // the load phase measures saves only.
  t = Date.now()
  for (;;) {
    const { rows } = await admin.query<{ n: string }>(
      `select count(*) as n from job where status in ('pending','running') and run_at <= now()`,
    )
    if (Number(rows[0]?.n) === 0) break
    if (Date.now() - t > 10 * 60_000) throw new Error(`job worker still has ${rows[0]?.n} due jobs after 10 minutes`)
    await new Promise((r) => setTimeout(r, 1000))
  }
  const jobsDrainedS = (Date.now() - t) / 1000
  log(`job queue drained in ${jobsDrainedS.toFixed(0)} s`)

  const phases: PhaseReport[] = []
  phases.push(
    await runPhase({
      name: 'App',
      admin,
      port: APP_PORT,
      serverPid: app.child.pid!,
      candidates,
      check: (confirmed) => verify(admin, 'attempt_answer', candidates, confirmed, true),
    }),
  )
  // The baseline gets the machine as the app had it: the app server is stopped first.
  await stopChild(app.child)

  await admin.query(
    `create table bench_baseline_answer (
       attempt_id uuid not null, position integer not null, answer text not null,
       answered_at timestamptz not null, primary key (attempt_id, position))`,
  )
  const baseline = startServer('baseline', ['bench/baseline-server.mjs'], {
    DATABASE_URL: url,
    PORT: String(BASELINE_PORT),
    POOL_MAX: String(POOL),
  })
  await waitForHttp(BASELINE_PORT, '/health', baseline.child, baseline.logFile, 60_000)
  phases.push(
    await runPhase({
      name: 'Baseline',
      admin,
      port: BASELINE_PORT,
      serverPid: baseline.child.pid!,
      candidates,
      check: (confirmed) => verify(admin, 'bench_baseline_answer', candidates, confirmed, false),
    }),
  )
  await stopChild(baseline.child)
  await admin.end()

  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown'
  const report: RunReport = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    command: `node --import tsx bench/test-day.ts ${process.argv.slice(2).join(' ')}`.trim(),
    machine: {
      cpus: os.cpus().length,
      cpuModel,
      memoryGiB: os.totalmem() / 2 ** 30,
      node: process.version,
      postgres: cluster.version.replace('postgres (PostgreSQL)', 'PostgreSQL'),
      kernel: os.release(),
    },
    settings: {
      candidates: CANDIDATES,
      questionsPerCandidate: candidates[0]?.answers.length ?? 0,
      pool: POOL,
      timeLimitS: TIME_LIMIT_S,
      thinkMs: THINK_MS,
      pgSettings: cluster.settings,
    },
    setup: { bootS, candidatesS, jobsDrainedS },
    loadAverageAtStart: loadAtStart,
    phases,
  }
  const markdown = renderResults(report)
  console.log(`\n${markdown}\n`)
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
  writeFileSync(join(ROOT, 'bench/results/latest.json'), `${JSON.stringify(report, null, 2)}\n`)
  if (WRITE) {
    writeResults(join(ROOT, 'BENCHMARKS.md'), THINK_MS > 0 ? `test-day-think-${THINK_MS}` : 'test-day', markdown)
    appendHistory(join(ROOT, 'BENCHMARKS.md'), historyRow(report))
    log('figures written to BENCHMARKS.md')
  }
  const failed = phases.some(
    (p) => p.verification.missing > 0 || p.verification.wrong > 0 || p.summary.ok !== p.summary.planned,
  )
  return failed ? 1 : 0
}

let status = 1
try {
  status = await main()
} catch (error) {
  console.error('[bench] failed:', error)
} finally {
  await cleanup()
}
process.exit(status)
