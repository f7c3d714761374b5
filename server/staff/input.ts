import { z } from 'zod'
import { STAFF_ROLES, type StaffRole } from '../auth/actor'
import { isUuid } from '../programmes/input'
import { checkPersonName, normalizePersonName } from '../../domain/personName'

// Input rules shared by the staff use cases (the administrator's page and the CLI).

export const ROLE_REQUIRED = 'Pilih setidaknya satu peran.'
export const EMAIL_INVALID = 'Alamat e-mail tidak valid. Contoh: nama@bpvp-kendari.go.id.'

// eslint-disable-next-line no-control-regex -- names are shown on pages and in mails: no control characters
const CONTROL = /[\u0000-\u001f\u007f]/

export const institutionIdSchema = z
  .string({ error: 'Lembaga tidak ditemukan.' })
  .refine(isUuid, 'Lembaga tidak ditemukan.')

export const userIdSchema = z.string({ error: 'Staf tidak ditemukan.' }).refine(isUuid, 'Staf tidak ditemukan.')

export const emailSchema = z
  .string({ error: 'E-mail wajib diisi.' })
  .trim()
  .toLowerCase()
  .min(1, 'E-mail wajib diisi.')
  .max(254, EMAIL_INVALID)
  .refine((v) => z.email().safeParse(v).success, EMAIL_INVALID)

export const displayNameSchema = z
  .string({ error: 'Nama wajib diisi.' })
  .transform((v) => v.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'Nama wajib diisi.')
      .max(100, 'Nama maksimal 100 karakter.')
      .refine((v) => !CONTROL.test(v), 'Nama berisi karakter yang tidak dapat dipakai.')
      // The one rule for a person's name (domain/personName.ts).
      .superRefine((v, ctx) => {
        const name = checkPersonName(v, 'Nama')
        if (!name.ok) ctx.addIssue({ code: 'custom', message: name.message })
      })
      .transform(normalizePersonName),
  )

/** One or more distinct roles, in the order of STAFF_ROLES. */
export const rolesSchema = z
  .array(z.enum(STAFF_ROLES, { error: 'Peran tidak dikenal.' }), { error: ROLE_REQUIRED })
  .min(1, ROLE_REQUIRED)
  .transform((roles) => sortRoles(roles))

export function sortRoles(roles: Iterable<StaffRole>): StaffRole[] {
  return [...new Set(roles)].sort((a, b) => STAFF_ROLES.indexOf(a) - STAFF_ROLES.indexOf(b))
}
