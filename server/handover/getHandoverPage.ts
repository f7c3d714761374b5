import { and, asc, eq } from 'drizzle-orm'
import type { UseCaseContext } from '../context'
import { handover, staffAssignment, userAccount } from '../db/schema'
import { authorizedBatch } from '../plenary/access'
import { batchLabel } from '../registrations/batchLabel'
import { isReRegistrationClosed, loadBatchReRegistrationRows } from '../reRegistration/getBatchReRegistration'
import { proposedHandoverNumber } from './createHandover'
import { getHandover, type HandoverView } from './getHandover'

export interface HandoverPage {
  batch: { id: string; label: string; programmeName: string; deadline: Date }
  closed: boolean
  reRegistered: number
  proposedNumber: string
  organisers: Array<{ userId: string; name: string }>
  handover: HandoverView | null
}

/** The committee's page for SOP step 11: the downloads, and the handover (to create, or as made). */
export async function getHandoverPage(ctx: UseCaseContext, input: { batchId: unknown }): Promise<HandoverPage> {
  const b = await authorizedBatch(ctx, input.batchId, 'handover.create')
  const rows = await loadBatchReRegistrationRows(ctx.db, b.batch.id)
  const organisers = await ctx.db
    .select({ userId: userAccount.id, name: userAccount.displayName })
    .from(staffAssignment)
    .innerJoin(userAccount, eq(userAccount.id, staffAssignment.userId))
    .where(and(eq(staffAssignment.institutionId, b.batch.institutionId), eq(staffAssignment.role, 'organiser')))
    .orderBy(asc(userAccount.displayName))
  const [h] = await ctx.db.select({ id: handover.id }).from(handover).where(eq(handover.batchId, b.batch.id))
  return {
    batch: { id: b.batch.id, label: batchLabel(b.batch), programmeName: b.programme.name, deadline: b.batch.reRegistrationDeadline },
    closed: isReRegistrationClosed(b.batch.reRegistrationDeadline, rows, ctx.now),
    reRegistered: rows.filter((r) => r.state === 're_registered' || r.state === 'handed_over').length,
    proposedNumber: proposedHandoverNumber(b),
    organisers,
    handover: h ? await getHandover(ctx, { handoverId: h.id }) : null,
  }
}
