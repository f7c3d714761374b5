import { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { neutralizeText, restoreNeutralized } from './neutralize'
import { INFO_SHEET, uniqueSheetNames, writeWorkbook, type SheetSpec } from './writer'

const info = {
  title: 'Laporan uji',
  institutionName: 'BPVP Kendari',
  timeZone: 'Asia/Makassar',
  generatedAt: new Date('2026-12-02T01:01:00Z'),
  generatedBy: 'Admin Uji',
  details: [['Gelombang', 'LAS 2026-1']] as Array<[string, string]>,
}

interface Row {
  name: string | null
  at: Date | null
  born: string | null
  score: number | null
  count: number | null
}

const sheet = (rows: Iterable<Row> | AsyncIterable<Row>): SheetSpec<Row> => ({
  name: 'Peserta',
  columns: [
    { header: 'Nama', type: 'text', value: (r) => r.name },
    { header: 'Selesai', type: 'dateTime', value: (r) => r.at },
    { header: 'Lahir', type: 'date', value: (r) => r.born },
    { header: 'Nilai', type: 'number', value: (r) => r.score, numFmt: '0.0' },
    { header: 'Benar', type: 'integer', value: (r) => r.count },
  ],
  rows,
})

async function load(bytes: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  return wb
}

describe('writeWorkbook', () => {
  it('writes the info sheet, then typed cells: date cells in the zone, numbers, blanks, neutralised text', async () => {
    const bytes = await writeWorkbook(info, [
      sheet([
        { name: '=HYPERLINK("http://contoh.test";"Wa Ode Sitti")', at: new Date('2026-12-02T01:01:00Z'), born: '2000-05-17', score: 72.5, count: 7 },
        { name: 'Wa Ode', at: null, born: null, score: null, count: null },
        { name: '', at: null, born: null, score: 0, count: 0 },
      ]),
    ])
    const wb = await load(bytes!)
    expect(wb.worksheets.map((w) => w.name)).toEqual([INFO_SHEET, 'Peserta'])
    const keterangan = wb.getWorksheet(INFO_SHEET)!
    expect(keterangan.getCell('A1').value).toBe('Laporan uji')
    const texts = keterangan.getColumn(2).values.filter((v) => typeof v === 'string')
    expect(texts).toContain('BPVP Kendari')
    expect(texts).toContain('LAS 2026-1')
    expect(texts).toContain('Admin Uji')

    const ws = wb.getWorksheet('Peserta')!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true)
    const [name, at, born, score, count] = [1, 2, 3, 4, 5].map((c) => ws.getRow(2).getCell(c))
    expect(name!.value).toBe('\'=HYPERLINK("http://contoh.test";"Wa Ode Sitti")')
    expect(name!.type).toBe(ExcelJS.ValueType.String)
    // 09.01 WITA is written as the wall clock: spreadsheets have no zones.
    expect(at!.value).toEqual(new Date('2026-12-02T09:01:00Z'))
    expect(at!.numFmt).toBe('dd/mm/yyyy hh:mm')
    expect(born!.value).toEqual(new Date('2000-05-17T00:00:00Z'))
    expect(born!.numFmt).toBe('dd/mm/yyyy')
    expect(score!.value).toBe(72.5)
    expect(score!.numFmt).toBe('0.0')
    expect(count!.value).toBe(7)
    for (const c of [1, 2, 3, 4, 5]) expect(ws.getRow(3).getCell(c).value ?? null).toBe(c === 1 ? 'Wa Ode' : null)
    expect(ws.getRow(4).getCell(1).value ?? null).toBe(null)
    expect(ws.getRow(4).getCell(4).value).toBe(0)
  })

  it('streams rows from an async iterable to a stream', async () => {
    async function* rows(): AsyncIterable<Row> {
      for (let i = 0; i < 1000; i++) yield { name: `Peserta ${i}`, at: null, born: null, score: i, count: i }
    }
    const chunks: Buffer[] = []
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk)
        done()
      },
    })
    const closed = new Promise((resolve) => out.on('finish', resolve))
    expect(await writeWorkbook({ ...info, infoSheet: 'last' }, [sheet(rows())], out)).toBeUndefined()
    await closed
    const wb = await load(Buffer.concat(chunks))
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Peserta', INFO_SHEET])
    expect(wb.getWorksheet('Peserta')!.rowCount).toBe(1001)
    expect(wb.getWorksheet('Peserta')!.getRow(1001).getCell(4).value).toBe(999)
  })

  it('names sheets as spreadsheets allow', () => {
    expect(uniqueSheetNames(['Soal: A/B', 'soal: a/b', 'x'.repeat(40)])).toEqual(['Soal- A-B', 'soal- a-b 2', 'x'.repeat(31)])
  })
})

describe('neutralizeText', () => {
  it('prefixes text that a spreadsheet would run as a formula, and only that', () => {
    for (const s of ['=1+1', '+62 812', '-5', '@SUM(A1)', '\tx', '\rx']) expect(neutralizeText(s)).toBe(`'${s}`)
    for (const s of ['Wa Ode', "O'Neil", '1-2', 'a=b']) expect(neutralizeText(s)).toBe(s)
    expect(neutralizeText('a\u0000b\u0007c')).toBe('abc')
    for (const s of ['=1+1', '-5', "'x", 'Wa Ode']) expect(restoreNeutralized(neutralizeText(s))).toBe(s)
  })
})
