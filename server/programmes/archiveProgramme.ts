import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { programme } from '../db/schema'
import { isUuid } from './input'
import { parseInput } from '../validation'
import { programmeSnapshot, requireProgramme } from './records'
import { changesPublicContent } from '../publicContent'

const schema = z.object({ programmeId: z.string().refine(isUuid, 'Program pelatihan tidak ditemukan.') })

/**
 * Hide a programme from the public catalogue. Programmes are never deleted: past
 * registrations, receipts and reports keep pointing at them.
 */
export async function archiveProgramme(ctx: UseCaseContext, input: z.input<typeof schema>) {
  const { programmeId } = parseInput(schema, input)
  const current = await requireProgramme(ctx.db, programmeId)
  const institutionId = current.programme.institutionId
  authorize(ctx.actor, 'programme.manage', { institutionId })
  return changesPublicContent(ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(programme).where(eq(programme.id, programmeId)).for('update')
    // Already archived (a second click): nothing to do, nothing to record.
    if (before!.archivedAt) return { programme: before!, changed: false }
    const [row] = await tx.update(programme).set({ archivedAt: ctx.now }).where(eq(programme.id, programmeId)).returning()
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'programme.archive',
      entityType: 'programme',
      entityId: programmeId,
      institutionId,
      before: programmeSnapshot(before!),
      after: programmeSnapshot(row!),
    })
    return { programme: row!, changed: true }
  }))
}
