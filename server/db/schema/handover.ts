import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core'
import { userAccount } from './accounts'
import { institution } from './institutions'
import { batch } from './programmes'
import { registration } from './registrations'
import { plenarySnapshot } from './selection'

// SOP steps 9–11: the announcement, re-registration with reserve promotion, and the
// handover to the organiser (with the 2024 SOP's document check and handover minutes).

/**
 * The announcement of a batch's results (SOP step 9): which plenary snapshot was
 * announced, scheduled or done at once. `batch.results_announced_at` is set in the same
 * transaction as `announcedAt`; each candidate's announcement is a `results_announced`
 * registration event (unique per registration), written with its mail.
 */
export const resultsAnnouncement = pgTable('results_announcement', {
  batchId: uuid('batch_id')
    .primaryKey()
    .references(() => batch.id),
  institutionId: uuid('institution_id')
    .notNull()
    .references(() => institution.id),
  snapshotId: integer('snapshot_id').references(() => plenarySnapshot.id),
  /** When a scheduled announcement will run (null: announced at once). */
  scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
  scheduledBy: uuid('scheduled_by'),
  announcedAt: timestamp('announced_at', { withTimezone: true }),
  announcedBy: uuid('announced_by'),
})

/**
 * Re-registration (daftar ulang, SOP step 10) of one registration that passed (or a
 * reserve promoted into a place): its own deadline, the candidate's online confirmation
 * or decline, and completion once every document is checked valid at the desk.
 */
export const reRegistration = pgTable(
  're_registration',
  {
    registrationId: uuid('registration_id')
      .primaryKey()
      .references(() => registration.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batch.id),
    /** The batch's deadline, or a promoted reserve's own (batch_selection.reserve_re_registration_days). */
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    /** How the place was obtained: 'plenary' or 'promotion'. */
    origin: text('origin').notNull().$type<'plenary' | 'promotion'>(),
    /** The candidate's statement of commitment, confirmed online. */
    commitmentAcceptedAt: timestamp('commitment_accepted_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    /** Every document valid: the registration moved to re_registered. */
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('re_registration_batch_idx').on(t.batchId)],
)

/** The documents a selected candidate brings (2024 SOP): KTP, last diploma, registration receipt/form. */
export const RE_REGISTRATION_DOCUMENTS = ['ktp', 'diploma', 'receipt'] as const
export type ReRegistrationDocument = (typeof RE_REGISTRATION_DOCUMENTS)[number]

/** An officer's check of one document at the desk; an invalid one can be re-uploaded into its slot. */
export const reRegistrationDocumentCheck = pgTable(
  're_registration_document_check',
  {
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registration.id),
    document: text('document').notNull().$type<ReRegistrationDocument>(),
    status: text('status').notNull().$type<'pending' | 'valid' | 'invalid'>().default('pending'),
    reason: text('reason'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    checkedBy: uuid('checked_by'),
    /** A re-upload after an invalid check (storage key of the new file), if any. */
    reuploadKey: text('reupload_key'),
    reuploadedAt: timestamp('reuploaded_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.document] })],
)

/**
 * The handover of a batch's re-registered participants to the organiser (SOP step 11):
 * the minutes (Berita Acara Serah Terima), acknowledged by the organiser in the app.
 */
export const handover = pgTable(
  'handover',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batch.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    /** Minutes number, e.g. 'BAST/KDI/2026/LAS-1'. */
    number: text('number').notNull(),
    handingSection: text('handing_section').notNull().default('Pemberdayaan'),
    receivingSection: text('receiving_section').notNull().default('Penyelenggaraan'),
    /** A specific organiser it is addressed to; null: any organiser of the institution. */
    receiverId: uuid('receiver_id').references(() => userAccount.id),
    /** The registrations handed over, as listed in the minutes. */
    registrationIds: jsonb('registration_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgementNote: text('acknowledgement_note'),
  },
  (t) => [uniqueIndex('handover_one_per_batch').on(t.batchId)],
)

/**
 * Shared counters for throttling (rate-limiter-flexible's RateLimiterDrizzle schema:
 * key, points, expire), so several app processes share one limit. Created by our
 * migration, not at run time.
 */
export const rateLimit = pgTable('rate_limit', {
  key: text('key').primaryKey(),
  points: integer('points').notNull(),
  expire: timestamp('expire', { withTimezone: true }),
})
