import { and, desc, eq, inArray } from 'drizzle-orm'
import type { UseCaseContext } from '../context'
import { can } from '../auth/permissions'
import { batch, institution, programme } from '../db/schema'

/** The batches whose assessment report the actor may open, newest first. */
export async function listBatchesForAssessmentReport(ctx: UseCaseContext) {
  const actor = ctx.actor
  if (actor.kind !== 'staff') return []
  const institutionIds = [...new Set(actor.roles.map((r) => r.institutionId))].filter((id) =>
    can(actor, 'assessment.report', { institutionId: id }),
  )
  if (institutionIds.length === 0) return []
  return ctx.db
    .select({
      batchId: batch.id,
      year: batch.year,
      number: batch.number,
      assessmentDeadline: batch.assessmentDeadline,
      programmeName: programme.name,
      programmeCode: programme.code,
      institutionName: institution.name,
    })
    .from(batch)
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .innerJoin(institution, eq(institution.id, batch.institutionId))
    .where(and(inArray(batch.institutionId, institutionIds)))
    .orderBy(desc(batch.registrationOpensAt), programme.name)
}
