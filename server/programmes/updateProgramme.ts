import { and, eq, ne } from 'drizzle-orm'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { programme } from '../db/schema'
import { ValidationError, isUniqueViolation } from '../errors'
import { duplicateCode } from './createProgramme'
import { updateProgrammeSchema, type UpdateProgrammeInput } from './input'
import { parseInput } from '../validation'
import { changedKeys, countProgrammeRegistrations, programmeSnapshot, requireProgramme } from './records'
import { changesPublicContent } from '../publicContent'

/**
 * An administrator edits a programme. Its code is printed in every registration number,
 * so it is fixed once anyone has registered for one of its batches.
 */
export async function updateProgramme(ctx: UseCaseContext, input: UpdateProgrammeInput) {
  const { programmeId, ...values } = parseInput(updateProgrammeSchema, input)
  const current = await requireProgramme(ctx.db, programmeId)
  const institutionId = current.programme.institutionId
  authorize(ctx.actor, 'programme.manage', { institutionId })
  try {
    return await changesPublicContent(ctx.db.transaction(async (tx) => {
      const [before] = await tx.select().from(programme).where(eq(programme.id, programmeId)).for('update')
      if (values.code !== before!.code) {
        if ((await countProgrammeRegistrations(tx, programmeId)) > 0) {
          throw new ValidationError({
            code: ['Kode program tidak dapat diubah karena sudah ada pendaftar; kode ini tercetak di nomor pendaftaran mereka.'],
          })
        }
        const [taken] = await tx
          .select({ id: programme.id })
          .from(programme)
          .where(and(eq(programme.institutionId, institutionId), eq(programme.code, values.code), ne(programme.id, programmeId)))
        if (taken) throw duplicateCode()
      }
      const beforeSnapshot = programmeSnapshot(before!)
      const afterSnapshot = programmeSnapshot({ ...before!, ...values })
      // A repeated submit of the same form changes nothing and is not recorded twice.
      if (changedKeys(beforeSnapshot, afterSnapshot).length === 0) return { programme: before!, changed: false }
      const [row] = await tx.update(programme).set(values).where(eq(programme.id, programmeId)).returning()
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'programme.update',
        entityType: 'programme',
        entityId: programmeId,
        institutionId,
        before: beforeSnapshot,
        after: programmeSnapshot(row!),
      })
      return { programme: row!, changed: true }
    }))
  } catch (error) {
    if (isUniqueViolation(error, 'programme_code_key')) throw duplicateCode()
    throw error
  }
}
