import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { candidateProfile } from '../db/schema'
import { educationSchema, LEVELS_WITHOUT_MAJOR } from './schemas'
import { parseInput } from '../validation'
import { changedFields, lockProfile } from './sectionUpdate'

export type UpdateEducationInput = { candidateId: string } & Partial<z.input<ReturnType<typeof educationSchema>>>

/** Save the education section: last level, school, major (not for SD/SMP), graduation year. */
export async function updateEducation(ctx: UseCaseContext, input: UpdateEducationInput): Promise<{ changed: boolean }> {
  const { candidateId } = input
  authorize(ctx.actor, 'profile.edit', { candidateId })
  const v = parseInput(educationSchema(ctx.now), input)
  const next = {
    educationLevel: v.educationLevel,
    schoolName: v.schoolName,
    // Primary and junior secondary schools have no majors; a leftover one is dropped.
    major: LEVELS_WITHOUT_MAJOR.has(v.educationLevel) || v.major === '' ? null : v.major,
    graduationYear: v.graduationYear,
  }
  return ctx.db.transaction(async (tx) => {
    const current = await lockProfile(tx, candidateId)
    const diff = changedFields(current, next)
    if (!diff.changed) return { changed: false }
    await tx
      .update(candidateProfile)
      .set({ ...next, updatedAt: ctx.now })
      .where(eq(candidateProfile.userId, candidateId))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'profile.updateEducation',
      entityType: 'candidate_profile',
      entityId: candidateId,
      before: diff.before,
      after: diff.after,
    })
    return { changed: true }
  })
}
