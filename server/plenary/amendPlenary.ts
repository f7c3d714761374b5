import { eq } from 'drizzle-orm'
import { OUTCOME_LABELS, PLENARY_OUTCOMES, type PlenaryOutcome } from '../../domain/ranking'
import type { RegistrationAction } from '../../domain/registrationStates'
import { recordAudit } from '../audit'
import { actorId } from '../auth/actor'
import type { UseCaseContext } from '../context'
import { plenary, plenarySnapshot } from '../db/schema'
import { ConflictError, ValidationError } from '../errors'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { actorName, authorizedBatch, latestSnapshot, requireReason, type SnapshotRow } from './access'
import { buildAmendmentPayload, parsePayload, serialisePayload } from './snapshotPayload'
import { changesPublicContent } from '../publicContent'

const AMEND_ACTION: Record<PlenaryOutcome, RegistrationAction> = {
  passed: 'amend_to_passed',
  reserve: 'amend_to_reserve',
  not_passed: 'amend_to_not_passed',
}

/**
 * After finalisation every change is an amendment: a mandatory reason, a new snapshot
 * (version n + 1, its payload naming the previous hash) and its own hash; earlier
 * snapshots stay as they are. The registrations move through the amend_* transitions.
 * 'Not passed' is final (docs/decisions/009): it is never amended. A repeated submit
 * (nothing left to change) returns the latest snapshot and creates nothing.
 */
export async function amendPlenary(
  ctx: UseCaseContext,
  input: { batchId: string; changes: Array<{ registrationId: string; outcome: string }>; reason: string },
): Promise<{ snapshot: SnapshotRow; created: boolean }> {
  const b = await authorizedBatch(ctx, input.batchId, 'plenary.decide')
  const errors: Record<string, string[]> = {}
  const changes = new Map<string, PlenaryOutcome>()
  for (const c of Array.isArray(input.changes) ? input.changes : []) {
    if (!PLENARY_OUTCOMES.includes(c.outcome as PlenaryOutcome)) errors.outcome = ['Pilih keputusan baru: lulus, cadangan, atau tidak lulus.']
    else if (typeof c.registrationId === 'string' && c.registrationId !== '') changes.set(c.registrationId, c.outcome as PlenaryOutcome)
  }
  if (changes.size === 0 && !errors.outcome) errors.registrationId = ['Pilih calon yang keputusannya diubah.']
  let reason = ''
  try {
    reason = requireReason(input.reason, 'reason', 'Tuliskan alasan perubahan keputusan pleno (wajib, minimal 5 karakter).')
  } catch (e) {
    if (e instanceof ValidationError) Object.assign(errors, e.fieldErrors)
    else throw e
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors)

  return changesPublicContent(ctx.db.transaction(async (tx) => {
    const [p] = await tx.select().from(plenary).where(eq(plenary.batchId, b.batch.id)).for('update')
    if (!p || p.status !== 'finalised') throw new ConflictError('Pleno belum difinalkan; ubah keputusan lewat perubahan pada usulan.')
    const previous = (await latestSnapshot(tx, p.id))!
    const payload = parsePayload(previous.payload)
    const current = new Map(payload.outcomes.map((o) => [o.registrationId, o]))
    const effective = new Map<string, PlenaryOutcome>()
    for (const [registrationId, to] of changes) {
      const o = current.get(registrationId)
      if (!o) throw new ValidationError({ registrationId: ['Calon ini tidak termasuk keputusan pleno gelombang ini.'] })
      if (o.outcome === to) continue
      if (o.outcome === 'not_passed') {
        throw new ValidationError({
          outcome: [`${o.number} sudah «Tidak lulus»; keputusan itu tidak dapat diubah lagi (pendaftarannya sudah berakhir).`],
        })
      }
      effective.set(registrationId, to)
    }
    if (effective.size === 0) return { snapshot: previous, created: false }

    const next = buildAmendmentPayload(payload, previous.hash, { reason, changes: effective, decidedAt: ctx.now, decidedBy: actorName(ctx) })
    const { text, hash } = serialisePayload(next)
    const [snapshot] = await tx
      .insert(plenarySnapshot)
      .values({
        plenaryId: p.id,
        batchId: b.batch.id,
        version: next.version,
        kind: 'amendment',
        reason,
        payload: text,
        hash,
        passedCount: next.counts.passed,
        reserveCount: next.counts.reserve,
        notPassedCount: next.counts.notPassed,
        createdAt: ctx.now,
        createdBy: actorId(ctx.actor),
      })
      .returning()
    for (const change of next.amendment!.changes) {
      await transitionRegistration(tx, ctx, {
        registrationId: change.registrationId,
        action: AMEND_ACTION[change.to],
        data: {
          plenaryId: p.id,
          snapshotVersion: next.version,
          snapshotHash: hash,
          from: change.from,
          outcome: change.to,
          reason,
        },
      })
    }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'plenary.amend',
      entityType: 'plenary',
      entityId: p.id,
      institutionId: b.batch.institutionId,
      before: { version: previous.version, hash: previous.hash },
      after: {
        version: next.version,
        hash,
        reason,
        changes: next.amendment!.changes.map((c) => `${c.number}: ${OUTCOME_LABELS[c.from].id} → ${OUTCOME_LABELS[c.to].id}`),
      },
    })
    return { snapshot: snapshot!, created: true }
  }))
}
