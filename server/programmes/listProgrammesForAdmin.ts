import { asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import { batchPhase } from '../../domain/batchDates'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { batch, institution, programme } from '../db/schema'
import { isUuid } from './input'
import { parseInput } from '../validation'

const schema = z.object({ institutionId: z.string().refine(isUuid, 'Lembaga tidak ditemukan.') })

/** Every programme of an institution (archived ones too) with its batches, for the administrator. */
export async function listProgrammesForAdmin(ctx: UseCaseContext, input: z.input<typeof schema>) {
  const { institutionId } = parseInput(schema, input)
  authorize(ctx.actor, 'programme.manage', { institutionId })
  const rows = await ctx.db
    .select({ programme, batch })
    .from(programme)
    .leftJoin(batch, eq(batch.programmeId, programme.id))
    .where(eq(programme.institutionId, institutionId))
    .orderBy(sql`${programme.archivedAt} is not null`, asc(programme.name), asc(programme.id), desc(batch.year), desc(batch.number))
  const byId = new Map<string, { programme: typeof programme.$inferSelect; batches: Array<ReturnType<typeof summary>> }>()
  for (const r of rows) {
    let entry = byId.get(r.programme.id)
    if (!entry) byId.set(r.programme.id, (entry = { programme: r.programme, batches: [] }))
    if (r.batch) entry.batches.push(summary(r.batch, ctx.now))
  }
  return [...byId.values()]
}

export function summary(b: typeof batch.$inferSelect, now: Date) {
  return {
    id: b.id,
    year: b.year,
    number: b.number,
    quota: b.quota,
    reserveCount: b.reserveCount,
    registrationOpensAt: b.registrationOpensAt,
    registrationClosesAt: b.registrationClosesAt,
    phase: batchPhase(b, now),
  }
}

/** The institutions the acting administrator manages programmes for, by name. */
export async function listAdministeredInstitutions(ctx: UseCaseContext) {
  if (ctx.actor.kind !== 'staff') return []
  const ids = [...new Set(ctx.actor.roles.filter((r) => r.role === 'administrator').map((r) => r.institutionId))]
  if (ids.length === 0) return []
  return ctx.db
    .select({ id: institution.id, code: institution.code, name: institution.name, timeZone: institution.timeZone })
    .from(institution)
    .where(inArray(institution.id, ids))
    .orderBy(asc(institution.name))
}
