// A sign-in flood against the production server (issue 9 §1, decision 018): many
// concurrent clients POST /masuk with wrong passwords, while a few "visitors" load
// /program; reports sign-ins per second that got an argon2 check and that were refused
// (429 throttle, 503 argon2 cap), and /program's latency during the flood against a
// baseline without one, in the same run. On a throwaway PostgreSQL 15 cluster.
//
//   node --import tsx bench/sign-in-flood.ts                        # this checkout, prints the table
//   node --import tsx bench/sign-in-flood.ts --write                # … and puts it into BENCHMARKS.md
//   node --import tsx bench/sign-in-flood.ts --root /tmp/h1-old --label before --write
//                                                                   # another checkout (e.g. a git worktree of an
//                                                                   # older commit), its figures under its label
// Options: --root DIR (the checkout whose build is served; default this one), --build-dir
// DIR (default build-3301, built with `BUILD_DIR=… react-router build` when missing),
// --label NAME (after), --clients N flood clients (32), --seconds N per phase (20),
// --visitors N /program clients (2), --pg-port N (55601), --app-port N (3301).
//
// Phases, one server, one database: (1) baseline — visitors only; (2) flood from one
// address — no proxy header, every request from 127.0.0.1, as an attacker without a
// proxy or a single machine behind the trusted proxy; (3) flood from many addresses —
// each request with its own X-Forwarded-For through the trusted proxy (TRUST_PROXY=127.0.0.1),
// as a botnet or a carrier's many users would arrive. Flood identifiers: half the demo
// administrator's e-mail (guessing one account), half unknown e-mails (spraying).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { setPriority, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { machineLine, writeBetweenMarkers } from './lib/benchMarkdown'
import { startCluster, type Cluster } from './lib/postgres'
import { cpuSnapshot, cpuUse, loadAverage, type CpuUse } from './lib/procstat'

const HERE = fileURLToPath(new URL('..', import.meta.url))
const opt = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`))
  return eq ? eq.split('=').slice(1).join('=') : i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback
}
const ROOT = resolve(opt('root', HERE))
const BUILD_DIR = opt('build-dir', 'build-3301')
const LABEL = opt('label', 'after')
const CLIENTS = Number(opt('clients', '32'))
const SECONDS = Number(opt('seconds', '20'))
const VISITORS = Number(opt('visitors', '2'))
const PG_PORT = Number(opt('pg-port', '55601'))
const APP_PORT = Number(opt('app-port', '3301'))
const WRITE = process.argv.includes('--write')
/** A niceness for the load generator, the app and PostgreSQL (e.g. -10 as root on a shared machine); unset, none. */
const NICE = opt('nice', '')
const BENCHMARKS = join(HERE, 'BENCHMARKS.md')
const ADMIN = 'admin@bpvp-kendari.test'

/** Every thread of `pid` and of its child processes to NICE (niceness is per thread on Linux). */
function renice(pid: number) {
  if (NICE === '') return
  const pids = [pid]
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid) pids.push(Number(entry))
    } catch {
      /* gone */
    }
  }
  for (const p of pids) {
    try {
      for (const tid of readdirSync(`/proc/${p}/task`)) setPriority(Number(tid), Number(NICE))
    } catch {
      /* gone */
    }
  }
}

const log = (s: string) => console.log(`[bench:sign-in-flood:${LABEL}] ${s}`)
const base = `http://127.0.0.1:${APP_PORT}`

let cluster: Cluster | undefined
let app: ChildProcess | undefined
let dataDir = ''
async function cleanUp() {
  if (app && app.exitCode === null) {
    app.kill('SIGTERM')
    await new Promise((r) => app!.once('exit', r))
  }
  cluster?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}

function ensureBuild() {
  if (existsSync(join(ROOT, BUILD_DIR, 'server/index.js'))) return
  log(`${BUILD_DIR} missing in ${ROOT}: building…`)
  const r = spawnSync(process.execPath, ['node_modules/@react-router/dev/bin.js', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, BUILD_DIR },
  })
  if (r.status !== 0) throw new Error('react-router build failed')
}

async function startApp(databaseUrl: string): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), 'latih-flood-'))
  const { DATABASE_URL: _d, SMTP_URL: _s, TRUST_PROXY: _t, ...env } = process.env
  let output = ''
  app = spawn(process.execPath, ['server/http/start.mjs', `${BUILD_DIR}/server/index.js`], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'production',
      LATIH_MODE: 'demo',
      SEED_DEMO: 'true',
      JOB_WORKER: 'false',
      PORT: String(APP_PORT),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      PUBLIC_URL: base,
      LATIH_SECRET: randomBytes(32).toString('base64url'),
      TRUST_PROXY: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  app.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  app.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  const until = Date.now() + 600_000
  for (;;) {
    if (app.exitCode !== null) throw new Error(`the app exited:\n${output}`)
    if (Date.now() > until) throw new Error(`the app did not start:\n${output}`)
    try {
      if ((await fetch(`${base}/program`)).status === 200) return
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500))
  }
}

const p = (values: number[], q: number) => {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!
}

interface PhaseResult {
  name: string
  programMs: number[]
  programErrors: number
  statuses: Map<number, number>
  signInMs: number[]
  seconds: number
  cpu?: CpuUse
  load: string
}

async function visitor(until: number, out: PhaseResult) {
  while (performance.now() < until) {
    const t = performance.now()
    try {
      const r = await fetch(`${base}/program`)
      await r.arrayBuffer()
      if (r.status === 200) out.programMs.push(performance.now() - t)
      else out.programErrors++
    } catch {
      out.programErrors++
    }
  }
}

async function flooder(until: number, out: PhaseResult, i: number, manyAddresses: boolean) {
  let n = 0
  while (performance.now() < until) {
    n++
    const identifier = n % 2 === 0 ? ADMIN : `tebak.${i}.${n}@contoh.test`
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
    if (manyAddresses) headers['X-Forwarded-For'] = `10.${(i * 7 + n) % 250}.${(n >> 8) % 250}.${(n % 250) + 1}`
    const t = performance.now()
    try {
      const r = await fetch(`${base}/masuk`, {
        method: 'POST',
        headers,
        body: new URLSearchParams({ identifier, password: `salah-${i}-${n}` }).toString(),
        redirect: 'manual',
      })
      await r.arrayBuffer()
      out.statuses.set(r.status, (out.statuses.get(r.status) ?? 0) + 1)
      out.signInMs.push(performance.now() - t)
    } catch {
      out.statuses.set(0, (out.statuses.get(0) ?? 0) + 1)
    }
  }
}

async function phase(name: string, flood: 'none' | 'one-address' | 'many-addresses'): Promise<PhaseResult> {
  const out: PhaseResult = { name, programMs: [], programErrors: 0, statuses: new Map(), signInMs: [], seconds: SECONDS, load: loadAverage() }
  const before = cpuSnapshot(app!.pid!, cluster!.postmasterPid())
  const started = performance.now()
  const until = started + SECONDS * 1000
  const work: Promise<void>[] = []
  for (let v = 0; v < VISITORS; v++) work.push(visitor(until, out))
  if (flood !== 'none') for (let c = 0; c < CLIENTS; c++) work.push(flooder(until, out, c, flood === 'many-addresses'))
  await Promise.all(work)
  out.seconds = (performance.now() - started) / 1000
  out.cpu = cpuUse(before, cpuSnapshot(app!.pid!, cluster!.postmasterPid()))
  const count = (s: number) => out.statuses.get(s) ?? 0
  log(
    `${name}: /program p50 ${p(out.programMs, 0.5).toFixed(0)} ms, p95 ${p(out.programMs, 0.95).toFixed(0)} ms (${out.programMs.length} loads); ` +
      `sign-ins checked (401) ${count(401)}, refused 429 ${count(429)}, 503 ${count(503)}, other ${[...out.statuses.entries()].filter(([s]) => ![401, 429, 503].includes(s)).map(([s, c]) => `${s}×${c}`).join(' ') || '0'}`,
  )
  return out
}

function table(results: PhaseResult[], machine: string, gitLine: string): string {
  const rate = (r: PhaseResult, statuses: number[]) => statuses.reduce((a, s) => a + (r.statuses.get(s) ?? 0), 0) / r.seconds
  const rows = results.map((r) => {
    const total = [...r.statuses.values()].reduce((a, b) => a + b, 0)
    const other = total - [401, 429, 503].reduce((a, s) => a + (r.statuses.get(s) ?? 0), 0)
    const cpu = r.cpu ? `${r.cpu.server.toFixed(1)} | ${r.cpu.postgres.toFixed(1)} | ${r.cpu.other.toFixed(1)} (${(r.cpu.machineBusy * 100).toFixed(0)} %, load ${r.load.split(' ')[0]})` : '— | — | —'
    return `| ${r.name} | ${r.name === 'baseline' ? '—' : (total / r.seconds).toFixed(1)} | ${r.name === 'baseline' ? '—' : rate(r, [401]).toFixed(1)} | ${r.name === 'baseline' ? '—' : rate(r, [429]).toFixed(1)} | ${r.name === 'baseline' ? '—' : rate(r, [503]).toFixed(1)} | ${r.name === 'baseline' ? '—' : other} | ${r.name === 'baseline' ? '—' : p(r.signInMs, 0.95).toFixed(0)} | ${p(r.programMs, 0.5).toFixed(0)} | **${p(r.programMs, 0.95).toFixed(0)}** | ${r.programMs.length} | ${cpu} |`
  })
  return [
    `**${LABEL}** — ${gitLine}; ${machine}${NICE ? `; load generator, app and PostgreSQL at nice ${NICE}` : ''}. ${CLIENTS} flood clients, ${VISITORS} /program visitors, ${SECONDS} s per phase, PostgreSQL 15.`,
    '',
    '| phase | sign-ins/s sent | checked by argon2 (401)/s | refused 429/s | refused 503/s | other | sign-in p95 ms | /program p50 ms | /program p95 ms | /program loads | app CPU s | PostgreSQL CPU s | other processes CPU s (machine busy, load) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n')
}

try {
  const machine = machineLine()
  const git = spawnSync('git', ['log', '-1', '--format=commit %h'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim()
  ensureBuild()
  cluster = startCluster({ port: PG_PORT, fsync: true })
  renice(process.pid)
  renice(cluster.postmasterPid())
  log(`PostgreSQL ${cluster.version} on ${PG_PORT}; serving ${ROOT}/${BUILD_DIR} (${git}) on ${APP_PORT}`)
  await startApp(cluster.url('postgres'))
  renice(app!.pid!)
  renice(cluster.postmasterPid())
  // Warm-up: the page and one sign-in (the dummy hash), then the three phases.
  for (let i = 0; i < 10; i++) await (await fetch(`${base}/program`)).arrayBuffer()
  const results = [await phase('baseline', 'none'), await phase('flood, one address', 'one-address'), await phase('flood, many addresses (proxy)', 'many-addresses')]
  const markdown = table(results, machine, git)
  console.log(`\n${markdown}\n`)
  if (WRITE) {
    writeBetweenMarkers(BENCHMARKS, `sign-in-flood-${LABEL}`, markdown)
    log(`written to BENCHMARKS.md (sign-in-flood-${LABEL})`)
  }
} finally {
  await cleanUp()
}
