import { z } from 'zod'
import { isValidCalendarDate } from '../../domain/calendar'
import { fromZonedDateTime } from '../../domain/zonedTime'

// Input schemas of the interview use cases, shared with their forms (parseForm), so a
// page and any other caller meet the same rules and messages.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const idSchema = (message = 'Data tidak ditemukan.') => z.string({ error: message }).regex(UUID, message)

/** Plain text without NUL or other control characters but new lines and tabs. */
// eslint-disable-next-line no-control-regex -- refusing them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const text = (label: string, max: number) =>
  z
    .string({ error: `${label} harus berupa teks.` })
    .trim()
    .max(max, `${label} terlalu panjang (maksimal ${max} karakter).`)
    .refine((v) => !CONTROL.test(v), `${label} berisi karakter yang tidak diizinkan.`)

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// '09:00' from a time input, or '09.00' as Indonesians write it.
const TIME = /^(\d{1,2})[:.](\d{2})$/

export function parseWallDate(value: string): { year: number; month: number; day: number } | null {
  const m = DATE.exec(value)
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return isValidCalendarDate(year, month, day) ? { year, month, day } : null
}

export function parseWallTime(value: string): { hour: number; minute: number } | null {
  const m = TIME.exec(value)
  if (!m) return null
  const [hour, minute] = [Number(m[1]), Number(m[2])]
  return hour <= 23 && minute <= 59 ? { hour, minute } : null
}

/** The instant of a date and a time read in `timeZone`. */
export function instantInZone(date: string, time: string, timeZone: string): Date {
  const d = parseWallDate(date)
  const t = parseWallTime(time)
  if (!d || !t) throw new RangeError('Malformed date or time')
  return fromZonedDateTime({ ...d, ...t, second: 0, millisecond: 0 }, timeZone)
}

/** One value or many (checkboxes): always a list. */
const list = z
  .union([z.string(), z.array(z.string())], { error: 'Pilihan tidak dikenal.' })
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value)
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0
  } catch {
    return false
  }
}

export const slotFormSchema = z
  .object({
    date: z
      .string({ error: 'Tanggal wajib diisi.' })
      .trim()
      .refine((v) => parseWallDate(v) !== null, 'Tanggal wajib diisi dengan tanggal yang valid, mis. 2027-02-12.'),
    startTime: z
      .string({ error: 'Jam mulai wajib diisi.' })
      .trim()
      .refine((v) => parseWallTime(v) !== null, 'Jam mulai wajib diisi, mis. 09:00.'),
    endTime: z
      .string({ error: 'Jam selesai wajib diisi.' })
      .trim()
      .refine((v) => parseWallTime(v) !== null, 'Jam selesai wajib diisi, mis. 09:30.'),
    place: text('Tempat', 200).optional().default(''),
    onlineUrl: text('Tautan daring', 500).optional().default(''),
    capacity: z.coerce
      .number({ error: 'Kapasitas wajib diisi dengan angka.' })
      .int('Kapasitas harus bilangan bulat.')
      .min(1, 'Kapasitas paling sedikit 1 orang.')
      .max(200, 'Kapasitas paling banyak 200 orang.'),
    interviewerIds: list.pipe(
      z
        .array(idSchema('Pewawancara tidak dikenal.'), { error: 'Pilih pewawancara.' })
        .min(1, 'Pilih minimal satu pewawancara.')
        .max(10, 'Paling banyak 10 pewawancara per slot.'),
    ),
  })
  .superRefine((v, ctx) => {
    const start = parseWallTime(v.startTime)
    const end = parseWallTime(v.endTime)
    if (start && end && end.hour * 60 + end.minute <= start.hour * 60 + start.minute) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'Jam selesai harus sesudah jam mulai.' })
    }
    const place = v.place ?? ''
    const url = v.onlineUrl ?? ''
    if (!place && !url) {
      ctx.addIssue({ code: 'custom', path: ['place'], message: 'Isi tempat (ruang) atau tautan wawancara daring.' })
    } else if (place && url) {
      ctx.addIssue({ code: 'custom', path: ['onlineUrl'], message: 'Isi salah satu saja: tempat (ruang) atau tautan daring.' })
    }
    if (url && !isHttpUrl(url)) {
      ctx.addIssue({ code: 'custom', path: ['onlineUrl'], message: 'Tautan daring harus alamat web yang diawali http:// atau https://.' })
    }
  })

export const createSlotSchema = z.intersection(z.object({ batchId: idSchema('Gelombang tidak ditemukan.') }), slotFormSchema)
export type CreateSlotInput = z.input<typeof createSlotSchema>

export const reasonSchema = (label = 'Alasan', min = 10) =>
  text(label, 1000).pipe(z.string().min(min, `${label} wajib diisi, minimal ${min} karakter.`))

export const RUBRIC_MAX_CRITERIA = 8

const criterionSchema = z.object({
  code: z
    .string({ error: 'Kode wajib diisi.' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,29}$/, 'Kode 2–30 huruf kecil, angka, atau garis bawah, diawali huruf (mis. motivasi).'),
  label: text('Nama kriteria', 120).pipe(z.string().min(2, 'Nama kriteria wajib diisi.')),
  description: text('Penjelasan', 500).optional().default(''),
  weight: z.coerce
    .number({ error: 'Bobot wajib diisi dengan angka.' })
    .int('Bobot harus bilangan bulat (persen).')
    .min(1, 'Bobot paling sedikit 1%.')
    .max(100, 'Bobot paling banyak 100%.'),
})

export const rubricSchema = z
  .object({
    batchId: idSchema('Gelombang tidak ditemukan.'),
    criteria: z
      .array(criterionSchema, { error: 'Isi minimal satu kriteria.' })
      .min(1, 'Isi minimal satu kriteria.')
      .max(RUBRIC_MAX_CRITERIA, `Paling banyak ${RUBRIC_MAX_CRITERIA} kriteria.`),
    scaleMin: z.coerce.number({ error: 'Nilai terendah wajib diisi.' }).int('Nilai terendah harus bilangan bulat.').min(0, 'Nilai terendah paling kecil 0.').max(9, 'Nilai terendah paling besar 9.'),
    scaleMax: z.coerce.number({ error: 'Nilai tertinggi wajib diisi.' }).int('Nilai tertinggi harus bilangan bulat.').min(1, 'Nilai tertinggi paling kecil 1.').max(10, 'Nilai tertinggi paling besar 10.'),
    scaleLabels: z.array(text('Arti nilai', 60)).max(11),
  })
  .superRefine((v, ctx) => {
    const total = v.criteria.reduce((s, c) => s + c.weight, 0)
    if (total !== 100) ctx.addIssue({ code: 'custom', path: ['criteria'], message: `Jumlah bobot harus 100%; sekarang ${total}%.` })
    const seen = new Set<string>()
    v.criteria.forEach((c, i) => {
      if (seen.has(c.code)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'code'], message: 'Kode kriteria sudah dipakai kriteria lain.' })
      seen.add(c.code)
    })
    if (v.scaleMax <= v.scaleMin) {
      ctx.addIssue({ code: 'custom', path: ['scaleMax'], message: 'Nilai tertinggi harus lebih besar dari nilai terendah.' })
    } else if (v.scaleLabels.length !== v.scaleMax - v.scaleMin + 1 || v.scaleLabels.some((l) => l === '')) {
      ctx.addIssue({
        code: 'custom',
        path: ['scaleLabels'],
        message: `Tulis arti setiap nilai dari ${v.scaleMin} sampai ${v.scaleMax}: ${v.scaleMax - v.scaleMin + 1} baris.`,
      })
    }
  })
export type RubricInput = z.input<typeof rubricSchema>

export { text as plainText }
