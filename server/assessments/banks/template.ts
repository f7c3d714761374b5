import ExcelJS from 'exceljs'
import type { BankScale } from '../../db/schema'
import { KIND_LABEL, LIKERT_OPTIONS, SCALED_OPTIONS, TEMPLATE_TYPE_NAME, TYPE_OF_KIND, type AssessmentKind } from './options'
import { QUESTION_COLUMNS, type QuestionColumn } from './questionRules'
import { SCALE_COLUMNS, type ScaleColumn } from './scaleRules'

/**
 * The XLSX template of a question bank (documented in docs/question-bank-template.md).
 * Export writes it and import reads it, so an exported file imports unchanged.
 */
export const QUESTIONS_SHEET = 'Soal'
export const GUIDE_SHEET = 'Petunjuk'
export const SCALES_SHEET = 'Skala'

/** Rows that get the drop-down lists for tipe, kunci and terbalik. */
const VALIDATED_ROWS = 500

const QUESTION_WIDTHS: Record<QuestionColumn, number> = {
  kode: 12,
  tipe: 14,
  pertanyaan: 60,
  opsi_a: 28,
  opsi_b: 28,
  opsi_c: 28,
  opsi_d: 28,
  opsi_e: 28,
  kunci: 7,
  skala: 9,
  terbalik: 9,
  gambar: 30,
}

const COLUMN_GUIDE: Record<QuestionColumn, string> = {
  kode:
    'Kode tetap soal di bank ini, mis. UMUM-001 (huruf, angka, titik, garis bawah, tanda hubung; maks. 40). Wajib. Kode yang sudah ada memperbarui soal itu (versi baru hanya bila isinya berubah); kode baru menambah soal.',
  tipe: 'likert (Asesmen Penilaian Diri), skala (Asesmen Potensi Diri) atau pilihan_ganda (Asesmen Siap Latih). Wajib dan harus sesuai jenis bank.',
  pertanyaan: 'Teks pernyataan atau pertanyaan. Wajib, maks. 2000 karakter.',
  opsi_a: 'Pilihan ganda: teks opsi A (wajib). Likert dan skala: kosongkan.',
  opsi_b: 'Pilihan ganda: teks opsi B (wajib). Likert dan skala: kosongkan.',
  opsi_c: 'Pilihan ganda: teks opsi C (wajib). Likert dan skala: kosongkan.',
  opsi_d: 'Pilihan ganda: teks opsi D (wajib). Likert dan skala: kosongkan.',
  opsi_e: 'Pilihan ganda: teks opsi E (boleh kosong; soal berisi 4 atau 5 opsi). Likert dan skala: kosongkan.',
  kunci: 'Pilihan ganda: huruf jawaban benar A–E; harus menunjuk opsi yang terisi. Likert dan skala: kosongkan.',
  skala:
    'Kode skala dari lembar Skala. Wajib untuk tipe skala, boleh untuk likert (mis. DSP untuk disiplin). Pilihan ganda: kosongkan.',
  terbalik:
    'ya atau tidak. "ya" berarti skor dibalik (pernyataan negatif: Sangat Sesuai bernilai 1, bukan 5). Hanya untuk likert dan skala; kosong sama dengan tidak.',
  gambar:
    'Boleh kosong. Kunci gambar yang sudah ada di Latih (mis. questions/….png), tampil di halaman soal setelah gambar diunggah. Gambar baru diunggah lewat formulir soal, bukan lewat berkas ini.',
}

const SCALE_WIDTHS: Record<ScaleColumn, number> = { kode: 10, nama: 30, deskripsi: 60, bidang_disarankan: 50 }

export interface TemplateQuestionRow extends Record<QuestionColumn, string> {}

export function buildBankWorkbook(
  bank: { kind: AssessmentKind; code: string; title: string; scales: readonly BankScale[] },
  rows: readonly TemplateQuestionRow[],
): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Latih'
  wb.title = `Bank soal ${bank.code}`

  const ws = wb.addWorksheet(QUESTIONS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = QUESTION_COLUMNS.map((c) => ({ header: c, key: c, width: QUESTION_WIDTHS[c] }))
  styleHeader(ws.getRow(1))
  for (const row of rows) {
    const added = ws.addRow(QUESTION_COLUMNS.map((c) => row[c]))
    added.alignment = { vertical: 'top', wrapText: true }
  }
  const letter = (c: QuestionColumn) => ws.getColumn(QUESTION_COLUMNS.indexOf(c) + 1).letter
  const type = TEMPLATE_TYPE_NAME[TYPE_OF_KIND[bank.kind]]
  for (let r = 2; r <= Math.max(VALIDATED_ROWS, rows.length + 1); r++) {
    ws.getCell(`${letter('tipe')}${r}`).dataValidation = list(`"${type}"`, 'tipe', `Tipe soal bank ini: ${type}.`)
    if (type === 'pilihan_ganda') {
      ws.getCell(`${letter('kunci')}${r}`).dataValidation = list('"A,B,C,D,E"', 'kunci', 'Huruf jawaban benar A–E.')
    } else {
      ws.getCell(`${letter('terbalik')}${r}`).dataValidation = list('"ya,tidak"', 'terbalik', 'ya atau tidak.')
    }
  }

  const guide = wb.addWorksheet(GUIDE_SHEET)
  guide.columns = [
    { header: 'kolom', key: 'kolom', width: 18 },
    { header: 'penjelasan', key: 'penjelasan', width: 110 },
  ]
  styleHeader(guide.getRow(1))
  for (const c of QUESTION_COLUMNS) guide.addRow([c, COLUMN_GUIDE[c]]).alignment = { vertical: 'top', wrapText: true }
  guide.addRow([])
  const notes: Array<[string, string]> = [
    ['Bank', `${bank.code} — ${bank.title} (${KIND_LABEL[bank.kind]}). Tipe soal yang diterima: ${type}.`],
    ['Jawaban likert', `Pilihan baku: ${LIKERT_OPTIONS.map((o) => `${o.text} (${o.key})`).join(', ')}.`],
    ['Jawaban skala', `Pilihan baku: ${SCALED_OPTIONS.map((o) => o.text).join(', ')} (nilai 5 sampai 1).`],
    [
      'Impor',
      'Semua baris diperiksa dulu. Bila ada satu saja kesalahan, tidak ada yang disimpan dan setiap kesalahan disebut baris dan kolomnya (mis. "Baris 7, kolom D (opsi_b): wajib diisi untuk pilihan ganda."). Baris kosong dilewati.',
    ],
    [
      'Versi',
      'Mengubah soal lewat impor atau formulir membuat versi baru; asesmen yang sudah dikerjakan tetap memakai versi lamanya. Soal yang tidak ada di berkas tidak dihapus; arsipkan lewat halaman soal.',
    ],
    [
      'Lembar Skala',
      'Untuk bank Asesmen Penilaian Diri dan Asesmen Potensi Diri: bila lembar Skala ada, isinya menggantikan daftar skala bank. Kolom bidang_disarankan berisi bidang kejuruan dipisah titik koma (;), mis. Las; Otomotif.',
    ],
    ['Lembar', 'Jangan mengganti nama lembar Soal dan Skala atau judul kolomnya. Urutan kolom boleh berubah; kolom lain diabaikan.'],
  ]
  for (const [k, v] of notes) {
    const row = guide.addRow([k, v])
    row.alignment = { vertical: 'top', wrapText: true }
    row.getCell(1).font = { bold: true }
  }

  if (bank.kind === 'self_assessment' || bank.kind === 'potential') {
    const sheet = wb.addWorksheet(SCALES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] })
    sheet.columns = SCALE_COLUMNS.map((c) => ({ header: c, key: c, width: SCALE_WIDTHS[c] }))
    styleHeader(sheet.getRow(1))
    for (const s of bank.scales) {
      sheet.addRow([s.code, s.name, s.description, s.suggestedFields.join('; ')]).alignment = {
        vertical: 'top',
        wrapText: true,
      }
    }
  }
  return wb
}

function list(formula: string, title: string, prompt: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorTitle: title,
    error: prompt,
  }
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } }
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0B5CAD' } }
}

/** One data row read from a sheet: its row number and its text per known column. */
export interface SheetRow<C extends string> {
  row: number
  values: Record<C, string>
}

export interface SheetData<C extends string> {
  /** Column letter per known column name (from the header row). */
  letters: Record<C, string>
  missing: C[]
  rows: SheetRow<C>[]
}

export class UnreadableWorkbook extends Error {}

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer)
  } catch {
    throw new UnreadableWorkbook('not an xlsx workbook')
  }
  return wb
}

/** Sheets are looked up by name without regard to case or surrounding spaces. */
export function findSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((ws) => ws.name.trim().toLowerCase() === name.toLowerCase())
}

/** Read a sheet whose first row names the columns; empty rows are skipped. */
export function readSheet<C extends string>(ws: ExcelJS.Worksheet, columns: readonly C[], maxRows: number): SheetData<C> | 'too_many' {
  const header = ws.getRow(1)
  const numbers = {} as Record<C, number>
  header.eachCell({ includeEmpty: false }, (cell, col) => {
    const name = cellText(cell).toLowerCase().replace(/\s+/g, '_') as C
    if ((columns as readonly string[]).includes(name) && numbers[name] === undefined) numbers[name] = col
  })
  const missing = columns.filter((c) => numbers[c] === undefined)
  const letters = {} as Record<C, string>
  for (const c of columns) if (numbers[c] !== undefined) letters[c] = ws.getColumn(numbers[c]).letter
  const rows: SheetRow<C>[] = []
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    const values = {} as Record<C, string>
    let any = false
    for (const c of columns) {
      const text = numbers[c] === undefined ? '' : cellText(row.getCell(numbers[c]))
      values[c] = text
      if (text.trim() !== '') any = true
    }
    if (!any) continue
    if (rows.length >= maxRows) return 'too_many'
    rows.push({ row: r, values })
  }
  return { letters, missing, rows }
}

/** The text a person sees in a cell, whatever exceljs made of it. */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((p) => p.text).join('')
    if ('text' in v && typeof v.text === 'string') return v.text
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result as unknown)
    if ('error' in v) return ''
  }
  return String(v as unknown)
}
