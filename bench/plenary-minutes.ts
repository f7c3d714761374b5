// The plenary minutes for a batch of 1,000 ranked candidates (issue 6, "Speed"): the
// canonical payload and its SHA-256, the PDF (time, size, pages, and a pdftotext
// read-back that every registration number and the hash are in it) and the XLSX through
// the one spreadsheet writer. Each is timed several times after a warm-up; the figure is
// the median (wall and this process's CPU time: the machine is shared).
//   node --import tsx bench/plenary-minutes.ts            # prints the table
//   node --import tsx bench/plenary-minutes.ts --write    # … and puts it into BENCHMARKS.md
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seededRandom } from '../domain/randomDraw'
import { renderPlenaryMinutesPdf } from '../server/documents/plenaryMinutesPdf'
import type { PlenaryInputs } from '../server/plenary/loadPlenaryInputs'
import { renderPlenaryMinutesXlsx } from '../server/plenary/plenaryMinutesXlsx'
import { buildProposal, type OverrideView } from '../server/plenary/proposal'
import { buildFinalPayload, serialisePayload } from '../server/plenary/snapshotPayload'
import { machineLine, median, writeBetweenMarkers } from './lib/benchMarkdown'

const N = Number(process.argv.find((a) => a.startsWith('--candidates='))?.split('=')[1] ?? 1_000)
const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 5)
const WRITE = process.argv.includes('--write')
/** --keep=path.pdf keeps the PDF to look at. */
const KEEP = process.argv.find((a) => a.startsWith('--keep='))?.split('=')[1]
const BATCH = '7b0c5a3e-1111-4a4a-9c9c-000000000002'
const NAMES = ['Andi Saputra', 'Wa Ode Nurhaliza', 'Muh. Rizky Pratama', 'Sitti Aminah', 'La Ode Hamzah', 'Dewi Lestari', 'Nur Afni', 'Rahmat Hidayat']

const random = seededRandom('bench-minutes')
const hex = (k: number) => Math.floor(random() * 16 ** k).toString(16).padStart(k, '0')
const inputs: PlenaryInputs = {
  weights: { writtenTest: 60, interview: 40, selfAssessment: 0 },
  passMarkH: 6000,
  quota: 100,
  reserveCount: 20,
  candidates: Array.from({ length: N }, (_, i) => ({
    registrationId: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
    number: `KDI-DGR-2026.9-${String(i + 1).padStart(4, '0')}`,
    state: 'interviewed',
    fullName: `${NAMES[i % NAMES.length]} ${i + 1}`,
    birthDate: `${1985 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`,
    writtenTestH: 6000 + Math.floor(random() * 17) * 250,
    interviewH: 2000 + Math.floor(random() * 65) * 125,
    selfAssessmentH: null,
    interviewAbsent: i % 97 === 0,
    scorecards: 1 + (i % 2),
    pendingScorecards: 0,
  })),
}
const overrides = new Map<string, OverrideView>(
  inputs.candidates.slice(0, 10).map((c) => [
    c.registrationId,
    { outcome: 'not_passed', reason: 'Menyatakan tidak dapat mengikuti pelatihan penuh (surat pernyataan).', decidedBy: null, decidedByName: 'Panitia Seleksi Andi', decidedAt: new Date('2026-12-02T02:30:00Z') },
  ]),
)
const attendees = ['Ketua', 'Sekretaris', 'Anggota', 'Anggota', 'Anggota'].map((role, i) => ({ userId: null, name: `Anggota Panitia ${i + 1}`, role }))

function payload() {
  const rows = buildProposal(BATCH, inputs, overrides)
  return buildFinalPayload({
    institution: { code: 'KDI', name: 'BPVP Kendari', timeZone: 'Asia/Makassar' },
    programme: { code: 'DGR', name: 'Desain Grafis Muda' },
    batch: { id: BATCH, year: 2026, number: 9 },
    plenary: { id: '00000000-0000-4000-8000-000000000009', minutesNumber: 'BA-PLENO/KDI/2026/DGR-9', place: 'Aula BPVP Kendari', heldOn: new Date('2026-12-02T02:00:00Z'), attendees },
    weights: inputs.weights,
    passMarkH: inputs.passMarkH,
    quota: inputs.quota,
    reserveCount: inputs.reserveCount,
    rows,
    decidedAt: new Date('2026-12-02T03:00:00Z'),
    decidedBy: 'Panitia Seleksi Andi',
  })
}

async function timed<T>(f: () => Promise<T> | T): Promise<{ wall: number; cpu: number; value: T }> {
  const started = performance.now()
  const cpu0 = process.cpuUsage()
  const value = await f()
  const used = process.cpuUsage(cpu0)
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000, value }
}

async function measure<T>(f: () => Promise<T> | T) {
  await f() // warm-up: fonts, JIT
  const runs = []
  for (let i = 0; i < ROUNDS; i++) runs.push(await timed(f))
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), value: runs.at(-1)!.value }
}

const build = await measure(() => serialisePayload(payload()))
const { text, hash } = build.value
const minutes = {
  payload: payload(),
  hash,
  version: 1,
  createdAt: new Date('2026-12-02T03:00:00Z'),
  institutionAddress: 'Jl. Brigjen Z.A. Sugianto No. 193, Kambu, Kota Kendari, Sulawesi Tenggara',
  verificationUrl: `https://latih.example/verifikasi/pleno/${hash}`,
  filename: 'berita-acara-pleno-dgr-9-2026-v1',
}
const pdf = await measure(() => renderPlenaryMinutesPdf({ payload: minutes.payload, hash, institutionAddress: minutes.institutionAddress, verificationUrl: minutes.verificationUrl }))
const xlsx = await measure(() => renderPlenaryMinutesXlsx(minutes, 'Panitia Seleksi Andi', new Date('2026-12-02T03:00:00Z')))

// Read the PDF back: every registration number and the hash must be in it.
const dir = mkdtempSync(join(tmpdir(), 'bench-minutes-'))
const file = join(dir, 'minutes.pdf')
writeFileSync(file, pdf.value)
if (KEEP) writeFileSync(KEEP, pdf.value)
const read = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })
const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
rmSync(dir, { recursive: true, force: true })
const found = inputs.candidates.filter((c) => read.includes(c.number)).length
const hashFound = read.replace(/\s+/g, '').includes(hash)
if (found !== N || !hashFound) {
  console.error(`read-back failed: ${found} of ${N} registration numbers, hash ${hashFound ? 'found' : 'missing'}`)
  process.exitCode = 1
}

const kb = (n: number) => `${Math.round(n / 1024).toLocaleString('en')} KB`
const ms = (n: number) => `${Math.round(n).toLocaleString('en')} ms`
const markdown = [
  `Measured ${new Date().toISOString().slice(0, 10)}: ${N.toLocaleString('en')} ranked candidates (10 overrides with reasons, 5 attendees), median of ${ROUNDS} runs after a warm-up, in one process.`,
  '',
  `Machine: ${machineLine()}.`,
  '',
  '| what | wall (median) | CPU (median) | size | read-back |',
  '|---|---:|---:|---:|---|',
  `| Proposal + canonical payload + SHA-256 | ${ms(build.wall)} | ${ms(build.cpu)} | ${kb(Buffer.byteLength(text))} (JSON) | |`,
  `| **Minutes PDF** (A4 landscape) | **${ms(pdf.wall)}** | ${ms(pdf.cpu)} | **${kb(pdf.value.length)}**, ${pages} pages | pdftotext: ${found.toLocaleString('en')} of ${N.toLocaleString('en')} registration numbers, hash ${hashFound ? 'present' : 'MISSING'} |`,
  `| Minutes XLSX (through the writer) | ${ms(xlsx.wall)} | ${ms(xlsx.cpu)} | ${kb(xlsx.value.length)} | |`,
].join('\n')
console.log(markdown)
if (WRITE) writeBetweenMarkers(fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url)), 'bench:plenary-minutes', markdown)
