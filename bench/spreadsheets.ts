// Spreadsheets (issue 13): time and peak memory of
//   - the import preview and confirm of a 2,000-question bank (PGlite, in process),
//     against reading the same file with bare exceljs;
//   - an export of a 20,000-row committee report through the one writer (streamed),
//     against the same rows written with bare exceljs streaming (no types, styles,
//     neutralisation or info sheet) and with exceljs' in-memory workbook.
// Each variant runs in its own process, so its peak RSS is its own.
//   node --import tsx bench/spreadsheets.ts            # prints the table
//   node --import tsx bench/spreadsheets.ts --write    # … and puts it into BENCHMARKS.md
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'

const ROWS = 20_000
const QUESTIONS = 2_000
const SELF = fileURLToPath(import.meta.url)

type Result = { variant: string; ms: number; maxRssMb: number; bytes?: number; note?: string }

function sink(): { out: Writable; bytes: () => number } {
  let n = 0
  const out = new Writable({
    write(chunk: Buffer, _e, done) {
      n += chunk.length
      done()
    },
  })
  return { out, bytes: () => n }
}

async function* reportRows() {
  const { FIXTURE_REPORT_ROWS } = await import('../tests/fixtures/spreadsheets/sources')
  const [done, waiting] = FIXTURE_REPORT_ROWS
  for (let i = 0; i < ROWS; i++) {
    const base = i % 3 === 0 ? waiting! : done!
    yield { ...base, number: `LAS-2026-1-${String(i).padStart(5, '0')}`, fullName: i % 50 === 0 ? '=1+1 Nama' : `Peserta Nomor ${i}` }
  }
}

async function bankBytes(changed: boolean): Promise<Uint8Array> {
  const { writeBankWorkbook } = await import('../server/assessments/banks/template')
  const rows = Array.from({ length: QUESTIONS }, (_, i) => ({
    kode: `BEN-${String(i + 1).padStart(4, '0')}`,
    tipe: 'pilihan_ganda',
    pertanyaan: `Soal nomor ${i + 1}${changed ? ' (diperbaiki)' : ''}: berapakah hasil ${i} ditambah satu?`,
    opsi_a: String(i + 1),
    opsi_b: String(i + 2),
    opsi_c: String(i + 3),
    opsi_d: String(i + 4),
    opsi_e: '',
    kunci: 'A',
    skala: '',
    terbalik: '',
    gambar: '',
  }))
  const info = { institutionName: 'BPVP Bench', timeZone: 'Asia/Makassar', generatedAt: new Date(), generatedBy: 'bench' }
  return new Uint8Array(await writeBankWorkbook({ kind: 'written_test', code: 'BEN', title: 'Bench', scales: [] }, rows, info))
}

async function runVariant(variant: string): Promise<Omit<Result, 'maxRssMb'>> {
  const t0 = performance.now()
  if (variant === 'export-writer') {
    const { writeWorkbook } = await import('../server/documents/spreadsheet/writer')
    const { peopleSheet } = await import('../server/assessments/exportBatchAssessments')
    const s = sink()
    const info = { title: 'Bench', institutionName: 'BPVP Bench', timeZone: 'Asia/Makassar', generatedAt: new Date(), generatedBy: 'bench' }
    await writeWorkbook(info, [peopleSheet(reportRows())], s.out)
    return { variant, ms: performance.now() - t0, bytes: s.bytes() }
  }
  if (variant === 'export-bare-stream' || variant === 'export-bare-memory') {
    const { peopleSheet } = await import('../server/assessments/exportBatchAssessments')
    const columns = peopleSheet([]).columns
    const s = sink()
    const stream = variant === 'export-bare-stream'
    const wb = stream ? new ExcelJS.stream.xlsx.WorkbookWriter({ stream: s.out as never, useStyles: false, useSharedStrings: false }) : new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Peserta')
    ws.addRow(columns.map((c) => c.header))
    for await (const r of reportRows()) {
      const row = ws.addRow(columns.map((c) => c.value(r) ?? null))
      if (stream) row.commit()
    }
    if (stream) await (wb as ExcelJS.stream.xlsx.WorkbookWriter).commit()
    else await (wb as ExcelJS.Workbook).xlsx.write(s.out)
    return { variant, ms: performance.now() - t0, bytes: s.bytes() }
  }
  if (variant === 'import-bare-read') {
    const bytes = await bankBytes(false)
    const t1 = performance.now()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(bytes) as never)
    let cells = 0
    wb.getWorksheet('Soal')!.eachRow((row) => row.eachCell(() => void cells++))
    return { variant, ms: performance.now() - t1, note: `${cells} cells` }
  }
  if (variant === 'import-preview-confirm') {
    const { openPglite, migrateDatabase } = await import('../server/db/client')
    const { createInstitution, createStaff } = await import('../server/db/factories')
    const { createBank } = await import('../server/assessments/banks/createBank')
    const { previewBankImport } = await import('../server/assessments/banks/previewBankImport')
    const { confirmBankImport } = await import('../server/assessments/banks/confirmBankImport')
    const database = await openPglite(undefined)
    await migrateDatabase(database)
    const inst = await createInstitution(database.db, { code: 'BEN', name: 'BPVP Bench' })
    const user = await createStaff(database.db, { institutionId: inst.id, email: 'admin@bench.test', displayName: 'Admin Bench', roles: ['administrator'], password: 'Bench-Latih-2026' })
    const actor = { kind: 'staff' as const, userId: user.id, email: 'admin@bench.test', displayName: 'Admin Bench', roles: [{ institutionId: inst.id, role: 'administrator' as const }] }
    const ctx = { db: database.db, actor, now: new Date() }
    const { bankId } = await createBank(ctx, { institutionId: inst.id, kind: 'written_test', code: 'BEN', title: 'Bench' })
    const fresh = await bankBytes(false)
    const edited = await bankBytes(true)
    const phases: string[] = []
    const time = async <T>(label: string, f: () => Promise<T>) => {
      const s = performance.now()
      const r = await f()
      phases.push(`${label} ${Math.round(performance.now() - s)} ms`)
      return r
    }
    const t1 = performance.now()
    const p1 = await time('preview 2,000 new', () => previewBankImport(ctx, { bankId, bytes: fresh }))
    await time('confirm 2,000 new', () => confirmBankImport(ctx, { bankId, previewId: p1.previewId! }))
    const p2 = await time('preview 2,000 changed', () => previewBankImport(ctx, { bankId, bytes: edited }))
    await time('confirm 2,000 changed', () => confirmBankImport(ctx, { bankId, previewId: p2.previewId! }))
    const ms = performance.now() - t1
    if (p1.added.length !== QUESTIONS || p2.changed.length !== QUESTIONS) throw new Error('unexpected preview')
    await database.close()
    return { variant, ms, bytes: fresh.byteLength, note: phases.join('; ') }
  }
  throw new Error(`unknown variant ${variant}`)
}

const VARIANTS: Array<[string, string]> = [
  ['export-writer', `Report export, ${ROWS.toLocaleString('en')} rows, through the writer (streamed)`],
  ['export-bare-stream', 'Same rows, bare exceljs streaming writer (no formatting)'],
  ['export-bare-memory', 'Same rows, exceljs in-memory workbook (no formatting)'],
  ['import-preview-confirm', `Bank import, ${QUESTIONS.toLocaleString('en')} questions: preview + confirm new, then preview + confirm all changed (PGlite)`],
  ['import-bare-read', 'Same bank file, bare exceljs load and cell walk (no checks, no database)'],
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
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}; each line in its own process.`,
    '',
    '| what | time | peak RSS of the process | file | notes |',
    '|---|---:|---:|---:|---|',
    ...results.map(
      (r) => `| ${r.label} | ${Math.round(r.ms).toLocaleString('en')} ms | ${Math.round(r.maxRssMb)} MB | ${r.bytes ? `${(r.bytes / 1024).toFixed(0)} KB` : ''} | ${r.note ?? ''} |`,
    ),
  ].join('\n')
  if (process.argv.includes('--write')) {
    const file = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url))
    const md = readFileSync(file, 'utf8')
    const start = '<!-- spreadsheets:start -->'
    const end = '<!-- spreadsheets:end -->'
    if (!md.includes(start)) throw new Error('BENCHMARKS.md has no spreadsheets markers')
    writeFileSync(file, md.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${table}\n${end}`))
  }
  console.log(`\n${table}`)
}
