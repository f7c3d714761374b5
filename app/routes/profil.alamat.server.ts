import { data } from 'react-router'
import { formValues } from '../lib/forms.server'
import type { DbOrTx } from '../../server/db/client'
import { UseCaseError } from '../../server/errors'
import { consistentChoice, regionOptionsFor, type RegionChoice, type RegionOptions } from '../../server/regions/regions'

export const ADDRESS_PARTS = ['ktp', 'domicile'] as const
export type AddressPart = (typeof ADDRESS_PARTS)[number]

export interface AddressPartChoice {
  choice: RegionChoice
  options: RegionOptions
}

/** What the address form needs for one address: the chosen codes and each level's list. */
export async function addressPartChoice(db: DbOrTx, choice: RegionChoice): Promise<AddressPartChoice> {
  const consistent = consistentChoice(choice)
  return { choice: consistent, options: await regionOptionsFor(db, consistent) }
}

/** The region codes one address part of a posted form holds. */
export function postedChoice(formData: FormData, part: AddressPart): RegionChoice {
  const get = (name: string) => {
    const v = formData.get(`${part}${name}`)
    return typeof v === 'string' ? v.trim() : ''
  }
  return {
    provinceCode: get('ProvinceCode'),
    regencyCode: get('RegencyCode'),
    districtCode: get('DistrictCode'),
    villageCode: get('VillageCode'),
  }
}

export interface AddressFormState {
  ok: false
  errors: Record<string, string[]>
  values: Record<string, string>
  regions: Record<AddressPart, AddressPartChoice>
}

/**
 * Re-render the address form from what was posted (nothing saved): after the "show
 * region choices" button, or after a failed save. Codes that no longer fit the level
 * above (the province was changed) are cleared, and each level gets its list.
 */
export async function addressFormState(
  db: DbOrTx,
  formData: FormData,
  errors: Record<string, string[]>,
  status: number,
) {
  const values = formValues(formData)
  delete values.intent
  const regions = {} as Record<AddressPart, AddressPartChoice>
  for (const part of ADDRESS_PARTS) {
    regions[part] = await addressPartChoice(db, postedChoice(formData, part))
    values[`${part}ProvinceCode`] = regions[part].choice.provinceCode
    values[`${part}RegencyCode`] = regions[part].choice.regencyCode
    values[`${part}DistrictCode`] = regions[part].choice.districtCode
    values[`${part}VillageCode`] = regions[part].choice.villageCode
  }
  return data<AddressFormState>({ ok: false, errors, values, regions }, { status })
}

/** A use-case refusal as an address form state; anything else is rethrown. */
export async function addressFailure(db: DbOrTx, formData: FormData, error: unknown) {
  if (!(error instanceof UseCaseError)) throw error
  const errors = Object.keys(error.fieldErrors).length > 0 ? { ...error.fieldErrors } : { '': [error.message] }
  return addressFormState(db, formData, errors, error.status)
}
