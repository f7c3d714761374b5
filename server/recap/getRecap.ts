import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { calendarDateInZone, formatZonedDate } from '../../domain/zonedTime'
import { authorize, can } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { batch, candidateProfile, institution, programme, region, registration, registrationEvent } from '../db/schema'
import { ForbiddenError, NotFoundError } from '../errors'
import { batchLabel } from '../registrations/batchLabel'
import { loadSelectionBatch } from '../selection/selectionBatch'
import {
  AGE_BANDS,
  ageBand,
  CHANNEL_ORDER,
  countBy,
  EDUCATION_ORDER,
  funnelRows,
  SEX_ORDER,
  stageReached,
  STATE_ORDER,
  UNKNOWN,
  type RecapRow,
} from './recapRules'

// The registration recap (2024 SOP, "rekap pendaftaran"): per batch, or per institution
// (optionally one year), registrations by state, channel, sex, age band, last
// education, regency of domicile and day of registration, and the selection funnel.
// Staff see their own institution's only.

export interface Recap {
  scope: 'batch' | 'institution'
  title: string
  institutionName: string
  timeZone: string
  generatedAt: Date
  /** For a batch recap. */
  batch: { id: string; label: string; programmeName: string; registrationClosesAt: Date; registrationClosed: boolean } | null
  /** For an institution recap: the year chosen (null: every year) and the years there are. */
  year: number | null
  years: number[]
  total: number
  byState: RecapRow[]
  byChannel: RecapRow[]
  bySex: RecapRow[]
  byAge: RecapRow[]
  byEducation: RecapRow[]
  byRegency: RecapRow[]
  byDay: RecapRow[]
  funnel: RecapRow[]
  /** Institution recap: one row per batch. */
  batches: Array<{ id: string; label: string; programmeName: string; total: number; passed: number; reRegistered: number }>
}

export const RECAP_SECTIONS = [
  ['byState', 'Menurut status'],
  ['byChannel', 'Menurut cara mendaftar'],
  ['bySex', 'Menurut jenis kelamin'],
  ['byAge', 'Menurut kelompok umur (saat mendaftar)'],
  ['byEducation', 'Menurut pendidikan terakhir'],
  ['byRegency', 'Menurut kabupaten/kota domisili'],
  ['byDay', 'Menurut hari pendaftaran'],
  ['funnel', 'Tahapan seleksi (yang mencapai tiap tahap)'],
] as const satisfies ReadonlyArray<readonly [keyof Recap, string]>

export async function getBatchRecap(ctx: UseCaseContext, input: { batchId: unknown }): Promise<Recap> {
  const found = await loadSelectionBatch(ctx.db, input.batchId)
  authorize(ctx.actor, 'recap.read', { institutionId: found.batch.institutionId })
  const label = batchLabel(found.batch)
  const recap = await buildRecap(ctx, {
    institutionId: found.batch.institutionId,
    institutionName: found.institution.name,
    timeZone: found.institution.timeZone,
    batchIds: [found.batch.id],
  })
  return {
    ...recap,
    scope: 'batch',
    title: `Rekap pendaftaran ${found.programme.name}, ${label}`,
    batch: {
      id: found.batch.id,
      label,
      programmeName: found.programme.name,
      registrationClosesAt: found.batch.registrationClosesAt,
      registrationClosed: found.batch.registrationClosesAt.getTime() <= ctx.now.getTime(),
    },
    year: null,
    years: [],
  }
}

/** The institution recap of the first institution where the actor may read it (or the one named). */
export async function getInstitutionRecap(ctx: UseCaseContext, input: { year?: unknown; institutionId?: string }): Promise<Recap> {
  const actor = ctx.actor
  if (actor.kind !== 'staff') throw new ForbiddenError()
  const ids = [...new Set(actor.roles.map((r) => r.institutionId))].filter((id) => can(actor, 'recap.read', { institutionId: id }))
  const institutionId = input.institutionId ?? ids[0]
  if (!institutionId) throw new ForbiddenError()
  authorize(actor, 'recap.read', { institutionId })
  const [inst] = await ctx.db.select().from(institution).where(eq(institution.id, institutionId))
  if (!inst) throw new NotFoundError('Lembaga tidak ditemukan.')
  const yearText = typeof input.year === 'string' || typeof input.year === 'number' ? String(input.year).trim() : ''
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null
  const yearRows = await ctx.db
    .selectDistinct({ year: batch.year })
    .from(batch)
    .where(eq(batch.institutionId, institutionId))
    .orderBy(desc(batch.year))
  const batches = await ctx.db
    .select({ id: batch.id })
    .from(batch)
    .where(year === null ? eq(batch.institutionId, institutionId) : and(eq(batch.institutionId, institutionId), eq(batch.year, year)))
  const recap = await buildRecap(ctx, {
    institutionId,
    institutionName: inst.name,
    timeZone: inst.timeZone,
    batchIds: batches.map((b) => b.id),
  })
  return {
    ...recap,
    scope: 'institution',
    title: `Rekap pendaftaran ${inst.name}${year === null ? '' : ` tahun ${year}`}`,
    batch: null,
    year,
    years: yearRows.map((r) => r.year),
  }
}

async function buildRecap(
  ctx: UseCaseContext,
  input: { institutionId: string; institutionName: string; timeZone: string; batchIds: string[] },
): Promise<Omit<Recap, 'scope' | 'title' | 'batch' | 'year' | 'years'>> {
  const tz = input.timeZone
  const rows =
    input.batchIds.length === 0
      ? []
      : await ctx.db
          .select({
            id: registration.id,
            batchId: registration.batchId,
            state: registration.state,
            createdAt: registration.createdAt,
            kiosk: sql<boolean>`${registration.createdBy} <> ${registration.candidateId}`,
            sex: candidateProfile.sex,
            birthDate: candidateProfile.birthDate,
            education: candidateProfile.educationLevel,
            village: sql<string | null>`case when ${candidateProfile.domicileSameAsKtp} then ${candidateProfile.ktpVillageCode} else ${candidateProfile.domicileVillageCode} end`,
            // Every state the registration has been in, for the funnel.
            history: sql<string[] | null>`(select array_agg(distinct e.to_state) from ${registrationEvent} e where e.registration_id = ${registration.id} and e.to_state is not null)`,
          })
          .from(registration)
          .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
          .where(and(eq(registration.institutionId, input.institutionId), inArray(registration.batchId, input.batchIds)))

  const regencyCodes = [...new Set(rows.map((r) => regencyOf(r.village)).filter((c): c is string => c !== null))]
  const regencyNames = new Map(
    regencyCodes.length === 0
      ? []
      : (await ctx.db.select({ code: region.code, name: region.name }).from(region).where(inArray(region.code, regencyCodes))).map((r) => [r.code, r.name]),
  )
  const day = (r: (typeof rows)[number]) => calendarDateInZone(r.createdAt, tz)
  const stages = rows.map((r) => stageReached([r.state, ...(r.history ?? [])]))

  const byDay = countBy(rows, (r) => ({ key: day(r), label: formatZonedDate(r.createdAt, tz) })).sort((a, b) => (a.key < b.key ? -1 : 1))

  const batchRows =
    input.batchIds.length <= 1
      ? []
      : await ctx.db
          .select({ id: batch.id, number: batch.number, year: batch.year, programmeName: programme.name })
          .from(batch)
          .innerJoin(programme, eq(programme.id, batch.programmeId))
          .where(inArray(batch.id, input.batchIds))
          .orderBy(desc(batch.year), asc(programme.name), asc(batch.number))
  const perBatch = batchRows.map((b) => {
    const mine = rows.map((r, i) => ({ r, stage: stages[i]! })).filter((x) => x.r.batchId === b.id)
    return {
      id: b.id,
      label: batchLabel(b),
      programmeName: b.programmeName,
      total: mine.length,
      passed: mine.filter((x) => x.stage >= 4).length,
      reRegistered: mine.filter((x) => x.stage >= 5).length,
    }
  })

  return {
    institutionName: input.institutionName,
    timeZone: tz,
    generatedAt: ctx.now,
    total: rows.length,
    byState: countBy(rows, (r) => STATE_ORDER.find((s) => s.key === r.state) ?? { key: r.state, label: r.state }, STATE_ORDER, { keepZeros: false }),
    byChannel: countBy(rows, (r) => CHANNEL_ORDER[r.kiosk ? 1 : 0]!, CHANNEL_ORDER),
    bySex: countBy(rows, (r) => SEX_ORDER.find((s) => s.key === r.sex) ?? UNKNOWN, SEX_ORDER),
    byAge: countBy(rows, (r) => ageBand(r.birthDate, day(r)), AGE_BANDS),
    byEducation: countBy(rows, (r) => EDUCATION_ORDER.find((e) => e.key === r.education) ?? UNKNOWN, EDUCATION_ORDER, { keepZeros: false }),
    byRegency: countBy(rows, (r) => {
      const code = regencyOf(r.village)
      return code ? { key: code, label: regencyNames.get(code) ?? code } : UNKNOWN
    }),
    byDay,
    funnel: funnelRows(stages),
    batches: perBatch,
  }
}

/** '74.71.01.1001' → '74.71' (the regency of a village code). */
function regencyOf(village: string | null): string | null {
  if (!village) return null
  const parts = village.split('.')
  return parts.length >= 2 ? `${parts[0]}.${parts[1]}` : null
}
