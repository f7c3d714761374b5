import { customType, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** PostgreSQL bytea as a Node Buffer (both drivers answer bytea with one). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
})

/**
 * Uploaded documents when FILE_STORAGE=database (decision 026): the same encrypted bytes
 * the local storage writes to disk (decision 021: a header naming the key, AES-256-GCM), so
 * every app process on this PostgreSQL reads what any of them wrote. Keys are the storage
 * keys the rows of candidate_document and question_version point at.
 */
export const storedFile = pgTable('stored_file', {
  key: text('key').primaryKey(),
  bytes: bytea('bytes').notNull(),
  /** Length of the stored (encrypted) bytes, for listings without reading them. */
  size: integer('size').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
