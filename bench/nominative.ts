// SOP step 11 (issue 7): time and peak memory of
//   - the nominative list of 1,000 re-registered participants as PDF and as XLSX
//     (read from PGlite with the full NIK decrypted and the export audited, then rendered);
//   - the participants' files of 250 and of 1,000 participants as one ZIP (three files
//     each, read from local storage one at a time and streamed to a counting sink):
//     the peak memory must not grow with the number of participants.
// Each variant runs in its own process, so its peak RSS is its own; setup (database,
// candidates, files) is not timed.
//   node --import tsx bench/nominative.ts            # prints the table
//   node --import tsx bench/nominative.ts --write    # … and puts it into BENCHMARKS.md
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'

const SELF = fileURLToPath(import.meta.url)
const FILE_BYTES = 80 * 1024

type Result = { variant: string; ms: number; maxRssMb: number; bytes?: number; note?: string }

function sink(): { out: Writable; bytes: () => number } {
  let n = 0
  const out = new Writable({
    write(chunk: Buffer, _e, done) {
      n += chunk.length
      // A slow reader: the archive must wait for it rather than buffer ahead.
      setImmediate(done)
    },
  })
  return { out, bytes: () => n }
}

async function world(participants: number, withFiles: boolean) {
  const { openPglite, migrateDatabase } = await import('../server/db/client')
  const { createBatch, createCandidate, createInstitution, createProgramme, createStaff } = await import('../server/db/factories')
  const { registration, candidateDocument } = await import('../server/db/schema')
  const { createLocalStorage } = await import('../server/storage')
  const { loadActor } = await import('../server/auth/sessions')
  const database = await openPglite(undefined)
  await migrateDatabase(database)
  const db = database.db
  const inst = await createInstitution(db, { code: 'BEN', name: 'BPVP Bench' })
  const programme = await createProgramme(db, { institutionId: inst.id, code: 'LAS', name: 'Pengelasan SMAW', minEducation: 'SMP' })
  const b = await createBatch(db, { programmeId: programme.id, institutionId: inst.id, year: 2027, number: 1, quota: participants, reserveCount: 0 })
  const user = await createStaff(db, { institutionId: inst.id, email: 'panitia@bench.test', displayName: 'Panitia Bench', roles: ['selection_committee'], password: 'Bench-Latih-2026' })
  const actor = await loadActor(db, { userId: user.id, kind: 'staff', email: user.email, displayName: user.displayName })
  const root = mkdtempSync(join(os.tmpdir(), 'latih-bench-files-'))
  const storage = createLocalStorage(root)
  const rows = []
  for (let i = 0; i < participants; i++) {
    const { user: c } = await createCandidate(db, {
      nik: `747101150895${String(i + 1).padStart(4, '0')}`,
      fullName: `Peserta Nomor ${i + 1}`,
      email: `peserta.${i}@bench.test`,
      password: null,
      complete: true,
    })
    rows.push({
      number: `BEN-LAS-2027-1-${String(i + 1).padStart(4, '0')}`,
      candidateId: c.id,
      batchId: b.id,
      institutionId: inst.id,
      state: 're_registered',
      createdAt: b.registrationOpensAt,
      updatedAt: b.registrationOpensAt,
      createdBy: c.id,
    })
  }
  await db.insert(registration).values(rows)
  if (withFiles) {
    const docs = await db.select({ storageKey: candidateDocument.storageKey }).from(candidateDocument)
    // Already-compressed content (like real JPEG/PDF scans): random bytes behind a PNG signature.
    for (const d of docs) await storage.put(d.storageKey, new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(FILE_BYTES)])))
  }
  const ctx = { db, actor, now: new Date() }
  return { database, ctx, batchId: b.id, storage, root }
}

async function runVariant(variant: string): Promise<Omit<Result, 'maxRssMb'>> {
  const [kind, countText] = variant.split('-') as [string, string]
  const count = Number(countText)
  const w = await world(count, kind === 'zip')
  const { getNominativeList } = await import('../server/handover/getNominativeList')
  // PGlite alone holds ~800 MB of the process: sample what the export itself adds.
  const base = process.memoryUsage()
  let peakRss = base.rss
  let peakJs = base.heapUsed + base.arrayBuffers
  const sampler = setInterval(() => {
    const m = process.memoryUsage()
    peakRss = Math.max(peakRss, m.rss)
    peakJs = Math.max(peakJs, m.heapUsed + m.arrayBuffers)
  }, 10)
  const t0 = performance.now()
  let bytes = 0
  let note = ''
  if (kind === 'pdf') {
    const { renderNominativeListPdf } = await import('../server/documents/nominativeListPdf')
    const list = await getNominativeList(w.ctx, { batchId: w.batchId, format: 'pdf' })
    const t1 = performance.now()
    bytes = (await renderNominativeListPdf(list)).length
    note = `read + decrypt + audit ${Math.round(t1 - t0)} ms, render ${Math.round(performance.now() - t1)} ms`
  } else if (kind === 'xlsx') {
    const { renderNominativeListXlsx } = await import('../server/handover/nominativeListXlsx')
    const list = await getNominativeList(w.ctx, { batchId: w.batchId, format: 'xlsx' })
    const t1 = performance.now()
    const s = sink()
    await renderNominativeListXlsx(list, s.out)
    bytes = s.bytes()
    note = `read + decrypt + audit ${Math.round(t1 - t0)} ms, write ${Math.round(performance.now() - t1)} ms`
  } else {
    const { getParticipantFiles } = await import('../server/handover/getParticipantFiles')
    const { writeParticipantFilesZip } = await import('../server/documents/participantFilesZip')
    const files = await getParticipantFiles(w.ctx, { batchId: w.batchId })
    const s = sink()
    const r = await writeParticipantFilesZip(files.folders, w.storage, s.out, { date: new Date(), readme: files.readme })
    bytes = s.bytes()
    note = `${r.files.toLocaleString('en')} files of ${FILE_BYTES / 1024} KB, ${r.missing.length} missing`
  }
  const ms = performance.now() - t0
  clearInterval(sampler)
  const mb = (n: number) => Math.round(n / 1024 / 1024)
  note = `${note}; during the export RSS +${mb(peakRss - base.rss)} MB, JS heap + buffers peak ${mb(peakJs)} MB (${mb(base.heapUsed + base.arrayBuffers)} MB before)`
  await w.database.close()
  rmSync(w.root, { recursive: true, force: true })
  return { variant, ms, bytes, note }
}

const VARIANTS: Array<[string, string]> = [
  ['pdf-1000', 'Nominative list, 1,000 participants, PDF (A4 landscape)'],
  ['xlsx-1000', 'Nominative list, 1,000 participants, XLSX through the writer (streamed)'],
  ['zip-250', 'Participants’ files, 250 participants × 3 files, ZIP streamed'],
  ['zip-1000', 'Participants’ files, 1,000 participants × 3 files, ZIP streamed'],
]

const arg = (name: string) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const child = arg('--variant')
if (child) {
  const r = await runVariant(child)
  process.stdout.write(`${JSON.stringify({ ...r, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`)
} else {
  const results: Array<Result & { label: string }> = []
  for (const [variant, label] of VARIANTS) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', SELF, '--variant', variant], { encoding: 'utf8', maxBuffer: 1 << 24 })
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as Result
    results.push({ ...r, label })
    console.log(`${label}: ${Math.round(r.ms)} ms, peak RSS ${Math.round(r.maxRssMb)} MB${r.note ? ` (${r.note})` : ''}`)
  }
  const size = (b?: number) => (b === undefined ? '' : b > 10 * 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(0)} MB` : `${(b / 1024).toFixed(0)} KB`)
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}; each line in its own process (PGlite in memory).`,
    '',
    '| what | time | peak RSS of the process | output | notes |',
    '|---|---:|---:|---:|---|',
    ...results.map((r) => `| ${r.label} | ${Math.round(r.ms).toLocaleString('en')} ms | ${Math.round(r.maxRssMb)} MB | ${size(r.bytes)} | ${r.note ?? ''} |`),
  ].join('\n')
  if (process.argv.includes('--write')) {
    const file = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url))
    const md = readFileSync(file, 'utf8')
    const start = '<!-- nominative:start -->'
    const end = '<!-- nominative:end -->'
    if (!md.includes(start)) throw new Error('BENCHMARKS.md has no nominative markers')
    writeFileSync(file, md.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${table}\n${end}`))
  }
  console.log(`\n${table}`)
}
