import { createHash } from 'node:crypto'
import { and, eq, isNull, lt } from 'drizzle-orm'
import { z } from 'zod'
import { actorId } from '../../auth/actor'
import { recordAudit } from '../../audit'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { type BankScale, importPreview } from '../../db/schema'
import { readSpreadsheet, SpreadsheetRefused, type ReadSheetResult } from '../../documents/spreadsheet/reader'
import { ValidationError } from '../../errors'
import { IMPORT_FIELD, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './limits'
import {
  checkQuestion,
  checkQuestionCode,
  fieldsOfVersion,
  QUESTION_COLUMNS,
  sameContent,
  type QuestionColumn,
  type QuestionDraft,
} from './questionRules'
import { checkScales, kindHasScales, sameScales, SCALE_COLUMNS, type ScaleColumn } from './scaleRules'
import { findBank, knownImageKeys, questionsWithCurrentVersion } from './store'
import { QUESTIONS_READ, QUESTIONS_SHEET, SCALES_READ, SCALES_SHEET } from './template'
import { parseInput } from './validate'

export { IMPORT_FIELD, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS }

export const IMPORT_KIND = 'question_bank'
/** A preview older than this is not applied: the officer uploads the file again. */
export const PREVIEW_LIFETIME_MS = 24 * 3600_000

const Input = z.object({
  bankId: z.uuid(),
  fileName: z
    .string()
    .max(255)
    .optional()
    // eslint-disable-next-line no-control-regex -- a file name is shown on the page: no control characters
    .transform((v) => (v ?? '').replace(/[\u0000-\u001f]/g, '').trim() || 'berkas'),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Berkas tidak terbaca.'),
})

export interface ImportIssue {
  sheet: typeof QUESTIONS_SHEET | typeof SCALES_SHEET | null
  row: number | null
  column: string | null
  /** Column letter as Excel shows it, e.g. 'D'. */
  letter: string | null
  /** The whole message, e.g. 'Baris 7, kolom D (opsi_b): wajib diisi untuk pilihan ganda.' */
  text: string
}

/** The file cannot be read at all (format, sheet, header); nothing was stored. */
export class ImportRejected extends ValidationError {
  constructor(readonly issues: ImportIssue[]) {
    super(
      { [IMPORT_FIELD]: issues.map((i) => i.text) },
      issues.length === 1
        ? 'Berkas tidak diimpor karena ada 1 kesalahan. Tidak ada soal yang disimpan.'
        : `Berkas tidak diimpor karena ada ${issues.length} kesalahan. Tidak ada soal yang disimpan.`,
    )
    this.name = 'ImportRejected'
  }
}

export interface PreviewAdded {
  row: number
  code: string
  stem: string
  key: string | null
}

export interface PreviewChange {
  row: number
  code: string
  fromVersion: number
  fields: Array<{ column: QuestionColumn; before: string; after: string }>
}

export interface BankImportPreview {
  /** Null when a row was refused: then nothing is stored and nothing can be confirmed. */
  previewId: string | null
  bankId: string
  fileName: string
  format: 'xlsx' | 'csv'
  /** The sheet read as Soal, when it had another name (e.g. a CSV converted to XLSX). */
  sheetName: string | null
  added: PreviewAdded[]
  changed: PreviewChange[]
  unchanged: number
  scales: { before: BankScale[]; after: BankScale[] } | null
  issues: ImportIssue[]
  createdAt: string
  appliedAt: string | null
}

/** What is stored in import_preview.content: the parsed rows that write, their base, and the display. */
export interface StoredBankImport {
  v: 1
  baseScales: BankScale[]
  scales: BankScale[] | null
  writes: Array<{ row: number; code: string; draft: QuestionDraft; base: { questionId: string; version: number } | null }>
  display: Pick<BankImportPreview, 'format' | 'sheetName' | 'added' | 'changed' | 'unchanged' | 'scales'>
  summary?: { created: number; updated: number; unchanged: number; scalesChanged: boolean }
}

/**
 * Step one of a bank import: read the file (XLSX or CSV) and check every row against the
 * bank, compute what would be added and what would change (old → new per question), and
 * store it as a preview when nothing was refused. Nothing in the bank changes here.
 */
export async function previewBankImport(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<BankImportPreview> {
  const { bankId, bytes, fileName } = parseInput(Input, input)
  const bank = await findBank(ctx.db, bankId)
  authorize(ctx.actor, 'programme.manage', { institutionId: bank.institutionId })

  const issues: ImportIssue[] = []
  const general = (text: string) => issues.push({ sheet: null, row: null, column: null, letter: null, text })
  const refuse = (text: string): never => {
    general(text)
    throw new ImportRejected(issues)
  }

  if (bytes.byteLength > MAX_IMPORT_BYTES) refuse(`Berkas terlalu besar; paling besar ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`)
  let read
  try {
    read = await readSpreadsheet(bytes, [QUESTIONS_READ, SCALES_READ])
  } catch (error) {
    if (error instanceof SpreadsheetRefused) return refuse(error.message)
    throw error
  }
  const soal = read.sheets[0] as ReadSheetResult<QuestionColumn>
  if (soal.tooMany) refuse(`Lembar ${QUESTIONS_SHEET} berisi lebih dari ${MAX_IMPORT_ROWS} soal; bagi menjadi beberapa berkas.`)
  if (soal.missing.length > 0) {
    refuse(`Lembar ${soal.foundAs ?? QUESTIONS_SHEET}: kolom ${soal.missing.join(', ')} tidak ditemukan di baris judul (baris 1).`)
  }

  // Scales: the sheet replaces the bank's scales when it is there.
  let scales: readonly BankScale[] = bank.scales
  let scalesFromSheet = false
  const skala = read.sheets[1] as ReadSheetResult<ScaleColumn> | null
  if (skala) {
    if (skala.tooMany) refuse(`Lembar ${SCALES_SHEET} berisi lebih dari 100 skala.`)
    if (!kindHasScales(bank.kind)) {
      if (skala.rows.length > 0) general(`Lembar ${SCALES_SHEET}: bank tes tertulis tidak memakai skala; kosongkan atau hapus lembar ini.`)
    } else if (skala.missing.length > 0) {
      general(`Lembar ${SCALES_SHEET}: kolom ${skala.missing.join(', ')} tidak ditemukan di baris judul (baris 1).`)
    } else {
      const scaleIssue = (row: number, column: string, letter: string, message: string) =>
        issues.push({ sheet: SCALES_SHEET, row, column, letter, text: `Lembar ${SCALES_SHEET}, baris ${row}, kolom ${letter} (${column}): ${message}` })
      for (const p of skala.problems) scaleIssue(p.row, p.column, p.letter, p.message)
      const checked = checkScales(skala.rows.map((r) => textValues(r.values, SCALE_COLUMNS)))
      for (const issue of checked.issues) {
        const r = skala.rows[issue.index]!
        if (skala.problems.some((p) => p.row === r.row && p.column === issue.column)) continue
        scaleIssue(r.row, issue.column, skala.letters[issue.column], issue.message)
      }
      scales = checked.scales
      scalesFromSheet = true
    }
  }

  if (soal.rows.length === 0) refuse(`Lembar ${QUESTIONS_SHEET} tidak berisi soal.`)

  const rowIssue = (row: number, column: QuestionColumn, message: string) => {
    const letter = soal.letters[column]
    issues.push({ sheet: QUESTIONS_SHEET, row, column, letter, text: `Baris ${row}, kolom ${letter} (${column}): ${message}` })
  }
  const valid: Array<{ row: number; code: string; draft: QuestionDraft }> = []
  const firstRowOfCode = new Map<string, number>()
  for (const { row, values } of soal.rows) {
    const cellProblems = soal.problems.filter((p) => p.row === row)
    for (const p of cellProblems) rowIssue(row, p.column as QuestionColumn, p.message)
    const refusedCell = new Set(cellProblems.map((p) => p.column))
    let code: string | null = null
    const fields = textValues(values, QUESTION_COLUMNS)
    // A refused cell is checked as it reads, so the other checks do not call it empty.
    for (const p of cellProblems) fields[p.column as QuestionColumn] = p.shown
    const c = checkQuestionCode(fields.kode)
    if ('error' in c) {
      if (!refusedCell.has('kode')) rowIssue(row, 'kode', c.error)
    } else if (firstRowOfCode.has(c.code)) rowIssue(row, 'kode', `kode ${c.code} sudah dipakai di baris ${firstRowOfCode.get(c.code)}.`)
    else {
      firstRowOfCode.set(c.code, row)
      code = c.code
    }
    const checked = checkQuestion({ kind: bank.kind, scales }, fields)
    if (!checked.ok) {
      // Report in the template's column order; a refused cell has said what is wrong with it.
      for (const column of QUESTION_COLUMNS) {
        if (refusedCell.has(column)) continue
        for (const m of checked.errors[column] ?? []) rowIssue(row, column, m)
      }
    } else if (code && cellProblems.length === 0) valid.push({ row, code, draft: checked.draft })
  }

  const existing = new Map((await questionsWithCurrentVersion(ctx.db, bank.id)).map((r) => [r.question.code, r]))
  for (const v of valid) {
    if (existing.get(v.code)?.question.archivedAt) {
      rowIssue(v.row, 'kode', `soal ${v.code} sudah diarsipkan; pulihkan dulu di halaman soalnya atau pakai kode lain.`)
    }
  }
  const newImage = (v: (typeof valid)[number]) => v.draft.imageKey && v.draft.imageKey !== existing.get(v.code)?.version.imageKey
  const known = await knownImageKeys(ctx.db, bank.institutionId, [...new Set(valid.filter(newImage).map((v) => v.draft.imageKey!))])
  for (const v of valid) {
    if (newImage(v) && !known.has(v.draft.imageKey!)) {
      rowIssue(v.row, 'gambar', 'gambar ini tidak ada di Latih; unggah gambar lewat formulir soal lalu salin kuncinya.')
    }
  }
  if (scalesFromSheet) {
    // Questions not in the file keep their scale, so it must stay.
    for (const [code, r] of existing) {
      if (r.question.archivedAt || firstRowOfCode.has(code) || !r.version.scaleCode) continue
      if (!scales.some((s) => s.code === r.version.scaleCode)) {
        general(`Lembar ${SCALES_SHEET}: skala ${r.version.scaleCode} tidak ada, padahal masih dipakai soal ${code} yang tidak ada di berkas ini.`)
      }
    }
  }
  issues.sort((a, b) => order(a) - order(b))

  const added: PreviewAdded[] = []
  const changed: PreviewChange[] = []
  const writes: StoredBankImport['writes'] = []
  let unchanged = 0
  for (const v of valid) {
    const current = existing.get(v.code)
    if (!current) {
      added.push({ row: v.row, code: v.code, stem: v.draft.stem, key: v.draft.correctOptionKey })
      writes.push({ ...v, base: null })
    } else if (sameContent(current.version, v.draft)) unchanged++
    else {
      const before = fieldsOfVersion(v.code, current.version)
      const after = fieldsOfVersion(v.code, v.draft)
      changed.push({
        row: v.row,
        code: v.code,
        fromVersion: current.version.version,
        fields: QUESTION_COLUMNS.filter((c) => before[c] !== after[c]).map((column) => ({ column, before: before[column], after: after[column] })),
      })
      writes.push({ ...v, base: { questionId: current.question.id, version: current.version.version } })
    }
  }
  const scalesChange = scalesFromSheet && !sameScales(bank.scales, scales) ? { before: [...bank.scales], after: [...scales] } : null
  const display = { format: read.format, sheetName: soal.foundAs && soal.foundAs !== QUESTIONS_SHEET ? soal.foundAs : null, added, changed, unchanged, scales: scalesChange }
  const result: BankImportPreview = {
    previewId: null,
    bankId: bank.id,
    fileName,
    ...display,
    issues,
    createdAt: ctx.now.toISOString(),
    appliedAt: null,
  }
  if (issues.length > 0) return result

  const content: StoredBankImport = { v: 1, baseScales: [...bank.scales], scales: scalesChange ? [...scales] : null, writes, display }
  const fileSha256 = createHash('sha256').update(bytes).digest('hex')
  const previewId = await ctx.db.transaction(async (tx) => {
    // Previews nobody confirmed within their lifetime are of no use any more.
    await tx
      .delete(importPreview)
      .where(
        and(
          eq(importPreview.kind, IMPORT_KIND),
          eq(importPreview.targetId, bank.id),
          isNull(importPreview.appliedAt),
          lt(importPreview.createdAt, new Date(ctx.now.getTime() - PREVIEW_LIFETIME_MS)),
        ),
      )
    const [row] = await tx
      .insert(importPreview)
      .values({
        institutionId: bank.institutionId,
        kind: IMPORT_KIND,
        targetId: bank.id,
        fileName,
        fileSha256,
        content,
        createdAt: ctx.now,
        createdBy: actorId(ctx.actor),
      })
      .returning({ id: importPreview.id })
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'question_bank.import_preview',
      entityType: 'question_bank',
      entityId: bank.id,
      institutionId: bank.institutionId,
      after: { previewId: row!.id, fileName, fileSha256, added: added.length, changed: changed.length, unchanged, scalesChanged: !!scalesChange },
    })
    return row!.id
  })
  return { ...result, previewId }
}

function textValues<C extends string>(values: Record<C, unknown>, columns: readonly C[]): Record<C, string> {
  const out = {} as Record<C, string>
  for (const c of columns) out[c] = values[c] === null || values[c] === undefined ? '' : String(values[c])
  return out
}

/** Messages in reading order: general first, then the Skala sheet, then Soal by row and column. */
function order(i: ImportIssue): number {
  if (i.sheet === null) return 0
  const col = i.column ? Math.max(0, [...QUESTION_COLUMNS, ...SCALE_COLUMNS].indexOf(i.column as never)) : 0
  return (i.sheet === SCALES_SHEET ? 1 : 2) * 1e9 + (i.row ?? 0) * 100 + col
}
