import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { actorId } from '../../auth/actor'
import { recordAudit } from '../../audit'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { question, questionVersion } from '../../db/schema'
import { ConflictError, isUniqueViolation, ValidationError } from '../../errors'
import { capitalise } from './bankFields'
import { checkImageUpload, ImageUpload, storeImage } from './questionImage'
import { checkQuestion, checkQuestionCode, sameContent, type QuestionDraft, type QuestionFields } from './questionRules'
import { findBank, knownImageKeys, nextPosition, nextQuestionCode, versionSnapshot } from './store'
import { parseInput } from './validate'

const Input = z.object({
  bankId: z.uuid(),
  /** Empty: the next free code of the bank (e.g. 'UMUM-031'). */
  code: z.string().optional(),
  /** Named like the template columns: pertanyaan, opsi_a…opsi_e, kunci, skala, terbalik, gambar. */
  fields: z.record(z.string(), z.string().optional()),
  image: ImageUpload.optional(),
})

export function formErrors(errors: Record<string, string[] | undefined>): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [k, v] of Object.entries(errors)) if (v) out[k] = v.map(capitalise)
  return out
}

/** An administrator adds a question (version 1) to a bank. */
export async function createQuestion(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ questionId: string; code: string; created: boolean }> {
  const value = parseInput(Input, input)
  const bank = await findBank(ctx.db, value.bankId)
  authorize(ctx.actor, 'programme.manage', { institutionId: bank.institutionId })

  const fields = value.fields as QuestionFields
  const checked = checkQuestion(bank, { ...fields, kode: undefined })
  const errors: Record<string, string[] | undefined> = checked.ok ? {} : { ...checked.errors }
  let code: string | null = null
  if (value.code && value.code.trim()) {
    const c = checkQuestionCode(value.code)
    if ('error' in c) errors.kode = [c.error]
    else code = c.code
  }
  const ext = value.image ? checkImageUpload(value.image) : null
  if (!checked.ok || Object.keys(errors).length > 0) throw new ValidationError(formErrors(errors))
  let draft: QuestionDraft = checked.draft

  if (value.image && ext) draft = { ...draft, imageKey: await storeImage(value.image, ext) }
  else if (draft.imageKey) {
    const known = await knownImageKeys(ctx.db, bank.institutionId, [draft.imageKey])
    if (!known.has(draft.imageKey)) throw new ValidationError({ gambar: ['Gambar tidak ditemukan; unggah ulang gambarnya.'] })
  }

  try {
    return await ctx.db.transaction(async (tx) => {
      await findBank(tx, bank.id, true)
      const finalCode = code ?? (await nextQuestionCode(tx, bank))
      const [existing] = await tx
        .select({ question, version: questionVersion })
        .from(question)
        .innerJoin(
          questionVersion,
          and(eq(questionVersion.questionId, question.id), eq(questionVersion.version, question.currentVersion)),
        )
        .where(and(eq(question.bankId, bank.id), eq(question.code, finalCode)))
      if (existing) {
        // A repeated submit of the same question: the first one already did it.
        if (!existing.question.archivedAt && sameContent(existing.version, draft)) {
          return { questionId: existing.question.id, code: finalCode, created: false }
        }
        throw new ConflictError('Kode soal sudah dipakai.', { kode: [`Kode ${finalCode} sudah dipakai soal lain di bank ini.`] })
      }
      const [row] = await tx
        .insert(question)
        .values({ bankId: bank.id, code: finalCode, position: await nextPosition(tx, bank.id), currentVersion: 1, createdAt: ctx.now })
        .returning()
      const [version] = await tx
        .insert(questionVersion)
        .values({ questionId: row!.id, version: 1, ...draft, createdAt: ctx.now, createdBy: actorId(ctx.actor) })
        .returning()
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'question.create',
        entityType: 'question',
        entityId: row!.id,
        institutionId: bank.institutionId,
        after: { bankId: bank.id, ...versionSnapshot(finalCode, version!) },
      })
      return { questionId: row!.id, code: finalCode, created: true }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'question_code_key')) {
      throw new ConflictError('Kode soal sudah dipakai.', { kode: ['Kode ini baru saja dipakai soal lain; muat ulang halaman.'] })
    }
    throw error
  }
}
