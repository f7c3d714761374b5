import { sql } from 'drizzle-orm'
import {
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { institution } from './institutions'

export const accountKind = pgEnum('account_kind', ['candidate', 'staff'])
export const staffRole = pgEnum('staff_role', [
  'administrator',
  'kiosk_officer',
  'selection_committee',
  'interviewer',
  'organiser',
])

/** One account per person across all institutions (like the national SIAPKerja account). */
export const userAccount = pgTable(
  'user_account',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    kind: accountKind('kind').notNull(),
    displayName: text('display_name').notNull(),
    /** Null until the person sets a password (kiosk-created accounts). */
    passwordHash: text('password_hash'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    locale: text('locale').notNull().default('id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The kiosk officer who created this account on the candidate's behalf, if any. */
    createdBy: uuid('created_by'),
    /**
     * Set when the account may no longer sign in or act (e.g. its NIK was reassigned at the
     * kiosk to the person holding the KTP: docs/decisions/022). Sessions are refused.
     */
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedReason: text('locked_reason'),
  },
  (t) => [uniqueIndex('user_account_email_key').on(sql`lower(${t.email})`)],
)

export const staffAssignment = pgTable(
  'staff_assignment',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id, { onDelete: 'cascade' }),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    role: staffRole('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.institutionId, t.role] })],
)

export const authSession = pgTable(
  'auth_session',
  {
    /** SHA-256 of the cookie token: a database leak gives no usable session. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    /**
     * The last request seen, written at most once a minute; a staff session idle longer
     * than its institution allows ends (docs/decisions/019).
     */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Names the session on /akun/sesi (the id is the token's hash: never shown). */
    publicId: uuid('public_id').notNull().defaultRandom().unique(),
    /** The sign-in address truncated to its network (IPv4 /24, IPv6 /48), or null. */
    network: text('network'),
  },
  (t) => [index('auth_session_user_idx').on(t.userId), index('auth_session_expires_idx').on(t.expiresAt)],
)

export const tokenPurpose = pgEnum('token_purpose', ['verify_email', 'reset_password', 'set_password'])

export const accountToken = pgTable(
  'account_token',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id, { onDelete: 'cascade' }),
    purpose: tokenPurpose('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
)

// Sign-in failures are counted in rate_limit (handover.ts) since decision 018; the
// sign_in_throttle table of decision 006 was dropped by migration.

/** A kiosk officer helping one walk-in candidate; every write in it records both. */
export const assistedSession = pgTable(
  'assisted_session',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => userAccount.id),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => userAccount.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /**
     * The officer's sign-in session it was opened in (auth_session.id, no foreign key: the
     * session row is deleted when it ends); it ends with that session (docs/decisions/019).
     */
    authSessionId: text('auth_session_id'),
  },
  (t) => [
    // An officer helps one candidate at a time.
    uniqueIndex('assisted_session_one_open_per_officer')
      .on(t.officerId)
      .where(sql`${t.endedAt} is null`),
  ],
)
