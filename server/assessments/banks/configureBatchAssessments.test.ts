import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTestDatabase, contextFor } from '../../../tests/db'
import { auditEvent, batchAssessment } from '../../db/schema'
import { ConflictError, ForbiddenError, ValidationError } from '../../errors'
import { archiveQuestion } from './archiveQuestion'
import { configureBatchAssessments, countField } from './configureBatchAssessments'
import { createBank } from './createBank'
import { getBatchAssessmentSetup } from './getBatchAssessmentSetup'
import { bankFixture, failure, importBank, mcRow, workbookBytes } from './testSupport'

const NOW = new Date('2026-03-10T02:00:00Z')

describe('per-batch assessment configuration', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const f = await bankFixture(db, '3')
  const admin = contextFor(database, f.admin, NOW)

  const bank = async (kind: 'self_assessment' | 'potential' | 'written_test', code: string, n: number) => {
    const { bankId } = await createBank(admin, {
      institutionId: f.inst.id,
      kind,
      code,
      title: code,
      scales: kind === 'written_test' ? undefined : [{ kode: 'A', nama: 'Skala A' }],
    })
    const rows = Array.from({ length: n }, (_, i) =>
      kind === 'written_test'
        ? mcRow(`${code}-${i + 1}`, `Soal ${i + 1}`)
        : { kode: `${code}-${i + 1}`, tipe: kind === 'potential' ? 'skala' : 'likert', pertanyaan: `Pernyataan ${i + 1}`, skala: 'A' },
    )
    await importBank(admin, { bankId, bytes: await workbookBytes(rows) })
    return bankId
  }
  const pd = await bank('self_assessment', 'PD', 6)
  const spi = await bank('potential', 'SPI', 5)
  const umum = await bank('written_test', 'UMUM', 8)
  const las = await bank('written_test', 'LAS', 10)
  const { bankId: elsewhere } = await createBank(contextFor(database, f.outsider, NOW), {
    institutionId: f.other.id,
    kind: 'written_test',
    code: 'LAIN',
    title: 'Lain',
  })

  const valid = {
    batchId: f.batch.id,
    selfAssessment: [{ bankId: pd, count: 6 }],
    potential: [{ bankId: spi, count: 5 }],
    writtenTest: {
      sources: [
        { bankId: umum, count: 5 },
        { bankId: las, count: 10 },
      ],
      timeLimitMinutes: 40,
      passMark: 60,
    },
  }

  it('refuses every invalid choice with a message at its field, and saves nothing', async () => {
    const error = await failure(
      configureBatchAssessments(admin, {
        batchId: f.batch.id,
        selfAssessment: [{ bankId: umum, count: 3 }],
        potential: [{ bankId: spi, count: 0 }],
        writtenTest: {
          sources: [
            { bankId: umum, count: 9 },
            { bankId: las, count: 2.5 },
            { bankId: elsewhere, count: 1 },
          ],
          timeLimitMinutes: 4,
          passMark: 101,
        },
      }),
    )
    expect(error).toBeInstanceOf(ValidationError)
    const fe = (error as ValidationError).fieldErrors
    expect(fe[countField('self_assessment', umum)]?.[0]).toBe(
      'Bank UMUM adalah bank Asesmen Siap Latih (tes tertulis), bukan Asesmen Penilaian Diri.',
    )
    expect(fe.potential?.[0]).toContain('Pilih minimal satu bank')
    expect(fe[countField('written_test', umum)]?.[0]).toBe('Bank UMUM hanya punya 8 soal aktif; isi paling banyak 8.')
    expect(fe[countField('written_test', las)]?.[0]).toContain('bilangan bulat')
    expect(fe[countField('written_test', elsewhere)]?.[0]).toBe('Bank soal tidak ditemukan di lembaga ini.')
    expect(fe.timeLimitMinutes?.[0]).toContain('5 sampai 240 menit')
    expect(fe.passMark?.[0]).toContain('0 sampai 100')
    expect(await db.select().from(batchAssessment).where(eq(batchAssessment.batchId, f.batch.id))).toHaveLength(0)

    const tooLong = await failure(configureBatchAssessments(admin, { ...valid, writtenTest: { ...valid.writtenTest, timeLimitMinutes: 241, passMark: -1 } }))
    expect(Object.keys((tooLong as ValidationError).fieldErrors).sort()).toEqual(['passMark', 'timeLimitMinutes'])
  })

  it('saves all three kinds, untimed inventories and a timed written test, once', async () => {
    expect(await configureBatchAssessments(admin, valid)).toEqual({ changed: true })
    expect(await configureBatchAssessments(admin, valid)).toEqual({ changed: false })
    const rows = await db.select().from(batchAssessment).where(eq(batchAssessment.batchId, f.batch.id))
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, r]))
    expect(byKind.self_assessment).toMatchObject({ sources: [{ bankId: pd, count: 6 }], timeLimitMinutes: null, passMark: null })
    expect(byKind.potential).toMatchObject({ sources: [{ bankId: spi, count: 5 }], timeLimitMinutes: null, passMark: null })
    expect(byKind.written_test).toMatchObject({
      sources: [
        { bankId: umum, count: 5 },
        { bankId: las, count: 10 },
      ],
      timeLimitMinutes: 40,
      passMark: 60,
    })

    await configureBatchAssessments(admin, { ...valid, writtenTest: { ...valid.writtenTest, timeLimitMinutes: 30 } })
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.action, 'batch_assessment.configure'))
    expect(audits).toHaveLength(2)
    expect(audits[1]!.before).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'written_test', timeLimitMinutes: 40 })]))
    expect(audits[1]!.after).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'written_test', timeLimitMinutes: 30 })]))

    const setup = await getBatchAssessmentSetup(admin, { batchId: f.batch.id })
    const written = setup.kinds.find((k) => k.kind === 'written_test')!
    expect(written.banks.map((b) => [b.code, b.activeCount])).toEqual([
      ['LAS', 10],
      ['UMUM', 8],
    ])
    expect(written.saved?.timeLimitMinutes).toBe(30)
  })

  it('will not archive a question a running batch needs', async () => {
    const setup = await getBatchAssessmentSetup(admin, { batchId: f.batch.id })
    expect(setup.kinds.find((k) => k.kind === 'written_test')!.saved!.sources).toContainEqual({ bankId: las, count: 10 })
    const { questionsWithCurrentVersion } = await import('./store')
    const [first] = await questionsWithCurrentVersion(db, las)
    const error = await failure(archiveQuestion(admin, { questionId: first!.question.id }))
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as ConflictError).message).toContain('tidak dapat diarsipkan')
  })

  it('is for administrators of the batch’s institution only', async () => {
    for (const actor of [f.officer, f.outsider]) {
      await expect(configureBatchAssessments(contextFor(database, actor, NOW), valid)).rejects.toBeInstanceOf(ForbiddenError)
      await expect(getBatchAssessmentSetup(contextFor(database, actor, NOW), { batchId: f.batch.id })).rejects.toBeInstanceOf(ForbiddenError)
    }
  })
})
