#!/usr/bin/env node
// `npm test`: the one command that runs every test, on a fresh Debian 12 machine too.
//   setup      npm ci when node_modules is missing or stale; Chromium, poppler-utils and
//              PostgreSQL 15 from Debian when missing (as root)
//   typecheck  react-router typegen && tsc --noEmit
//   lint       eslint . --max-warnings=0
//   vitest     unit + integration tests (integration on PGlite)
//   postgres   integration tests again on a throwaway PostgreSQL 15 cluster
//   build      react-router build (the production build the journeys run against)
//   e2e        Playwright journeys in Debian's Chromium at phone size
// Stops at the first failing step. Ends with one line "N passed, M failed" counting the
// tests of every vitest and Playwright run (a step that fails without a failing test,
// e.g. a type error, counts as one failure).
// Options: --skip-e2e   leave out the journeys
//          --only=a,b   run only these steps (setup always runs; e2e brings build along)
// Uses Node built-ins only: it runs before node_modules exists.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
process.chdir(ROOT)
const REPORTS = 'tests/.artifacts/reports'
const bin = (name) => join('node_modules', '.bin', name)

const STEP_NAMES = ['setup', 'typecheck', 'lint', 'vitest', 'postgres', 'build', 'e2e']

// ---------------------------------------------------------------- options
let only
let skipE2e = false
for (const arg of process.argv.slice(2)) {
  if (arg === '--skip-e2e') skipE2e = true
  else if (arg.startsWith('--only=')) only = new Set(arg.slice('--only='.length).split(',').filter(Boolean))
  else if (arg === '--help' || arg === '-h') {
    console.log(`usage: npm test -- [--skip-e2e] [--only=${STEP_NAMES.slice(1).join(',')}]`)
    process.exit(0)
  } else {
    console.error(`Unknown option ${arg}. Usage: npm test -- [--skip-e2e] [--only=step,…]`)
    process.exit(2)
  }
}
if (only) {
  const unknown = [...only].filter((s) => !STEP_NAMES.includes(s))
  if (unknown.length) {
    console.error(`Unknown step(s) ${unknown.join(', ')}; steps are: ${STEP_NAMES.join(', ')}`)
    process.exit(2)
  }
  if (only.has('e2e')) only.add('build')
}
const selected = (name) => name === 'setup' || ((!only || only.has(name)) && !(skipE2e && name === 'e2e'))

// ---------------------------------------------------------------- running commands
function run(cmd, args, env = {}) {
  console.log(`$ ${[cmd, ...args].join(' ')}`)
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.error) console.error(`could not start ${cmd}: ${result.error.message}`)
  return result.status ?? 1
}

/** Run commands in order; the first non-zero exit status ends the step. */
function runAll(commands) {
  for (const [cmd, args, env] of commands) {
    const status = run(cmd, args, env)
    if (status !== 0) return status
  }
  return 0
}

// ---------------------------------------------------------------- setup
function npmInstallNeeded() {
  const marker = 'node_modules/.package-lock.json'
  if (!existsSync(marker)) return 'node_modules is missing'
  if (statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs) return 'package-lock.json is newer than node_modules'
  return null
}

function setup() {
  const why = npmInstallNeeded()
  if (why) {
    console.log(`${why}: installing dependencies`)
    const status = run('npm', ['ci', '--no-audit', '--no-fund'])
    if (status !== 0) return status
  } else {
    console.log('node_modules is up to date with package-lock.json')
  }

  const packages = []
  if (!existsSync('/usr/bin/chromium')) packages.push('chromium')
  if (!existsSync('/usr/bin/pdftotext')) packages.push('poppler-utils')
  const needPostgres = !existsSync('/usr/lib/postgresql/15/bin/initdb')
  if (packages.length === 0 && !needPostgres) {
    console.log('chromium, pdftotext and PostgreSQL 15 are installed')
    return 0
  }
  const missing = [...packages, ...(needPostgres ? ['postgresql-15'] : [])]
  if (process.getuid?.() !== 0) {
    console.error(`Missing system packages: ${missing.join(', ')}. Install them as root: apt-get install -y ${missing.join(' ')}`)
    return 1
  }
  console.log(`Installing Debian packages: ${missing.join(', ')}`)
  const aptEnv = { DEBIAN_FRONTEND: 'noninteractive' }
  let status = run('apt-get', ['update'], aptEnv)
  if (status !== 0) return status
  if (packages.length) {
    status = run('apt-get', ['install', '-y', ...packages], aptEnv)
    if (status !== 0) return status
  }
  if (needPostgres) {
    // Debian 12 ships PostgreSQL 15 as postgresql-15; "postgresql" is the same there.
    status = run('apt-get', ['install', '-y', 'postgresql-15'], aptEnv)
    if (status !== 0) status = run('apt-get', ['install', '-y', 'postgresql'], aptEnv)
    if (status !== 0) return status
    if (!existsSync('/usr/lib/postgresql/15/bin/initdb')) {
      console.error('PostgreSQL was installed, but not version 15 (/usr/lib/postgresql/15/bin/initdb is missing).')
      return 1
    }
  }
  return 0
}

// ---------------------------------------------------------------- test reports
/** Counts from a vitest JSON report, or null when the run wrote none. */
function vitestCounts(file) {
  if (!existsSync(file)) return null
  const r = JSON.parse(readFileSync(file, 'utf8'))
  return {
    passed: r.numPassedTests ?? 0,
    // A test file that cannot load fails no single test; count each such file.
    failed: (r.numFailedTests ?? 0) || (r.numFailedTestSuites ?? 0),
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  }
}

function playwrightCounts(file) {
  if (!existsSync(file)) return null
  const { stats } = JSON.parse(readFileSync(file, 'utf8'))
  if (stats.flaky) console.log(`note: ${stats.flaky} journey(s) passed only on retry (flaky)`)
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 }
}

function withReport(file, command, counter) {
  return () => {
    mkdirSync(REPORTS, { recursive: true })
    rmSync(file, { force: true })
    const status = runAll(command)
    return { status, counts: counter(file) }
  }
}

/** A free TCP port on 127.0.0.1, so the throwaway cluster never collides with another run's. */
async function freePort() {
  const server = createServer()
  await new Promise((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address()
  await new Promise((done) => server.close(done))
  return String(port)
}
const pgPort = process.env.PG_TEST_PORT ?? (await freePort())

const vitestReporters = (file) => ['--reporter=default', '--reporter=json', `--outputFile.json=${file}`]
const withoutPostgres = { TEST_DATABASE_URL: '' }

// ---------------------------------------------------------------- steps
const STEPS = [
  { name: 'setup', title: 'dependencies and system packages', run: setup },
  {
    name: 'typecheck',
    title: 'react-router typegen && tsc --noEmit',
    run: () => runAll([[bin('react-router'), ['typegen']], [bin('tsc'), ['--noEmit']]]),
  },
  { name: 'lint', title: 'eslint . --max-warnings=0', run: () => runAll([[bin('eslint'), ['.', '--max-warnings=0']]]) },
  {
    name: 'vitest',
    title: 'vitest run (unit, and integration on PGlite)',
    run: withReport(
      `${REPORTS}/vitest.json`,
      [[bin('vitest'), ['run', ...vitestReporters(`${REPORTS}/vitest.json`)], withoutPostgres]],
      vitestCounts,
    ),
  },
  {
    name: 'postgres',
    title: 'integration tests on PostgreSQL 15',
    run: withReport(
      `${REPORTS}/vitest-postgres.json`,
      [
        [
          'node',
          [
            'scripts/with-postgres.mjs',
            'vitest',
            'run',
            '--project',
            'integration',
            ...vitestReporters(`${REPORTS}/vitest-postgres.json`),
          ],
          { PG_TEST_PORT: pgPort },
        ],
      ],
      vitestCounts,
    ),
  },
  { name: 'build', title: 'react-router build', run: () => runAll([[bin('react-router'), ['build']]]) },
  {
    name: 'e2e',
    title: 'Playwright journeys (Chromium, phone size)',
    run: withReport(`${REPORTS}/playwright.json`, [[bin('playwright'), ['test']]], playwrightCounts),
  },
]

// ---------------------------------------------------------------- main
const toRun = STEPS.filter((s) => selected(s.name))
const results = []
let total = { passed: 0, failed: 0, skipped: 0 }
let failedStep

const started = Date.now()
for (const [index, step] of toRun.entries()) {
  console.log(`\n${'='.repeat(8)} [${index + 1}/${toRun.length}] ${step.name}: ${step.title} ${'='.repeat(8)}`)
  const t0 = Date.now()
  let outcome
  try {
    outcome = step.run()
  } catch (error) {
    console.error(error)
    outcome = 1
  }
  const { status, counts } = typeof outcome === 'number' ? { status: outcome, counts: null } : outcome
  const seconds = (Date.now() - t0) / 1000
  const result = { step, status, counts, seconds }
  results.push(result)
  if (counts) {
    total.passed += counts.passed
    total.failed += counts.failed
    total.skipped += counts.skipped
  }
  if (status !== 0) {
    // A failing step with no failing test (type error, lint error, crash) still counts.
    if (!counts || counts.failed === 0) total.failed += 1
    failedStep = step
    break
  }
}

console.log(`\n${'='.repeat(8)} summary ${'='.repeat(8)}`)
for (const step of STEPS) {
  const r = results.find((x) => x.step === step)
  const name = step.name.padEnd(10)
  if (!r) {
    const why = !selected(step.name) ? 'skipped' : 'not run (an earlier step failed)'
    console.log(`  -    ${name}          ${why}`)
    continue
  }
  const time = `${r.seconds.toFixed(1).padStart(6)} s`
  const tests = r.counts
    ? `  ${r.counts.passed} passed, ${r.counts.failed} failed${r.counts.skipped ? `, ${r.counts.skipped} skipped` : ''}`
    : ''
  console.log(`  ${(r.status === 0 ? 'ok' : 'FAIL').padEnd(4)} ${name} ${time}${tests}`)
}
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s${failedStep ? `; stopped at ${failedStep.name}` : ''}`)
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`)
process.exit(failedStep ? 1 : 0)
