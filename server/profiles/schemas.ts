import { z } from 'zod'
import { EDUCATION_LEVELS } from '../../domain/eligibility'
import { NIK_DEFAULT_TIME_ZONE, parseNik } from '../../domain/nik'
import { normalizeMobileNumber } from '../../domain/phone'
import { calendarDateInZone } from '../../domain/zonedTime'
import { DISABILITIES, DOCUMENT_KINDS, EMPLOYMENT_STATUSES, LEVELS_WITHOUT_MAJOR, MARITAL_STATUSES } from './options'
import { checkPersonName, normalizePersonName } from '../../domain/personName'

export * from './options'

// One schema per profile section, used by the route action (parseForm) and again by the
// use case. Each accepts what a form posts (strings, 'on' for a ticked box) and also its
// own output, so parsing twice gives the same value. Pure: safe to import in the browser.

export const EARLIEST_GRADUATION_YEAR = 1950

/** Today's date in the centre's zone (Kendari), 'YYYY-MM-DD'. */
export function todayInCentre(now: Date): string {
  return calendarDateInZone(now, NIK_DEFAULT_TIME_ZONE)
}

// A form field that may be missing, null or padded: always a trimmed string.
const asText = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v.trim() : v)

function requiredText(message: string, max: number, maxMessage: string) {
  return z.preprocess(asText, z.string({ error: message }).min(1, message).max(max, maxMessage))
}

function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess(asText, z.enum(values, { error: message }))
}

/** Optional text: '' when absent. */
const optionalText = (max: number, maxMessage: string) => z.preprocess(asText, z.string().max(max, maxMessage))

const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean())

// ---------------------------------------------------------------------------- identity

export function identitySchema(now: Date) {
  return z.object({
    /** '' means "keep the stored NIK" (allowed only to those who cannot see it whole). */
    nik: z.preprocess(
      (v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : asText(v)),
      z.string().superRefine((value, ctx) => {
        if (value === '') return
        const parsed = parseNik(value, { today: now })
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message })
      }),
    ),
    fullName: requiredText('Nama lengkap wajib diisi.', 100, 'Nama lengkap paling banyak 100 karakter.').superRefine((v, ctx) => {
      if (v === '') return
      const name = checkPersonName(v)
      if (!name.ok) ctx.addIssue({ code: 'custom', message: name.message })
    }).transform(normalizePersonName),
    birthPlace: requiredText('Tempat lahir wajib diisi.', 60, 'Tempat lahir paling banyak 60 karakter.'),
    // Birth date and sex are not typed: they come from the NIK (decision 028).
    maritalStatus: choice(MARITAL_STATUSES, 'Pilih status perkawinan.'),
    phone: z.preprocess(asText, z.string()).transform((value, ctx) => {
      const result = normalizeMobileNumber(value)
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message })
        return z.NEVER
      }
      return result.value
    }),
  })
}
export type IdentityValues = z.output<ReturnType<typeof identitySchema>>

// ----------------------------------------------------------------------------- address

export type AddressPart = 'ktp' | 'domicile'

const REGION_MESSAGES = {
  ProvinceCode: 'Pilih provinsi.',
  RegencyCode: 'Pilih kabupaten/kota.',
  DistrictCode: 'Pilih kecamatan.',
  VillageCode: 'Pilih desa/kelurahan.',
} as const

const STREET_MAX = 200
const streetMax = `Alamat paling banyak ${STREET_MAX} karakter.`

export const addressSchema = z
  .object({
    ktpProvinceCode: optionalText(20, REGION_MESSAGES.ProvinceCode),
    ktpRegencyCode: optionalText(20, REGION_MESSAGES.RegencyCode),
    ktpDistrictCode: optionalText(20, REGION_MESSAGES.DistrictCode),
    ktpVillageCode: optionalText(20, REGION_MESSAGES.VillageCode),
    ktpStreet: optionalText(STREET_MAX, streetMax),
    ktpPostalCode: optionalText(10, 'Kode pos harus 5 digit angka.'),
    domicileSameAsKtp: checkbox,
    domicileProvinceCode: optionalText(20, REGION_MESSAGES.ProvinceCode),
    domicileRegencyCode: optionalText(20, REGION_MESSAGES.RegencyCode),
    domicileDistrictCode: optionalText(20, REGION_MESSAGES.DistrictCode),
    domicileVillageCode: optionalText(20, REGION_MESSAGES.VillageCode),
    domicileStreet: optionalText(STREET_MAX, streetMax),
    domicilePostalCode: optionalText(10, 'Kode pos harus 5 digit angka.'),
  })
  .superRefine((v, ctx) => {
    // The KTP address is always needed; the domicile only when it differs.
    const parts: AddressPart[] = v.domicileSameAsKtp ? ['ktp'] : ['ktp', 'domicile']
    for (const part of parts) {
      for (const [suffix, message] of Object.entries(REGION_MESSAGES)) {
        const key = `${part}${suffix}` as keyof typeof v
        if (v[key] === '') ctx.addIssue({ code: 'custom', path: [key], message })
      }
      const street = v[`${part}Street`]
      if (street === '') {
        ctx.addIssue({
          code: 'custom',
          path: [`${part}Street`],
          message: part === 'ktp' ? 'Alamat sesuai KTP wajib diisi.' : 'Alamat domisili wajib diisi.',
        })
      } else if (street.length < 5) {
        ctx.addIssue({ code: 'custom', path: [`${part}Street`], message: 'Tulis alamat lengkap: jalan, nomor rumah, RT/RW.' })
      }
      const postal = v[`${part}PostalCode`]
      if (postal === '') ctx.addIssue({ code: 'custom', path: [`${part}PostalCode`], message: 'Kode pos wajib diisi.' })
      else if (!/^\d{5}$/.test(postal))
        ctx.addIssue({ code: 'custom', path: [`${part}PostalCode`], message: 'Kode pos harus 5 digit angka.' })
    }
  })
export type AddressValues = z.output<typeof addressSchema>

// --------------------------------------------------------------------------- education

export function educationSchema(now: Date) {
  const currentYear = Number(todayInCentre(now).slice(0, 4))
  return z
    .object({
      educationLevel: choice(EDUCATION_LEVELS, 'Pilih pendidikan terakhir.'),
      schoolName: requiredText('Nama sekolah/perguruan tinggi wajib diisi.', 120, 'Nama sekolah paling banyak 120 karakter.'),
      major: optionalText(100, 'Jurusan paling banyak 100 karakter.'),
      graduationYear: z.preprocess(
        (v) => {
          const s = asText(v)
          if (s === '') return undefined
          return typeof s === 'string' && /^\d{1,4}$/.test(s) ? Number(s) : s
        },
        z
          .number({ error: (issue) => (issue.input === undefined ? 'Tahun lulus wajib diisi.' : 'Tahun lulus harus 4 digit angka, misalnya 2020.') })
          .int('Tahun lulus harus 4 digit angka, misalnya 2020.')
          .min(EARLIEST_GRADUATION_YEAR, `Tahun lulus paling awal ${EARLIEST_GRADUATION_YEAR}.`)
          .max(currentYear, `Tahun lulus tidak boleh setelah tahun ini (${currentYear}).`),
      ),
    })
    .superRefine((v, ctx) => {
      if (!LEVELS_WITHOUT_MAJOR.has(v.educationLevel) && v.major === '') {
        ctx.addIssue({ code: 'custom', path: ['major'], message: 'Jurusan/program studi wajib diisi untuk jenjang ini.' })
      }
    })
}
export type EducationValues = z.output<ReturnType<typeof educationSchema>>

// ------------------------------------------------------------------------------- other

export const otherSchema = z.object({
  employmentStatus: choice(EMPLOYMENT_STATUSES, 'Pilih status pekerjaan.'),
  disability: choice(DISABILITIES, 'Pilih keterangan disabilitas ("Tidak ada" bila tidak ada).'),
})
export type OtherValues = z.output<typeof otherSchema>

// --------------------------------------------------------------------------- documents

export const documentKindSchema = z.enum(DOCUMENT_KINDS, { error: 'Jenis dokumen tidak dikenal.' })
