import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../audit'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { handover, registration } from '../db/schema'
import { NotFoundError } from '../errors'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { parseInput } from '../validation'
import { addressedTo, findHandover, parseHandoverId } from './access'

const Input = z.object({
  note: z
    .string({ error: 'Catatan harus berupa teks.' })
    .optional()
    .transform((v) => (v ?? '').replaceAll('\u0000', '').trim())
    .refine((v) => v.length <= 1000, 'Catatan paling panjang 1.000 karakter.'),
})

/**
 * The organiser acknowledges a handover addressed to them (SOP step 11): every
 * registration it lists moves to handed_over — the end of the SOP for them, shown in
 * their Aktivitas. Under the handover's row lock; acknowledging again does nothing again.
 */
export async function acknowledgeHandover(
  ctx: UseCaseContext,
  input: { handoverId: unknown; note?: unknown },
): Promise<{ acknowledgedAt: Date; created: boolean; handedOver: number }> {
  const id = parseHandoverId(input.handoverId)
  const found = await findHandover(ctx.db, id)
  if (!found) throw new NotFoundError('Serah terima tidak ditemukan.')
  authorize(ctx.actor, 'handover.acknowledge', { institutionId: found.institutionId })
  if (!addressedTo(ctx, found)) throw new NotFoundError('Serah terima tidak ditemukan.')
  const { note } = parseInput(Input, { note: input.note })
  return ctx.db.transaction(async (tx) => {
    const [h] = await tx.select().from(handover).where(eq(handover.id, id)).for('update')
    if (h!.acknowledgedAt) return { acknowledgedAt: h!.acknowledgedAt, created: false, handedOver: 0 }
    let handedOver = 0
    for (const registrationId of h!.registrationIds) {
      const [r] = await tx.select({ state: registration.state }).from(registration).where(eq(registration.id, registrationId))
      // Someone who withdrew after the minutes were made is not handed over.
      if (r?.state !== 're_registered') continue
      await transitionRegistration(tx, ctx, {
        registrationId,
        action: 'hand_over',
        data: { handoverId: h!.id, handoverNumber: h!.number, receivingSection: h!.receivingSection },
      })
      handedOver++
    }
    await tx
      .update(handover)
      .set({ acknowledgedAt: ctx.now, acknowledgedBy: ctx.actor.kind === 'staff' ? ctx.actor.userId : null, acknowledgementNote: note === '' ? null : note })
      .where(eq(handover.id, id))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'handover.acknowledge',
      entityType: 'handover',
      entityId: id,
      institutionId: h!.institutionId,
      after: { handedOver, note: note === '' ? null : note },
    })
    return { acknowledgedAt: ctx.now, created: true, handedOver }
  })
}
