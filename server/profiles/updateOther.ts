import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { candidateProfile } from '../db/schema'
import { otherSchema } from './schemas'
import { parseInput } from '../validation'
import { changedFields, lockProfile } from './sectionUpdate'

export type UpdateOtherInput = { candidateId: string } & Partial<z.input<typeof otherSchema>>

/** Save the "other" section: employment status and disability ('none' is an answer). */
export async function updateOther(ctx: UseCaseContext, input: UpdateOtherInput): Promise<{ changed: boolean }> {
  const { candidateId } = input
  authorize(ctx.actor, 'profile.edit', { candidateId })
  const v = parseInput(otherSchema, input)
  const next = { employmentStatus: v.employmentStatus, disability: v.disability }
  return ctx.db.transaction(async (tx) => {
    const current = await lockProfile(tx, candidateId)
    const diff = changedFields(current, next)
    if (!diff.changed) return { changed: false }
    await tx
      .update(candidateProfile)
      .set({ ...next, updatedAt: ctx.now })
      .where(eq(candidateProfile.userId, candidateId))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'profile.updateOther',
      entityType: 'candidate_profile',
      entityId: candidateId,
      before: diff.before,
      after: diff.after,
    })
    return { changed: true }
  })
}
