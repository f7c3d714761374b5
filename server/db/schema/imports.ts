import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { institution } from './institutions'

/**
 * An uploaded spreadsheet read and checked, waiting for the officer's confirmation
 * (import in two steps: preview, then confirm). `rows` holds what the reader parsed, so
 * the confirmation applies exactly the previewed file; `appliedAt` is set once, in the
 * transaction that applies it, so a repeated or concurrent confirm applies it once.
 */
export const importPreview = pgTable(
  'import_preview',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    /** What is imported, e.g. 'question_bank'. */
    kind: text('kind').notNull(),
    /** The record it is imported into, e.g. the bank id. */
    targetId: text('target_id').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    /** The parsed rows and the computed changes, as the preview showed them. */
    content: jsonb('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    appliedBy: uuid('applied_by'),
  },
  (t) => [index('import_preview_target_idx').on(t.kind, t.targetId)],
)
