import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../../audit'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { questionBank } from '../../db/schema'
import { ConflictError, isUniqueViolation } from '../../errors'
import { ASSESSMENT_KINDS } from '../kinds'
import { BANK_CODE, checkBankFields, ScaleInput } from './bankFields'
import { FieldErrorBag, parseInput } from './validate'

const Input = z.object({
  institutionId: z.uuid(),
  // Checked below with the other fields, so every message is shown at once.
  kind: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string().optional(),
  /** Written test only: the vocational field; empty for the general aptitude part. */
  vocationalField: z.string().nullish(),
  scales: z.array(ScaleInput).optional(),
})

/**
 * An administrator creates a question bank for one assessment kind. Submitting the same
 * bank twice (same code, kind and title) returns the first one instead of failing.
 */
export async function createBank(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<{ bankId: string }> {
  const value = parseInput(Input, input)
  authorize(ctx.actor, 'programme.manage', { institutionId: value.institutionId })

  const bag = new FieldErrorBag()
  const kind = ASSESSMENT_KINDS.find((k) => k === value.kind) ?? null
  if (!kind) bag.add('kind', 'Pilih jenis asesmen.')
  const code = value.code.trim().toUpperCase()
  if (!code) bag.add('code', 'Kode bank wajib diisi.')
  else if (code.length > 30 || !BANK_CODE.test(code)) {
    bag.add('code', 'Kode bank: huruf, angka, dan tanda hubung, paling banyak 30 karakter (mis. LAS-TULIS).')
  }
  const fields = checkBankFields(bag, kind, value)
  bag.throwIfAny()
  if (!kind) throw new Error('unreachable: a refused kind is in the bag')

  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(questionBank)
      .where(and(eq(questionBank.institutionId, value.institutionId), eq(questionBank.code, code)))
    if (existing) {
      if (existing.kind === kind && existing.title === fields.title) return { bankId: existing.id }
      throw new ConflictError('Kode bank sudah dipakai.', { code: [`Kode ${code} sudah dipakai bank "${existing.title}".`] })
    }
    try {
      const [row] = await tx
        .insert(questionBank)
        .values({
          institutionId: value.institutionId,
          kind,
          code,
          title: fields.title,
          description: fields.description,
          vocationalField: fields.vocationalField,
          scales: fields.scales,
          createdAt: ctx.now,
        })
        .returning()
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'question_bank.create',
        entityType: 'question_bank',
        entityId: row!.id,
        institutionId: value.institutionId,
        after: {
          kind: row!.kind,
          code: row!.code,
          title: row!.title,
          description: row!.description,
          vocationalField: row!.vocationalField,
          scales: row!.scales,
        },
      })
      return { bankId: row!.id }
    } catch (error) {
      if (isUniqueViolation(error, 'question_bank_code_key')) {
        throw new ConflictError('Kode bank sudah dipakai.', { code: [`Kode ${code} sudah dipakai.`] })
      }
      throw error
    }
  })
}
