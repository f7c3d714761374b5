import ExcelJS from 'exceljs'
import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTestDatabase, contextFor } from '../../../tests/db'
import { auditEvent, question, questionBank, questionVersion } from '../../db/schema'
import { ConflictError, ForbiddenError } from '../../errors'
import { archiveQuestion } from './archiveQuestion'
import { createBank } from './createBank'
import { createQuestion } from './createQuestion'
import { exportBankXlsx } from './exportBankXlsx'
import { ImportRejected } from './previewBankImport'
import { questionsWithCurrentVersion } from './store'
import { bankFixture, importBank, mcRow, memoryStorage, PNG_BYTES, workbookBytes } from './testSupport'

const NOW = new Date('2026-03-10T02:00:00Z')

async function rejection(promise: Promise<unknown>): Promise<ImportRejected> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ImportRejected) return error
    throw error
  }
  throw new Error('expected the import to be refused')
}

describe('bank import and export (XLSX)', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const f = await bankFixture(db, '2')
  const admin = contextFor(database, f.admin, NOW)
  const later = contextFor(database, f.admin, new Date(NOW.getTime() + 3_600_000))

  const snapshot = async (bankId: string) =>
    (await questionsWithCurrentVersion(db, bankId)).map(({ question: q, version: v }) => ({
      code: q.code,
      position: q.position,
      archived: q.archivedAt !== null,
      type: v.type,
      stem: v.stem,
      options: v.options,
      correctOptionKey: v.correctOptionKey,
      scaleCode: v.scaleCode,
      reverseScored: v.reverseScored,
      imageKey: v.imageKey,
    }))

  it('imports new questions, then adds a version only for the rows that changed', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'IMP', title: 'Impor' })
    const rows = [
      mcRow('IMP-001', 'Satu tambah satu sama dengan …', 'B'),
      { ...mcRow('imp-002', 'Huruf vokal adalah …', 'E'), opsi_e: 'a' },
      mcRow('IMP-003', 'Tiga kali satu sama dengan …', 'C'),
    ]
    expect(await importBank(admin, { bankId, bytes: await workbookBytes(rows) })).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      scalesChanged: false,
    })
    const first = await snapshot(bankId)
    expect(first.map((q) => [q.code, q.position, q.correctOptionKey, q.options.length])).toEqual([
      ['IMP-001', 1, 'B', 4],
      ['IMP-002', 2, 'E', 5],
      ['IMP-003', 3, 'C', 4],
    ])
    const [before002] = await db
      .select()
      .from(questionVersion)
      .innerJoin(question, eq(question.id, questionVersion.questionId))
      .where(eq(question.code, 'IMP-002'))

    const changed = [rows[0]!, { ...rows[1]!, kunci: 'A' }, rows[2]!, mcRow('IMP-004', 'Empat dibagi dua sama dengan …', 'B')]
    expect(await importBank(later, { bankId, bytes: await workbookBytes(changed) })).toEqual({
      created: 1,
      updated: 1,
      unchanged: 2,
      scalesChanged: false,
    })
    const versions = await db
      .select({ code: question.code, version: questionVersion.version, key: questionVersion.correctOptionKey, current: question.currentVersion })
      .from(questionVersion)
      .innerJoin(question, eq(question.id, questionVersion.questionId))
      .where(eq(question.bankId, bankId))
      .orderBy(asc(question.code), asc(questionVersion.version))
    expect(versions).toEqual([
      { code: 'IMP-001', version: 1, key: 'B', current: 1 },
      { code: 'IMP-002', version: 1, key: 'E', current: 2 },
      { code: 'IMP-002', version: 2, key: 'A', current: 2 },
      { code: 'IMP-003', version: 1, key: 'C', current: 1 },
      { code: 'IMP-004', version: 1, key: 'B', current: 1 },
    ])
    const [after002] = await db
      .select()
      .from(questionVersion)
      .where(eq(questionVersion.id, before002!.question_version.id))
    expect(after002).toEqual(before002!.question_version)
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.action, 'question_bank.import'))
    expect(audits).toHaveLength(2)
    expect(audits[1]!.after).toMatchObject({ created: ['IMP-004'], updated: [{ code: 'IMP-002', from: 1, to: 2 }], unchanged: 2 })
  })

  it('imports a file sent twice at once only once', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'DUAKALI', title: 'Dua kali' })
    const bytes = await workbookBytes([mcRow('DK-1', 'Satu'), mcRow('DK-2', 'Dua'), mcRow('DK-3', 'Tiga')])
    // Two uploads and confirms at once: the second either sees the first's questions in its
    // preview (nothing to change) or, previewed before the first confirmed, is refused as
    // out of date (PostgreSQL runs them in parallel; PGlite one after the other).
    const results = await Promise.allSettled([importBank(admin, { bankId, bytes }), importBank(admin, { bankId, bytes })])
    const applied = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
    for (const e of refused) expect(e).toBeInstanceOf(ConflictError)
    expect(applied.filter((r) => r.created === 3)).toHaveLength(1)
    expect(applied.filter((r) => r.created === 0).every((r) => r.unchanged === 3)).toBe(true)
    expect(await db.select().from(question).where(eq(question.bankId, bankId))).toHaveLength(3)
    expect((await snapshot(bankId)).map((q) => q.position)).toEqual([1, 2, 3])
  })

  it('refuses a file with errors, naming each row and column, and imports nothing', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'SALAH', title: 'Salah' })
    await importBank(admin, { bankId, bytes: await workbookBytes([mcRow('SALAH-001', 'Soal lama', 'A')]) })
    const before = await snapshot(bankId)

    const rows = [
      mcRow('SALAH-001', 'Soal lama diubah', 'A'), // valid on its own: must not be saved either
      { ...mcRow('SALAH-002', 'Tanpa opsi B', 'A'), opsi_b: '' },
      { ...mcRow('SALAH-003', 'Kunci salah', 'A'), kunci: 'F' },
      { ...mcRow('SALAH-004', 'Tipe salah', 'A'), tipe: 'likert' },
      mcRow('salah-002', 'Kode kembar', 'A'),
      { ...mcRow('', 'Tanpa kode', 'A') },
      { ...mcRow('SALAH-007', '', 'A'), kunci: 'E' },
    ]
    const error = await rejection(importBank(admin, { bankId, bytes: await workbookBytes(rows) }))
    expect(error.issues.map((i) => i.text)).toEqual([
      'Baris 3, kolom E (opsi_b): wajib diisi untuk pilihan ganda.',
      'Baris 4, kolom I (kunci): harus salah satu huruf A–E.',
      'Baris 5, kolom B (tipe): bank Asesmen Siap Latih (tes tertulis) hanya menerima tipe pilihan_ganda.',
      'Baris 6, kolom A (kode): kode SALAH-002 sudah dipakai di baris 3.',
      'Baris 7, kolom A (kode): wajib diisi.',
      'Baris 8, kolom C (pertanyaan): wajib diisi.',
      'Baris 8, kolom I (kunci): menunjuk opsi_e yang kosong.',
    ])
    expect(error.fieldErrors.berkas).toHaveLength(7)
    expect(error.message).toContain('7 kesalahan')
    expect(await snapshot(bankId)).toEqual(before)
    expect(await db.select().from(question).where(eq(question.bankId, bankId))).toHaveLength(1)
  })

  it('explains files it cannot use', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'BERKAS', title: 'Berkas' })
    const texts = async (bytes: Uint8Array) => (await rejection(importBank(admin, { bankId, bytes }))).issues.map((i) => i.text)
    expect((await texts(new Uint8Array([0x00, 0x01, 0x02, 0x03])))[0]).toContain('bukan XLSX atau CSV')
    expect(await texts(new TextEncoder().encode('kode,tipe\n1,2'))).toEqual([
      'Lembar Soal: kolom pertanyaan, opsi_a, opsi_b, opsi_c, opsi_d, opsi_e, kunci, skala, terbalik, gambar tidak ditemukan di baris judul (baris 1).',
    ])
    // Two sheets, neither called Soal nor headed like it: which one was meant is unknown.
    const twoSheets = new ExcelJS.Workbook()
    twoSheets.addWorksheet('Lembar1').addRow(['a'])
    twoSheets.addWorksheet('Lembar2').addRow(['b'])
    expect((await texts(new Uint8Array(await twoSheets.xlsx.writeBuffer())))[0]).toContain('Lembar "Soal" tidak ditemukan')
    expect(await texts(await workbookBytes([mcRow('A-1', 'x')], { columns: ['kode', 'tipe', 'pertanyaan', 'opsi_a', 'opsi_b', 'opsi_c', 'opsi_d', 'opsi_e', 'skala', 'terbalik', 'gambar'] }))).toEqual([
      'Lembar Soal: kolom kunci tidak ditemukan di baris judul (baris 1).',
    ])
    expect(await texts(await workbookBytes([]))).toEqual(['Lembar Soal tidak berisi soal.'])
    expect(await db.select().from(question).where(eq(question.bankId, bankId))).toHaveLength(0)
  })

  it('refuses rows for archived questions and unknown image keys', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'ARSIP', title: 'Arsip' })
    const q = await createQuestion(admin, { bankId, code: 'ARSIP-001', fields: { pertanyaan: 'x', opsi_a: '1', opsi_b: '2', opsi_c: '3', opsi_d: '4', kunci: 'A' } })
    await archiveQuestion(admin, { questionId: q.questionId })
    const error = await rejection(
      importBank(admin, {
        bankId,
        bytes: await workbookBytes([
          mcRow('ARSIP-001', 'diubah'),
          { ...mcRow('ARSIP-002', 'bergambar'), gambar: 'questions/00000000-0000-4000-8000-000000000000.png' },
        ]),
      }),
    )
    expect(error.issues.map((i) => i.text)).toEqual([
      'Baris 2, kolom A (kode): soal ARSIP-001 sudah diarsipkan; pulihkan dulu di halaman soalnya atau pakai kode lain.',
      'Baris 3, kolom L (gambar): gambar ini tidak ada di Latih; unggah gambar lewat formulir soal lalu salin kuncinya.',
    ])
  })

  it('imports scales from the Skala sheet and reports their errors by sheet, row and column', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'potential', code: 'SPI-IMP', title: 'Potensi' })
    const items = [
      { kode: 'S-1', tipe: 'skala', pertanyaan: 'Merakit mesin.', skala: 'REA' },
      { kode: 'S-2', tipe: 'skala', pertanyaan: 'Menggambar.', skala: 'ART', terbalik: 'tidak' },
    ]
    const bad = await rejection(
      importBank(admin, {
        bankId,
        bytes: await workbookBytes([...items, { kode: 'S-3', tipe: 'skala', pertanyaan: 'Menjahit.', skala: 'KON' }], {
          scales: [
            ['REA', 'Realistik', 'Teknik', 'Las; Otomotif'],
            ['ART', '', '', 'Garmen Apparel'],
          ],
        }),
      }),
    )
    expect(bad.issues.map((i) => i.text)).toEqual([
      'Lembar Skala, baris 3, kolom B (nama): wajib diisi.',
      'Baris 4, kolom J (skala): kode skala "KON" tidak dikenal; pilih salah satu: REA, ART.',
    ])
    expect((await db.select().from(questionBank).where(eq(questionBank.id, bankId)))[0]!.scales).toEqual([])

    const ok = await importBank(admin, {
      bankId,
      bytes: await workbookBytes(items, {
        scales: [
          ['REA', 'Realistik', 'Teknik', 'Las; Otomotif'],
          ['ART', 'Artistik', '', 'Garmen Apparel'],
        ],
      }),
    })
    expect(ok).toEqual({ created: 2, updated: 0, unchanged: 0, scalesChanged: true })
    const [bank] = await db.select().from(questionBank).where(eq(questionBank.id, bankId))
    expect(bank!.scales).toEqual([
      { code: 'REA', name: 'Realistik', description: 'Teknik', suggestedFields: ['Las', 'Otomotif'] },
      { code: 'ART', name: 'Artistik', description: '', suggestedFields: ['Garmen Apparel'] },
    ])
    const snap = await snapshot(bankId)
    expect(snap.map((s) => [s.type, s.scaleCode, s.options.length, s.correctOptionKey])).toEqual([
      ['scaled', 'REA', 5, null],
      ['scaled', 'ART', 5, null],
    ])

    // Dropping a scale that a question outside the file still uses is refused.
    const drop = await rejection(
      importBank(admin, { bankId, bytes: await workbookBytes([items[0]!], { scales: [['REA', 'Realistik', 'Teknik', 'Las']] }) }),
    )
    expect(drop.issues.map((i) => i.text)).toEqual([
      'Lembar Skala: skala ART tidak ada, padahal masih dipakai soal S-2 yang tidak ada di berkas ini.',
    ])
  })

  it('round-trips: an export imports back into an empty bank as identical questions, and into its own bank as no change', async () => {
    const { bankId } = await createBank(admin, {
      institutionId: f.inst.id,
      kind: 'self_assessment',
      code: 'PD-RT',
      title: 'Penilaian diri',
      scales: [
        { kode: 'DSP', nama: 'Disiplin', deskripsi: 'Tepat waktu; taat aturan', bidang_disarankan: '' },
        { kode: 'MOT', nama: 'Motivasi', deskripsi: 'Semangat\nbelajar', bidang_disarankan: 'Las;Otomotif' },
      ],
    })
    const storage = memoryStorage()
    await createQuestion(admin, { bankId, fields: { pertanyaan: 'Saya datang tepat waktu.', skala: 'DSP' } })
    await createQuestion(admin, { bankId, fields: { pertanyaan: 'Saya sering menunda pekerjaan.\nTermasuk tugas rumah.', skala: 'DSP', terbalik: 'ya' } })
    await createQuestion(admin, { bankId, fields: { pertanyaan: '  Saya ingin "bersertifikat" = 100%  ' }, image: { bytes: PNG_BYTES, storage } })
    const archived = await createQuestion(admin, { bankId, fields: { pertanyaan: 'Diarsipkan.', skala: 'MOT' } })
    await archiveQuestion(admin, { questionId: archived.questionId })

    const exported = await exportBankXlsx(admin, { bankId })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(exported as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Soal', 'Petunjuk', 'Skala', 'Keterangan'])
    expect(wb.getWorksheet('Soal')!.getRow(1).values).toEqual([
      undefined,
      'kode', 'tipe', 'pertanyaan', 'opsi_a', 'opsi_b', 'opsi_c', 'opsi_d', 'opsi_e', 'kunci', 'skala', 'terbalik', 'gambar',
    ])

    // Into its own bank: nothing changes.
    expect(await importBank(later, { bankId, bytes: new Uint8Array(exported) })).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      scalesChanged: false,
    })

    // Into a new, empty bank of the same kind: the same questions and scales.
    const copy = await createBank(admin, { institutionId: f.inst.id, kind: 'self_assessment', code: 'PD-RT2', title: 'Salinan' })
    expect(await importBank(later, { bankId: copy.bankId, bytes: new Uint8Array(exported) })).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      scalesChanged: true,
    })
    const original = (await snapshot(bankId)).filter((q) => !q.archived)
    expect(await snapshot(copy.bankId)).toEqual(original.map((q, i) => ({ ...q, position: i + 1 })))
    const [a] = await db.select().from(questionBank).where(eq(questionBank.id, bankId))
    const [b] = await db.select().from(questionBank).where(eq(questionBank.id, copy.bankId))
    expect(b!.scales).toEqual(a!.scales)

    // A multiple-choice bank round-trips too, options and keys included.
    const mc = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'MC-RT', title: 'PG' })
    await importBank(admin, {
      bankId: mc.bankId,
      bytes: await workbookBytes([{ ...mcRow('MC-1', 'Ibu kota Sulawesi Tenggara adalah …', 'D'), opsi_d: 'Kendari', opsi_e: 'Bau-Bau' }, mcRow('MC-2', '12 × 12 = …', 'A')]),
    })
    const mcCopy = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'MC-RT2', title: 'PG 2' })
    await importBank(admin, { bankId: mcCopy.bankId, bytes: new Uint8Array(await exportBankXlsx(admin, { bankId: mc.bankId })) })
    expect(await snapshot(mcCopy.bankId)).toEqual(await snapshot(mc.bankId))
  })

  it('lets only administrators of the institution import and export', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'IZIN', title: 'Izin' })
    const bytes = await workbookBytes([mcRow('IZIN-1', 'x')])
    for (const actor of [f.officer, f.outsider]) {
      const ctx = contextFor(database, actor, NOW)
      await expect(importBank(ctx, { bankId, bytes })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(exportBankXlsx(ctx, { bankId })).rejects.toBeInstanceOf(ForbiddenError)
    }
    expect(await db.select().from(question).where(eq(question.bankId, bankId))).toHaveLength(0)
  })
})
