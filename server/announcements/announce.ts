import { eq } from 'drizzle-orm'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { actorId } from '../auth/actor'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import { batch, resultsAnnouncement } from '../db/schema'
import { ConflictError, NotFoundError } from '../errors'
import { enqueue } from '../jobs/queue'
import { openBatchReRegistrations } from '../reRegistration/openReRegistration'
import { notifyResultsJob } from './notifyCandidates'
import { latestFinalSnapshot } from './resultsList'

export interface AnnounceOutcome {
  announcedAt: Date
  /** False when the batch was already announced (a retry, a second click, the scheduled job after "now"). */
  created: boolean
  snapshotVersion: number | null
}

/**
 * The announcement itself, shared by "publish now" and the scheduled job: with the batch
 * row locked, set `batch.results_announced_at` and `results_announcement.announced_at`
 * together (the candidate view lifts the embargo on that one fact), and enqueue the job
 * that tells every candidate. A batch already announced is left as it is, so a repeated
 * or concurrent publish changes nothing and mails nobody.
 */
export async function announceLocked(tx: Tx, ctx: UseCaseContext, batchId: string, timeZone: string): Promise<AnnounceOutcome> {
  const [b] = await tx.select().from(batch).where(eq(batch.id, batchId)).for('update')
  if (!b) throw new NotFoundError('Gelombang tidak ditemukan.')
  if (b.resultsAnnouncedAt) return { announcedAt: b.resultsAnnouncedAt, created: false, snapshotVersion: null }
  const snapshot = await latestFinalSnapshot(tx, batchId)
  if (!snapshot) {
    throw new ConflictError(
      `Pleno hasil seleksi gelombang ini belum difinalkan (rencana pleno ${formatZonedDateTime(b.plenaryAt, timeZone)}); hasil belum dapat diumumkan.`,
    )
  }
  await tx.update(batch).set({ resultsAnnouncedAt: ctx.now }).where(eq(batch.id, batchId))
  const row = { snapshotId: snapshot.id, announcedAt: ctx.now, announcedBy: actorId(ctx.actor) }
  await tx
    .insert(resultsAnnouncement)
    .values({ batchId, institutionId: b.institutionId, ...row })
    .onConflictDoUpdate({ target: resultsAnnouncement.batchId, set: row })
  await enqueue(tx, notifyResultsJob, { batchId }, { runAt: ctx.now, singletonKey: `results-notify:${batchId}` })
  // Re-registration (SOP step 10) opens with the announcement: a row, checks and a deadline job per place.
  await openBatchReRegistrations(tx, ctx, batchId)
  await recordAudit(tx, ctx.actor, ctx.now, {
    action: 'results.announce',
    entityType: 'batch',
    entityId: batchId,
    institutionId: b.institutionId,
    after: {
      snapshotVersion: snapshot.version,
      snapshotHash: snapshot.hash,
      passed: snapshot.passedCount,
      reserve: snapshot.reserveCount,
      notPassed: snapshot.notPassedCount,
    },
  })
  return { announcedAt: ctx.now, created: true, snapshotVersion: snapshot.version }
}
