import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { FIXTURE_REPORT_ROWS } from '../../../tests/fixtures/spreadsheets/sources'
import { peopleSheet } from '../../assessments/exportBatchAssessments'
import { decodeCsv } from './csv'
import { readSpreadsheet, sniffFormat, SpreadsheetRefused, type ReadSheetSpec } from './reader'
import { writeWorkbook } from './writer'

const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/spreadsheets')
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)))

async function sheetOf(bytes: Uint8Array, name: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  return wb.worksheets.find((w) => w.name === name) ?? wb.worksheets[0]!
}

const SPEC: ReadSheetSpec<'nama' | 'jumlah' | 'tanggal'> = {
  name: 'Data',
  columns: [
    { name: 'nama', type: 'text' },
    { name: 'jumlah', type: 'number' },
    { name: 'tanggal', type: 'date' },
  ],
  maxRows: 10,
}

describe('CSV decoding', () => {
  it('reads UTF-8 with a BOM, Windows-1252, commas, semicolons and quoted fields', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('nama,jumlah\r\n"Wa Ode, S.Pd.","1,5"\r\n"kata ""café""\nbaris dua",2\r\n')])
    expect(decodeCsv(utf8)).toEqual({
      encoding: 'utf-8',
      separator: ',',
      rows: [
        ['nama', 'jumlah'],
        ['Wa Ode, S.Pd.', '1,5'],
        ['kata "café"\nbaris dua', '2'],
      ],
    })
    const cp1252 = new Uint8Array(iconv.encode('nama;jumlah\nJosé Ñúñez;1,5\n', 'windows-1252'))
    expect(decodeCsv(cp1252)).toEqual({ encoding: 'windows-1252', separator: ';', rows: [['nama', 'jumlah'], ['José Ñúñez', '1,5']] })
  })

  it('types CSV cells by column: decimal commas, dates as dd/mm/yyyy, and refuses what cannot belong', async () => {
    const csv = new TextEncoder().encode('Nama;Jumlah;Tanggal\nAni;1,5;17/05/2000\nBudi;satu;31/02/2000\n;;\n')
    const read = await readSpreadsheet(csv, [SPEC])
    const sheet = read.sheets[0]!
    expect(sheet.rows.map((r) => r.values)).toEqual([
      { nama: 'Ani', jumlah: 1.5, tanggal: '2000-05-17' },
      { nama: 'Budi', jumlah: null, tanggal: null },
    ])
    expect(sheet.problems.map((p) => p.text)).toEqual([
      'Baris 3, kolom B (jumlah): "satu" bukan angka.',
      'Baris 3, kolom C (tanggal): "31/02/2000" bukan tanggal (tulis hh/bb/tttt).',
    ])
  })

  it('knows a file by its content and refuses what it does not read', async () => {
    expect(sniffFormat(fixture('bank-export.ods'))).toBe('ods')
    expect(sniffFormat(fixture('bank-export.xlsx'))).toBe('xlsx')
    expect(sniffFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toBe('xls')
    await expect(readSpreadsheet(new Uint8Array(), [SPEC])).rejects.toBeInstanceOf(SpreadsheetRefused)
    await expect(readSpreadsheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]), [SPEC])).rejects.toThrow(/Excel 97–2003 \(\.xls\)/)
    await expect(readSpreadsheet(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), [SPEC])).rejects.toThrow(/tidak dapat dibaca sebagai XLSX/)
  })

  it('reads a single-sheet workbook whatever its sheet is called, and refuses formulas and dates in text columns', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('data-dari-csv')
    ws.addRow(['tanggal', 'NAMA', 'jumlah'])
    ws.addRow([new Date(Date.UTC(2026, 3, 12)), 'Ani', 3])
    ws.addRow([null, { formula: 'HYPERLINK("http://contoh.test";"x")', result: 'x' }, 2])
    ws.addRow([null, new Date(Date.UTC(2026, 11, 4)), null])
    const read = await readSpreadsheet(new Uint8Array(await wb.xlsx.writeBuffer()), [SPEC])
    const sheet = read.sheets[0]!
    expect(sheet.foundAs).toBe('data-dari-csv')
    expect(sheet.rows[0]!.values).toEqual({ nama: 'Ani', jumlah: 3, tanggal: '2026-04-12' })
    expect(sheet.problems.map((p) => p.text)).toEqual([
      'Baris 3, kolom B (nama): berisi rumus =HYPERLINK("http://contoh.test";"x") — ketik isinya sebagai teks atau angka, bukan rumus.',
      'Baris 4, kolom B (nama): berisi tanggal 04/12/2026 — ketik sebagai teks (format sel Teks), bukan tanggal.',
    ])
  })
})

describe('exports read back', () => {
  it('the report: completion times are date cells, scores numbers, blanks blank, the =HYPERLINK name neutralised text', async () => {
    const bytes = (await writeWorkbook(
      { title: 'Laporan', institutionName: 'BPVP Kendari', timeZone: 'Asia/Makassar', generatedAt: new Date('2026-12-03T00:00:00Z'), generatedBy: 'Admin' },
      [peopleSheet(FIXTURE_REPORT_ROWS)],
    ))!
    for (const [source, file] of [
      ['writer', bytes],
      ['Calc re-save', fixture('report-export.calc-resave.xlsx')],
    ] as const) {
      const ws = await sheetOf(file, 'Peserta')
      const row = ws.getRow(2)
      expect({ source, name: row.getCell(2).value }).toEqual({ source, name: '\'=HYPERLINK("http://contoh.test";"Wa Ode Sitti")' })
      expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String)
      // 01:01 UTC is 09.01 WITA: the cell holds the institution's wall clock.
      expect(row.getCell(6).value).toEqual(new Date('2026-12-02T09:01:00Z'))
      expect(row.getCell(6).numFmt).toMatch(/dd\/mm\/yyyy hh:mm/i)
      expect(row.getCell(7).value).toBe(4.25)
      expect(row.getCell(13).value).toBe(72.5)
      expect([row.getCell(14).value, row.getCell(15).value]).toEqual([29, 40])
      const blank = ws.getRow(3)
      for (const c of [3, 6, 7, 14, 15, 16]) expect(blank.getCell(c).value ?? null).toBeNull()
    }
  })

  it('the report after a CSV round trip through Calc: the name is still inert text, not a formula', async () => {
    expect(new TextDecoder().decode(fixture('report-export.csv'))).toContain('"\'=HYPERLINK(""http://contoh.test"";""Wa Ode Sitti"")"')
    const ws = await sheetOf(fixture('report-export.csv-roundtrip.xlsx'), 'report-export')
    const cell = ws.getRow(2).getCell(2)
    expect(cell.type).toBe(ExcelJS.ValueType.String)
    expect(cell.value).toBe('\'=HYPERLINK("http://contoh.test";"Wa Ode Sitti")')
    let formulas = 0
    ws.eachRow((r) => r.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && formulas++)))
    expect(formulas).toBe(0)
  })

  it('the bank template: text columns are formatted as text, user text neutralised, a Calc re-save keeps both', async () => {
    for (const name of ['bank-export.xlsx', 'bank-export.calc-resave.xlsx']) {
      const ws = await sheetOf(fixture(name), 'Soal')
      expect({ name, fmt: ws.getColumn(4).numFmt ?? ws.getRow(2).getCell(4).numFmt }).toEqual({ name, fmt: '@' })
      const row = ws.getRow(6)
      expect(row.getCell(3).value).toBe("'-5 + 3 = …")
      expect(row.getCell(4).value).toBe("'-2")
      expect(ws.getRow(4).getCell(4).value).toBe('007')
    }
  })
})
