import { sql } from 'drizzle-orm'
import {
  date,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { institution } from './institutions'

export const trainingMode = pgEnum('training_mode', ['offline', 'online', 'blended'])

/** A training programme (program pelatihan) in a vocational field (kejuruan). */
export const programme = pgTable(
  'programme',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    vocationalField: text('vocational_field').notNull(),
    description: text('description').notNull().default(''),
    durationHours: integer('duration_hours').notNull(),
    location: text('location').notNull(),
    mode: trainingMode('mode').notNull().default('offline'),
    minEducation: text('min_education'),
    minAge: integer('min_age'),
    maxAge: integer('max_age'),
    requiredDocuments: jsonb('required_documents').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('programme_code_key').on(t.institutionId, t.code)],
)

/** One intake (gelombang/tahap) of a programme, with its quota and SOP dates. */
export const batch = pgTable(
  'batch',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programme.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    quota: integer('quota').notNull(),
    reserveCount: integer('reserve_count').notNull(),
    registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }).notNull(),
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }).notNull(),
    assessmentDeadline: timestamp('assessment_deadline', { withTimezone: true }).notNull(),
    interviewStartsAt: timestamp('interview_starts_at', { withTimezone: true }).notNull(),
    interviewEndsAt: timestamp('interview_ends_at', { withTimezone: true }).notNull(),
    plenaryAt: timestamp('plenary_at', { withTimezone: true }).notNull(),
    announcementAt: timestamp('announcement_at', { withTimezone: true }).notNull(),
    reRegistrationDeadline: timestamp('re_registration_deadline', { withTimezone: true }).notNull(),
    trainingStartsOn: date('training_starts_on', { mode: 'string' }).notNull(),
    trainingEndsOn: date('training_ends_on', { mode: 'string' }).notNull(),
    /** When the selection committee published the written-test results (SOP step 6). */
    writtenTestPublishedAt: timestamp('written_test_published_at', { withTimezone: true }),
    /**
     * When the plenary's results were announced (SOP step 9). Until then candidates see
     * nothing of the plenary (server/registrations/candidateRegistrationView.ts).
     */
    resultsAnnouncedAt: timestamp('results_announced_at', { withTimezone: true }),
    /** Next registration sequence number; taken with UPDATE … RETURNING. */
    nextSequence: integer('next_sequence').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('batch_number_key').on(t.programmeId, t.year, t.number)],
)
