// An XLSX that unpacks to far more than it weighs (issue 8, section 4): refused by the
// ZIP's declared sizes before ExcelJS inflates anything.
import { deflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { MAX_XLSX_UNPACKED_BYTES, readSpreadsheet, type ReadSheetSpec, SpreadsheetRefused } from './reader'
import { declaredUnpackedSize } from './zipSize'

/** A one-entry ZIP (deflate) as any zip tool writes it. */
function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content, { level: 9 })
  const fileName = Buffer.from(name)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt16LE(8, 8)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(content.length, 22)
  local.writeUInt16LE(fileName.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(8, 10)
  central.writeUInt32LE(data.length, 20)
  central.writeUInt32LE(content.length, 24)
  central.writeUInt16LE(fileName.length, 28)
  const localPart = Buffer.concat([local, fileName, data])
  const centralPart = Buffer.concat([central, fileName])
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(centralPart.length, 12)
  end.writeUInt32LE(localPart.length, 16)
  return Buffer.concat([localPart, centralPart, end])
}

const SPEC: ReadSheetSpec[] = [{ name: 'Soal', columns: [{ name: 'A', type: 'text' }], maxRows: 10 }]

describe('XLSX unpacked size', () => {
  it('refuses a small file that unpacks to 120 MB before parsing it', async () => {
    const bomb = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(120 * 1024 * 1024, 0x20))
    expect(bomb.length).toBeLessThan(200 * 1024)
    expect(declaredUnpackedSize(bomb)).toEqual({ bytes: 120 * 1024 * 1024, entries: 1 })
    const started = performance.now()
    const heapBefore = process.memoryUsage().heapUsed
    const refused = await readSpreadsheet(bomb, SPEC).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(SpreadsheetRefused)
    expect((refused as Error).message).toContain('terlalu besar setelah dibuka (120 MB; paling besar 32 MB)')
    expect(performance.now() - started).toBeLessThan(500)
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024)
  })

  it('reads a real workbook, whose declared size is what it is', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Soal').addRow(['A']).commit()
    wb.getWorksheet('Soal')!.addRow(['isi'])
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
    const declared = declaredUnpackedSize(bytes)
    expect(declared!.entries).toBeGreaterThan(3)
    expect(declared!.bytes).toBeLessThan(MAX_XLSX_UNPACKED_BYTES)
    const read = await readSpreadsheet(bytes, SPEC)
    expect(read.format).toBe('xlsx')
  })

  it('refuses bytes that start like a ZIP but have no readable directory', async () => {
    const broken = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)])
    await expect(readSpreadsheet(broken, SPEC)).rejects.toBeInstanceOf(SpreadsheetRefused)
  })
})
