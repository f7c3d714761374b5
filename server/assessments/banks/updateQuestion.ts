import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { actorId } from '../../auth/actor'
import { recordAudit } from '../../audit'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { question, questionBank, questionVersion } from '../../db/schema'
import { ConflictError, isUniqueViolation, NotFoundError, ValidationError } from '../../errors'
import { formErrors } from './createQuestion'
import { checkImageUpload, ImageUpload, storeImage } from './questionImage'
import { checkQuestion, sameContent, type QuestionDraft, type QuestionFields } from './questionRules'
import { knownImageKeys, QUESTION_NOT_FOUND, versionSnapshot } from './store'
import { parseInput } from './validate'

const Input = z.object({
  questionId: z.uuid(),
  /** The version the editor was looking at; a different current version is a conflict. */
  expectedVersion: z.coerce.number().int().positive().optional(),
  fields: z.record(z.string(), z.string().optional()),
  image: ImageUpload.optional(),
})

/**
 * Edit a question: the change becomes a new version and the question points at it.
 * Existing versions are never touched, so an attempt that used one stays as it was.
 * Saving without any change adds no version.
 */
export async function updateQuestion(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ version: number; changed: boolean }> {
  const value = parseInput(Input, input)
  const [found] = await ctx.db
    .select({ question, bank: questionBank })
    .from(question)
    .innerJoin(questionBank, eq(questionBank.id, question.bankId))
    .where(eq(question.id, value.questionId))
  if (!found) throw new NotFoundError(QUESTION_NOT_FOUND)
  const { bank } = found
  authorize(ctx.actor, 'programme.manage', { institutionId: bank.institutionId })

  const checked = checkQuestion(bank, { ...(value.fields as QuestionFields), kode: undefined })
  const ext = value.image ? checkImageUpload(value.image) : null
  if (!checked.ok) throw new ValidationError(formErrors(checked.errors))
  let draft: QuestionDraft = checked.draft
  if (value.image && ext) draft = { ...draft, imageKey: await storeImage(value.image, ext) }

  try {
    return await ctx.db.transaction(async (tx) => {
      // Lock the question so two editors cannot both create version n+1.
      const [q] = await tx.select().from(question).where(eq(question.id, value.questionId)).for('update')
      if (!q) throw new NotFoundError(QUESTION_NOT_FOUND)
      const [current] = await tx
        .select()
        .from(questionVersion)
        .where(and(eq(questionVersion.questionId, q.id), eq(questionVersion.version, q.currentVersion)))
      if (!current) throw new NotFoundError(QUESTION_NOT_FOUND)

      if (sameContent(current, draft)) return { version: current.version, changed: false }
      if (value.expectedVersion !== undefined && value.expectedVersion !== current.version) {
        throw new ConflictError(
          `Soal ${q.code} sudah diubah (sekarang versi ${current.version}) sejak Anda membukanya. Periksa versi terbaru lalu simpan lagi.`,
        )
      }
      if (draft.imageKey && draft.imageKey !== current.imageKey && !(value.image && ext)) {
        const known = await knownImageKeys(tx, bank.institutionId, [draft.imageKey])
        if (!known.has(draft.imageKey)) throw new ValidationError({ gambar: ['Gambar tidak ditemukan; unggah ulang gambarnya.'] })
      }

      const next = current.version + 1
      const [created] = await tx
        .insert(questionVersion)
        .values({ questionId: q.id, version: next, ...draft, createdAt: ctx.now, createdBy: actorId(ctx.actor) })
        .returning()
      await tx.update(question).set({ currentVersion: next }).where(eq(question.id, q.id))
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'question.update',
        entityType: 'question',
        entityId: q.id,
        institutionId: bank.institutionId,
        before: versionSnapshot(q.code, current),
        after: versionSnapshot(q.code, created!),
      })
      return { version: next, changed: true }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'question_version_key')) {
      throw new ConflictError('Soal ini baru saja diubah orang lain; muat ulang halaman lalu coba lagi.')
    }
    throw error
  }
}
