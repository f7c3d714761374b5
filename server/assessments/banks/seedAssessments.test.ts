import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../../tests/db'
import { seedDemo } from '../../db/seed'
import { DEMO_BANKS, seedDemoAssessments } from '../../db/seedAssessments'
import { batch, batchAssessment, institution, programme, question, questionBank, questionVersion } from '../../db/schema'
import { LIKERT_OPTIONS, SCALED_OPTIONS } from './options'
import { checkQuestion, fieldsOfVersion } from './questionRules'
import { activeCounts } from './store'

describe('demo question banks', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const now = new Date('2026-11-28T02:00:00Z')
  await seedDemo(db, now)
  const [kdi] = await db.select().from(institution).where(eq(institution.code, 'KDI'))

  it('creates the demo banks with the required sizes and configures every demo batch, once', async () => {
    // seed.ts may already have called it; either way the banks exist exactly once afterwards.
    await seedDemoAssessments(db, kdi!.id, now)
    const again = await seedDemoAssessments(db, kdi!.id, now)
    expect(again).toEqual({ banksCreated: [], batchesConfigured: 0 })

    const banks = await db.select().from(questionBank).where(eq(questionBank.institutionId, kdi!.id))
    expect(banks.map((b) => b.code).sort()).toEqual(['PD', 'SL-GAR', 'SL-LAS', 'SL-OTO', 'SL-TIK', 'SL-UMUM', 'SPI'])
    const counts = await activeCounts(db, banks.map((b) => b.id))
    const byCode = new Map(banks.map((b) => [b.code, b]))
    const size = (code: string) => counts.get(byCode.get(code)!.id)

    expect(size('PD')).toBe(49)
    expect(size('SPI')).toBeGreaterThanOrEqual(32)
    for (const code of ['SL-UMUM', 'SL-LAS', 'SL-OTO', 'SL-TIK', 'SL-GAR']) expect(size(code)).toBeGreaterThanOrEqual(25)

    const spi = byCode.get('SPI')!
    expect(spi.scales.length).toBeGreaterThanOrEqual(4)
    const fields = (await db.selectDistinct({ f: programme.vocationalField }).from(programme)).map((r) => r.f).sort()
    expect(fields).toEqual(['Garmen Apparel', 'Las', 'Otomotif', 'Teknologi Informasi dan Komunikasi'])
    // Every demo field is suggested by some scale, and every suggestion is a demo field.
    expect([...new Set(spi.scales.flatMap((s) => s.suggestedFields))].sort()).toEqual(fields)
    for (const f of fields) expect(banks.some((b) => b.kind === 'written_test' && b.vocationalField === f)).toBe(true)

    // The five open demo batches (number 1, OKM among them); the selection-stage demo batches (number 2
    // and up, server/db/seedSelection*.ts) come with their own settings.
    const batches = await db
      .select({ id: batch.id, field: programme.vocationalField })
      .from(batch)
      .innerJoin(programme, eq(programme.id, batch.programmeId))
      .where(eq(batch.number, 1))
    expect(batches).toHaveLength(5)
    for (const b of batches) {
      const rows = await db.select().from(batchAssessment).where(eq(batchAssessment.batchId, b.id))
      const byKind = Object.fromEntries(rows.map((r) => [r.kind, r]))
      expect(byKind.self_assessment).toMatchObject({ sources: [{ bankId: byCode.get('PD')!.id, count: 49 }], timeLimitMinutes: null })
      expect(byKind.potential).toMatchObject({ sources: [{ bankId: spi.id, count: size('SPI') }], timeLimitMinutes: null })
      const fieldBank = banks.find((x) => x.kind === 'written_test' && x.vocationalField === b.field)!
      expect(byKind.written_test).toMatchObject({
        sources: [
          { bankId: byCode.get('SL-UMUM')!.id, count: 15 },
          { bankId: fieldBank.id, count: 25 },
        ],
        timeLimitMinutes: 40,
        passMark: 60,
      })
    }
  })

  it('has valid items: each multiple-choice item has 4–5 distinct options and exactly one key among them', async () => {
    const rows = await db
      .select({ bank: questionBank, code: question.code, version: questionVersion })
      .from(questionVersion)
      .innerJoin(question, eq(question.id, questionVersion.questionId))
      .innerJoin(questionBank, eq(questionBank.id, question.bankId))
    expect(rows.length).toBe(DEMO_BANKS.reduce((n, b) => n + b.items.length, 0))
    const stems = new Set<string>()
    for (const { bank, code, version } of rows) {
      expect(stems.has(`${bank.code}:${version.stem}`), `${code} repeats a stem`).toBe(false)
      stems.add(`${bank.code}:${version.stem}`)
      if (version.type === 'multiple_choice') {
        expect(version.options.length, code).toBeGreaterThanOrEqual(4)
        expect(version.options.length, code).toBeLessThanOrEqual(5)
        expect(version.options.filter((o) => o.key === version.correctOptionKey), code).toHaveLength(1)
        expect(new Set(version.options.map((o) => o.text.toLowerCase())).size, code).toBe(version.options.length)
      } else {
        expect(version.options, code).toEqual(version.type === 'likert' ? LIKERT_OPTIONS : SCALED_OPTIONS)
        expect(version.correctOptionKey).toBeNull()
        expect(bank.scales.map((s) => s.code), code).toContain(version.scaleCode)
      }
      // The demo content passes the same checks as an imported row.
      const checked = checkQuestion(bank, fieldsOfVersion(code, version))
      expect(checked.ok, `${code}: ${JSON.stringify(checked.ok ? '' : checked.errors)}`).toBe(true)
    }
    // Reverse-scored statements exist in the self-assessment, and answers are spread over A–D.
    expect(rows.filter((r) => r.version.reverseScored).length).toBeGreaterThan(5)
    const keys = rows.filter((r) => r.version.type === 'multiple_choice').map((r) => r.version.correctOptionKey)
    for (const k of ['A', 'B', 'C', 'D']) expect(keys.filter((x) => x === k).length).toBeGreaterThan(20)
    const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(questionBank)) as [{ n: number }]
    expect(Number(n)).toBe(7)
  })
})
