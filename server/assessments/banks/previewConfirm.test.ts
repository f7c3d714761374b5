import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../../tests/db'
import { auditEvent, importPreview, question, questionVersion } from '../../db/schema'
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors'
import { readSpreadsheet } from '../../documents/spreadsheet/reader'
import { confirmBankImport, getBankImportPreview } from './confirmBankImport'
import { createBank } from './createBank'
import { ImportRejected, previewBankImport } from './previewBankImport'
import { questionsWithCurrentVersion } from './store'
import { QUESTIONS_READ } from './template'
import { updateQuestion } from './updateQuestion'
import { bankFixture, failure, importBank, mcRow, workbookBytes } from './testSupport'

const NOW = new Date('2026-12-03T02:00:00Z')
const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/spreadsheets')
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)))

describe('bank import in two steps: preview, then confirm', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const f = await bankFixture(db, '13')
  const admin = contextFor(database, f.admin, NOW)
  const later = contextFor(database, f.admin, new Date(NOW.getTime() + 60_000))

  const contentOf = async (bankId: string) =>
    (await questionsWithCurrentVersion(db, bankId)).map(({ question: q, version: v }) => ({
      code: q.code,
      version: v.version,
      stem: v.stem,
      options: v.options.map((o) => `${o.key}. ${o.text}`),
      key: v.correctOptionKey,
    }))

  /** A bank holding the fixture questions, imported from the writer's own export. */
  const fixtureBank = async (code: string) => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code, title: 'Siap Latih Umum' })
    expect(await importBank(admin, { bankId, bytes: fixture('bank-export.xlsx') })).toEqual({
      created: 7,
      updated: 0,
      unchanged: 0,
      scalesChanged: false,
    })
    return bankId
  }

  it('stores nothing but the preview; the confirmation applies it once, even when sent twice at once', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'DUA', title: 'Dua langkah' })
    await importBank(admin, { bankId, bytes: await workbookBytes([mcRow('DUA-001', 'Satu', 'A'), mcRow('DUA-002', 'Dua', 'B')]) })
    const before = await contentOf(bankId)

    const preview = await previewBankImport(later, {
      bankId,
      fileName: 'ubah.xlsx',
      bytes: await workbookBytes([{ ...mcRow('DUA-001', 'Satu (diperbaiki)', 'C') }, mcRow('DUA-002', 'Dua', 'B'), mcRow('DUA-003', 'Tiga', 'D')]),
    })
    expect(preview.issues).toEqual([])
    expect(preview.added).toEqual([{ row: 4, code: 'DUA-003', stem: 'Tiga', key: 'D' }])
    expect(preview.changed).toEqual([
      {
        row: 2,
        code: 'DUA-001',
        fromVersion: 1,
        fields: [
          { column: 'pertanyaan', before: 'Satu', after: 'Satu (diperbaiki)' },
          { column: 'kunci', before: 'A', after: 'C' },
        ],
      },
    ])
    expect(preview.unchanged).toBe(1)
    expect(await contentOf(bankId)).toEqual(before)
    const shown = await getBankImportPreview(later, { bankId, previewId: preview.previewId! })
    expect(shown).toMatchObject({ fileName: 'ubah.xlsx', added: preview.added, changed: preview.changed, appliedAt: null })

    const results = await Promise.all([
      confirmBankImport(later, { bankId, previewId: preview.previewId! }),
      confirmBankImport(later, { bankId, previewId: preview.previewId! }),
    ])
    expect(results.map((r) => r.alreadyApplied).sort()).toEqual([false, true])
    for (const r of results) expect(r).toMatchObject({ created: 1, updated: 1, unchanged: 1 })
    expect(await confirmBankImport(later, { bankId, previewId: preview.previewId! })).toMatchObject({ alreadyApplied: true })
    const after = await contentOf(bankId)
    expect(after.map((q) => [q.code, q.version, q.key])).toEqual([
      ['DUA-001', 2, 'C'],
      ['DUA-002', 1, 'B'],
      ['DUA-003', 1, 'D'],
    ])
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.action, 'question_bank.import'))
    expect(audits.filter((a) => a.entityId === bankId)).toHaveLength(2)
    expect((await getBankImportPreview(later, { bankId, previewId: preview.previewId! })).appliedAt).not.toBeNull()
  })

  it('does not apply a preview when the bank changed since, nor a preview of another bank or centre', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'BASI', title: 'Basi' })
    await importBank(admin, { bankId, bytes: await workbookBytes([mcRow('BASI-001', 'Satu', 'A')]) })
    const preview = await previewBankImport(admin, { bankId, bytes: await workbookBytes([mcRow('BASI-001', 'Satu lagi', 'A')]) })
    const [q] = await db.select().from(question).where(eq(question.bankId, bankId))
    await updateQuestion(admin, { questionId: q!.id, fields: { pertanyaan: 'Diubah di formulir', opsi_a: 'satu', opsi_b: 'dua', opsi_c: 'tiga', opsi_d: 'empat', kunci: 'A' } })
    const stale = await failure(confirmBankImport(later, { bankId, previewId: preview.previewId! }))
    expect(stale).toBeInstanceOf(ConflictError)
    expect((stale as Error).message).toContain('BASI-001')
    expect((await contentOf(bankId))[0]!.stem).toBe('Diubah di formulir')

    const other = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'LAIN', title: 'Lain' })
    await expect(confirmBankImport(later, { bankId: other.bankId, previewId: preview.previewId! })).rejects.toBeInstanceOf(NotFoundError)
    await expect(confirmBankImport(later, { bankId, previewId: 'bukan-id\u0000' })).rejects.toBeInstanceOf(NotFoundError)
    const outsider = contextFor(database, f.outsider, NOW)
    await expect(confirmBankImport(outsider, { bankId, previewId: preview.previewId! })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(previewBankImport(contextFor(database, f.officer, NOW), { bankId, bytes: await workbookBytes([]) })).rejects.toBeInstanceOf(
      ForbiddenError,
    )
    const late = contextFor(database, f.admin, new Date(NOW.getTime() + 25 * 3600_000))
    const fresh = await previewBankImport(admin, { bankId, bytes: await workbookBytes([mcRow('BASI-002', 'Dua', 'A')]) })
    await expect(confirmBankImport(late, { bankId, previewId: fresh.previewId! })).rejects.toBeInstanceOf(ConflictError)
  })

  it('imports a Calc re-save, a Calc CSV and a ;-separated Windows-1252 CSV of its export as no change', async () => {
    const bankId = await fixtureBank('SL-UMUM')
    const stored = await contentOf(bankId)
    expect(stored.find((q) => q.code === 'SL-UMUM-015')!.options).toEqual(['A. 7/8', 'B. 4/12', 'C. 5/8', 'D. 2/3'])
    expect(stored.find((q) => q.code === 'SL-UMUM-016')!.options).toEqual(['A. 007', 'B. 017', 'C. 070', 'D. 700'])
    expect(stored.find((q) => q.code === 'SL-UMUM-018')!.stem).toBe('-5 + 3 = …')
    expect(stored.find((q) => q.code === 'SL-UMUM-020')!.stem).toBe('=1+1 ditulis di lembar kerja sebagai …')

    for (const name of ['bank-export.calc-resave.xlsx', 'bank-export.csv', 'bank-export.semicolon-1252.csv']) {
      const preview = await previewBankImport(later, { bankId, fileName: name, bytes: fixture(name) })
      expect({ name, issues: preview.issues, added: preview.added, changed: preview.changed, unchanged: preview.unchanged }).toEqual({
        name,
        issues: [],
        added: [],
        changed: [],
        unchanged: 7,
      })
    }
    const semi = await readSpreadsheet(fixture('bank-export.semicolon-1252.csv'), [QUESTIONS_READ])
    expect(semi).toMatchObject({ format: 'csv', encoding: 'windows-1252', separator: ';' })
    const comma = await readSpreadsheet(fixture('bank-export.csv'), [QUESTIONS_READ])
    expect(comma).toMatchObject({ format: 'csv', encoding: 'utf-8', separator: ',' })
    expect(await contentOf(bankId)).toEqual(stored)
  })

  it('refuses a CSV round trip whose fractions became dates, at row and column, and shows 007 → 7 in the preview; stores nothing', async () => {
    const bankId = await fixtureBank('SL-CSV')
    const stored = await contentOf(bankId)
    const previews = (await db.select().from(importPreview).where(eq(importPreview.targetId, bankId))).length
    const preview = await previewBankImport(later, { bankId, bytes: fixture('bank-export.csv-roundtrip.xlsx') })
    expect(preview.previewId).toBeNull()
    expect(preview.sheetName).toBe('bank-export')
    expect(preview.issues.map((i) => i.text)).toEqual([
      'Baris 3, kolom D (opsi_a): berisi tanggal 07/08/2026 — ketik sebagai teks (format sel Teks), bukan tanggal.',
      'Baris 3, kolom E (opsi_b): berisi tanggal 04/12/2026 — ketik sebagai teks (format sel Teks), bukan tanggal.',
      'Baris 3, kolom F (opsi_c): berisi tanggal 05/08/2026 — ketik sebagai teks (format sel Teks), bukan tanggal.',
      'Baris 3, kolom G (opsi_d): berisi tanggal 02/03/2026 — ketik sebagai teks (format sel Teks), bukan tanggal.',
    ])
    const changed = Object.fromEntries(preview.changed.map((c) => [c.code, c.fields.map((x) => `${x.column}: ${x.before} → ${x.after}`)]))
    expect(changed).toEqual({
      'SL-UMUM-016': ['opsi_a: 007 → 7', 'opsi_b: 017 → 17', 'opsi_c: 070 → 70'],
      'SL-UMUM-017': ['opsi_a: 1,5 → 1.5', 'opsi_b: 2,5 → 2.5', 'opsi_c: 3,5 → 3.5', 'opsi_d: 4,5 → 4.5'],
    })
    expect(await contentOf(bankId)).toEqual(stored)
    expect((await db.select().from(importPreview).where(eq(importPreview.targetId, bankId))).length).toBe(previews)
  })

  it('refuses an .ods file, naming the format and how to save as .xlsx', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'ODS', title: 'ODS' })
    const error = await failure(previewBankImport(admin, { bankId, bytes: fixture('bank-export.ods') }))
    expect(error).toBeInstanceOf(ImportRejected)
    expect((error as ImportRejected).issues.map((i) => i.text)).toEqual([
      'Berkas ini berformat OpenDocument Spreadsheet (.ods), yang tidak dibaca Latih. Buka berkasnya di Excel atau LibreOffice Calc, pilih Simpan Sebagai (Save As), jenis "Excel Workbook (.xlsx)", lalu unggah berkas .xlsx itu.',
    ])
    expect(await db.select().from(questionVersion).innerJoin(question, eq(question.id, questionVersion.questionId)).where(eq(question.bankId, bankId))).toEqual([])
  })
})
