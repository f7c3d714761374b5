import { and, eq } from 'drizzle-orm'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { institution, programme } from '../db/schema'
import { ConflictError, isUniqueViolation, NotFoundError } from '../errors'
import { createProgrammeSchema, type CreateProgrammeInput } from './input'
import { parseInput } from '../validation'
import { programmeSnapshot } from './records'
import { changesPublicContent } from '../publicContent'

export const DUPLICATE_CODE_MESSAGE = 'Kode program ini sudah dipakai program lain di lembaga ini.'

/** An administrator adds a training programme to their institution's catalogue. */
export async function createProgramme(ctx: UseCaseContext, input: CreateProgrammeInput) {
  const { institutionId, ...values } = parseInput(createProgrammeSchema, input)
  authorize(ctx.actor, 'programme.manage', { institutionId })
  try {
    return await changesPublicContent(ctx.db.transaction(async (tx) => {
      const [owner] = await tx.select({ id: institution.id }).from(institution).where(eq(institution.id, institutionId))
      if (!owner) throw new NotFoundError('Lembaga tidak ditemukan.')
      const [taken] = await tx
        .select({ id: programme.id })
        .from(programme)
        .where(and(eq(programme.institutionId, institutionId), eq(programme.code, values.code)))
      if (taken) throw duplicateCode()
      const [row] = await tx
        .insert(programme)
        .values({ institutionId, ...values, createdAt: ctx.now })
        .returning()
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'programme.create',
        entityType: 'programme',
        entityId: row!.id,
        institutionId,
        after: programmeSnapshot(row!),
      })
      return row!
    }))
  } catch (error) {
    // Two administrators saving the same code at once: the unique index decides.
    if (isUniqueViolation(error, 'programme_code_key')) throw duplicateCode()
    throw error
  }
}

export function duplicateCode() {
  return new ConflictError(DUPLICATE_CODE_MESSAGE, { code: [DUPLICATE_CODE_MESSAGE] })
}
