import { and, eq } from 'drizzle-orm'
import { OUTCOME_LABELS, PLENARY_OUTCOMES, type PlenaryOutcome } from '../../domain/ranking'
import { recordAudit } from '../audit'
import { actorId } from '../auth/actor'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import { plenary, plenaryOverride } from '../db/schema'
import { ConflictError, NotFoundError, ValidationError } from '../errors'
import { actorName, authorizedBatch, loadOverrides, requireReason } from './access'
import { loadPlenaryInputs } from './loadPlenaryInputs'
import { buildProposal, canPassOrReserve } from './proposal'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function lockOpenPlenary(tx: Tx, batchId: string) {
  const [p] = await tx.select().from(plenary).where(eq(plenary.batchId, batchId)).for('update')
  if (!p) throw new ConflictError('Buka pleno terlebih dahulu (nomor berita acara, tempat, tanggal, dan yang hadir).')
  if (p.status !== 'open') throw new ConflictError('Pleno sudah difinalkan; perubahan hanya lewat perubahan keputusan (amandemen).')
  return p
}

/**
 * While the plenary is open, gives one candidate an outcome other than the proposal's,
 * with a mandatory written reason and the name of who decided it. Passed or reserve only
 * for someone interviewed (the transition table moves no one else there).
 */
export async function setPlenaryOverride(
  ctx: UseCaseContext,
  input: { batchId: string; registrationId: string; outcome: string; reason: string },
) {
  const b = await authorizedBatch(ctx, input.batchId, 'plenary.decide')
  const errors: Record<string, string[]> = {}
  const outcome = input.outcome as PlenaryOutcome
  if (!PLENARY_OUTCOMES.includes(outcome)) errors.outcome = ['Pilih keputusan: lulus, cadangan, atau tidak lulus.']
  let reason = ''
  try {
    reason = requireReason(input.reason, 'reason', 'Tuliskan alasan perubahan keputusan (wajib, minimal 5 karakter).')
  } catch (e) {
    if (e instanceof ValidationError) Object.assign(errors, e.fieldErrors)
    else throw e
  }
  if (typeof input.registrationId !== 'string' || input.registrationId === '') errors.registrationId = ['Pilih calon.']
  if (Object.keys(errors).length > 0) throw new ValidationError(errors)

  return ctx.db.transaction(async (tx) => {
    const p = await lockOpenPlenary(tx, b.batch.id)
    const inputs = await loadPlenaryInputs(tx, b)
    const row = buildProposal(b.batch.id, inputs, await loadOverrides(tx, p.id)).find((r) => r.registrationId === input.registrationId)
    if (!row) throw new ValidationError({ registrationId: ['Calon ini tidak termasuk yang diputuskan pleno gelombang ini.'] })
    if (outcome !== 'not_passed' && !canPassOrReserve(row)) {
      throw new ValidationError({
        outcome: [`Calon ini belum diwawancarai (atau tidak hadir), jadi tidak dapat dinyatakan ${OUTCOME_LABELS[outcome].id.toLowerCase()}.`],
      })
    }
    if (outcome === row.proposed) {
      throw new ValidationError({ outcome: ['Keputusan ini sama dengan usulan peringkat; tidak perlu diubah.'] })
    }
    const values = {
      plenaryId: p.id,
      registrationId: row.registrationId,
      outcome,
      reason,
      decidedBy: actorId(ctx.actor),
      decidedByName: actorName(ctx),
      decidedAt: ctx.now,
    }
    await tx
      .insert(plenaryOverride)
      .values(values)
      .onConflictDoUpdate({
        target: [plenaryOverride.plenaryId, plenaryOverride.registrationId],
        set: { outcome, reason, decidedBy: values.decidedBy, decidedByName: values.decidedByName, decidedAt: ctx.now },
      })
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'plenary.override',
      entityType: 'registration',
      entityId: row.registrationId,
      institutionId: b.batch.institutionId,
      before: { proposed: row.proposed, override: row.override ? { outcome: row.override.outcome, reason: row.override.reason } : null },
      after: { outcome, reason },
    })
    return { registrationId: row.registrationId, outcome, reason }
  })
}

/** Removes an override while the plenary is open (the proposal's outcome applies again). */
export async function removePlenaryOverride(ctx: UseCaseContext, input: { batchId: string; registrationId: string }) {
  const b = await authorizedBatch(ctx, input.batchId, 'plenary.decide')
  const registrationId = String(input.registrationId ?? '')
  if (!UUID.test(registrationId)) throw new NotFoundError('Perubahan keputusan tidak ditemukan.')
  return ctx.db.transaction(async (tx) => {
    const p = await lockOpenPlenary(tx, b.batch.id)
    const [removed] = await tx
      .delete(plenaryOverride)
      .where(and(eq(plenaryOverride.plenaryId, p.id), eq(plenaryOverride.registrationId, registrationId)))
      .returning()
    // Already removed (a repeated click): nothing to do.
    if (!removed) return { removed: false }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'plenary.override_remove',
      entityType: 'registration',
      entityId: removed.registrationId,
      institutionId: b.batch.institutionId,
      before: { outcome: removed.outcome, reason: removed.reason, decidedByName: removed.decidedByName },
    })
    return { removed: true }
  })
}
