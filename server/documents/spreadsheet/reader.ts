import { declaredUnpackedSize } from './zipSize'
import ExcelJS from 'exceljs'
import { decodeCsv } from './csv'
import { restoreNeutralized } from './neutralize'
import { columnLetter, INFO_SHEET } from './writer'

/**
 * The one spreadsheet reader of Latih (docs/decisions/010-spreadsheets.md): XLSX, or CSV
 * in UTF-8 or Windows-1252 with `,` or `;`. Columns are found by their header in row 1,
 * in any order. A cell whose type cannot belong to its column (a date in a text column,
 * a formula) is reported at its row and column with the value shown, never converted.
 * The .ods and .xls formats are refused with a message saying how to save as .xlsx.
 */

export type ReadColumnType = 'text' | 'number' | 'integer' | 'date'

export interface ReadColumn<C extends string = string> {
  name: C
  type: ReadColumnType
}

export interface ReadSheetSpec<C extends string = string> {
  /** The sheet's name in the template; case and surrounding spaces do not matter. */
  name: string
  columns: readonly ReadColumn<C>[]
  maxRows: number
}

/** text: the text ('' when blank); number/integer: a number or null; date: 'YYYY-MM-DD' or null. */
export type ReadValue = string | number | null

export interface ReadRow<C extends string> {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number
  values: Record<C, ReadValue>
}

export interface CellProblem {
  sheet: string
  row: number
  column: string
  letter: string
  /** The cell as the officer sees it, e.g. '12/04/2026'. */
  shown: string
  /** What is wrong, without the place, e.g. 'berisi tanggal 12/04/2026 — ketik sebagai teks …' */
  message: string
  /** e.g. 'Baris 16, kolom F (opsi_b): berisi tanggal 12/04/2026 — ketik sebagai teks.' */
  text: string
}

export interface ReadSheetResult<C extends string> {
  /** The sheet's name in the file (a CSV has none). */
  foundAs: string | null
  letters: Record<C, string>
  missing: C[]
  rows: ReadRow<C>[]
  problems: CellProblem[]
  tooMany: boolean
}

export interface ReadResult {
  format: 'xlsx' | 'csv'
  encoding?: 'utf-8' | 'windows-1252'
  separator?: ',' | ';'
  /** One entry per requested sheet, in the order asked; null when the file has no such sheet. */
  sheets: Array<ReadSheetResult<string> | null>
}

/** The file as a whole cannot be read; the message says why and what to do. */
export class SpreadsheetRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SpreadsheetRefused'
  }
}

export type FileFormat = 'xlsx' | 'ods' | 'xls' | 'csv' | 'binary' | 'empty'

/** What the bytes are, from their content (a renamed file is still what it is). */
export function sniffFormat(bytes: Uint8Array): FileFormat {
  if (bytes.byteLength === 0) return 'empty'
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    // OpenDocument stores an uncompressed 'mimetype' entry first.
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 200)).toString('latin1')
    return head.includes('application/vnd.oasis.opendocument') ? 'ods' : 'xlsx'
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls'
  const sample = bytes.subarray(0, 4096)
  if (sample.includes(0)) return 'binary'
  return 'csv'
}

const SAVE_AS_XLSX = 'Buka berkasnya di Excel atau LibreOffice Calc, pilih Simpan Sebagai (Save As), jenis "Excel Workbook (.xlsx)", lalu unggah berkas .xlsx itu.'

export async function readSpreadsheet(bytes: Uint8Array, specs: readonly ReadSheetSpec[]): Promise<ReadResult> {
  switch (sniffFormat(bytes)) {
    case 'empty':
      throw new SpreadsheetRefused('Berkas kosong. Pilih berkas XLSX atau CSV yang akan diimpor.')
    case 'ods':
      throw new SpreadsheetRefused(`Berkas ini berformat OpenDocument Spreadsheet (.ods), yang tidak dibaca Latih. ${SAVE_AS_XLSX}`)
    case 'xls':
      throw new SpreadsheetRefused(`Berkas ini berformat Excel 97–2003 (.xls), yang tidak dibaca Latih. ${SAVE_AS_XLSX}`)
    case 'binary':
      throw new SpreadsheetRefused(`Berkas ini bukan XLSX atau CSV. ${SAVE_AS_XLSX}`)
    case 'csv':
      return readCsv(bytes, specs)
    case 'xlsx':
      return readXlsx(bytes, specs)
  }
}

function readCsv(bytes: Uint8Array, specs: readonly ReadSheetSpec[]): ReadResult {
  const { rows, encoding, separator } = decodeCsv(bytes)
  const [primary, ...others] = specs
  const grid = (r: number, c: number) => rows[r - 1]?.[c - 1] ?? ''
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0)
  const sheet = readGrid(primary!, null, width, rows.length, (r, c) => ({ kind: 'text', text: grid(r, c) }))
  return { format: 'csv', encoding, separator, sheets: [sheet, ...others.map(() => null)] }
}

/** What an XLSX may unpack to: far above any real import, far below what hurts the server. */
export const MAX_XLSX_UNPACKED_BYTES = 32 * 1024 * 1024
const MAX_XLSX_ENTRIES = 1000

async function readXlsx(bytes: Uint8Array, specs: readonly ReadSheetSpec[]): Promise<ReadResult> {
  // Refused by what the ZIP declares before anything is inflated (a small file can unpack
  // to hundreds of MB).
  const unpacked = declaredUnpackedSize(bytes)
  if (!unpacked) {
    throw new SpreadsheetRefused(`Berkas tidak dapat dibaca sebagai XLSX (mungkin rusak atau bukan lembar kerja). ${SAVE_AS_XLSX}`)
  }
  if (unpacked.bytes > MAX_XLSX_UNPACKED_BYTES || unpacked.entries > MAX_XLSX_ENTRIES) {
    throw new SpreadsheetRefused(
      `Isi berkas XLSX ini terlalu besar setelah dibuka (${Math.ceil(unpacked.bytes / 1024 / 1024)} MB; paling besar ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB). Bagi datanya ke beberapa berkas, atau hapus lembar dan gambar yang tidak perlu.`,
    )
  }
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer)
  } catch {
    throw new SpreadsheetRefused(`Berkas tidak dapat dibaca sebagai XLSX (mungkin rusak atau bukan lembar kerja). ${SAVE_AS_XLSX}`)
  }
  const byName = (name: string) => wb.worksheets.find((ws) => ws.name.trim().toLowerCase() === name.trim().toLowerCase())
  const named = specs.map((s) => byName(s.name))
  const [primary] = specs
  if (!named[0]) {
    // A workbook with one sheet of data (a CSV converted by a suite names it after the
    // file) is read whatever the sheet is called, when its header row has the columns.
    const taken = new Set(named.filter(Boolean))
    const candidates = wb.worksheets.filter((ws) => !taken.has(ws) && ws.name.trim().toLowerCase() !== INFO_SHEET.toLowerCase())
    const matching = candidates.filter((ws) => headerMatches(ws, primary!))
    if (matching.length === 1) named[0] = matching[0]
    else if (candidates.length === 1) named[0] = candidates[0]
    else {
      const found = wb.worksheets.map((ws) => `"${ws.name}"`).join(', ')
      throw new SpreadsheetRefused(
        `Lembar "${primary!.name}" tidak ditemukan, dan tidak ada satu lembar lain yang baris judulnya memuat kolom ${primary!.columns
          .map((c) => c.name)
          .join(', ')}. Lembar di berkas ini: ${found || 'tidak ada'}.`,
      )
    }
  }
  return {
    format: 'xlsx',
    sheets: specs.map((spec, i) => {
      const ws = named[i]
      if (!ws) return null
      return readGrid(spec, ws.name, ws.columnCount, ws.rowCount, (r, c) => describeCell(ws.getRow(r).getCell(c)))
    }),
  }
}

function headerMatches(ws: ExcelJS.Worksheet, spec: ReadSheetSpec): boolean {
  const names = new Set<string>()
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell) => {
    const d = describeCell(cell)
    if (d.kind === 'text') names.add(headerName(d.text))
  })
  return spec.columns.every((c) => names.has(c.name))
}

const headerName = (text: string) => text.trim().toLowerCase().replace(/\s+/g, '_')

type Described =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; error: string }

/** What a cell holds, as exceljs read it. */
function describeCell(cell: ExcelJS.Cell): Described {
  const v = cell.value
  if (v === null || v === undefined) return { kind: 'text', text: '' }
  if (typeof v === 'string') return { kind: 'text', text: v }
  if (typeof v === 'number') return { kind: 'number', value: v }
  if (typeof v === 'boolean') return { kind: 'text', text: v ? 'TRUE' : 'FALSE' }
  if (v instanceof Date) return { kind: 'date', value: v }
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      const f = 'formula' in v ? v.formula : (v as { sharedFormula: string }).sharedFormula
      return { kind: 'formula', formula: `=${String(f)}` }
    }
    if ('richText' in v && Array.isArray(v.richText)) return { kind: 'text', text: v.richText.map((p) => p.text).join('') }
    if ('text' in v && typeof v.text === 'string') return { kind: 'text', text: v.text }
    if ('error' in v) return { kind: 'error', error: String(v.error) }
  }
  return { kind: 'text', text: String(v as unknown) }
}

function readGrid<C extends string>(
  spec: ReadSheetSpec<C>,
  sheetName: string | null,
  width: number,
  height: number,
  cellAt: (row: number, col: number) => Described,
): ReadSheetResult<C> {
  const numbers = {} as Record<C, number>
  const wanted = new Set<string>(spec.columns.map((c) => c.name))
  for (let c = 1; c <= width; c++) {
    const d = cellAt(1, c)
    if (d.kind !== 'text') continue
    const name = headerName(d.text.replace(/^\uFEFF/, ''))
    if (wanted.has(name) && numbers[name as C] === undefined) numbers[name as C] = c
  }
  const missing = spec.columns.map((c) => c.name).filter((c) => numbers[c] === undefined)
  const letters = {} as Record<C, string>
  for (const c of spec.columns) if (numbers[c.name] !== undefined) letters[c.name] = columnLetter(numbers[c.name])

  const rows: ReadRow<C>[] = []
  const problems: CellProblem[] = []
  let tooMany = false
  for (let r = 2; r <= height; r++) {
    const values = {} as Record<C, ReadValue>
    const rowProblems: CellProblem[] = []
    let any = false
    for (const column of spec.columns) {
      const n = numbers[column.name]
      const d: Described = n === undefined ? { kind: 'text', text: '' } : cellAt(r, n)
      const read = readCell(column.type, d)
      if ('problem' in read) {
        any = true
        const letter = letters[column.name]
        rowProblems.push({
          sheet: sheetName ?? spec.name,
          row: r,
          column: column.name,
          letter,
          shown: read.shown,
          message: read.problem,
          text: `Baris ${r}, kolom ${letter} (${column.name}): ${read.problem}`,
        })
        values[column.name] = column.type === 'text' ? '' : null
      } else {
        values[column.name] = read.value
        if (read.value !== null && read.value !== '' && !(typeof read.value === 'string' && read.value.trim() === '')) any = true
      }
    }
    if (!any) continue
    if (rows.length >= spec.maxRows) {
      tooMany = true
      break
    }
    rows.push({ row: r, values })
    problems.push(...rowProblems)
  }
  return { foundAs: sheetName, letters, missing, rows, problems, tooMany }
}

type Read = { value: ReadValue } | { problem: string; shown: string }

function readCell(type: ReadColumnType, d: Described): Read {
  if (d.kind === 'formula') {
    return { problem: `berisi rumus ${d.formula} — ketik isinya sebagai teks atau angka, bukan rumus.`, shown: d.formula }
  }
  if (d.kind === 'error') return { problem: `berisi galat ${d.error} — ketik isinya.`, shown: d.error }
  switch (type) {
    case 'text':
      if (d.kind === 'date') {
        const shown = showDate(d.value)
        return { problem: `berisi tanggal ${shown} — ketik sebagai teks (format sel Teks), bukan tanggal.`, shown }
      }
      if (d.kind === 'number') return { value: String(d.value) }
      return { value: restoreNeutralized(d.text) }
    case 'number':
    case 'integer': {
      if (d.kind === 'date') {
        const shown = showDate(d.value)
        return { problem: `berisi tanggal ${shown}, padahal kolom ini berisi angka.`, shown }
      }
      let n: number
      if (d.kind === 'number') n = d.value
      else {
        const t = d.text.trim()
        if (t === '') return { value: null }
        // Indonesian writing uses a decimal comma; a point is taken as decimal too.
        n = /^-?\d+(,\d+)?$/.test(t) ? Number(t.replace(',', '.')) : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN
        if (Number.isNaN(n)) return { problem: `"${t}" bukan angka.`, shown: t }
      }
      if (type === 'integer' && !Number.isInteger(n)) return { problem: `${n} bukan bilangan bulat.`, shown: String(n) }
      return { value: n }
    }
    case 'date': {
      if (d.kind === 'date') return { value: d.value.toISOString().slice(0, 10) }
      if (d.kind === 'number') return { problem: `berisi angka ${d.value}, padahal kolom ini berisi tanggal.`, shown: String(d.value) }
      const t = d.text.trim()
      if (t === '') return { value: null }
      const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)
      const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t)
      const [y, m, day] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : []
      const date = y ? new Date(Date.UTC(Number(y), Number(m) - 1, Number(day))) : null
      if (!date || date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(m) - 1) {
        return { problem: `"${t}" bukan tanggal (tulis hh/bb/tttt).`, shown: t }
      }
      return { value: date.toISOString().slice(0, 10) }
    }
  }
}

/** A date cell as an Indonesian reader writes it; the time only when there is one. */
function showDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  const date = `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`
  return d.getUTCHours() || d.getUTCMinutes() ? `${date} ${p(d.getUTCHours())}.${p(d.getUTCMinutes())}` : date
}
