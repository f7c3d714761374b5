import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { Summary } from './load'
import type { CpuUse } from './procstat'

// The figures of one run as Markdown, and their place in BENCHMARKS.md (between two
// markers, so the hand-written interpretation around them stays as it is).

export interface Verification {
  table: string
  /** Saves the server confirmed. */
  confirmed: number
  /** Rows of the benchmark's attempts found in the table. */
  rows: number
  /** Confirmed saves found with the answer that was sent. */
  matching: number
  /** Confirmed saves not found. */
  missing: number
  /** Confirmed saves found with another answer. */
  wrong: number
  /** Rows for saves the server did not confirm (e.g. a timed-out request that still committed). */
  unconfirmed: number
  attempts: number
  /** Attempts holding all their answers. */
  attemptsComplete: number
  /** App only: audit rows 'assessment.answer' (one per save). */
  auditRows?: number
  /** App only: attempts submitted meanwhile (should be 0: none ran out of time). */
  submitted?: number
}

export interface Statement {
  calls: number
  totalMs: number
  meanMs: number
  query: string
}

export interface PhaseReport {
  name: string
  summary: Summary
  verification: Verification
  cpu: CpuUse
  memoryMiB: { idle: number; peak: number; end: number }
  statements: Statement[]
  db: { calls: number; totalMs: number }
  loadAverage: { before: string; after: string }
  errorSamples: string[]
  /** The phase on the monotonic clock (µs), to cut a CPU profile to it. */
  window: { startUs: number; endUs: number }
}

export interface RunReport {
  date: string
  command: string
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; postgres: string; kernel: string }
  settings: { candidates: number; questionsPerCandidate: number; pool: number; timeLimitS: number; thinkMs: number; pgSettings: string[] }
  setup: { bootS: number; candidatesS: number; jobsDrainedS: number }
  loadAverageAtStart: string
  phases: PhaseReport[]
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–')
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–')
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–')

function errorsText(s: Summary): string {
  if (s.errorCount === 0) return '0'
  return `${f0(s.errorCount)} (${Object.entries(s.errors).map(([k, v]) => `${k}: ${v}`).join(', ')})`
}

function verificationText(v: Verification): string {
  const ok = v.missing === 0 && v.wrong === 0 && v.matching === v.confirmed
  const parts = [
    `${f0(v.matching)} of ${f0(v.confirmed)} confirmed saves found in \`${v.table}\` with the answer sent`,
    `${f0(v.missing)} missing, ${f0(v.wrong)} with another answer, ${f0(v.unconfirmed)} rows for unconfirmed requests`,
    `${f0(v.attemptsComplete)} of ${f0(v.attempts)} attempts hold all their answers`,
  ]
  if (v.auditRows !== undefined) parts.push(`${f0(v.auditRows)} audit rows \`assessment.answer\``)
  if (v.submitted !== undefined) parts.push(`${f0(v.submitted)} attempts submitted meanwhile`)
  return `${ok ? '**OK**' : '**FAILED**'}: ${parts.join('; ')}.`
}

/**
 * The machine is shared: what the measured CPU cost per save allows when the server,
 * PostgreSQL and the load generator have it to themselves (the server's JavaScript runs
 * on one core; all three share all cores). An estimate, not a measurement.
 */
export function estimatedCeiling(p: PhaseReport, cpus: number): number {
  const per = (cpu: number) => cpu / Math.max(1, p.summary.ok)
  return Math.min(1 / per(p.cpu.server), cpus / per(p.cpu.server + p.cpu.postgres + p.cpu.client))
}

export function renderResults(r: RunReport): string {
  const [app, base] = r.phases
  const lines: string[] = []
  const m = r.machine
  lines.push(`Run of ${r.date} (UTC), \`${r.command}\`.`)
  lines.push('')
  lines.push(
    `Machine: ${m.cpus} vCPU (${m.cpuModel}), ${f1(m.memoryGiB)} GiB RAM, Linux ${m.kernel}, Node ${m.node}, ${m.postgres}. ` +
      `Load generator, app server and PostgreSQL all on this one machine. ` +
      `Load average (1/5/15 min) at the start: ${r.loadAverageAtStart}.`,
  )
  lines.push('')
  lines.push(
    `Settings: ${f0(r.settings.candidates)} concurrent candidates × ${r.settings.questionsPerCandidate} saves each ` +
      `(${f0(r.settings.candidates * r.settings.questionsPerCandidate)} requests per phase), one keep-alive connection per candidate, ` +
      `${r.settings.thinkMs > 0 ? `a random pause of ${f0(r.settings.thinkMs)} ms on average between a candidate's saves` : 'each save sent as soon as the previous one is confirmed (no think time)'}; pool of ${r.settings.pool} PostgreSQL connections in the app and in the baseline; hard limit ${r.settings.timeLimitS} s per phase. ` +
      `PostgreSQL: ${r.settings.pgSettings.filter((s) => !s.startsWith('listen') && !s.startsWith('shared_preload')).join(', ')}. ` +
      `Set-up: server boot (migrations, regions, demo seed) ${f0(r.setup.bootS)} s, ${f0(r.settings.candidates)} candidates with started attempts ${f0(r.setup.candidatesS)} s, ` +
      `their registration mails sent by the job worker ${f0(r.setup.jobsDrainedS)} s.`,
  )
  lines.push('')
  if (app && base) {
    const row = (label: string, a: string, b: string, ratio = '') => `| ${label} | ${a} | ${b} | ${ratio} |`
    const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? `${f2(a / b)}×` : '')
    const sa = app.summary
    const sb = base.summary
    lines.push('| | App (`POST /asesmen/simpan`, production build) | Bare baseline (node:http + one INSERT) | App / baseline |')
    lines.push('|---|---:|---:|---:|')
    lines.push(row('Saves confirmed', `${f0(sa.ok)} of ${f0(sa.planned)}`, `${f0(sb.ok)} of ${f0(sb.planned)}`))
    lines.push(row('Wall time', `${f1(sa.durationS)} s`, `${f1(sb.durationS)} s`, ratio(sa.durationS, sb.durationS)))
    lines.push(row('**Saves per second**', `**${f0(sa.savesPerSecond)}**`, `**${f0(sb.savesPerSecond)}**`, ratio(sa.savesPerSecond, sb.savesPerSecond)))
    lines.push(
      row(
        'Saves per second in each whole second after the first confirmed save (min / median / max)',
        `${f0(sa.perSecond.min)} / ${f0(sa.perSecond.median)} / ${f0(sa.perSecond.max)}`,
        `${f0(sb.perSecond.min)} / ${f0(sb.perSecond.median)} / ${f0(sb.perSecond.max)}`,
      ),
    )
    lines.push(row('First save confirmed after', `${f1(sa.firstOkS)} s`, `${f1(sb.firstOkS)} s`))
    lines.push(row('Latency mean', `${f0(sa.latencyMs.mean)} ms`, `${f0(sb.latencyMs.mean)} ms`, ratio(sa.latencyMs.mean, sb.latencyMs.mean)))
    lines.push(row('**Latency p50**', `**${f0(sa.latencyMs.p50)} ms**`, `**${f0(sb.latencyMs.p50)} ms**`, ratio(sa.latencyMs.p50, sb.latencyMs.p50)))
    lines.push(row('**Latency p95**', `**${f0(sa.latencyMs.p95)} ms**`, `**${f0(sb.latencyMs.p95)} ms**`, ratio(sa.latencyMs.p95, sb.latencyMs.p95)))
    lines.push(row('**Latency p99**', `**${f0(sa.latencyMs.p99)} ms**`, `**${f0(sb.latencyMs.p99)} ms**`, ratio(sa.latencyMs.p99, sb.latencyMs.p99)))
    lines.push(row('Latency max', `${f0(sa.latencyMs.max)} ms`, `${f0(sb.latencyMs.max)} ms`))
    lines.push(row('**Errors**', errorsText(sa), errorsText(sb)))
    lines.push(row('Stopped by the time limit', sa.stoppedByTimeLimit ? 'yes' : 'no', sb.stoppedByTimeLimit ? 'yes' : 'no'))
    lines.push(
      row(
        'SQL statements per save (incl. BEGIN/COMMIT)',
        f1(app.db.calls / Math.max(1, sa.ok)),
        f1(base.db.calls / Math.max(1, sb.ok)),
      ),
    )
    lines.push(
      row(
        'PostgreSQL execution time per save',
        `${f2(app.db.totalMs / Math.max(1, sa.ok))} ms`,
        `${f2(base.db.totalMs / Math.max(1, sb.ok))} ms`,
      ),
    )
    const cpuPer = (cpu: number, ok: number) => `${f2((cpu * 1000) / Math.max(1, ok))} ms`
    lines.push(row('CPU per save: server process', cpuPer(app.cpu.server, sa.ok), cpuPer(base.cpu.server, sb.ok), ratio(app.cpu.server / Math.max(1, sa.ok), base.cpu.server / Math.max(1, sb.ok))))
    lines.push(row('CPU per save: PostgreSQL (all backends)', cpuPer(app.cpu.postgres, sa.ok), cpuPer(base.cpu.postgres, sb.ok), ratio(app.cpu.postgres / Math.max(1, sa.ok), base.cpu.postgres / Math.max(1, sb.ok))))
    lines.push(row('CPU per save: load generator', cpuPer(app.cpu.client, sa.ok), cpuPer(base.cpu.client, sb.ok)))
    lines.push(
      row(
        'CPU over the phase: server / PostgreSQL / load generator / other processes',
        `${f1(app.cpu.server)} / ${f1(app.cpu.postgres)} / ${f1(app.cpu.client)} / ${f1(app.cpu.other)} s`,
        `${f1(base.cpu.server)} / ${f1(base.cpu.postgres)} / ${f1(base.cpu.client)} / ${f1(base.cpu.other)} s`,
      ),
    )
    const ceiling = (p: PhaseReport) => estimatedCeiling(p, r.machine.cpus)
    lines.push(
      row(
        'Estimated ceiling on an otherwise idle machine (CPU-bound estimate, not measured)',
        `≈ ${f0(ceiling(app))} saves/s`,
        `≈ ${f0(ceiling(base))} saves/s`,
        ratio(ceiling(app), ceiling(base)),
      ),
    )
    lines.push(row('Machine busy (both cores)', `${f0(app.cpu.machineBusy * 100)} %`, `${f0(base.cpu.machineBusy * 100)} %`))
    lines.push(
      row(
        'Server RSS: idle before / peak during / at the end',
        `${f0(app.memoryMiB.idle)} / ${f0(app.memoryMiB.peak)} / ${f0(app.memoryMiB.end)} MiB`,
        `${f0(base.memoryMiB.idle)} / ${f0(base.memoryMiB.peak)} / ${f0(base.memoryMiB.end)} MiB`,
      ),
    )
    lines.push(row('Load average before → after', `${app.loadAverage.before} → ${app.loadAverage.after}`, `${base.loadAverage.before} → ${base.loadAverage.after}`))
    lines.push('')
  }
  lines.push('Every save in the database afterwards:')
  lines.push('')
  for (const p of r.phases) lines.push(`- ${p.name}: ${verificationText(p.verification)}`)
  lines.push('')
  if (app) {
    lines.push(`Where PostgreSQL spent its time during the app phase (pg_stat_statements, top ${app.statements.length} by total time):`)
    lines.push('')
    lines.push('| Calls | Total ms | Mean ms | Statement |')
    lines.push('|---:|---:|---:|---|')
    for (const s of app.statements) {
      lines.push(`| ${f0(s.calls)} | ${f0(s.totalMs)} | ${f2(s.meanMs)} | \`${s.query.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`)
    }
    lines.push('')
  }
  const samples = r.phases.flatMap((p) => p.errorSamples.map((s) => `${p.name}: ${s}`))
  if (samples.length > 0) {
    lines.push('Error samples:')
    lines.push('')
    for (const s of samples) lines.push(`- \`${s.replace(/`/g, "'")}\``)
    lines.push('')
  }
  return lines.join('\n')
}

/** One line of the history table: the headline figures of a run and how busy the machine was. */
export function historyRow(r: RunReport): string {
  const [app, base] = r.phases
  if (!app || !base) return ''
  const share = (p: PhaseReport) => {
    const all = p.cpu.server + p.cpu.postgres + p.cpu.client + p.cpu.other
    return all > 0 ? `${f0((p.cpu.other / all) * 100)} %` : '–'
  }
  const lat = (s: Summary) => `${f0(s.latencyMs.p50)} / ${f0(s.latencyMs.p95)} / ${f0(s.latencyMs.p99)}`
  const verified = r.phases.every((p) => p.verification.missing === 0 && p.verification.wrong === 0 && p.verification.matching === p.verification.confirmed)
  return (
    `| ${r.date} | ${f0(r.settings.candidates)} × ${r.settings.questionsPerCandidate}${r.settings.thinkMs > 0 ? `, think ${f0(r.settings.thinkMs)} ms` : ''} | ${r.loadAverageAtStart} ` +
    `| ${f0(app.summary.savesPerSecond)} | ${lat(app.summary)} | ${f0(app.summary.errorCount)} | ${share(app)} | ≈ ${f0(estimatedCeiling(app, r.machine.cpus))} ` +
    `| ${f0(base.summary.savesPerSecond)} | ${lat(base.summary)} | ${f0(base.summary.errorCount)} | ${share(base)} | ≈ ${f0(estimatedCeiling(base, r.machine.cpus))} ` +
    `| ${verified ? 'all found' : 'MISSING'} |`
  )
}

const HISTORY_HEADER = [
  '| Run (UTC) | Candidates × saves | Load average at start | App saves/s | App p50 / p95 / p99 ms | App errors | CPU taken by other processes (app phase) | App ceiling, idle machine (estimate) | Baseline saves/s | Baseline p50 / p95 / p99 ms | Baseline errors | CPU taken by other processes (baseline phase) | Baseline ceiling, idle machine (estimate) | Saves in the database |',
  '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
].join('\n')

/** Adds a run to the history table between its markers (created when missing). */
export function appendHistory(file: string, row: string): void {
  const startMarker = '<!-- bench:test-day-history:start (one row per bench/test-day.ts --write) -->'
  const endMarker = '<!-- bench:test-day-history:end -->'
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const start = current.indexOf(startMarker)
  const end = current.indexOf(endMarker)
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, end).trimEnd()}\n${row}\n${current.slice(end)}`
      : `${current.trimEnd()}\n\n${startMarker}\n${HISTORY_HEADER}\n${row}\n${endMarker}\n`
  writeFileSync(file, next)
}

/**
 * Puts the figures between the markers of BENCHMARKS.md (appends them when missing).
 * `section` keeps runs of different kinds apart (e.g. 'test-day' and 'test-day-think-10000').
 */
export function writeResults(file: string, section: string, markdown: string): void {
  const startMarker = `<!-- bench:${section}:start (written by bench/test-day.ts --write) -->`
  const endMarker = `<!-- bench:${section}:end -->`
  const block = `${startMarker}\n${markdown}\n${endMarker}`
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const start = current.indexOf(startMarker)
  const end = current.indexOf(endMarker)
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + block + current.slice(end + endMarker.length)
      : `${current.trimEnd()}\n\n${block}\n`
  writeFileSync(file, next)
}
