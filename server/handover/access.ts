import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize, can } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import type { DbOrTx } from '../db/client'
import { handover } from '../db/schema'
import { NotFoundError } from '../errors'
import { loadBatch, type BatchWithProgramme } from '../registrations/registrationChecks'

// Who reaches a handover (SOP step 11, docs/decisions/016): the committee of its centre
// (who made it), and the centre's organiser — only the one it is addressed to when
// receiver_id is set. Someone else's handover is "not found", telling nothing.

export type HandoverRow = typeof handover.$inferSelect

export function parseHandoverId(value: unknown): string {
  const parsed = z.uuid().safeParse(value)
  if (!parsed.success) throw new NotFoundError('Serah terima tidak ditemukan.')
  return parsed.data
}

export async function findHandover(db: DbOrTx, id: string): Promise<HandoverRow | null> {
  const [row] = await db.select().from(handover).where(eq(handover.id, id))
  return row ?? null
}

/** Whether this organiser is the one (or one of those) the handover is addressed to. */
export function addressedTo(ctx: UseCaseContext, h: HandoverRow): boolean {
  return (
    can(ctx.actor, 'handover.acknowledge', { institutionId: h.institutionId }) &&
    ctx.actor.kind === 'staff' &&
    (h.receiverId === null || h.receiverId === ctx.actor.userId)
  )
}

/** The handover and its batch, for the committee of its centre or the organiser it is addressed to. */
export async function readableHandover(ctx: UseCaseContext, handoverId: unknown): Promise<{ handover: HandoverRow; batch: BatchWithProgramme; asOrganiser: boolean }> {
  const h = await findHandover(ctx.db, parseHandoverId(handoverId))
  if (!h) throw new NotFoundError('Serah terima tidak ditemukan.')
  const committee = can(ctx.actor, 'handover.create', { institutionId: h.institutionId })
  const organiser = addressedTo(ctx, h)
  if (!committee && !organiser) {
    // An organiser of the centre that it is not addressed to: not found, like any other.
    if (can(ctx.actor, 'handover.acknowledge', { institutionId: h.institutionId })) throw new NotFoundError('Serah terima tidak ditemukan.')
    authorize(ctx.actor, 'handover.create', { institutionId: h.institutionId })
  }
  const b = await loadBatch(ctx.db, h.batchId)
  if (!b) throw new NotFoundError('Gelombang tidak ditemukan.')
  return { handover: h, batch: b, asOrganiser: organiser && !committee }
}
