#!/usr/bin/env node
// The production server: `node server/http/start.mjs [build/server/index.js]`.
// The server itself is TypeScript compiled into the React Router build (exported by
// app/entry.server.tsx), so production runs without a TypeScript loader; this file
// only loads the build and hands it over. Started directly with node so signals reach it.
//
// LATIH_PROCESSES=N (default 1; `auto` = one per CPU core) runs N processes with node's
// cluster module, sharing PORT (decision 026): this process forks them, starts again one
// that crashes, and on SIGTERM/SIGINT stops them all and exits when they have.
import cluster from 'node:cluster'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

process.env.NODE_ENV ??= 'production'
const serverEntry = resolve(process.argv[2] ?? 'build/server/index.js')

/** LATIH_PROCESSES: a whole number from 1 to 64, or `auto`; anything else stops the start. */
function processCount(value) {
  if (value === undefined || value.trim() === '') return 1
  if (value.trim() === 'auto') return Math.max(1, availableParallelism())
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    console.error(`[latih] Invalid configuration:\n  - LATIH_PROCESSES: a number of processes from 1 to 64, or auto (one per CPU core); not "${value}"`)
    process.exit(1)
  }
  return n
}

async function serve() {
  const build = await import(pathToFileURL(serverEntry).href)
  const startHttpServer = build.entry?.module?.startHttpServer
  if (typeof startHttpServer !== 'function') {
    console.error(`[latih] ${serverEntry} is not a Latih server build (no startHttpServer in its entry module); run the build first`)
    process.exit(1)
  }
  await startHttpServer({ build, clientDir: resolve(serverEntry, '../../client') })
}

/** A worker that dies sooner than this after it started listening counts as a crash loop. */
const STEADY_MS = 30_000
/** How long the workers get to finish their requests and jobs on SIGTERM. */
const STOP_GRACE_MS = 30_000

function runPrimary(count) {
  if (!process.env.DATABASE_URL) {
    console.error(
      `[latih] LATIH_PROCESSES=${process.env.LATIH_PROCESSES}: several processes need PostgreSQL (DATABASE_URL). ` +
        'The embedded database (PGlite) belongs to one process: its files cannot be shared. ' +
        'Set DATABASE_URL, or leave LATIH_PROCESSES unset (README "Several processes").',
    )
    process.exit(1)
  }
  console.log(`[latih] starting ${count} processes on one port (LATIH_PROCESSES=${process.env.LATIH_PROCESSES})`)
  let stopping = false
  let listening = 0
  /** worker id → { index, listeningSince } */
  const slots = new Map()
  /** Restarts in a row of each slot that crashed before it was steady, for the back-off. */
  const quickCrashes = new Array(count).fill(0)

  const fork = (index) => {
    const worker = cluster.fork({ LATIH_WORKER_INDEX: String(index) })
    slots.set(worker.id, { index, listeningSince: 0 })
    worker.on('listening', () => {
      const slot = slots.get(worker.id)
      if (slot.listeningSince === 0 && ++listening === count) console.log(`[latih] all ${count} processes listening`)
      slot.listeningSince = Date.now()
    })
  }

  cluster.on('exit', (worker, code, signal) => {
    const slot = slots.get(worker.id)
    slots.delete(worker.id)
    if (stopping) {
      if (slots.size === 0) process.exit(exitCode)
      return
    }
    if (!slot) return
    if (slot.listeningSince === 0) {
      // It never served a request: a configuration error or an unreachable database. Starting
      // it again would fail the same way; stop everything and let the service manager report it.
      console.error(`[latih] process ${slot.index} exited before it listened (${signal ?? `code ${code}`}); stopping all processes`)
      shutDown(1)
      return
    }
    listening--
    const steady = Date.now() - slot.listeningSince >= STEADY_MS
    quickCrashes[slot.index] = steady ? 0 : quickCrashes[slot.index] + 1
    const delay = Math.min(30_000, 1000 * 2 ** Math.max(0, quickCrashes[slot.index] - 1))
    console.error(`[latih] process ${slot.index} (pid ${worker.process.pid}) ended (${signal ?? `code ${code}`}); starting it again in ${delay / 1000} s`)
    setTimeout(() => {
      if (!stopping) fork(slot.index)
    }, delay).unref()
  })

  let exitCode = 0
  const shutDown = (code) => {
    exitCode = code
    if (stopping) return
    stopping = true
    if (slots.size === 0) process.exit(exitCode)
    // Each process stops its HTTP server and job workers and closes its pool (server/runtime.ts).
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    setTimeout(() => {
      console.error(`[latih] processes still running after ${STOP_GRACE_MS / 1000} s; killing them`)
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exit(exitCode || 1)
    }, STOP_GRACE_MS).unref()
  }
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => shutDown(0))
  for (let i = 0; i < count; i++) fork(i)
}

const count = processCount(process.env.LATIH_PROCESSES)
if (count > 1 && cluster.isPrimary) runPrimary(count)
else await serve()
