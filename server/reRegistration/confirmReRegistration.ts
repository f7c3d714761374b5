import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { actorId } from '../auth/actor'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { registration, registrationEvent, reRegistration } from '../db/schema'
import { ConflictError, ValidationError } from '../errors'
import { viaKioskData } from '../registrations/transitionRegistration'
import { parseInput } from '../validation'
import { ownRegistration } from './access'

export const RE_REGISTRATION_CONFIRMED = 're_registration_confirmed'

const Input = z.object({
  registrationId: z.unknown(),
  commitment: z.literal('ya', { error: 'Centang pernyataan kesediaan untuk mengonfirmasi daftar ulang.' }),
})

/**
 * The candidate's online confirmation (SOP step 10): the statement of commitment,
 * before the deadline. The state does not change yet — that happens at the desk when
 * every document is valid. A second confirmation returns the first.
 */
export async function confirmReRegistration(
  ctx: UseCaseContext,
  input: { registrationId: unknown; commitment?: unknown },
): Promise<{ confirmedAt: Date; created: boolean }> {
  const reg = await ownRegistration(ctx, input.registrationId)
  const { commitment } = parseInput(Input, input)
  void commitment
  return ctx.db.transaction(async (tx) => {
    const [rr] = await tx.select().from(reRegistration).where(eq(reRegistration.registrationId, reg.id)).for('update')
    const [current] = await tx.select({ state: registration.state }).from(registration).where(eq(registration.id, reg.id))
    if (!rr || !reg.resultsAnnouncedAt) throw new ConflictError('Daftar ulang hanya untuk calon peserta yang lulus seleksi.')
    if (rr.confirmedAt) return { confirmedAt: rr.confirmedAt, created: false }
    if (current?.state !== 'passed') throw new ConflictError('Tempat ini tidak lagi Anda pegang; daftar ulang tidak dapat dikonfirmasi.')
    if (rr.deadline.getTime() <= ctx.now.getTime()) {
      throw new ValidationError(
        { commitment: [`Batas daftar ulang (${formatZonedDateTime(rr.deadline, reg.timeZone)}) sudah lewat.`] },
        'Batas daftar ulang sudah lewat.',
      )
    }
    await tx
      .update(reRegistration)
      .set({ commitmentAcceptedAt: ctx.now, confirmedAt: ctx.now })
      .where(eq(reRegistration.registrationId, reg.id))
    await tx.insert(registrationEvent).values({
      registrationId: reg.id,
      at: ctx.now,
      kind: RE_REGISTRATION_CONFIRMED,
      actorId: actorId(ctx.actor),
      data: { deadline: rr.deadline.toISOString(), ...viaKioskData(ctx.actor) },
    })
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'reRegistration.confirm',
      entityType: 'registration',
      entityId: reg.id,
      institutionId: reg.institutionId,
      after: { confirmedAt: ctx.now.toISOString(), commitment: true },
    })
    return { confirmedAt: ctx.now, created: true }
  })
}
