import { asc } from 'drizzle-orm'
import { FALLBACK_TIME_ZONE } from '../../domain/zonedTime'
import type { Db } from '../db/client'
import { institution } from '../db/schema'

let cached: string | undefined

/** The zone pages are shown in when no institution is in context (the first one's). */
export async function defaultTimeZone(db: Db): Promise<string> {
  if (cached) return cached
  const [row] = await db.select({ tz: institution.timeZone }).from(institution).orderBy(asc(institution.createdAt)).limit(1)
  if (row) cached = row.tz
  return row?.tz ?? FALLBACK_TIME_ZONE
}
