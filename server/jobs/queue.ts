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
  handle(deps: JobDeps, payload: z.infer<S>): Promise<void>
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
  payload: z.infer<S>,
  options: { runAt: Date; singletonKey?: string },
): Promise<boolean> {
  const parsed = definition.payload.parse(payload)
  const values = {
    name: definition.name,
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

const LEASE_MS = 5 * 60_000

/**
 * Claim and run due jobs once. Returns how many ran. A crashed worker's lease expires,
 * so its jobs run again; handlers must be idempotent.
 */
export async function runDueJobs(
  deps: JobDeps,
  registry: ReadonlyMap<string, JobDefinition<z.ZodType>>,
  limit = 10,
): Promise<number> {
  const now = deps.now()
  const claimed = await deps.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: job.id })
      .from(job)
      .where(
        or(
          and(eq(job.status, 'pending'), lte(job.runAt, now)),
          and(eq(job.status, 'running'), or(isNull(job.lockedUntil), lt(job.lockedUntil, now))),
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

  for (const row of claimed) {
    const definition = registry.get(row.name)
    try {
      if (!definition) throw new Error(`No handler for job '${row.name}'`)
      await definition.handle(deps, definition.payload.parse(row.payload))
      await deps.db
        .update(job)
        .set({ status: 'done', finishedAt: deps.now(), lockedUntil: null, lastError: null })
        .where(eq(job.id, row.id))
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const exhausted = row.attempts >= row.maxAttempts
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
        .where(eq(job.id, row.id))
    }
  }
  return claimed.length
}

/** Poll for due jobs until stopped. */
export function startWorker(
  deps: JobDeps,
  registry: ReadonlyMap<string, JobDefinition<z.ZodType>>,
  intervalMs = 1000,
): { stop(): Promise<void> } {
  let stopped = false
  let current: Promise<unknown> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  const tick = () => {
    if (stopped) return
    current = runDueJobs(deps, registry)
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
