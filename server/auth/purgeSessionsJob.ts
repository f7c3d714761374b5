import { and, eq, inArray, lt } from 'drizzle-orm'
import { z } from 'zod'
import type { DbOrTx } from '../db/client'
import { job } from '../db/schema'
import { defineJob, enqueue } from '../jobs/queue'
import { purgeSessions } from './sessions'

/** How often the purge runs (docs/decisions/019). */
export const PURGE_EVERY_MS = 5 * 60_000
const NAME = 'auth.purge-sessions'

/**
 * The recurring purge of sign-in sessions: each run deletes expired and idle sessions,
 * ends orphaned assisted sessions (audited), then schedules the next run. Started at boot
 * by scheduleSessionPurge; at most one run is pending at a time.
 */
export const purgeSessionsJob = defineJob({
  name: NAME,
  payload: z.object({}),
  maxAttempts: 3,
  async handle({ db, now }) {
    const at = now()
    const result = await purgeSessions(db, at)
    if (result.expired + result.idle + result.orphanedAssisted > 0) {
      console.log(`[sessions] purged ${result.expired} expired and ${result.idle} idle sessions; ended ${result.orphanedAssisted} orphaned assisted sessions`)
    }
    // Its own finished runs are kept a day, not for ever (288 a day).
    await db.delete(job).where(and(eq(job.name, NAME), eq(job.status, 'done'), lt(job.finishedAt, new Date(at.getTime() - 86_400_000))))
    await scheduleSessionPurge(db, new Date(at.getTime() + PURGE_EVERY_MS), { excludingRunning: true })
  },
})

/**
 * Schedule the next purge at `runAt` unless one is already waiting. Keyed by its 5-minute
 * slot, so two processes starting together schedule one. The running purge calls it with
 * excludingRunning (itself is the running one).
 */
export async function scheduleSessionPurge(db: DbOrTx, runAt: Date, options: { excludingRunning?: boolean } = {}): Promise<boolean> {
  const statuses = options.excludingRunning ? ['pending'] : ['pending', 'running']
  const [waiting] = await db
    .select({ id: job.id })
    .from(job)
    .where(and(eq(job.name, NAME), inArray(job.status, statuses)))
    .limit(1)
  if (waiting) return false
  const slot = new Date(Math.floor(runAt.getTime() / PURGE_EVERY_MS) * PURGE_EVERY_MS).toISOString()
  return enqueue(db, purgeSessionsJob, {}, { runAt, singletonKey: `${NAME}:${slot}` })
}
