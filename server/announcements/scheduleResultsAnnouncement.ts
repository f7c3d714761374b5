import { and, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { actorId, SYSTEM } from '../auth/actor'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { batch, job, resultsAnnouncement } from '../db/schema'
import { ConflictError, NotFoundError, UseCaseError } from '../errors'
import { defineJob, enqueue, PermanentJobError } from '../jobs/queue'
import { loadBatch } from '../registrations/registrationChecks'
import { loadSelectionBatch } from '../selection/selectionBatch'
import { parseInput } from '../validation'
import { announceLocked } from './announce'
import { latestFinalSnapshot } from './resultsList'
import { publicContentChanged } from '../publicContent'

// "Announce at the batch's announcement time": a job due at `batch.announcement_at`
// runs the same announcement as "publish now". The job carries the time it was
// scheduled for; a cancelled or re-timed schedule makes an older job do nothing.

const Input = z.object({ batchId: z.string({ error: 'Gelombang tidak ditemukan.' }) })
const singletonKey = (batchId: string) => `results-announce:${batchId}`

export const scheduledAnnouncementJob = defineJob({
  name: 'results.announceScheduled',
  payload: z.object({ batchId: z.uuid(), scheduledFor: z.iso.datetime() }),
  maxAttempts: 10,
  async handle({ db, now }, { batchId, scheduledFor }) {
    const found = await loadBatch(db, batchId)
    if (!found) throw new PermanentJobError(`Batch ${batchId} not found`)
    const ctx = { db, actor: SYSTEM, now: now() }
    try {
      await db.transaction(async (tx) => {
        await tx.select({ id: batch.id }).from(batch).where(eq(batch.id, batchId)).for('update')
        const [row] = await tx.select().from(resultsAnnouncement).where(eq(resultsAnnouncement.batchId, batchId))
        if (!row?.scheduledFor || row.scheduledFor.toISOString() !== new Date(scheduledFor).toISOString()) return
        await announceLocked(tx, ctx, batchId, found.institution.timeZone)
      })
      publicContentChanged()
    } catch (error) {
      // No finalised plenary at the time: retrying will not make one.
      if (error instanceof UseCaseError) throw new PermanentJobError(error.message)
      throw error
    }
  },
})

export async function scheduleResultsAnnouncement(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ scheduledFor: Date; created: boolean }> {
  const { batchId } = parseInput(Input, input, { field: 'batchId' })
  const found = await loadSelectionBatch(ctx.db, batchId)
  authorize(ctx.actor, 'results.announce', { institutionId: found.batch.institutionId })
  const timeZone = found.institution.timeZone
  return ctx.db.transaction(async (tx) => {
    const [b] = await tx.select().from(batch).where(eq(batch.id, found.batch.id)).for('update')
    if (!b) throw new NotFoundError('Gelombang tidak ditemukan.')
    if (b.resultsAnnouncedAt) {
      throw new ConflictError(`Hasil gelombang ini sudah diumumkan pada ${formatZonedDateTime(b.resultsAnnouncedAt, timeZone)}.`)
    }
    if (!(await latestFinalSnapshot(tx, b.id))) {
      throw new ConflictError('Pleno hasil seleksi gelombang ini belum difinalkan; pengumuman belum dapat dijadwalkan.')
    }
    if (b.announcementAt.getTime() <= ctx.now.getTime()) {
      throw new ConflictError(
        `Waktu pengumuman gelombang ini (${formatZonedDateTime(b.announcementAt, timeZone)}) sudah lewat. Umumkan sekarang, atau minta administrator mengubah jadwalnya.`,
      )
    }
    const [existing] = await tx.select().from(resultsAnnouncement).where(eq(resultsAnnouncement.batchId, b.id))
    if (existing?.scheduledFor && existing.scheduledFor.getTime() === b.announcementAt.getTime()) {
      return { scheduledFor: existing.scheduledFor, created: false }
    }
    const row = { scheduledFor: b.announcementAt, scheduledBy: actorId(ctx.actor) }
    await tx
      .insert(resultsAnnouncement)
      .values({ batchId: b.id, institutionId: b.institutionId, ...row })
      .onConflictDoUpdate({ target: resultsAnnouncement.batchId, set: row })
    // A job for an earlier time (the batch's date changed since) gives way to this one.
    await tx.delete(job).where(and(eq(job.singletonKey, singletonKey(b.id)), inArray(job.status, ['pending'])))
    await enqueue(
      tx,
      scheduledAnnouncementJob,
      { batchId: b.id, scheduledFor: b.announcementAt.toISOString() },
      { runAt: b.announcementAt, singletonKey: singletonKey(b.id) },
    )
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'results.schedule',
      entityType: 'batch',
      entityId: b.id,
      institutionId: b.institutionId,
      after: { scheduledFor: b.announcementAt.toISOString() },
    })
    return { scheduledFor: b.announcementAt, created: true }
  })
}

export async function cancelScheduledAnnouncement(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<{ cancelled: boolean }> {
  const { batchId } = parseInput(Input, input, { field: 'batchId' })
  const found = await loadSelectionBatch(ctx.db, batchId)
  authorize(ctx.actor, 'results.announce', { institutionId: found.batch.institutionId })
  return ctx.db.transaction(async (tx) => {
    const [b] = await tx.select().from(batch).where(eq(batch.id, found.batch.id)).for('update')
    if (!b) throw new NotFoundError('Gelombang tidak ditemukan.')
    if (b.resultsAnnouncedAt) throw new ConflictError('Hasil gelombang ini sudah diumumkan; jadwal tidak dapat dibatalkan lagi.')
    const [existing] = await tx.select().from(resultsAnnouncement).where(eq(resultsAnnouncement.batchId, b.id))
    if (!existing?.scheduledFor) return { cancelled: false }
    await tx.update(resultsAnnouncement).set({ scheduledFor: null, scheduledBy: null }).where(eq(resultsAnnouncement.batchId, b.id))
    await tx.delete(job).where(and(eq(job.singletonKey, singletonKey(b.id)), eq(job.status, 'pending')))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'results.unschedule',
      entityType: 'batch',
      entityId: b.id,
      institutionId: b.institutionId,
      before: { scheduledFor: existing.scheduledFor.toISOString() },
    })
    return { cancelled: true }
  })
}
