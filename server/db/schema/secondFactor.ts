import { bigint, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { userAccount } from './accounts'

// The second factor for administrators and the selection committee (docs/decisions/020):
// a TOTP secret per account, one-time recovery codes, and the pending sign-in challenge
// that stands between a correct password and a session.

/** An account's TOTP secret. `enabledAt` is null while enrolment awaits its first code. */
export const secondFactor = pgTable('second_factor', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => userAccount.id, { onDelete: 'cascade' }),
  /** The base32 secret, AES-GCM encrypted (server/auth/crypto.ts, purpose 'totp-secret'). */
  secretEncrypted: text('secret_encrypted').notNull(),
  enabledAt: timestamp('enabled_at', { withTimezone: true }),
  /** The last TOTP time step accepted: a code of that step or an earlier one is a replay. */
  lastTimeStep: bigint('last_time_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
})

/** Ten per enrolment, shown once; only their SHA-256 is kept. A used code stays, marked. */
export const secondFactorRecoveryCode = pgTable(
  'second_factor_recovery_code',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('second_factor_recovery_code_user_idx').on(t.userId)],
)

export const secondFactorChallengePurpose = pgEnum('second_factor_challenge_purpose', ['verify', 'enrol'])

/**
 * After a correct password: 'verify' asks for a code, 'enrol' sends someone whose
 * institution requires the second factor to set it up first. The cookie holds a random
 * token; the row holds its SHA-256, the wrong codes tried, and when it was completed.
 */
export const secondFactorChallenge = pgTable(
  'second_factor_challenge',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id, { onDelete: 'cascade' }),
    purpose: secondFactorChallengePurpose('purpose').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    failures: integer('failures').notNull().default(0),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('second_factor_challenge_user_idx').on(t.userId, t.createdAt), index('second_factor_challenge_expires_idx').on(t.expiresAt)],
)
