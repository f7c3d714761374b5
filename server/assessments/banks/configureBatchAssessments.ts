import { eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../../audit'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { type AssessmentSource, batch, batchAssessment, questionBank } from '../../db/schema'
import { NotFoundError } from '../../errors'
import { KIND_LABEL, type AssessmentKind } from './options'
import { activeCounts } from './store'
import { FieldErrorBag, parseInput } from './validate'

import { ASSESSMENT_KINDS, countField, TIME_LIMIT_RANGE } from './limits'

export { ASSESSMENT_KINDS, countField, TIME_LIMIT_RANGE }

// NaN is accepted here so a page can pass what was typed and get the message at the field.
const Num = z.union([z.number(), z.nan()])
const Source = z.object({ bankId: z.uuid(), count: Num })

const Input = z.object({
  batchId: z.uuid(),
  selfAssessment: z.array(Source),
  potential: z.array(Source),
  writtenTest: z.object({
    sources: z.array(Source),
    timeLimitMinutes: Num.nullable(),
    passMark: Num.nullable(),
  }),
})


/**
 * Per batch: which banks and how many questions each assessment draws, and the written
 * test's time limit and pass mark. All three kinds are set at once, since a registration
 * is complete only when all three are taken. The self-assessment and the potential
 * assessment are untimed.
 */
export async function configureBatchAssessments(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ changed: boolean }> {
  const value = parseInput(Input, input)
  const [b] = await ctx.db.select().from(batch).where(eq(batch.id, value.batchId))
  if (!b) throw new NotFoundError('Gelombang tidak ditemukan.')
  authorize(ctx.actor, 'programme.manage', { institutionId: b.institutionId })

  const byKind: Record<AssessmentKind, AssessmentSource[]> = {
    self_assessment: value.selfAssessment,
    potential: value.potential,
    written_test: value.writtenTest.sources,
  }
  const bankIds = [...new Set(ASSESSMENT_KINDS.flatMap((k) => byKind[k].map((s) => s.bankId)))]
  const banks = bankIds.length
    ? await ctx.db.select().from(questionBank).where(inArray(questionBank.id, bankIds))
    : []
  const bankOf = new Map(banks.map((x) => [x.id, x]))
  const counts = await activeCounts(ctx.db, bankIds)

  const bag = new FieldErrorBag()
  const rows: Array<typeof batchAssessment.$inferInsert> = []
  for (const kind of ASSESSMENT_KINDS) {
    const sources: AssessmentSource[] = []
    const seen = new Set<string>()
    for (const s of byKind[kind]) {
      const field = countField(kind, s.bankId)
      const bank = bankOf.get(s.bankId)
      if (s.count === 0) continue
      if (!Number.isInteger(s.count) || s.count < 0) {
        bag.add(field, 'Jumlah soal harus bilangan bulat, 0 bila bank ini tidak dipakai.')
        continue
      }
      if (seen.has(s.bankId)) {
        bag.add(field, 'Bank ini disebut dua kali.')
        continue
      }
      seen.add(s.bankId)
      if (!bank || bank.institutionId !== b.institutionId) {
        bag.add(field, 'Bank soal tidak ditemukan di lembaga ini.')
        continue
      }
      if (bank.kind !== kind) {
        bag.add(field, `Bank ${bank.code} adalah bank ${KIND_LABEL[bank.kind]}, bukan ${KIND_LABEL[kind]}.`)
        continue
      }
      if (bank.archivedAt) {
        bag.add(field, `Bank ${bank.code} sudah diarsipkan.`)
        continue
      }
      const available = counts.get(bank.id) ?? 0
      if (s.count > available) {
        bag.add(field, `Bank ${bank.code} hanya punya ${available} soal aktif; isi paling banyak ${available}.`)
        continue
      }
      sources.push({ bankId: bank.id, count: s.count })
    }
    if (byKind[kind].every((s) => s.count === 0)) {
      bag.add(kind, `Pilih minimal satu bank untuk ${KIND_LABEL[kind]} dan isi jumlah soalnya.`)
    }
    rows.push({
      batchId: b.id,
      kind,
      sources,
      timeLimitMinutes: kind === 'written_test' ? value.writtenTest.timeLimitMinutes : null,
      passMark: kind === 'written_test' ? value.writtenTest.passMark : null,
    })
  }
  const { timeLimitMinutes, passMark } = value.writtenTest
  if (
    timeLimitMinutes === null ||
    !Number.isInteger(timeLimitMinutes) ||
    timeLimitMinutes < TIME_LIMIT_RANGE.min ||
    timeLimitMinutes > TIME_LIMIT_RANGE.max
  ) {
    bag.add('timeLimitMinutes', `Batas waktu tes tertulis harus bilangan bulat ${TIME_LIMIT_RANGE.min} sampai ${TIME_LIMIT_RANGE.max} menit.`)
  }
  if (passMark === null || !Number.isFinite(passMark) || passMark < 0 || passMark > 100) {
    bag.add('passMark', 'Nilai batas lulus harus 0 sampai 100 (persen).')
  }
  bag.throwIfAny()

  return ctx.db.transaction(async (tx) => {
    // Lock the batch row: two saves of this page run one after the other.
    await tx.select({ id: batch.id }).from(batch).where(eq(batch.id, b.id)).for('update')
    const before = await tx.select().from(batchAssessment).where(eq(batchAssessment.batchId, b.id))
    const same =
      before.length === rows.length &&
      rows.every((r) => {
        const old = before.find((o) => o.kind === r.kind)
        return (
          !!old &&
          JSON.stringify(old.sources.map((s) => [s.bankId, s.count])) ===
            JSON.stringify(r.sources!.map((s) => [s.bankId, s.count])) &&
          (old.timeLimitMinutes ?? null) === (r.timeLimitMinutes ?? null) &&
          (old.passMark ?? null) === (r.passMark ?? null)
        )
      })
    if (same) return { changed: false }
    for (const r of rows) {
      await tx
        .insert(batchAssessment)
        .values(r)
        .onConflictDoUpdate({
          target: [batchAssessment.batchId, batchAssessment.kind],
          set: { sources: sql`excluded.sources`, timeLimitMinutes: sql`excluded.time_limit_minutes`, passMark: sql`excluded.pass_mark` },
        })
    }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'batch_assessment.configure',
      entityType: 'batch',
      entityId: b.id,
      institutionId: b.institutionId,
      before: before.length ? before.map(({ kind, sources, timeLimitMinutes, passMark }) => ({ kind, sources, timeLimitMinutes, passMark })) : null,
      after: rows.map(({ kind, sources, timeLimitMinutes, passMark }) => ({ kind, sources, timeLimitMinutes, passMark })),
    })
    return { changed: true }
  })
}

