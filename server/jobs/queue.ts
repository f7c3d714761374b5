import { and, asc, eq, inArray, lte, or, isNull, lt, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { Db, DbOrTx } from '../db/client'
import { job } from '../db/schema'
import { isUniqueViolation } from '../errors'
import type { Mailer } from '../mail/transport'

/** What a job handler may use. */
export interface JobDeps {
  db: Db
  mailer: Mailer
  now: () => Date
}

export interface JobDefinition<S extends z.ZodType> {
  name: string
  payload: S
  maxAttempts?: number
  handle(deps: JobDeps, payload: z.infer<S>, run: JobRun): Promise<void>
}

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition
}

/**
 * Enqueue a job. Pass the transaction that makes the change causing it, so the job
 * commits or rolls back with it. With a singletonKey, a second pending job with the
 * same key is not added (returns false).
 */
export async function enqueue<S extends z.ZodType>(
  tx: DbOrTx,
  definition: JobDefinition<S>,
  payload: z.input<S>,
  options: { runAt: Date; singletonKey?: string; queue?: string },
): Promise<boolean> {
  const parsed = definition.payload.parse(payload)
  const values = {
    name: definition.name,
    queue: options.queue ?? DEFAULT_QUEUE,
    payload: parsed as object,
    runAt: options.runAt,
    maxAttempts: definition.maxAttempts ?? 5,
    singletonKey: options.singletonKey ?? null,
  }
  if (!options.singletonKey) {
    await tx.insert(job).values(values)
    return true
  }
  const rows = await tx.insert(job).values(values).onConflictDoNothing().returning({ id: job.id })
  return rows.length > 0
}

/**
 * A job's lease: short, so a job whose worker died (kill -9, a crash, a lost machine)
 * runs again within about LEASE_MS; renewed every RENEW_MS while its worker runs it.
 */
export const LEASE_MS = 30_000
export const RENEW_MS = 10_000
/** Finished jobs keep their payload (which may hold a reset link) only this long. */
export const DONE_PAYLOAD_RETENTION_MS = 60 * 60_000
/** Failed jobs keep theirs longer, so an administrator can retry them (/admin/antrean). */
export const FAILED_PAYLOAD_RETENTION_MS = 7 * 24 * 60 * 60_000

/** The queue a job runs in unless enqueued in another (a worker may serve only some queues). */
export const DEFAULT_QUEUE = 'default'

/** A failure that no retry can fix (a refused recipient, a payload that does not parse). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError'
}

/** The key in a job's payload where its handler's checkpoint is kept (see JobRun). */
const CHECKPOINT_KEY = '_checkpoint'

/** The run of one claimed job, as its handler sees it. */
export interface JobRun {
  jobId: number
  attempt: number
  /**
   * What an earlier run of this job recorded with setCheckpoint (e.g. that the mail was
   * accepted by the SMTP server), or null. Lets a handler with an outside effect skip it
   * when a crash came between the effect and "done".
   */
  checkpoint(): Promise<string | null>
  /** Record progress at once, whatever happens to the lease: the effect did happen. */
  setCheckpoint(value: string): Promise<void>
}

/**
 * Claim and run due jobs once. Returns how many ran. A crashed worker's lease expires
 * after LEASE_MS, so its jobs run again; handlers must be idempotent (a handler with an
 * outside effect records it with run.setCheckpoint).
 */
export async function runDueJobs(
  deps: JobDeps,
  registry: ReadonlyMap<string, JobDefinition<z.ZodType>>,
  limit = 10,
  options: { renewMs?: number; queue?: string } = {},
): Promise<number> {
  const now = deps.now()
  // Without a queue, every due job (tests, the command-line tool); a worker names its own.
  const inQueue = options.queue === undefined ? undefined : eq(job.queue, options.queue)
  const claimed = await deps.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: job.id })
      .from(job)
      .where(
        and(
          inQueue,
          or(
            and(eq(job.status, 'pending'), lte(job.runAt, now)),
            and(eq(job.status, 'running'), or(isNull(job.lockedUntil), lt(job.lockedUntil, now))),
          ),
        ),
      )
      .orderBy(asc(job.runAt), asc(job.id))
      .limit(limit)
      .for('update', { skipLocked: true })
    if (due.length === 0) return []
    return tx
      .update(job)
      .set({
        status: 'running',
        attempts: sql`${job.attempts} + 1`,
        lockedUntil: new Date(now.getTime() + LEASE_MS),
      })
      .where(inArray(
        job.id,
        due.map((d) => d.id),
      ))
      .returning()
  })
  if (claimed.length === 0) return 0

  // The claim's attempt number is the fencing token: a row still 'running' with the same
  // attempts is still ours; after our lease expired and another worker claimed it, it is not.
  const held = (row: { id: number; attempts: number }) =>
    and(eq(job.id, row.id), eq(job.status, 'running'), eq(job.attempts, row.attempts))

  // Renew the lease of every claimed job not yet finished, while this batch runs.
  const waiting = new Set(claimed)
  const renew = setInterval(() => {
    const until = new Date(deps.now().getTime() + LEASE_MS)
    for (const row of waiting) {
      void deps.db
        .update(job)
        .set({ lockedUntil: until })
        .where(held(row))
        .catch((error: unknown) => console.error('[jobs] lease renewal failed', error))
    }
  }, options.renewMs ?? RENEW_MS)

  try {
    for (const row of claimed) {
      const definition = registry.get(row.name)
      const run: JobRun = {
        jobId: row.id,
        attempt: row.attempts,
        async checkpoint() {
          const [current] = await deps.db
            .select({ value: sql<string | null>`${job.payload} ->> ${CHECKPOINT_KEY}` })
            .from(job)
            .where(eq(job.id, row.id))
          return current?.value ?? null
        },
        async setCheckpoint(value) {
          await deps.db
            .update(job)
            .set({ payload: sql`${job.payload} || jsonb_build_object(${CHECKPOINT_KEY}::text, ${value}::text)` })
            .where(eq(job.id, row.id))
        },
      }
      try {
        if (!definition) throw new PermanentJobError(`No handler for job '${row.name}'`)
        const payload = definition.payload.safeParse(row.payload)
        if (!payload.success) throw new PermanentJobError(`Payload of job '${row.name}' does not parse: ${payload.error.message}`)
        await definition.handle(deps, payload.data, run)
        // Done only while the lease is still ours; otherwise the worker that took the job
        // over decides its outcome.
        await deps.db
          .update(job)
          .set({ status: 'done', finishedAt: deps.now(), lockedUntil: null, lastError: null })
          .where(held(row))
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        const exhausted = row.attempts >= row.maxAttempts || error instanceof PermanentJobError
        // Exponential back-off: 30 s, 1 min, 2 min, 4 min …
        const retryAt = new Date(deps.now().getTime() + 30_000 * 2 ** (row.attempts - 1))
        await deps.db
          .update(job)
          .set({
            status: exhausted ? 'failed' : 'pending',
            runAt: exhausted ? row.runAt : retryAt,
            lockedUntil: null,
            lastError: message.slice(0, 2000),
            finishedAt: exhausted ? deps.now() : null,
          })
          .where(held(row))
      } finally {
        waiting.delete(row)
      }
    }
  } finally {
    clearInterval(renew)
  }
  return claimed.length
}

/**
 * Clear the payloads of finished jobs after their retention (a password-reset mail's
 * payload is a working reset link). The row stays, with an empty payload, for the record.
 */
export async function clearFinishedPayloads(db: DbOrTx, now: Date): Promise<number> {
  const doneBefore = new Date(now.getTime() - DONE_PAYLOAD_RETENTION_MS)
  const failedBefore = new Date(now.getTime() - FAILED_PAYLOAD_RETENTION_MS)
  const cleared = await db
    .update(job)
    .set({ payload: sql`'{}'::jsonb` })
    .where(
      and(
        or(
          and(eq(job.status, 'done'), lt(job.finishedAt, doneBefore)),
          and(eq(job.status, 'failed'), lt(job.finishedAt, failedBefore)),
        ),
        sql`${job.payload} <> '{}'::jsonb`,
      ),
    )
    .returning({ id: job.id })
  return cleared.length
}

/** Whether a job's payload was cleared after its retention. */
export function payloadCleared(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && Object.keys(payload).length === 0
}

const CLEAR_EVERY_MS = 60_000

/**
 * Poll for due jobs until stopped; clears expired payloads about once a minute (unless
 * clearPayloads is false: one worker of a process is enough). With a queue, runs only
 * that queue's jobs, `limit` at a claim.
 */
export function startWorker(
  deps: JobDeps,
  registry: ReadonlyMap<string, JobDefinition<z.ZodType>>,
  intervalMs = 1000,
  options: { queue?: string; limit?: number; clearPayloads?: boolean } = {},
): { stop(): Promise<void> } {
  let stopped = false
  let current: Promise<unknown> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  let lastClear = 0
  const tick = () => {
    if (stopped) return
    current = (async () => {
      const now = deps.now()
      if (options.clearPayloads !== false && now.getTime() - lastClear >= CLEAR_EVERY_MS) {
        lastClear = now.getTime()
        await clearFinishedPayloads(deps.db, now)
      }
      return runDueJobs(deps, registry, options.limit, { queue: options.queue })
    })()
      .catch((error: unknown) => {
        if (!stopped) console.error('[jobs] worker error', error)
        return 0
      })
      .then((ran) => {
        if (!stopped) timer = setTimeout(tick, ran ? 0 : intervalMs)
      })
  }
  timer = setTimeout(tick, intervalMs)
  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await current
    },
  }
}

export { isUniqueViolation }
