import { sql } from 'drizzle-orm'
import { date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { userAccount } from './accounts'

/**
 * A candidate's consent to the privacy notice (UU PDP 27/2022, decision 023): given at
 * sign-up by ticking the box, or at the kiosk where the officer confirms the candidate was
 * shown the notice. Kept with the notice's version so a new notice can ask again.
 */
export const privacyConsent = pgTable(
  'privacy_consent',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id, { onDelete: 'cascade' }),
    noticeVersion: text('notice_version').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    /** 'self' (ticked at sign-up) or 'kiosk' (the officer confirmed the notice was shown). */
    channel: text('channel').notNull(),
    /** The kiosk officer who confirmed it, for 'kiosk'. */
    recordedBy: uuid('recorded_by'),
  },
  (t) => [index('privacy_consent_user_idx').on(t.userId, t.consentedAt)],
)

/**
 * A candidate's request to close their account; an administrator completes it within the
 * retention rules (decision 023). At most one open request per account.
 */
export const accountClosureRequest = pgTable(
  'account_closure_request',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id),
    reason: text('reason').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** The candidate, or the kiosk officer assisting them. */
    requestedBy: uuid('requested_by').notNull(),
    /** 'requested' | 'completed'. */
    status: text('status').notNull().default('requested'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: uuid('completed_by'),
    /** What was kept (registration numbers that reached the plenary) and until when. */
    kept: jsonb('kept').$type<{ registrations: string[]; withdrawn: string[] }>(),
    keptUntil: date('kept_until', { mode: 'string' }),
  },
  (t) => [
    uniqueIndex('account_closure_one_open').on(t.userId).where(sql`${t.status} = 'requested'`),
    index('account_closure_status_idx').on(t.status, t.requestedAt),
  ],
)
