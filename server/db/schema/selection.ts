import { sql } from 'drizzle-orm'
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { userAccount } from './accounts'
import { institution } from './institutions'
import { batch } from './programmes'
import { assessmentAttempt } from './assessments'
import { registration } from './registrations'

// SOP steps 6–8: written-test results, interviews and the selection plenary.
// A batch's selection rules are data (this file's rows), not code paths, so a centre can
// run another variant of the SOP by changing parameters (docs/decisions/009).

/**
 * Per-batch selection parameters. A batch without a row uses the defaults below
 * (server/selection/selectionSettings.ts reads them in one place).
 */
export const batchSelection = pgTable(
  'batch_selection',
  {
    batchId: uuid('batch_id')
      .primaryKey()
      .references(() => batch.id),
    /** Ranking weights in whole percents; they sum to 100 (checked by the use case). */
    weightWrittenTest: integer('weight_written_test').notNull().default(60),
    weightInterview: integer('weight_interview').notNull().default(40),
    weightSelfAssessment: integer('weight_self_assessment').notNull().default(0),
    /** Invite only the best N by written score; null invites everyone who passed. */
    interviewInviteLimit: integer('interview_invite_limit'),
    /** Until when an invited candidate may switch slot; null: until the slot starts. */
    slotChangeCutoff: timestamp('slot_change_cutoff', { withTimezone: true }),
    /** What the interview call asks the candidate to bring. */
    interviewBring: text('interview_bring')
      .notNull()
      .default('KTP asli, ijazah terakhir asli, dan tanda pendaftaran (cetak atau di ponsel).'),
    /** Days a promoted reserve has to re-register (SOP step 10). */
    reserveReRegistrationDays: integer('reserve_re_registration_days').notNull().default(3),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
)

/**
 * The written-test result of one registration as published (SOP step 6): the score and
 * pass mark used, kept so the plenary and any later check read exactly what was published.
 */
export const writtenTestResult = pgTable(
  'written_test_result',
  {
    registrationId: uuid('registration_id')
      .primaryKey()
      .references(() => registration.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batch.id),
    attemptId: uuid('attempt_id').references(() => assessmentAttempt.id),
    /** Percent correct, two decimals at most. */
    score: real('score').notNull(),
    passMark: real('pass_mark').notNull(),
    passed: text('passed').notNull().$type<'yes' | 'no'>(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    publishedBy: uuid('published_by'),
  },
  (t) => [index('written_test_result_batch_idx').on(t.batchId)],
)

export interface RubricCriterion {
  /** Stable code, e.g. 'motivasi'. */
  code: string
  label: string
  description: string
  /** Whole percent; the criteria's weights sum to 100. */
  weight: number
}

/** The interview scorecard's rubric for a batch: editable until the first scorecard is in. */
export const interviewRubric = pgTable('interview_rubric', {
  batchId: uuid('batch_id')
    .primaryKey()
    .references(() => batch.id),
  criteria: jsonb('criteria').$type<RubricCriterion[]>().notNull(),
  scaleMin: integer('scale_min').notNull().default(1),
  scaleMax: integer('scale_max').notNull().default(5),
  /** What each point of the scale means, from scaleMin up. */
  scaleLabels: jsonb('scale_labels').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})

/** One interview slot: a time, a place or link, a capacity, its interviewers. */
export const interviewSlot = pgTable(
  'interview_slot',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batch.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** A room, or null when online. */
    place: text('place'),
    onlineUrl: text('online_url'),
    capacity: integer('capacity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('interview_slot_batch_idx').on(t.batchId, t.startsAt), check('interview_slot_capacity', sql`${t.capacity} >= 1`)],
)

export const interviewSlotInterviewer = pgTable(
  'interview_slot_interviewer',
  {
    slotId: uuid('slot_id')
      .notNull()
      .references(() => interviewSlot.id),
    interviewerId: uuid('interviewer_id')
      .notNull()
      .references(() => userAccount.id),
  },
  (t) => [primaryKey({ columns: [t.slotId, t.interviewerId] }), index('slot_interviewer_idx').on(t.interviewerId)],
)

/** Which slot an invited registration is in (one row per registration), and attendance. */
export const interviewAssignment = pgTable(
  'interview_assignment',
  {
    registrationId: uuid('registration_id')
      .primaryKey()
      .references(() => registration.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batch.id),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => interviewSlot.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    assignedBy: uuid('assigned_by'),
    /** null until recorded; 'present' | 'absent'. A reschedule clears it. */
    attendance: text('attendance').$type<'present' | 'absent'>(),
    attendanceAt: timestamp('attendance_at', { withTimezone: true }),
    attendanceBy: uuid('attendance_by'),
  },
  (t) => [index('interview_assignment_slot_idx').on(t.slotId), index('interview_assignment_batch_idx').on(t.batchId)],
)

/**
 * One interviewer's scorecard for one registration. Submitting locks it; the committee
 * may reopen it with a reason (audited), after which the interviewer submits again.
 */
export const interviewScorecard = pgTable(
  'interview_scorecard',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registration.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batch.id),
    interviewerId: uuid('interviewer_id')
      .notNull()
      .references(() => userAccount.id),
    /** Points per criterion code, on the rubric's scale. */
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    /** 0–100 with two decimals, computed from scores and the rubric's weights. */
    total: real('total').notNull(),
    notes: text('notes').notNull().default(''),
    /** The rubric the scores were given against (copied: the rubric locks, but be explicit). */
    rubric: jsonb('rubric').$type<{ criteria: RubricCriterion[]; scaleMin: number; scaleMax: number }>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    reopenedBy: uuid('reopened_by'),
    reopenReason: text('reopen_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('interview_scorecard_one_per_interviewer').on(t.registrationId, t.interviewerId),
    index('interview_scorecard_batch_idx').on(t.batchId),
  ],
)

export interface PlenaryAttendee {
  /** A staff account, when the attendee has one. */
  userId: string | null
  name: string
  /** Their role at the meeting, e.g. 'Ketua', 'Anggota', 'Sekretaris'. */
  role: string
}

/** The selection plenary of a batch (SOP step 8): one per batch. */
export const plenary = pgTable(
  'plenary',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batch.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    /** 'open' while the committee deliberates; 'finalised' once the first snapshot is stored. */
    status: text('status').notNull().$type<'open' | 'finalised'>().default('open'),
    /** Minutes number, e.g. 'BA/PLENO/KDI/2026/LAS-1'. */
    minutesNumber: text('minutes_number').notNull(),
    place: text('place').notNull().default(''),
    heldOn: timestamp('held_on', { withTimezone: true }),
    attendees: jsonb('attendees').$type<PlenaryAttendee[]>().notNull().default(sql`'[]'::jsonb`),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    openedBy: uuid('opened_by'),
    finalisedAt: timestamp('finalised_at', { withTimezone: true }),
    finalisedBy: uuid('finalised_by'),
  },
  (t) => [uniqueIndex('plenary_one_per_batch').on(t.batchId)],
)

/** An override proposed while the plenary is open: a different outcome, with a reason and a name. */
export const plenaryOverride = pgTable(
  'plenary_override',
  {
    plenaryId: uuid('plenary_id')
      .notNull()
      .references(() => plenary.id),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registration.id),
    outcome: text('outcome').notNull().$type<'passed' | 'reserve' | 'not_passed'>(),
    reason: text('reason').notNull(),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.plenaryId, t.registrationId] })],
)

/**
 * An immutable record of a plenary decision: version 1 is the finalisation, each later
 * version an amendment with its reason. `payload` is the canonical serialisation whose
 * SHA-256 is `hash`; nothing here is ever updated.
 */
export const plenarySnapshot = pgTable(
  'plenary_snapshot',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    plenaryId: uuid('plenary_id')
      .notNull()
      .references(() => plenary.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batch.id),
    version: integer('version').notNull(),
    kind: text('kind').notNull().$type<'final' | 'amendment'>(),
    /** The amendment's reason (null for the finalisation). */
    reason: text('reason'),
    payload: text('payload').notNull(),
    hash: text('hash').notNull(),
    passedCount: integer('passed_count').notNull(),
    reserveCount: integer('reserve_count').notNull(),
    notPassedCount: integer('not_passed_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('plenary_snapshot_version_key').on(t.plenaryId, t.version),
    uniqueIndex('plenary_snapshot_hash_key').on(t.hash),
  ],
)
