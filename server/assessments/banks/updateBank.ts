import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../../audit'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { questionBank } from '../../db/schema'
import { checkBankFields, ScaleInput } from './bankFields'
import { sameScales } from './scaleRules'
import { findBank, scalesInUse } from './store'
import { FieldErrorBag, parseInput } from './validate'

const Input = z.object({
  bankId: z.uuid(),
  title: z.string(),
  description: z.string().optional(),
  vocationalField: z.string().nullish(),
  /** The whole list of scales (self-assessment and potential banks); omitted: unchanged. */
  scales: z.array(ScaleInput).optional(),
})

/**
 * Change a bank's title, description, vocational field and (self-assessment and
 * potential banks) its scales. The kind and code never change: questions and batch
 * configurations depend on them. A scale still used by an active question cannot go.
 */
export async function updateBank(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<{ changed: boolean }> {
  const value = parseInput(Input, input)
  const bank = await findBank(ctx.db, value.bankId)
  authorize(ctx.actor, 'programme.manage', { institutionId: bank.institutionId })

  const bag = new FieldErrorBag()
  const fields = checkBankFields(bag, bank.kind, value)
  bag.throwIfAny()

  return ctx.db.transaction(async (tx) => {
    const before = await findBank(tx, bank.id, true)
    const scales = value.scales === undefined ? before.scales : fields.scales
    const used = await scalesInUse(tx, bank.id)
    for (const [code, questions] of used) {
      if (!scales.some((s) => s.code === code)) {
        bag.add(
          'scales',
          `Skala ${code} masih dipakai ${questions.length} soal aktif (${questions.slice(0, 5).join(', ')}${questions.length > 5 ? ', …' : ''}). Ubah atau arsipkan soal itu dulu.`,
        )
      }
    }
    bag.throwIfAny()

    const unchanged =
      before.title === fields.title &&
      before.description === fields.description &&
      before.vocationalField === fields.vocationalField &&
      sameScales(before.scales, scales)
    if (unchanged) return { changed: false }

    await tx
      .update(questionBank)
      .set({ title: fields.title, description: fields.description, vocationalField: fields.vocationalField, scales })
      .where(eq(questionBank.id, bank.id))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'question_bank.update',
      entityType: 'question_bank',
      entityId: bank.id,
      institutionId: bank.institutionId,
      before: {
        title: before.title,
        description: before.description,
        vocationalField: before.vocationalField,
        scales: before.scales,
      },
      after: { title: fields.title, description: fields.description, vocationalField: fields.vocationalField, scales },
    })
    return { changed: true }
  })
}
