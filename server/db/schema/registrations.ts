import { sql } from 'drizzle-orm'
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { userAccount } from './accounts'
import { institution } from './institutions'
import { batch } from './programmes'

/** A candidate's registration for a batch; `state` follows domain/registrationStates. */
export const registration = pgTable(
  'registration',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => userAccount.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batch.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    state: text('state').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Who created it: the candidate, or the kiosk officer on their behalf. */
    createdBy: uuid('created_by').notNull(),
  },
  (t) => [
    // At most one active registration per candidate: a double submit or two tabs
    // collide here instead of creating a second one.
    uniqueIndex('registration_one_active_per_candidate')
      .on(t.candidateId)
      .where(
        sql`${t.state} not in ('incomplete','written_test_failed','not_passed','forfeited','handed_over','withdrawn')`,
      ),
    index('registration_batch_idx').on(t.batchId, t.state),
  ],
)

/** The candidate's "Aktivitas" timeline: one row per thing that happened. */
export const registrationEvent = pgTable(
  'registration_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registration.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** 'registered', a RegistrationAction, or another event kind. */
    kind: text('kind').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    actorId: uuid('actor_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    index('registration_event_reg_idx').on(t.registrationId, t.at),
    // A candidate is told their result once (SOP step 9): a retried or concurrent
    // announcement collides here instead of mailing twice.
    uniqueIndex('registration_event_announced_once')
      .on(t.registrationId)
      .where(sql`${t.kind} = 'results_announced'`),
  ],
)
