import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { actorId } from '../../auth/actor'
import { recordAudit } from '../../audit'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import type { DbOrTx } from '../../db/client'
import { importPreview, question, questionBank, questionVersion } from '../../db/schema'
import { ConflictError, isUniqueViolation, NotFoundError } from '../../errors'
import { IMPORT_KIND, PREVIEW_LIFETIME_MS, type BankImportPreview, type StoredBankImport } from './previewBankImport'
import { sameScales } from './scaleRules'
import { findBank, nextPosition, questionsWithCurrentVersion, versionSnapshot } from './store'
import { parseInput } from './validate'

export const PREVIEW_NOT_FOUND = 'Pratinjau impor tidak ditemukan; unggah berkasnya lagi.'

const Input = z.object({ bankId: z.uuid(), previewId: z.string() })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface ImportSummary {
  created: number
  updated: number
  unchanged: number
  scalesChanged: boolean
  /** The preview had already been applied (a repeated or concurrent confirm): nothing was written now. */
  alreadyApplied: boolean
}

/**
 * Step two: apply exactly what the preview showed, in one transaction. The preview row is
 * locked and `applied_at` set only where it is null, so a repeated or concurrent confirm
 * applies it once. If the bank changed since the preview (another import, a question
 * edited or archived, scales changed), nothing is applied and the officer previews again.
 */
export async function confirmBankImport(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<ImportSummary> {
  const { bankId, previewId } = parseInput(Input, input)
  const bank = await findBank(ctx.db, bankId)
  authorize(ctx.actor, 'programme.manage', { institutionId: bank.institutionId })
  // A mangled id is a preview that does not exist, said the same way.
  if (!UUID.test(previewId)) throw new NotFoundError(PREVIEW_NOT_FOUND)
  try {
    return await ctx.db.transaction(async (tx) => {
      const preview = await loadPreview(tx, bank, previewId, true)
      const content = preview.content as StoredBankImport
      if (preview.appliedAt) return { ...summaryOf(content), alreadyApplied: true }
      if (ctx.now.getTime() - preview.createdAt.getTime() > PREVIEW_LIFETIME_MS) {
        throw new ConflictError('Pratinjau ini sudah lebih dari 24 jam; unggah berkasnya lagi untuk pratinjau baru.')
      }

      const locked = await findBank(tx, bank.id, true)
      const existing = new Map((await questionsWithCurrentVersion(tx, bank.id)).map((r) => [r.question.code, r]))
      const stale = content.writes.filter((w) => {
        const current = existing.get(w.code)
        if (!w.base) return current !== undefined
        return !current || current.question.id !== w.base.questionId || current.version.version !== w.base.version || current.question.archivedAt !== null
      })
      if (stale.length > 0 || !sameScales(locked.scales, content.baseScales)) {
        const codes = stale.slice(0, 5).map((w) => w.code)
        throw new ConflictError(
          `Bank ini berubah sejak pratinjau dibuat${codes.length ? ` (soal ${codes.join(', ')}${stale.length > 5 ? ', …' : ''})` : ' (daftar skala)'}; tidak ada yang disimpan. Unggah berkasnya lagi untuk pratinjau baru.`,
        )
      }

      const scalesChanged = content.scales !== null
      if (content.scales) await tx.update(questionBank).set({ scales: content.scales }).where(eq(questionBank.id, bank.id))

      let position = await nextPosition(tx, bank.id)
      const created: string[] = []
      const updated: Array<{ code: string; from: number; to: number }> = []
      const newVersions: Array<typeof questionVersion.$inferInsert> = []
      const fresh = content.writes.filter((w) => !w.base)
      // Inserted in slices: one statement per few hundred rows keeps parameters in bounds.
      for (let i = 0; i < fresh.length; i += 500) {
        const slice = fresh.slice(i, i + 500)
        const rows = await tx
          .insert(question)
          .values(slice.map((w) => ({ bankId: bank.id, code: w.code, position: position++, currentVersion: 1, createdAt: ctx.now })))
          .returning({ id: question.id, code: question.code })
        const idOf = new Map(rows.map((r) => [r.code, r.id]))
        for (const w of slice) {
          newVersions.push({ questionId: idOf.get(w.code)!, version: 1, ...w.draft, createdAt: ctx.now, createdBy: actorId(ctx.actor) })
          created.push(w.code)
        }
      }
      const changedIds: string[] = []
      for (const w of content.writes) {
        if (!w.base) continue
        const next = w.base.version + 1
        newVersions.push({ questionId: w.base.questionId, version: next, ...w.draft, createdAt: ctx.now, createdBy: actorId(ctx.actor) })
        changedIds.push(w.base.questionId)
        updated.push({ code: w.code, from: w.base.version, to: next })
      }
      // Each base was checked above, under the bank lock, to be the current version: one
      // statement per slice moves them all to the next.
      for (let i = 0; i < changedIds.length; i += 1000) {
        await tx
          .update(question)
          .set({ currentVersion: sql`${question.currentVersion} + 1` })
          .where(inArray(question.id, changedIds.slice(i, i + 1000)))
      }
      for (let i = 0; i < newVersions.length; i += 200) await tx.insert(questionVersion).values(newVersions.slice(i, i + 200))

      const summary = { created: created.length, updated: updated.length, unchanged: content.display.unchanged, scalesChanged }
      const applied = await tx
        .update(importPreview)
        .set({ appliedAt: ctx.now, appliedBy: actorId(ctx.actor), content: { ...content, summary } })
        .where(and(eq(importPreview.id, preview.id), isNull(importPreview.appliedAt)))
        .returning({ id: importPreview.id })
      if (applied.length === 0) throw new ConflictError('Pratinjau ini sedang diterapkan di tempat lain.')

      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'question_bank.import',
        entityType: 'question_bank',
        entityId: bank.id,
        institutionId: bank.institutionId,
        before: {
          scales: scalesChanged ? locked.scales : undefined,
          updated: updated.map((u) => versionSnapshot(u.code, existing.get(u.code)!.version)),
        },
        after: { previewId: preview.id, fileName: preview.fileName, scales: content.scales ?? undefined, created, updated, unchanged: summary.unchanged },
      })
      return { ...summary, alreadyApplied: false }
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('Bank ini sedang diubah di tempat lain; unggah berkasnya lagi.')
    throw error
  }
}

const GetInput = z.object({ bankId: z.uuid(), previewId: z.string() })

/** A stored preview as the preview page shows it. */
export async function getBankImportPreview(ctx: UseCaseContext, input: z.input<typeof GetInput>): Promise<BankImportPreview> {
  const { bankId, previewId } = parseInput(GetInput, input)
  const bank = await findBank(ctx.db, bankId)
  authorize(ctx.actor, 'programme.manage', { institutionId: bank.institutionId })
  if (!UUID.test(previewId)) throw new NotFoundError(PREVIEW_NOT_FOUND)
  const row = await loadPreview(ctx.db, bank, previewId, false)
  const content = row.content as StoredBankImport
  return {
    previewId: row.id,
    bankId: bank.id,
    fileName: row.fileName,
    ...content.display,
    issues: [],
    createdAt: row.createdAt.toISOString(),
    appliedAt: row.appliedAt ? row.appliedAt.toISOString() : null,
  }
}

/** A preview belongs to its institution and its bank; any other is "not found". */
async function loadPreview(db: DbOrTx, bank: { id: string; institutionId: string }, previewId: string, lock: boolean) {
  const query = db
    .select()
    .from(importPreview)
    .where(
      and(
        eq(importPreview.id, previewId),
        eq(importPreview.kind, IMPORT_KIND),
        eq(importPreview.targetId, bank.id),
        eq(importPreview.institutionId, bank.institutionId),
      ),
    )
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw new NotFoundError(PREVIEW_NOT_FOUND)
  return row
}

function summaryOf(content: StoredBankImport): Omit<ImportSummary, 'alreadyApplied'> {
  return (
    content.summary ?? {
      created: content.display.added.length,
      updated: content.display.changed.length,
      unchanged: content.display.unchanged,
      scalesChanged: content.scales !== null,
    }
  )
}
