import { and, asc, eq, gt, ilike, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import { batchPhase, type BatchPhase } from '../../domain/batchDates'
import type { DbOrTx } from '../db/client'
import { batch, institution, programme } from '../db/schema'

export const CATALOGUE_STATUSES = ['open', 'upcoming', 'closed', 'all'] as const
export type CatalogueStatus = (typeof CATALOGUE_STATUSES)[number]

/** Enough for any real catalogue; a longer list is refined with the search form. */
export const CATALOGUE_LIMIT = 100

export interface CatalogueQuery {
  q?: string | null
  field?: string | null
  location?: string | null
  status?: string | null
  now: Date
}

export interface CatalogueItem {
  batchId: string
  year: number
  number: number
  quota: number
  reserveCount: number
  registrationOpensAt: Date
  registrationClosesAt: Date
  phase: BatchPhase
  programme: {
    id: string
    code: string
    name: string
    vocationalField: string
    location: string
    mode: 'offline' | 'online' | 'blended'
    durationHours: number
  }
  institutionName: string
  timeZone: string
}

export function catalogueStatus(value: unknown): CatalogueStatus {
  return (CATALOGUE_STATUSES as readonly unknown[]).includes(value) ? (value as CatalogueStatus) : 'open'
}

/** A LIKE pattern matching `text` literally anywhere. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * The public catalogue: batches of programmes that are not archived, filtered and
 * ordered for someone looking for a course — open ones first, closing soonest first,
 * then upcoming ones opening soonest, then closed ones, latest first. One query.
 */
export async function listCatalogue(db: DbOrTx, query: CatalogueQuery) {
  const { now } = query
  const status = catalogueStatus(query.status)
  const conditions: SQL[] = [isNull(programme.archivedAt)]

  // Every word must appear in the name, field, code or description, in any case.
  const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8)
  for (const word of words) {
    const pattern = containing(word.slice(0, 60))
    conditions.push(
      or(
        ilike(programme.name, pattern),
        ilike(programme.vocationalField, pattern),
        ilike(programme.description, pattern),
        ilike(programme.code, pattern),
      )!,
    )
  }
  const field = query.field?.trim()
  if (field) conditions.push(sql`lower(${programme.vocationalField}) = lower(${field})`)
  const location = query.location?.trim()
  if (location) conditions.push(ilike(programme.location, containing(location)))

  const upcoming = gt(batch.registrationOpensAt, now)
  const closed = lte(batch.registrationClosesAt, now)
  if (status === 'open') conditions.push(lte(batch.registrationOpensAt, now), gt(batch.registrationClosesAt, now))
  if (status === 'upcoming') conditions.push(upcoming)
  if (status === 'closed') conditions.push(closed)

  const rank = sql`case when ${upcoming} then 2 when ${closed} then 3 else 1 end`
  const rows = await db
    .select({
      batchId: batch.id,
      year: batch.year,
      number: batch.number,
      quota: batch.quota,
      reserveCount: batch.reserveCount,
      registrationOpensAt: batch.registrationOpensAt,
      registrationClosesAt: batch.registrationClosesAt,
      programme: {
        id: programme.id,
        code: programme.code,
        name: programme.name,
        vocationalField: programme.vocationalField,
        location: programme.location,
        mode: programme.mode,
        durationHours: programme.durationHours,
      },
      institutionName: institution.name,
      timeZone: institution.timeZone,
    })
    .from(batch)
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .innerJoin(institution, eq(institution.id, batch.institutionId))
    .where(and(...conditions))
    .orderBy(
      rank,
      sql`case when ${rank} = 1 then ${batch.registrationClosesAt} end asc`,
      sql`case when ${rank} = 2 then ${batch.registrationOpensAt} end asc`,
      sql`case when ${rank} = 3 then ${batch.registrationClosesAt} end desc`,
      asc(programme.name),
      asc(batch.id),
    )
    .limit(CATALOGUE_LIMIT)
  const items: CatalogueItem[] = rows.map((r) => ({ ...r, phase: batchPhase(r, now) }))
  return { status, items, truncated: items.length === CATALOGUE_LIMIT }
}

/** The vocational fields and locations of the catalogue, for the search form's choices. */
export async function listCatalogueChoices(db: DbOrTx) {
  const rows = await db
    .selectDistinct({ field: programme.vocationalField, location: programme.location })
    .from(programme)
    .where(isNull(programme.archivedAt))
  const sorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'id'))
  return { fields: sorted(rows.map((r) => r.field)), locations: sorted(rows.map((r) => r.location)) }
}
