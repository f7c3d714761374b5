#!/usr/bin/env node
// Where the app server's CPU went during the load phase of the last run made with
// `node --import tsx bench/test-day.ts --cpu-prof`:
//   node --import tsx bench/profile-summary.ts
// Reads bench/results/profile/*.cpuprofile (V8) and bench/results/latest.json (the
// phase's time window), keeps the samples inside that window and sums self time by
// package or area and by function.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunReport } from './lib/report'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dir = join(ROOT, 'bench/results/profile')
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
if (!file) throw new Error(`no .cpuprofile in ${dir}: run bench/test-day.ts --cpu-prof first`)
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile
const report = JSON.parse(readFileSync(join(ROOT, 'bench/results/latest.json'), 'utf8')) as RunReport
const phase = report.phases.find((p) => p.name === 'App')
if (!phase) throw new Error('latest.json has no App phase')

/** The package or area a frame belongs to. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native / V8)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]!
  if (url.startsWith('node:')) return url.replace(/^node:internal\/|^node:/, 'node:').split('/').slice(0, 2).join('/')
  if (url.includes('/build/server/')) return 'app build (build/server/index.js)'
  return url
}

/** A coarser grouping of a frame: what the server was doing. */
function stage(fn: string, a: string): string {
  if (fn === 'writev' || fn === 'writeBuffer' || fn === 'writeUtf8String' || fn === 'writeLatin1String') {
    return 'socket writes (syscalls: loopback TCP to PostgreSQL and to the client)'
  }
  if (a === '(garbage collector)') return 'garbage collection'
  if (a === 'drizzle-orm') return 'Drizzle ORM (building SQL, mapping rows)'
  if (a === 'pg' || a === 'pg-protocol' || a === 'pg-pool' || a === 'pg-types') return 'node-postgres driver (protocol, parsing)'
  if (a === 'app build (build/server/index.js)') return 'app code (route action, use case, session, Zod)'
  if (a === 'zod') return 'app code (route action, use case, session, Zod)'
  if (
    a.startsWith('react-router') ||
    a.startsWith('@react-router') ||
    ['express', 'compression', 'morgan', 'body-parser', 'on-finished', 'finalhandler', 'send', 'serve-static', 'router'].includes(a) ||
    a.startsWith('node:deps/undici') ||
    a.startsWith('node:_http') ||
    a.startsWith('node:webstreams') ||
    a.startsWith('node:streams') ||
    a === 'node:net' ||
    a === 'node:stream_base_commons'
  ) {
    return 'HTTP and React Router request handling (Express, fetch Request/Response, body parsing, streams)'
  }
  if (a === '(idle)') return '(idle)'
  return 'other (Node internals: events, promises, async hooks, V8)'
}

const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
const selfByArea = new Map<string, number>()
const selfByFunction = new Map<string, number>()
const selfByStage = new Map<string, number>()
let inWindow = 0
let t = profile.startTime
for (let i = 0; i < profile.samples.length; i += 1) {
  const delta = profile.timeDeltas[i] ?? 0
  t += delta
  if (t < phase.window.startUs || t > phase.window.endUs) continue
  const node = byNode.get(profile.samples[i]!)
  if (!node) continue
  const { functionName, url, lineNumber } = node.callFrame
  const a = area(url, functionName)
  const us = delta
  inWindow += us
  selfByArea.set(a, (selfByArea.get(a) ?? 0) + us)
  const st = stage(functionName, a)
  selfByStage.set(st, (selfByStage.get(st) ?? 0) + us)
  const fn = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(ROOT, '.')}:${lineNumber + 1}` : ''}`
  selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + us)
}

const idle = selfByArea.get('(idle)') ?? 0
const busy = inWindow - idle
const ok = phase.summary.ok
console.log(`App phase: ${(inWindow / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s on the main thread not idle, ${ok} saves → ${(busy / 1000 / Math.max(1, ok)).toFixed(2)} ms per save\n`)
const table = (title: string, map: Map<string, number>, n: number) => {
  console.log(`| ${title} | ms per save | share of busy |`)
  console.log('|---|---:|---:|')
  for (const [key, us] of [...map].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`| ${key.replace(/\|/g, '\\|')} | ${(us / 1000 / Math.max(1, ok)).toFixed(2)} | ${((us / busy) * 100).toFixed(1)} % |`)
  }
  console.log('')
}
table('What the server did (self time)', selfByStage, 10)
table('Package or area (self time)', selfByArea, 20)
table('Function (self time)', selfByFunction, 30)
