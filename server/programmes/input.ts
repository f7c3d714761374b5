import { z } from 'zod'
import { BATCH_DATE_FIELDS, BATCH_DATE_LABELS, checkBatchDates, type BatchDateField } from '../../domain/batchDates'
import { isValidCalendarDate } from '../../domain/calendar'
import { EDUCATION_LEVELS } from '../../domain/eligibility'
import { fromZonedDateTime, toZonedDateTime, type ZonedDateTime } from '../../domain/zonedTime'
import { ValidationError } from '../errors'

// Input schemas shared by the admin forms (through parseForm) and the use cases, which
// parse again so that any other caller meets the same rules.

export const TRAINING_MODES = ['offline', 'online', 'blended'] as const
export type TrainingMode = (typeof TRAINING_MODES)[number]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A well-formed uuid: checked before a query so Postgres never throws on a bad id. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

const uuidSchema = z.string({ error: 'Data tidak ditemukan.' }).regex(UUID, 'Data tidak ditemukan.')

/** '' and absent mean "not given"; anything else is validated by `inner`. */
const blankToNull = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v), inner.nullable())

const integer = (label: string, min: number, max: number, unit = '') =>
  z.coerce
    .number({ error: `${label} wajib diisi dengan angka.` })
    .int(`${label} harus bilangan bulat.`)
    .min(min, `${label} paling sedikit ${min}${unit}.`)
    .max(max, `${label} paling banyak ${max}${unit}.`)

const requiredText = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .min(1, `${label} wajib diisi.`)
    .min(min, `${label} terlalu pendek (minimal ${min} karakter).`)
    .max(max, `${label} terlalu panjang (maksimal ${max} karakter).`)

/** One document per line in the form; already a list when called directly. */
const documentList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    (Array.isArray(v) ? v : (v ?? '').split(/\r?\n/)).map((line) => line.trim()).filter((line) => line.length > 0),
  )
  .pipe(z.array(z.string().max(150, 'Setiap nama dokumen paling panjang 150 karakter.')).max(20, 'Paling banyak 20 dokumen.'))

const programmeFields = {
  code: z
    .string({ error: 'Kode program wajib diisi.' })
    .trim()
    .toUpperCase()
    .min(1, 'Kode program wajib diisi.')
    .regex(/^[A-Z0-9]{2,6}$/, 'Kode program terdiri atas 2–6 huruf kapital atau angka, tanpa spasi (mis. LAS).'),
  name: requiredText('Nama program', 3, 150),
  vocationalField: requiredText('Kejuruan', 2, 80),
  description: z.string().trim().max(4000, 'Deskripsi paling panjang 4000 karakter.').optional().default(''),
  durationHours: integer('Durasi', 1, 5000, ' jam'),
  location: requiredText('Lokasi', 2, 200),
  mode: z.enum(TRAINING_MODES, { error: 'Pilih cara pelatihan: luring, daring, atau campuran.' }),
  minEducation: blankToNull(z.enum(EDUCATION_LEVELS, { error: 'Pilih pendidikan minimal dari daftar.' })),
  minAge: blankToNull(integer('Usia minimal', 14, 100, ' tahun')),
  maxAge: blankToNull(integer('Usia maksimal', 14, 100, ' tahun')),
  requiredDocuments: documentList,
}

/** Runs even when other fields failed, so every message shows in one round trip. */
const unlessFailed = (...fields: string[]) => ({
  when: (payload: z.core.ParsePayload) =>
    typeof payload.value === 'object' &&
    payload.value !== null &&
    !payload.issues.some((i) => fields.includes(String(i.path?.[0]))),
})

const checkAgeRange = (v: { minAge: number | null; maxAge: number | null }, ctx: z.RefinementCtx) => {
  if (v.minAge !== null && v.maxAge !== null && v.maxAge < v.minAge) {
    ctx.addIssue({ code: 'custom', path: ['maxAge'], message: 'Usia maksimal tidak boleh lebih kecil dari usia minimal.' })
  }
}

export const programmeFormSchema = z.object(programmeFields).superRefine(checkAgeRange, unlessFailed('minAge', 'maxAge'))
export const createProgrammeSchema = z
  .object({ ...programmeFields, institutionId: uuidSchema })
  .superRefine(checkAgeRange, unlessFailed('minAge', 'maxAge'))
export const updateProgrammeSchema = z
  .object({ ...programmeFields, programmeId: uuidSchema })
  .superRefine(checkAgeRange, unlessFailed('minAge', 'maxAge'))
export type CreateProgrammeInput = z.input<typeof createProgrammeSchema>
export type UpdateProgrammeInput = z.input<typeof updateProgrammeSchema>
export type ProgrammeValues = z.output<typeof programmeFormSchema>

// Batch dates arrive as the form sends them: `datetime-local` values ('2027-01-04T08:00'),
// read in the institution's zone, and plain dates ('2027-02-15') for the training days.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

export const DAY_FIELDS = ['trainingStartsOn', 'trainingEndsOn'] as const
type DayField = (typeof DAY_FIELDS)[number]
export type InstantField = Exclude<BatchDateField, DayField>
export const INSTANT_FIELDS = BATCH_DATE_FIELDS.filter((f): f is InstantField => !(DAY_FIELDS as readonly string[]).includes(f))
const isDayField = (f: BatchDateField): f is DayField => (DAY_FIELDS as readonly string[]).includes(f)

/** The wall-clock reading of a form value, or null when it is malformed or impossible. */
function wallClock(value: string, field: BatchDateField): ZonedDateTime | null {
  const m = isDayField(field) ? DATE_ONLY.exec(value) : DATE_TIME.exec(value)
  if (!m) return null
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number, number, number, number, number, number,
  ]
  if (!isValidCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null
  return { year, month, day, hour, minute, second, millisecond: 0 }
}

const dateField = (field: BatchDateField) => {
  const message = `${BATCH_DATE_LABELS[field]} wajib diisi dengan tanggal${isDayField(field) ? '' : ' dan jam'} yang valid.`
  return z
    .string({ error: message })
    .trim()
    .refine((v) => wallClock(v, field) !== null, message)
}

const batchFields = {
  year: integer('Tahun', 2000, 2100),
  number: integer('Nomor gelombang', 1, 99),
  quota: integer('Kuota', 1, 1000, ' orang'),
  reserveCount: integer('Jumlah cadangan', 0, 1000, ' orang'),
  ...(Object.fromEntries(BATCH_DATE_FIELDS.map((f) => [f, dateField(f)])) as Record<BatchDateField, ReturnType<typeof dateField>>),
}

type BatchShape = z.output<z.ZodObject<typeof batchFields>>

/**
 * Cross-field rules. The order check here reads the wall-clock values as if they were
 * UTC, which orders them exactly as the instants in any zone without daylight saving
 * (all of Indonesia); the use case checks again with the real instants.
 */
const checkReserve = (v: Partial<BatchShape>, ctx: z.RefinementCtx) => {
  if (typeof v.quota === 'number' && typeof v.reserveCount === 'number' && v.reserveCount > v.quota) {
    ctx.addIssue({ code: 'custom', path: ['reserveCount'], message: 'Jumlah cadangan tidak boleh melebihi kuota.' })
  }
}

const checkOrder = (v: Partial<BatchShape>, ctx: z.RefinementCtx) => {
  const asUtc: Partial<Record<BatchDateField, Date | null>> = {}
  for (const f of BATCH_DATE_FIELDS) {
    const raw = v[f]
    const wall = typeof raw === 'string' ? wallClock(raw, f) : null
    asUtc[f] = wall ? fromZonedDateTime(wall, 'UTC') : null
  }
  for (const p of checkBatchDates(asUtc)) {
    // Missing or malformed dates already have their message from the field itself.
    if (asUtc[p.field]) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message })
  }
}

const isObject = { when: (payload: z.core.ParsePayload) => typeof payload.value === 'object' && payload.value !== null }
const withBatchRules = <S extends z.ZodObject>(schema: S) =>
  schema.superRefine(checkReserve, unlessFailed('quota', 'reserveCount')).superRefine(checkOrder, isObject)

export const batchFormSchema = withBatchRules(z.object(batchFields))
export const createBatchSchema = withBatchRules(z.object({ ...batchFields, programmeId: uuidSchema }))
export const updateBatchSchema = withBatchRules(z.object({ ...batchFields, batchId: uuidSchema }))
export type CreateBatchInput = z.input<typeof createBatchSchema>
export type UpdateBatchInput = z.input<typeof updateBatchSchema>

/** What the batch table stores: instants, and the training days as 'YYYY-MM-DD'. */
export interface BatchSchedule {
  registrationOpensAt: Date
  registrationClosesAt: Date
  assessmentDeadline: Date
  interviewStartsAt: Date
  interviewEndsAt: Date
  plenaryAt: Date
  announcementAt: Date
  reRegistrationDeadline: Date
  trainingStartsOn: string
  trainingEndsOn: string
}

/**
 * The schedule typed in `timeZone`, checked in SOP order with the real instants.
 * The training days are compared from their first moment in the zone: re-registration
 * must be over before the first training day begins.
 */
export function scheduleInZone(fields: Record<BatchDateField, string>, timeZone: string): BatchSchedule {
  const instants: Partial<Record<BatchDateField, Date | null>> = {}
  for (const f of BATCH_DATE_FIELDS) {
    const wall = wallClock(fields[f], f)
    instants[f] = wall ? fromZonedDateTime(wall, timeZone) : null
  }
  const problems = checkBatchDates(instants)
  if (problems.length > 0) {
    const errors: Record<string, string[]> = {}
    for (const p of problems) (errors[p.field] ??= []).push(p.message)
    throw new ValidationError(errors)
  }
  const at = (f: InstantField) => instants[f] as Date
  return {
    registrationOpensAt: at('registrationOpensAt'),
    registrationClosesAt: at('registrationClosesAt'),
    assessmentDeadline: at('assessmentDeadline'),
    interviewStartsAt: at('interviewStartsAt'),
    interviewEndsAt: at('interviewEndsAt'),
    plenaryAt: at('plenaryAt'),
    announcementAt: at('announcementAt'),
    reRegistrationDeadline: at('reRegistrationDeadline'),
    trainingStartsOn: fields.trainingStartsOn,
    trainingEndsOn: fields.trainingEndsOn,
  }
}

/** The `datetime-local` value ('2027-01-04T08:00') of an instant in `timeZone`, to fill a form. */
export function toDateTimeLocal(instant: Date, timeZone: string): string {
  const w = toZonedDateTime(instant, timeZone)
  const p = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`
}
