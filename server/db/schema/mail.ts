import { sql } from 'drizzle-orm'
import { bigint, bigserial, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { institution } from './institutions'
import { job } from './jobs'
import { batch } from './programmes'
import { registration } from './registrations'

/**
 * One row per mail the app sends: what went to whom, about which registration, and what
 * the relay answered. The staff delivery view (/staf/gelombang/<id>/surat) reads it; the
 * mail job keeps it up to date. See docs/decisions/017-mail-delivery.md.
 */
export const mailDelivery = pgTable(
  'mail_delivery',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** 'transactional' (verification, reset, receipts, calls) or 'announcement' (bulk, paced). */
    category: text('category').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    institutionId: uuid('institution_id').references(() => institution.id),
    registrationId: uuid('registration_id').references(() => registration.id, { onDelete: 'set null' }),
    batchId: uuid('batch_id').references(() => batch.id, { onDelete: 'set null' }),
    /** The job that sends it (its payload holds the message until the retention clears it). */
    jobId: bigint('job_id', { mode: 'number' }).references(() => job.id, { onDelete: 'set null' }),
    /** queued → sent | retrying → … → sent | failed (permanently: 5xx, or retries exhausted). */
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** The relay's last answer, e.g. "250 2.0.0 Ok: queued" or "550 5.1.1 User unknown". */
    relayResponse: text('relay_response'),
    /** The failed mail this one resends (after the address was corrected): at most one resend each. */
    resendOf: bigint('resend_of', { mode: 'number' }),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('mail_delivery_batch_idx').on(t.batchId, t.registrationId),
    index('mail_delivery_registration_idx').on(t.registrationId),
    uniqueIndex('mail_delivery_resend_once').on(t.resendOf).where(sql`${t.resendOf} is not null`),
  ],
)
