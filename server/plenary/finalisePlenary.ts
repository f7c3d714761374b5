import { and, asc, eq } from 'drizzle-orm'
import type { RegistrationAction } from '../../domain/registrationStates'
import type { PlenaryOutcome } from '../../domain/ranking'
import { recordAudit } from '../audit'
import { actorId } from '../auth/actor'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import { plenary, plenarySnapshot } from '../db/schema'
import { ConflictError, ValidationError } from '../errors'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { actorName, authorizedBatch, loadOverrides, type SnapshotRow } from './access'
import { loadPlenaryInputs } from './loadPlenaryInputs'
import { buildProposal, canPassOrReserve } from './proposal'
import { buildFinalPayload, serialisePayload } from './snapshotPayload'

/**
 * The transitions that bring a registration from its state before the plenary to the
 * decided outcome (the one transition table decides whether each is allowed).
 */
export function plenaryActions(state: string, outcome: PlenaryOutcome): RegistrationAction[] {
  if (outcome === 'not_passed') return [state === 'written_test_passed' ? 'not_invite' : 'plenary_not_pass']
  const action: RegistrationAction = outcome === 'passed' ? 'plenary_pass' : 'plenary_reserve'
  // Scored by the interviewers but not yet marked interviewed: record it first.
  return state === 'invited_to_interview' ? ['record_interview', action] : [action]
}

/**
 * Finalises a batch's plenary (SOP step 8) in one transaction: locks the plenary row;
 * when it is already final returns the stored snapshot (a second committee member
 * finalising at the same moment waits for the lock and gets the same snapshot); else
 * ranks the inputs as they are now, applies the overrides, stores version 1 of the
 * snapshot — the canonical payload and its SHA-256 — and moves every registration
 * through the transition table with the reason in its event. Candidates are not told:
 * the announcement (SOP step 9) does that.
 */
export async function finalisePlenary(
  ctx: UseCaseContext,
  input: { batchId: string },
): Promise<{ snapshot: SnapshotRow; created: boolean }> {
  const b = await authorizedBatch(ctx, input.batchId, 'plenary.decide')
  return ctx.db.transaction(async (tx) => {
    const [p] = await tx.select().from(plenary).where(eq(plenary.batchId, b.batch.id)).for('update')
    if (!p) throw new ConflictError('Buka pleno terlebih dahulu (nomor berita acara, tempat, tanggal, dan yang hadir).')
    if (p.status === 'finalised') {
      const [first] = await tx
        .select()
        .from(plenarySnapshot)
        .where(and(eq(plenarySnapshot.plenaryId, p.id), eq(plenarySnapshot.version, 1)))
        .orderBy(asc(plenarySnapshot.version))
      if (!first) throw new Error(`Plenary ${p.id} is final without a snapshot`)
      return { snapshot: first, created: false }
    }
    if (p.attendees.length === 0) {
      throw new ValidationError({ attendees: ['Catat minimal satu anggota panitia yang hadir sebelum memfinalkan pleno.'] })
    }
    if (!p.heldOn || p.place.trim() === '') {
      throw new ValidationError({ heldOn: ['Isi tanggal dan tempat pleno sebelum memfinalkan.'] })
    }

    const inputs = await loadPlenaryInputs(tx, b)
    const rows = buildProposal(b.batch.id, inputs, await loadOverrides(tx, p.id))
    for (const r of rows) {
      if (r.final !== 'not_passed' && !canPassOrReserve(r)) {
        throw new ConflictError(`${r.number}: perubahan keputusan tidak berlaku lagi (calon tidak diwawancarai). Hapus perubahan itu, lalu finalkan.`)
      }
    }
    const payload = buildFinalPayload({
      institution: { code: b.institution.code, name: b.institution.name, timeZone: b.institution.timeZone },
      programme: { code: b.programme.code, name: b.programme.name },
      batch: { id: b.batch.id, year: b.batch.year, number: b.batch.number },
      plenary: { id: p.id, minutesNumber: p.minutesNumber, place: p.place, heldOn: p.heldOn, attendees: p.attendees },
      weights: inputs.weights,
      passMarkH: inputs.passMarkH,
      quota: inputs.quota,
      reserveCount: inputs.reserveCount,
      rows,
      decidedAt: ctx.now,
      decidedBy: actorName(ctx),
    })
    const { text, hash } = serialisePayload(payload)
    const [snapshot] = await tx
      .insert(plenarySnapshot)
      .values({
        plenaryId: p.id,
        batchId: b.batch.id,
        version: 1,
        kind: 'final',
        reason: null,
        payload: text,
        hash,
        passedCount: payload.counts.passed,
        reserveCount: payload.counts.reserve,
        notPassedCount: payload.counts.notPassed,
        createdAt: ctx.now,
        createdBy: actorId(ctx.actor),
      })
      .returning()
    await tx.update(plenary).set({ status: 'finalised', finalisedAt: ctx.now, finalisedBy: actorId(ctx.actor) }).where(eq(plenary.id, p.id))
    await moveRegistrations(tx, ctx, rows.map((r) => ({
      registrationId: r.registrationId,
      state: r.state,
      outcome: r.final,
      data: {
        plenaryId: p.id,
        snapshotVersion: 1,
        snapshotHash: hash,
        rank: r.rank,
        outcome: r.final,
        reason: r.override ? r.override.reason : r.reason,
        overridden: r.override !== null,
      },
    })))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'plenary.finalise',
      entityType: 'plenary',
      entityId: p.id,
      institutionId: b.batch.institutionId,
      after: { version: 1, hash, counts: payload.counts, overrides: payload.overrides.length },
    })
    return { snapshot: snapshot!, created: true }
  })
}

async function moveRegistrations(
  tx: Tx,
  ctx: UseCaseContext,
  moves: Array<{ registrationId: string; state: string; outcome: PlenaryOutcome; data: Record<string, unknown> }>,
) {
  for (const m of moves) {
    for (const action of plenaryActions(m.state, m.outcome)) {
      await transitionRegistration(tx, ctx, { registrationId: m.registrationId, action, data: m.data })
    }
  }
}
