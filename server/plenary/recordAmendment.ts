import { eq } from 'drizzle-orm'
import type { PlenaryOutcome } from '../../domain/ranking'
import { OUTCOME_LABELS } from '../../domain/ranking'
import { recordAudit } from '../audit'
import { actorId } from '../auth/actor'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import { plenary, plenarySnapshot } from '../db/schema'
import { ConflictError } from '../errors'
import { actorName, latestSnapshot, type SnapshotRow } from './access'
import { buildAmendmentPayload, parsePayload, serialisePayload } from './snapshotPayload'

/**
 * An amendment the SOP itself makes (re-registration, docs/decisions/016): a reserve
 * promoted into a forfeited place, a place forfeited or declined. Written like the
 * committee's amendments (a new version naming the previous hash, its reason, an audit
 * row), but inside the caller's transaction and without moving registrations: the caller
 * has already moved them through their own transitions (forfeit, promote_reserve), which
 * are not the amend_* ones. The caller holds the plenary row lock (`for update`), taken
 * before any registration row, as amendPlenary does.
 */
export async function recordPlenaryAmendment(
  tx: Tx,
  ctx: UseCaseContext,
  input: { batchId: string; institutionId: string; changes: Map<string, PlenaryOutcome>; reason: string },
): Promise<SnapshotRow | null> {
  const [p] = await tx.select().from(plenary).where(eq(plenary.batchId, input.batchId)).for('update')
  if (!p || p.status !== 'finalised') throw new ConflictError('Pleno gelombang ini belum difinalkan.')
  const previous = (await latestSnapshot(tx, p.id))!
  const payload = parsePayload(previous.payload)
  const next = buildAmendmentPayload(payload, previous.hash, {
    reason: input.reason,
    changes: input.changes,
    decidedAt: ctx.now,
    decidedBy: actorName(ctx),
  })
  if (next.amendment!.changes.length === 0) return null
  const { text, hash } = serialisePayload(next)
  const [snapshot] = await tx
    .insert(plenarySnapshot)
    .values({
      plenaryId: p.id,
      batchId: input.batchId,
      version: next.version,
      kind: 'amendment',
      reason: input.reason,
      payload: text,
      hash,
      passedCount: next.counts.passed,
      reserveCount: next.counts.reserve,
      notPassedCount: next.counts.notPassed,
      createdAt: ctx.now,
      createdBy: actorId(ctx.actor),
    })
    .returning()
  await recordAudit(tx, ctx.actor, ctx.now, {
    action: 'plenary.amend',
    entityType: 'plenary',
    entityId: p.id,
    institutionId: input.institutionId,
    before: { version: previous.version, hash: previous.hash },
    after: {
      version: next.version,
      hash,
      reason: input.reason,
      changes: next.amendment!.changes.map((c) => `${c.number}: ${OUTCOME_LABELS[c.from].id} → ${OUTCOME_LABELS[c.to].id}`),
    },
  })
  return snapshot!
}
