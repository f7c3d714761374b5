import { asc, desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { batch, programme } from '../db/schema'
import { isUuid } from './input'
import { parseInput } from '../validation'
import { countProgrammeRegistrations, requireProgramme } from './records'
import { summary } from './listProgrammesForAdmin'

const schema = z.object({ programmeId: z.string().refine(isUuid, 'Program pelatihan tidak ditemukan.') })

/** A programme with its batches, for the administrator's edit page. */
export async function getProgrammeForAdmin(ctx: UseCaseContext, input: z.input<typeof schema>) {
  const { programmeId } = parseInput(schema, input)
  const row = await requireProgramme(ctx.db, programmeId)
  authorize(ctx.actor, 'programme.manage', { institutionId: row.programme.institutionId })
  const batches = await ctx.db
    .select()
    .from(batch)
    .where(eq(batch.programmeId, programmeId))
    .orderBy(desc(batch.year), desc(batch.number))
  return {
    programme: row.programme,
    institutionName: row.institutionName,
    timeZone: row.timeZone,
    batches: batches.map((b) => summary(b, ctx.now)),
    codeLocked: (await countProgrammeRegistrations(ctx.db, programmeId)) > 0,
  }
}

/** Vocational fields already used in an institution, offered while typing a new one. */
export async function listVocationalFields(ctx: UseCaseContext, input: { institutionId: string }) {
  authorize(ctx.actor, 'programme.manage', { institutionId: input.institutionId })
  const rows = await ctx.db
    .selectDistinct({ field: programme.vocationalField })
    .from(programme)
    .where(eq(programme.institutionId, input.institutionId))
    .orderBy(asc(programme.vocationalField))
  return rows.map((r) => r.field)
}
