import { and, eq } from 'drizzle-orm'
import { isRegistrationState, nextState, type RegistrationAction, type RegistrationState } from '../../domain/registrationStates'
import { actorId, type AnyActor } from '../auth/actor'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import { registration, registrationEvent } from '../db/schema'
import { ConflictError, NotFoundError } from '../errors'

/** Event data marking a change a kiosk officer made for a walk-in ("oleh petugas kios"). */
export function viaKioskData(actor: AnyActor): { viaKiosk?: true } {
  return actor.kind === 'staff' && actor.assisted ? { viaKiosk: true } : {}
}

/**
 * The one way a registration changes state: inside the caller's transaction, lock the
 * row, ask the domain table for the next state, update only if the state is still the
 * one read, and record the timeline event and the audit row. The caller authorises
 * (each stage has its own permission) and owns the transaction.
 */
export async function transitionRegistration(
  tx: Tx,
  ctx: UseCaseContext,
  input: { registrationId: string; action: RegistrationAction; data?: Record<string, unknown> },
): Promise<{ registration: typeof registration.$inferSelect; fromState: RegistrationState; toState: RegistrationState }> {
  const [current] = await tx.select().from(registration).where(eq(registration.id, input.registrationId)).for('update')
  if (!current) throw new NotFoundError('Pendaftaran tidak ditemukan.')
  const from = current.state
  const next = nextState(from as RegistrationState, input.action)
  if (!next.ok || !isRegistrationState(from)) throw new ConflictError(next.ok ? 'Status pendaftaran tidak dikenal.' : next.message)

  const [updated] = await tx
    .update(registration)
    .set({ state: next.to, updatedAt: ctx.now })
    .where(and(eq(registration.id, current.id), eq(registration.state, from)))
    .returning()
  // The row lock makes this unreachable on PostgreSQL; the condition still guarantees
  // that a change decided on a stale state is never written.
  if (!updated) throw new ConflictError('Status pendaftaran baru saja berubah. Muat ulang halaman, lalu coba lagi.')

  const data = { ...(input.data ?? {}), ...viaKioskData(ctx.actor) }
  await tx.insert(registrationEvent).values({
    registrationId: current.id,
    at: ctx.now,
    kind: input.action,
    fromState: from,
    toState: next.to,
    actorId: actorId(ctx.actor),
    data,
  })
  await recordAudit(tx, ctx.actor, ctx.now, {
    action: `registration.${input.action}`,
    entityType: 'registration',
    entityId: current.id,
    institutionId: current.institutionId,
    before: { state: from },
    after: { state: next.to, ...(input.data ?? {}) },
  })
  return { registration: updated, fromState: from, toState: next.to }
}
