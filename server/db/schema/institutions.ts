import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/** A training centre (e.g. BPVP Kendari). One deployment can serve several. */
export const institution = pgTable('institution', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Short upper-case code used in registration numbers, e.g. 'KDI'. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** IANA zone every deadline is shown in, e.g. 'Asia/Makassar'. */
  timeZone: text('time_zone').notNull(),
  address: text('address').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
