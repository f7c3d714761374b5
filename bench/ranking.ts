// rankBatch on 10,000 candidates (issue 6, "Speed"), against a bare baseline in the same
// run: hashing each registration id (the same SHA-256 lot, and once with node:crypto) and
// one sort. Rounds alternate between the variants so a busy machine slows them alike; the
// figure is the median of each and their ratio.
//   node --import tsx bench/ranking.ts            # prints the table
//   node --import tsx bench/ranking.ts --write    # … and puts it into BENCHMARKS.md
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { seededRandom } from '../domain/randomDraw'
import { lotHash } from '../domain/lotHash'
import { rankBatch, type RankBatchInput, type RankingCandidate } from '../domain/ranking'
import { machineLine, median, writeBetweenMarkers } from './lib/benchMarkdown'

const N = Number(process.argv.find((a) => a.startsWith('--candidates='))?.split('=')[1] ?? 10_000)
const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 15)
const WRITE = process.argv.includes('--write')
const BATCH = '7b0c5a3e-1111-4a4a-9c9c-000000000001'

function candidates(n: number): RankingCandidate[] {
  const random = seededRandom('bench-ranking')
  const hex = (k: number) => Math.floor(random() * 16 ** k).toString(16).padStart(k, '0')
  // Scores in steps of 2.5 (written: 40 questions) and 1.25 (interview rubric): many ties.
  return Array.from({ length: n }, () => ({
    registrationId: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
    birthDate: `${1985 + Math.floor(random() * 20)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    // Those at the plenary passed the written test (60–100), but for a few without a result.
    writtenTest: random() < 0.01 ? null : 60 + Math.floor(random() * 17) * 2.5,
    interview: random() < 0.02 ? null : 20 + Math.floor(random() * 65) * 1.25,
    interviewAbsent: random() < 0.01,
  }))
}

const input: RankBatchInput = { batchId: BATCH, quota: 500, reserveCount: 50, passMark: 60, weights: { writtenTest: 60, interview: 40 }, candidates: candidates(N) }

// The bare minimum any ranking does: a hash per id and one sort by a precomputed key.
// Two separate functions (not one taking the hash as an argument) so neither call site
// is shared and slowed by the other.
const keyOf = (c: RankingCandidate) => 0.6 * (c.writtenTest ?? 0) + 0.4 * (c.interview ?? 0)
const byKeyThenLot = (a: { key: number; lot: string }, b: { key: number; lot: string }) => b.key - a.key || (a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0)

function baselineSameLot() {
  const keyed = input.candidates.map((c) => ({ id: c.registrationId, key: keyOf(c), lot: lotHash(BATCH, c.registrationId) }))
  return keyed.sort(byKeyThenLot)
}

function baselineNodeCrypto() {
  const keyed = input.candidates.map((c) => ({
    id: c.registrationId,
    key: keyOf(c),
    lot: createHash('sha256').update(`${BATCH}:${c.registrationId}`).digest('hex'),
  }))
  return keyed.sort(byKeyThenLot)
}

const variants = {
  rankBatch: () => rankBatch(input),
  'baseline (same SHA-256 lot + one sort)': baselineSameLot,
  'baseline (node:crypto SHA-256 + one sort)': baselineNodeCrypto,
}
type Name = keyof typeof variants
const names = Object.keys(variants) as Name[]
// Wall time, and this process's CPU time: on a shared machine the CPU time is the steadier figure.
const times = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<Name, number[]>
const cpu = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<Name, number[]>

// Two warm-up rounds (JIT), then the measured ones, alternating.
for (let round = 0; round < ROUNDS + 2; round++) {
  for (const name of names) {
    const started = performance.now()
    const cpu0 = process.cpuUsage()
    const result = variants[name]()
    const used = process.cpuUsage(cpu0)
    const ms = performance.now() - started
    if (result.length !== N) throw new Error(`${name} returned ${result.length} rows`)
    if (round >= 2) {
      times[name].push(ms)
      cpu[name].push((used.user + used.system) / 1000)
    }
  }
}

const m = Object.fromEntries(names.map((k) => [k, median(times[k])])) as Record<Name, number>
const mc = Object.fromEntries(names.map((k) => [k, median(cpu[k])])) as Record<Name, number>
const BASE: Name = 'baseline (same SHA-256 lot + one sort)'
const fmt = (ms: number) => `${ms.toFixed(1)} ms`
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)}: ${N.toLocaleString('en')} candidates (60/40 weights, quota 500, 50 reserves, written 60–100 in steps of 2.5, interview 20–100 in steps of 1.25 so ties are common, ~1 % absent and ~3 % without a score), ${ROUNDS} measured rounds after 2 warm-up rounds, variants alternating.`,
  '',
  `Machine: ${machineLine()}.`,
  '',
  '| variant | wall median (min–max) | CPU median | ÷ baseline, wall | ÷ baseline, CPU |',
  '|---|---:|---:|---:|---:|',
  ...names.map(
    (k) =>
      `| ${k === 'rankBatch' ? '**rankBatch**' : k} | ${fmt(m[k])} (${fmt(Math.min(...times[k]))}–${fmt(Math.max(...times[k]))}) | ${fmt(mc[k])} | ${(m[k] / m[BASE]).toFixed(2)}× | ${(mc[k] / mc[BASE]).toFixed(2)}× |`,
  ),
]
const markdown = lines.join('\n')
console.log(markdown)
if (WRITE) writeBetweenMarkers(fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url)), 'bench:ranking', markdown)
