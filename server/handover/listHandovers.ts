import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm'
import type { UseCaseContext } from '../context'
import { batch, handover, programme } from '../db/schema'
import { ForbiddenError } from '../errors'
import { batchLabel } from '../registrations/batchLabel'

export interface HandoverListItem {
  id: string
  number: string
  programmeName: string
  batchLabel: string
  participants: number
  createdAt: Date
  acknowledgedAt: Date | null
}

/** The handovers addressed to this organiser (or to any organiser of their centres), newest first. */
export async function listHandovers(ctx: UseCaseContext): Promise<HandoverListItem[]> {
  const actor = ctx.actor
  if (actor.kind !== 'staff') throw new ForbiddenError()
  const institutions = actor.roles.filter((r) => r.role === 'organiser').map((r) => r.institutionId)
  if (institutions.length === 0) throw new ForbiddenError('Halaman ini untuk penyelenggara pelatihan.')
  const rows = await ctx.db
    .select({ handover, programmeName: programme.name, batchNumber: batch.number, batchYear: batch.year })
    .from(handover)
    .innerJoin(batch, eq(batch.id, handover.batchId))
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .where(and(inArray(handover.institutionId, institutions), or(isNull(handover.receiverId), eq(handover.receiverId, actor.userId))))
    .orderBy(desc(handover.createdAt))
  return rows.map((r) => ({
    id: r.handover.id,
    number: r.handover.number,
    programmeName: r.programmeName,
    batchLabel: batchLabel({ number: r.batchNumber, year: r.batchYear }),
    participants: r.handover.registrationIds.length,
    createdAt: r.handover.createdAt,
    acknowledgedAt: r.handover.acknowledgedAt,
  }))
}
