import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTestDatabase, contextFor } from '../../../tests/db'
import { auditEvent, question, questionBank, questionVersion } from '../../db/schema'
import { ConflictError, ForbiddenError, ValidationError } from '../../errors'
import { archiveQuestion } from './archiveQuestion'
import { createBank } from './createBank'
import { createQuestion } from './createQuestion'
import { getBank } from './getBank'
import { getQuestion } from './getQuestion'
import { LIKERT_OPTIONS } from './options'
import { restoreQuestion } from './restoreQuestion'
import { bankFixture, failure, memoryStorage, PNG_BYTES } from './testSupport'
import { updateBank } from './updateBank'
import { updateQuestion } from './updateQuestion'

const NOW = new Date('2026-03-10T02:00:00Z')
const mc = { pertanyaan: 'Posisi 3G adalah posisi …', opsi_a: 'datar', opsi_b: 'horizontal', opsi_c: 'vertikal', opsi_d: 'di atas kepala', kunci: 'C' }

describe('question banks', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const f = await bankFixture(db, '1')
  const admin = contextFor(database, f.admin, NOW)

  it('creates a bank once, even when the form is sent twice', async () => {
    const input = { institutionId: f.inst.id, kind: 'written_test' as const, code: 'las-tulis', title: 'Tes Las', vocationalField: 'Las' }
    const first = await createBank(admin, input)
    const second = await createBank(admin, input)
    expect(second.bankId).toBe(first.bankId)
    const rows = await db.select().from(questionBank).where(eq(questionBank.institutionId, f.inst.id))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ code: 'LAS-TULIS', vocationalField: 'Las', kind: 'written_test' })
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.action, 'question_bank.create'))
    expect(audits).toHaveLength(1)

    const clash = await failure(createBank(admin, { ...input, title: 'Bank lain' }))
    expect(clash).toBeInstanceOf(ConflictError)
    expect((clash as ConflictError).fieldErrors.code?.[0]).toContain('sudah dipakai')
  })

  it('refuses bad bank input with field messages and creates nothing', async () => {
    const error = await failure(
      createBank(admin, { institutionId: f.inst.id, kind: 'potential', code: 'spi uji!', title: ' ', vocationalField: 'Las' }),
    )
    expect(error).toBeInstanceOf(ValidationError)
    const fe = (error as ValidationError).fieldErrors
    expect(Object.keys(fe).sort()).toEqual(['code', 'title', 'vocationalField'])
    expect(await db.select().from(questionBank).where(eq(questionBank.code, 'SPI UJI!'))).toHaveLength(0)
    // No kind chosen: said together with the other fields' messages, not one at a time.
    const noKind = await failure(createBank(admin, { institutionId: f.inst.id, kind: '', code: 'kode salah!', title: '' }))
    expect((noKind as ValidationError).fieldErrors).toEqual({
      kind: ['Pilih jenis asesmen.'],
      code: ['Kode bank: huruf, angka, dan tanda hubung, paling banyak 30 karakter (mis. LAS-TULIS).'],
      title: ['Judul bank wajib diisi.'],
    })
  })

  it('creates a question and keeps every old version unchanged when it is edited', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'UMUM', title: 'Umum' })
    const created = await createQuestion(admin, { bankId, fields: mc })
    expect(created).toMatchObject({ code: 'UMUM-001', created: true })
    const [v1] = await db.select().from(questionVersion).where(eq(questionVersion.questionId, created.questionId))
    expect(v1).toMatchObject({ version: 1, type: 'multiple_choice', correctOptionKey: 'C', createdBy: f.admin.userId })
    expect(v1!.options.map((o) => o.key)).toEqual(['A', 'B', 'C', 'D'])

    const edited = await updateQuestion(contextFor(database, f.admin, new Date(NOW.getTime() + 60_000)), {
      questionId: created.questionId,
      expectedVersion: 1,
      fields: { ...mc, pertanyaan: 'Posisi pengelasan 3G adalah posisi …', opsi_e: 'miring 45°' },
    })
    expect(edited).toEqual({ version: 2, changed: true })

    const versions = await db
      .select()
      .from(questionVersion)
      .where(eq(questionVersion.questionId, created.questionId))
      .orderBy(questionVersion.version)
    expect(versions).toHaveLength(2)
    // The first version is exactly as it was: attempts that used it never change.
    expect(versions[0]).toEqual(v1)
    expect(versions[1]).toMatchObject({ version: 2, stem: 'Posisi pengelasan 3G adalah posisi …' })
    expect(versions[1]!.options).toHaveLength(5)
    const [q] = await db.select().from(question).where(eq(question.id, created.questionId))
    expect(q!.currentVersion).toBe(2)

    const audit = await db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'question.update'), eq(auditEvent.entityId, created.questionId)))
    expect(audit).toHaveLength(1)
    expect(audit[0]!.before).toMatchObject({ version: 1, stem: mc.pertanyaan })
    expect(audit[0]!.after).toMatchObject({ version: 2 })

    // Saving the same content again adds no version (double submit).
    const again = await updateQuestion(admin, {
      questionId: created.questionId,
      expectedVersion: 1,
      fields: { ...mc, pertanyaan: 'Posisi pengelasan 3G adalah posisi …', opsi_e: 'miring 45°' },
    })
    expect(again).toEqual({ version: 2, changed: false })
    // An edit made on the stale version 1 is refused, with nothing written.
    const stale = await failure(updateQuestion(admin, { questionId: created.questionId, expectedVersion: 1, fields: { ...mc, kunci: 'D' } }))
    expect(stale).toBeInstanceOf(ConflictError)
    expect(await db.select().from(questionVersion).where(eq(questionVersion.questionId, created.questionId))).toHaveLength(2)

    const detail = await getQuestion(admin, { questionId: created.questionId })
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1])
  })

  it('lets only one of two simultaneous edits of the same version through', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'SAMA', title: 'Serentak' })
    const { questionId } = await createQuestion(admin, { bankId, fields: mc })
    const results = await Promise.allSettled([
      updateQuestion(admin, { questionId, expectedVersion: 1, fields: { ...mc, kunci: 'A' } }),
      updateQuestion(admin, { questionId, expectedVersion: 1, fields: { ...mc, kunci: 'B' } }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(rejected.reason).toBeInstanceOf(ConflictError)
    const versions = await db.select().from(questionVersion).where(eq(questionVersion.questionId, questionId))
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2])
  })

  it('does not create a question twice when the same form is sent twice with its code', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'DUA', title: 'Dua' })
    const a = await createQuestion(admin, { bankId, code: 'DUA-010', fields: mc })
    const b = await createQuestion(admin, { bankId, code: 'DUA-010', fields: mc })
    expect(b).toEqual({ questionId: a.questionId, code: 'DUA-010', created: false })
    const other = await failure(createQuestion(admin, { bankId, code: 'dua-010', fields: { ...mc, kunci: 'A' } }))
    expect(other).toBeInstanceOf(ConflictError)
    expect((other as ConflictError).fieldErrors.kode).toBeDefined()
    // The next generated code follows the highest number.
    expect((await createQuestion(admin, { bankId, fields: { ...mc, pertanyaan: 'Lain' } })).code).toBe('DUA-011')
  })

  it('checks each question type against its bank, field by field', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'CEK', title: 'Cek' })
    const error = await failure(
      createQuestion(admin, { bankId, fields: { pertanyaan: '', opsi_a: 'x', opsi_b: '', opsi_c: 'x', opsi_d: 'y', kunci: 'E', terbalik: 'ya' } }),
    )
    expect(error).toBeInstanceOf(ValidationError)
    const fe = (error as ValidationError).fieldErrors
    expect(fe.pertanyaan).toEqual(['Wajib diisi.'])
    expect(fe.opsi_b).toEqual(['Wajib diisi untuk pilihan ganda.'])
    expect(fe.opsi_c?.[0]).toContain('Sama dengan opsi_a')
    expect(fe.kunci?.[0]).toContain('opsi_e yang kosong')
    expect(fe.terbalik).toBeDefined()
    expect(await db.select().from(question).where(eq(question.bankId, bankId))).toHaveLength(0)

    const selfBank = await createBank(admin, {
      institutionId: f.inst.id,
      kind: 'self_assessment',
      code: 'PD-UJI',
      title: 'Penilaian diri',
      scales: [{ kode: 'dsp', nama: 'Disiplin' }],
    })
    const likert = await createQuestion(admin, {
      bankId: selfBank.bankId,
      fields: { pertanyaan: 'Saya datang tepat waktu.', skala: 'DSP', terbalik: 'tidak' },
    })
    const [v] = await db.select().from(questionVersion).where(eq(questionVersion.questionId, likert.questionId))
    expect(v).toMatchObject({ type: 'likert', scaleCode: 'DSP', reverseScored: false, correctOptionKey: null })
    expect(v!.options).toEqual(LIKERT_OPTIONS)
    const wrongScale = await failure(
      createQuestion(admin, { bankId: selfBank.bankId, fields: { pertanyaan: 'Saya rapi.', skala: 'XYZ', opsi_a: 'Ya' } }),
    )
    expect((wrongScale as ValidationError).fieldErrors.skala?.[0]).toContain('tidak dikenal')
    expect((wrongScale as ValidationError).fieldErrors.opsi_a?.[0]).toContain('Kosongkan')
  })

  it('updates scales, but not away from a scale an active question uses', async () => {
    const { bankId } = await createBank(admin, {
      institutionId: f.inst.id,
      kind: 'potential',
      code: 'SPI-UJI',
      title: 'Potensi',
      scales: [
        { kode: 'REA', nama: 'Realistik', bidang_disarankan: 'Las; Otomotif; las' },
        { kode: 'ART', nama: 'Artistik' },
      ],
    })
    const [bank] = await db.select().from(questionBank).where(eq(questionBank.id, bankId))
    expect(bank!.scales[0]!.suggestedFields).toEqual(['Las', 'Otomotif'])
    await createQuestion(admin, { bankId, fields: { pertanyaan: 'Memperbaiki mesin.', skala: 'REA' } })

    const refused = await failure(updateBank(admin, { bankId, title: 'Potensi', scales: [{ kode: 'ART', nama: 'Artistik' }] }))
    expect((refused as ValidationError).fieldErrors.scales?.[0]).toContain('Skala REA masih dipakai 1 soal aktif')

    const dup = await failure(
      updateBank(admin, { bankId, title: 'Potensi', scales: [{ kode: 'REA', nama: 'A' }, { kode: 'rea', nama: 'B' }] }),
    )
    expect((dup as ValidationError).fieldErrors['scale.1.kode']?.[0]).toContain('sudah dipakai')

    expect(await updateBank(admin, { bankId, title: 'Potensi Diri', scales: [{ kode: 'REA', nama: 'Realistik' }] })).toEqual({ changed: true })
    expect(await updateBank(admin, { bankId, title: 'Potensi Diri', scales: [{ kode: 'REA', nama: 'Realistik' }] })).toEqual({ changed: false })
    const audits = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'question_bank.update'), eq(auditEvent.entityId, bankId)))
    expect(audits).toHaveLength(1)
    expect(audits[0]!.before).toMatchObject({ title: 'Potensi' })
  })

  it('archives and restores a question; archived questions stay with their versions', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'ARS', title: 'Arsip' })
    const q = await createQuestion(admin, { bankId, fields: mc })
    expect(await archiveQuestion(admin, { questionId: q.questionId })).toEqual({ changed: true })
    expect(await archiveQuestion(admin, { questionId: q.questionId })).toEqual({ changed: false })
    const detail = await getBank(admin, { bankId })
    expect(detail.questions[0]!.archivedAt).not.toBeNull()
    expect(await restoreQuestion(admin, { questionId: q.questionId })).toEqual({ changed: true })
    expect((await getBank(admin, { bankId })).questions[0]!.archivedAt).toBeNull()
  })

  it('stores an uploaded image only when it really is a JPEG or PNG', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'GBR', title: 'Gambar' })
    const storage = memoryStorage()
    const fake = await failure(
      createQuestion(admin, { bankId, fields: mc, image: { bytes: new TextEncoder().encode('<svg></svg>'), storage } }),
    )
    expect((fake as ValidationError).fieldErrors.gambar_berkas).toEqual(['Gambar harus berkas JPEG atau PNG.'])
    expect(storage.files.size).toBe(0)

    const q = await createQuestion(admin, { bankId, fields: mc, image: { bytes: PNG_BYTES, storage } })
    const [key] = [...storage.files.keys()]
    expect(key).toMatch(/^questions\/[0-9a-f-]{36}\.png$/)
    const [v] = await db.select().from(questionVersion).where(eq(questionVersion.questionId, q.questionId))
    expect(v!.imageKey).toBe(key)

    // A key that was never uploaded cannot be attached by typing it.
    const unknown = await failure(
      createQuestion(admin, { bankId, fields: { ...mc, pertanyaan: 'x', gambar: 'questions/00000000-0000-4000-8000-000000000000.png' } }),
    )
    expect((unknown as ValidationError).fieldErrors.gambar).toBeDefined()
  })

  it('lets only administrators of the bank’s institution manage it', async () => {
    const { bankId } = await createBank(admin, { institutionId: f.inst.id, kind: 'written_test', code: 'IZN', title: 'Izin' })
    const q = await createQuestion(admin, { bankId, fields: mc })
    for (const actor of [f.officer, f.outsider]) {
      const ctx = contextFor(database, actor, NOW)
      await expect(createBank(ctx, { institutionId: f.inst.id, kind: 'written_test', code: 'NO', title: 'x' })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(createQuestion(ctx, { bankId, fields: mc })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(updateQuestion(ctx, { questionId: q.questionId, fields: { ...mc, kunci: 'A' } })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(archiveQuestion(ctx, { questionId: q.questionId })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(updateBank(ctx, { bankId, title: 'x' })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(getBank(ctx, { bankId })).rejects.toBeInstanceOf(ForbiddenError)
    }
    const [v] = await db.select().from(questionVersion).where(eq(questionVersion.questionId, q.questionId))
    expect(v!.version).toBe(1)
  })
})
