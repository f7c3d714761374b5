import { index, pgTable, smallint, text } from 'drizzle-orm/pg-core'

/**
 * Indonesian administrative regions (Kemendagri codes, from idn-area-data, ODbL).
 * level 1 province '74', 2 regency '74.71', 3 district '74.71.01', 4 village '74.71.01.1001'.
 */
export const region = pgTable(
  'region',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code'),
    level: smallint('level').notNull(),
    name: text('name').notNull(),
  },
  (t) => [index('region_parent_idx').on(t.parentCode)],
)
