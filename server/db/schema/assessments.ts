import { sql } from 'drizzle-orm'
import {
  boolean,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  index,
} from 'drizzle-orm/pg-core'
import { userAccount } from './accounts'
import { institution } from './institutions'
import { batch } from './programmes'
import { registration } from './registrations'

/** SOP step 5: Asesmen Penilaian Diri, Asesmen Potensi Diri (SPI), Asesmen Siap Latih. */
export const assessmentKind = pgEnum('assessment_kind', ['self_assessment', 'potential', 'written_test'])
/** likert: self-assessment statements; scaled: potential inventory items mapped to a
 * scale; multiple_choice: written test, one correct option. */
export const questionType = pgEnum('question_type', ['likert', 'scaled', 'multiple_choice'])

export interface BankScale {
  code: string
  name: string
  description: string
  /** Vocational fields suggested when this scale is high. */
  suggestedFields: string[]
}

export const questionBank = pgTable(
  'question_bank',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    kind: assessmentKind('kind').notNull(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Written test: the vocational field; null for the general aptitude part. */
    vocationalField: text('vocational_field'),
    /** Potential assessment: the scales its items map to. */
    scales: jsonb('scales').$type<BankScale[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('question_bank_code_key').on(t.institutionId, t.code)],
)

export const question = pgTable(
  'question',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bankId: uuid('bank_id')
      .notNull()
      .references(() => questionBank.id),
    /** Stable code within the bank (used by the XLSX template), e.g. 'PD-001'. */
    code: text('code').notNull(),
    position: integer('position').notNull(),
    /** The version new attempts use; older versions stay for attempts already taken. */
    currentVersion: integer('current_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('question_code_key').on(t.bankId, t.code)],
)

export interface QuestionOption {
  key: string
  text: string
}

/** Immutable: editing a question adds a version, so an attempt never changes. */
export const questionVersion = pgTable(
  'question_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => question.id),
    version: integer('version').notNull(),
    type: questionType('type').notNull(),
    stem: text('stem').notNull(),
    /** Storage key of an image shown with the question. */
    imageKey: text('image_key'),
    options: jsonb('options').$type<QuestionOption[]>().notNull().default(sql`'[]'::jsonb`),
    /** multiple_choice only. Never sent to the browser. */
    correctOptionKey: text('correct_option_key'),
    /** scaled (and optionally likert): the scale the answer counts towards. */
    scaleCode: text('scale_code'),
    reverseScored: boolean('reverse_scored').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('question_version_key').on(t.questionId, t.version)],
)

export interface AssessmentSource {
  bankId: string
  count: number
}

/** Per batch and kind: which bank(s), how many questions, time limit, pass mark. */
export const batchAssessment = pgTable(
  'batch_assessment',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batch.id),
    kind: assessmentKind('kind').notNull(),
    sources: jsonb('sources').$type<AssessmentSource[]>().notNull(),
    timeLimitMinutes: integer('time_limit_minutes'),
    /** Written test: pass mark in percent. */
    passMark: real('pass_mark'),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.kind] })],
)

export interface AttemptItem {
  questionVersionId: string
  /** Option keys in the order shown (shuffled per attempt). */
  optionOrder: string[]
}

export const assessmentAttempt = pgTable(
  'assessment_attempt',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => userAccount.id),
    kind: assessmentKind('kind').notNull(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    /** The batch whose configuration was used. */
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batch.id),
    registrationId: uuid('registration_id').references(() => registration.id),
    /** Seed of the random draw and shuffles: the attempt can be reconstructed. */
    seed: text('seed').notNull(),
    items: jsonb('items').$type<AttemptItem[]>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** The earlier of start + time limit and the assessment deadline (null: untimed). */
    endsAt: timestamp('ends_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** 'candidate' | 'time_up' */
    submitReason: text('submit_reason'),
    correctCount: integer('correct_count'),
    /** Written test: percent correct. */
    score: real('score'),
    scaleScores: jsonb('scale_scores').$type<Record<string, number>>(),
  },
  (t) => [
    // One open attempt per person and kind: two tabs cannot start two attempts.
    uniqueIndex('assessment_attempt_one_open')
      .on(t.candidateId, t.kind)
      .where(sql`${t.submittedAt} is null`),
    index('assessment_attempt_candidate_idx').on(t.candidateId, t.kind, t.submittedAt),
    index('assessment_attempt_batch_idx').on(t.batchId, t.kind),
  ],
)

export const attemptAnswer = pgTable(
  'attempt_answer',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => assessmentAttempt.id),
    position: integer('position').notNull(),
    questionVersionId: uuid('question_version_id').notNull(),
    answer: text('answer').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.position] })],
)
