import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { timeZoneAbbreviation, toZonedDateTime } from '../../../domain/zonedTime'
import { neutralizeText } from './neutralize'

/**
 * The one XLSX writer of Latih (docs/decisions/010-spreadsheets.md). Every export goes
 * through it so that dates are date cells in the institution's zone, numbers are
 * numbers, blanks are blank, and text people typed cannot turn into a formula.
 */

export type CellValue = string | number | Date | null | undefined

export interface SheetColumn<Row> {
  header: string
  /** text: user text, neutralised; number/integer: numeric cells; date: a calendar date ('YYYY-MM-DD' string or Date) as a date cell;
   *  dateTime: an instant, written as a date-time cell in the workbook's time zone with an Indonesian format */
  type: 'text' | 'number' | 'integer' | 'date' | 'dateTime'
  value: (row: Row) => CellValue
  width?: number
  /** Excel number format override, e.g. '0.00' */
  numFmt?: string
  /** A drop-down list offered on the first `SheetSpec.validatedRows` data rows (templates). */
  list?: { values: readonly string[]; message: string }
}

// Any: a list of sheets mixes row types; each spec is checked where it is built.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface SheetSpec<Row = any> {
  name: string
  columns: SheetColumn<Row>[]
  rows: Iterable<Row> | AsyncIterable<Row>
  /** Data rows that get the columns' drop-down lists (a template's empty rows included). */
  validatedRows?: number
  /** Wrap long text in the data rows (off by default: wrapping makes large sheets slow to open). */
  wrapText?: boolean
}

export interface WorkbookInfo {
  title: string
  institutionName: string
  timeZone: string // IANA zone of the institution, e.g. 'Asia/Makassar'
  generatedAt: Date
  generatedBy: string // display name of who generated it
  details?: Array<[label: string, value: string]> // e.g. [['Gelombang', 'LAS 2026-1']]
  /** Where the "Keterangan" sheet goes. 'last' suits templates, whose first sheet is the one people edit
   *  (a suite saving as CSV saves the first/active sheet). Default 'first'. */
  infoSheet?: 'first' | 'last'
}

export const INFO_SHEET = 'Keterangan'
export const DATE_FORMAT = 'dd/mm/yyyy'
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm'
const TEXT_FORMAT = '@'

const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } }
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0B5CAD' } }

/** Writes an info sheet ("Keterangan": title block) then the sheets; null/undefined/'' → blank cell; header row frozen and styled;
 *  streams (exceljs streaming WorkbookWriter) to `out` when given and resolves undefined, else resolves the bytes. */
export async function writeWorkbook(info: WorkbookInfo, sheets: SheetSpec[], out?: NodeJS.WritableStream): Promise<Buffer | undefined> {
  const names = uniqueSheetNames([...sheets.map((s) => s.name), INFO_SHEET])
  const chunks: Buffer[] = []
  const stream = out ?? new PassThrough()
  if (!out) (stream as PassThrough).on('data', (c: Buffer) => chunks.push(c))
  const finished = out ? Promise.resolve() : new Promise<void>((resolve, reject) => {
    ;(stream as PassThrough).on('end', resolve).on('error', reject)
  })

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: stream as unknown as import('node:stream').Stream, useStyles: true, useSharedStrings: false })
  wb.creator = 'Latih'
  wb.title = info.title
  wb.created = info.generatedAt
  wb.modified = info.generatedAt

  const infoLast = info.infoSheet === 'last'
  if (!infoLast) writeInfoSheet(wb, info, names[names.length - 1]!, sheets, names)
  for (let i = 0; i < sheets.length; i++) await writeSheet(wb, sheets[i]!, names[i]!, info.timeZone)
  if (infoLast) writeInfoSheet(wb, info, names[names.length - 1]!, sheets, names)
  await wb.commit()
  if (out) return undefined
  await finished
  return Buffer.concat(chunks)
}

function writeInfoSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, info: WorkbookInfo, name: string, sheets: SheetSpec[], names: string[]) {
  const ws = wb.addWorksheet(name)
  ws.columns = [
    { key: 'label', width: 22, style: { numFmt: TEXT_FORMAT } },
    { key: 'value', width: 70, style: { numFmt: TEXT_FORMAT } },
  ]
  const title = ws.addRow([neutralizeText(info.title)])
  title.font = { bold: true, size: 14 }
  title.commit()
  ws.addRow([]).commit()
  const pairs: Array<[string, CellValue, string?]> = [
    ['Lembaga', neutralizeText(info.institutionName)],
    ...(info.details ?? []).map(([k, v]): [string, CellValue] => [neutralizeText(k), neutralizeText(v)]),
    ['Dibuat pada', zonedCellDate(info.generatedAt, info.timeZone), DATE_TIME_FORMAT],
    ['Dibuat oleh', neutralizeText(info.generatedBy)],
    ['Zona waktu', `${timeZoneAbbreviation(info.timeZone)} (${info.timeZone}); semua tanggal dan jam di berkas ini memakai zona ini`],
    ['Lembar', sheets.map((_, i) => names[i]).join(', ')],
  ]
  for (const [label, value, numFmt] of pairs) {
    const row = ws.addRow([label, value ?? null])
    row.getCell(1).font = { bold: true }
    if (numFmt) row.getCell(2).numFmt = numFmt
    row.getCell(2).alignment = { horizontal: 'left', vertical: 'top', wrapText: true }
    row.commit()
  }
  ws.addRow([]).commit()
  ws.addRow([
    'Catatan',
    'Teks yang diawali =, +, -, atau @ ditulis dengan tanda petik (\') di depannya agar tidak dijalankan sebagai rumus.',
  ]).commit()
  ws.commit()
}

async function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec, name: string, timeZone: string) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }] })
  ws.columns = spec.columns.map((c, i) => ({
    key: `c${i}`,
    width: c.width ?? defaultWidth(c),
    // Column style: what someone types later into an empty cell of a text column stays text.
    style: { numFmt: c.numFmt ?? defaultFormat(c.type) },
  }))
  const header = ws.getRow(1)
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.value = c.header
    cell.numFmt = TEXT_FORMAT
  })
  header.font = HEADER_FONT
  header.fill = HEADER_FILL
  header.alignment = { vertical: 'middle' }
  header.commit()

  // One style object per column, shared by its cells: exceljs caches a style's id per
  // object, so a shared object is looked up once instead of serialised for every cell.
  const styles = spec.columns.map((c): Partial<ExcelJS.Style> => ({
    numFmt: c.numFmt ?? defaultFormat(c.type),
    ...(spec.wrapText && c.type === 'text' ? { alignment: { vertical: 'top', wrapText: true } } : {}),
  }))
  let r = 1
  const emit = (item: unknown) => {
    r++
    const row = ws.getRow(r)
    spec.columns.forEach((c, i) => {
      const value = toCell(c, c.value(item), timeZone)
      const cell = row.getCell(i + 1)
      cell.style = styles[i]!
      if (value !== null) cell.value = value
    })
    row.commit()
  }
  if (Symbol.asyncIterator in spec.rows) for await (const item of spec.rows as AsyncIterable<unknown>) emit(item)
  else for (const item of spec.rows as Iterable<unknown>) emit(item)

  if (spec.validatedRows) {
    const last = Math.max(spec.validatedRows + 1, r)
    spec.columns.forEach((c, i) => {
      if (!c.list) return
      const letter = columnLetter(i + 1)
      // The streaming sheet has the validations of a sheet, but its type omits them.
      const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations
      for (let n = 2; n <= last; n++) {
        validations.add(`${letter}${n}`, {
          type: 'list',
          allowBlank: true,
          formulae: [`"${c.list.values.join(',')}"`],
          showErrorMessage: true,
          errorTitle: c.header,
          error: c.list.message,
        })
      }
    })
  }
  ws.commit()
}

/** A value as the cell holds it; null for a blank cell. */
export function toCell(column: Pick<SheetColumn<unknown>, 'type'>, value: CellValue, timeZone: string): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null
  switch (column.type) {
    case 'text':
      return neutralizeText(value instanceof Date ? value.toISOString() : String(value))
    case 'number':
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(value)
      if (!Number.isFinite(n)) return null
      return column.type === 'integer' ? Math.round(n) : n
    }
    case 'date': {
      if (value instanceof Date) return calendarCellDate(value)
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value))
      if (!m) return null
      return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
    }
    case 'dateTime': {
      const instant = value instanceof Date ? value : new Date(String(value))
      return Number.isNaN(instant.getTime()) ? null : zonedCellDate(instant, timeZone)
    }
  }
}

/**
 * exceljs turns a Date into a serial date from its UTC reading, and spreadsheets have no
 * zones: the cell must hold the wall clock of the institution, so the wall clock is
 * written as if it were UTC.
 */
function zonedCellDate(instant: Date, timeZone: string): Date {
  const z = toZonedDateTime(instant, timeZone)
  const d = new Date(0)
  d.setUTCFullYear(z.year, z.month - 1, z.day)
  d.setUTCHours(z.hour, z.minute, z.second, 0)
  return d
}

/** A Date given for a calendar date is read in UTC (how 'YYYY-MM-DD' strings parse). */
function calendarCellDate(d: Date): Date | null {
  if (Number.isNaN(d.getTime())) return null
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
}

function defaultFormat(type: SheetColumn<unknown>['type']): string {
  switch (type) {
    case 'text':
      return TEXT_FORMAT
    case 'integer':
      return '0'
    case 'number':
      return 'General'
    case 'date':
      return DATE_FORMAT
    case 'dateTime':
      return DATE_TIME_FORMAT
  }
}

function defaultWidth(c: SheetColumn<unknown>): number {
  const header = c.header.length + 2
  switch (c.type) {
    case 'date':
      return Math.max(12, header)
    case 'dateTime':
      return Math.max(17, header)
    case 'number':
    case 'integer':
      return Math.max(10, header)
    case 'text':
      return Math.min(60, Math.max(18, header))
  }
}

export function columnLetter(n: number): string {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique regardless of case. */
export function uniqueSheetNames(names: string[]): string[] {
  const seen = new Set<string>()
  return names.map((raw) => {
    const base = (raw.replace(/[:\\/?*[\]]/g, '-').trim() || 'Lembar').slice(0, 31)
    let name = base
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`
    seen.add(name.toLowerCase())
    return name
  })
}
