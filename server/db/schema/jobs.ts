import { sql } from 'drizzle-orm'
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

/**
 * The job queue, in the same database so a job commits or rolls back with the change
 * that causes it. See docs/decisions/003-job-queue.md.
 */
export const job = pgTable(
  'job',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    /**
     * Which worker runs it: 'default', or 'mail_bulk' (announcement mail, paced by its own
     * worker so transactional mail is never queued behind it).
     */
    queue: text('queue').notNull().default('default'),
    payload: jsonb('payload').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    /** pending → running → done | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** At most one pending/running job per key (e.g. 'submit-attempt:<id>'). */
    singletonKey: text('singleton_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('job_due_idx').on(t.status, t.runAt),
    index('job_queue_due_idx').on(t.queue, t.status, t.runAt),
    uniqueIndex('job_singleton_key')
      .on(t.singletonKey)
      .where(sql`${t.status} in ('pending','running')`),
  ],
)

/** Mail kept locally when no SMTP server is configured (development), viewable at /dev/mail. */
export const localMail = pgTable('local_mail', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
