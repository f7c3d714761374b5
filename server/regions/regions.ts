import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { region } from '../db/schema'

/** One administrative region as a choice in a list. */
export interface RegionOption {
  code: string
  name: string
}

export const REGION_LEVELS = ['province', 'regency', 'district', 'village'] as const
export type RegionLevel = (typeof REGION_LEVELS)[number]

// Kemendagri codes: '74', '74.71', '74.71.01', '74.71.01.1005'.
const CODE_PATTERNS: Record<RegionLevel, RegExp> = {
  province: /^\d{2}$/,
  regency: /^\d{2}\.\d{2}$/,
  district: /^\d{2}\.\d{2}\.\d{2}$/,
  village: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
}

export function isRegionCode(level: RegionLevel, code: string): boolean {
  return CODE_PATTERNS[level].test(code)
}

/** A code any level may have (what /wilayah?induk= accepts as a parent). */
export function isParentRegionCode(code: string): boolean {
  return isRegionCode('province', code) || isRegionCode('regency', code) || isRegionCode('district', code)
}

/** The chosen codes of one address, province down to village ('' when not chosen). */
export interface RegionChoice {
  provinceCode: string
  regencyCode: string
  districtCode: string
  villageCode: string
}

export const EMPTY_REGION_CHOICE: RegionChoice = { provinceCode: '', regencyCode: '', districtCode: '', villageCode: '' }

/** The provinces (parentCode null) or the children of `parentCode`, by name. */
export async function listRegionChildren(db: DbOrTx, parentCode: string | null): Promise<RegionOption[]> {
  return db
    .select({ code: region.code, name: region.name })
    .from(region)
    .where(parentCode === null ? and(isNull(region.parentCode), eq(region.level, 1)) : eq(region.parentCode, parentCode))
    .orderBy(asc(region.name))
}

/** The four codes a village code implies ('74.71.01.1005' → '74', '74.71', '74.71.01', itself). */
export function choiceFromVillageCode(villageCode: string | null | undefined): RegionChoice {
  if (!villageCode || !isRegionCode('village', villageCode)) return { ...EMPTY_REGION_CHOICE }
  const parts = villageCode.split('.')
  return {
    provinceCode: parts[0]!,
    regencyCode: parts.slice(0, 2).join('.'),
    districtCode: parts.slice(0, 3).join('.'),
    villageCode,
  }
}

/**
 * Keep a typed choice consistent top-down: a level whose code is not under the level
 * above is cleared, and so is everything below it (e.g. after the province changed).
 */
export function consistentChoice(choice: RegionChoice): RegionChoice {
  const out = { ...EMPTY_REGION_CHOICE }
  if (!isRegionCode('province', choice.provinceCode)) return out
  out.provinceCode = choice.provinceCode
  if (!isRegionCode('regency', choice.regencyCode) || !choice.regencyCode.startsWith(`${out.provinceCode}.`)) return out
  out.regencyCode = choice.regencyCode
  if (!isRegionCode('district', choice.districtCode) || !choice.districtCode.startsWith(`${out.regencyCode}.`)) return out
  out.districtCode = choice.districtCode
  if (!isRegionCode('village', choice.villageCode) || !choice.villageCode.startsWith(`${out.districtCode}.`)) return out
  out.villageCode = choice.villageCode
  return out
}

export interface RegionOptions {
  provinces: RegionOption[]
  regencies: RegionOption[]
  districts: RegionOption[]
  villages: RegionOption[]
}

/** The lists the four selects show for a choice: each level's siblings under the level above. */
export async function regionOptionsFor(db: DbOrTx, choice: RegionChoice): Promise<RegionOptions> {
  const c = consistentChoice(choice)
  const [provinces, regencies, districts, villages] = await Promise.all([
    listRegionChildren(db, null),
    c.provinceCode ? listRegionChildren(db, c.provinceCode) : Promise.resolve([]),
    c.regencyCode ? listRegionChildren(db, c.regencyCode) : Promise.resolve([]),
    c.districtCode ? listRegionChildren(db, c.districtCode) : Promise.resolve([]),
  ])
  return { provinces, regencies, districts, villages }
}

/**
 * Whether a chosen village really exists and lies under the chosen district, regency
 * and province. Returns messages keyed by level (empty when the choice is sound).
 */
export async function checkRegionChoice(
  db: DbOrTx,
  choice: RegionChoice,
): Promise<Partial<Record<RegionLevel, string>>> {
  const errors: Partial<Record<RegionLevel, string>> = {}
  const codes = [choice.provinceCode, choice.regencyCode, choice.districtCode, choice.villageCode].filter(Boolean)
  const rows = codes.length
    ? await db
        .select({ code: region.code, parentCode: region.parentCode, level: region.level })
        .from(region)
        .where(inArray(region.code, codes))
    : []
  const found = new Map(rows.map((r) => [r.code, r]))
  const exists = (code: string, level: number) => found.get(code)?.level === level

  if (!exists(choice.provinceCode, 1)) errors.province = 'Provinsi yang dipilih tidak dikenal.'
  if (!exists(choice.regencyCode, 2)) errors.regency = 'Kabupaten/kota yang dipilih tidak dikenal.'
  else if (found.get(choice.regencyCode)!.parentCode !== choice.provinceCode)
    errors.regency = 'Kabupaten/kota yang dipilih tidak berada di provinsi yang dipilih.'
  if (!exists(choice.districtCode, 3)) errors.district = 'Kecamatan yang dipilih tidak dikenal.'
  else if (found.get(choice.districtCode)!.parentCode !== choice.regencyCode)
    errors.district = 'Kecamatan yang dipilih tidak berada di kabupaten/kota yang dipilih.'
  if (!exists(choice.villageCode, 4)) errors.village = 'Desa/kelurahan yang dipilih tidak dikenal.'
  else if (
    found.get(choice.villageCode)!.parentCode !== choice.districtCode ||
    // The code itself carries its ancestry; both must agree.
    !choice.villageCode.startsWith(`${choice.districtCode}.`) ||
    !choice.districtCode.startsWith(`${choice.regencyCode}.`) ||
    !choice.regencyCode.startsWith(`${choice.provinceCode}.`)
  )
    errors.village = 'Desa/kelurahan yang dipilih tidak berada di kecamatan yang dipilih.'
  return errors
}

export interface RegionNames {
  province: string | null
  regency: string | null
  district: string | null
  village: string | null
}

/** The names along a village code, for showing an address. */
export async function regionNamesFor(db: DbOrTx, villageCode: string | null | undefined): Promise<RegionNames | null> {
  const c = choiceFromVillageCode(villageCode)
  if (!c.villageCode) return null
  const rows = await db
    .select({ code: region.code, name: region.name })
    .from(region)
    .where(inArray(region.code, [c.provinceCode, c.regencyCode, c.districtCode, c.villageCode]))
  const name = (code: string) => rows.find((r) => r.code === code)?.name ?? null
  return {
    province: name(c.provinceCode),
    regency: name(c.regencyCode),
    district: name(c.districtCode),
    village: name(c.villageCode),
  }
}
