import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import type { DbOrTx } from '../db/client'
import { candidateProfile } from '../db/schema'
import { ValidationError } from '../errors'
import { checkRegionChoice, type RegionLevel } from '../regions/regions'
import { addressSchema, type AddressPart, type AddressValues } from './schemas'
import { parseInput } from '../validation'
import { changedFields, lockProfile } from './sectionUpdate'

export type UpdateAddressInput = { candidateId: string } & Partial<z.input<typeof addressSchema>>

const LEVEL_FIELD: Record<RegionLevel, string> = {
  province: 'ProvinceCode',
  regency: 'RegencyCode',
  district: 'DistrictCode',
  village: 'VillageCode',
}

/** Region errors for one address part, keyed by its form fields. */
async function regionErrors(db: DbOrTx, v: AddressValues, part: AddressPart): Promise<Record<string, string[]>> {
  const found = await checkRegionChoice(db, {
    provinceCode: v[`${part}ProvinceCode`],
    regencyCode: v[`${part}RegencyCode`],
    districtCode: v[`${part}DistrictCode`],
    villageCode: v[`${part}VillageCode`],
  })
  const errors: Record<string, string[]> = {}
  for (const [level, message] of Object.entries(found) as Array<[RegionLevel, string]>) {
    errors[`${part}${LEVEL_FIELD[level]}`] = [message]
  }
  return errors
}

/**
 * Save the address section: the KTP address and the domicile (or "same as KTP"). The
 * chosen village must exist and lie under the chosen district, regency and province.
 */
export async function updateAddress(ctx: UseCaseContext, input: UpdateAddressInput): Promise<{ changed: boolean }> {
  const { candidateId } = input
  authorize(ctx.actor, 'profile.edit', { candidateId })
  const v = parseInput(addressSchema, input)
  const errors = {
    ...(await regionErrors(ctx.db, v, 'ktp')),
    ...(v.domicileSameAsKtp ? {} : await regionErrors(ctx.db, v, 'domicile')),
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors)

  const next = {
    ktpStreet: v.ktpStreet,
    ktpVillageCode: v.ktpVillageCode,
    ktpPostalCode: v.ktpPostalCode,
    domicileSameAsKtp: v.domicileSameAsKtp,
    // A domicile equal to the KTP address is not stored twice.
    domicileStreet: v.domicileSameAsKtp ? null : v.domicileStreet,
    domicileVillageCode: v.domicileSameAsKtp ? null : v.domicileVillageCode,
    domicilePostalCode: v.domicileSameAsKtp ? null : v.domicilePostalCode,
  }
  return ctx.db.transaction(async (tx) => {
    const current = await lockProfile(tx, candidateId)
    const diff = changedFields(current, next)
    if (!diff.changed) return { changed: false }
    await tx
      .update(candidateProfile)
      .set({ ...next, updatedAt: ctx.now })
      .where(eq(candidateProfile.userId, candidateId))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'profile.updateAddress',
      entityType: 'candidate_profile',
      entityId: candidateId,
      before: diff.before,
      after: diff.after,
    })
    return { changed: true }
  })
}
