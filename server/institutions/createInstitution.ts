import { z } from 'zod'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { institution } from '../db/schema'
import { ConflictError, isUniqueViolation } from '../errors'
import { parseInput } from '../validation'

export const CODE_TAKEN = 'Kode lembaga ini sudah dipakai lembaga lain.'

// eslint-disable-next-line no-control-regex -- shown on pages, receipts and mails
const CONTROL = /[\u0000-\u001f\u007f]/

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    // Offsets like "+08:00" are accepted by Intl but are not zones with rules.
    return value.includes('/') || value === 'UTC'
  } catch {
    return false
  }
}

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .max(max, `${label} maksimal ${max} karakter.`)
        .refine((v) => !CONTROL.test(v), `${label} berisi karakter yang tidak dapat dipakai.`),
    )

const Input = z.object({
  // Printed inside registration numbers (KDI-LAS-2026.1-0007): letters and digits only.
  code: z
    .string({ error: 'Kode lembaga wajib diisi.' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2,10}$/, 'Kode lembaga 2–10 huruf atau angka, tanpa spasi atau tanda hubung (mis. KDI).'),
  name: text('Nama lembaga', 200).refine((v) => v.length > 0, 'Nama lembaga wajib diisi.'),
  timeZone: z
    .string({ error: 'Zona waktu wajib diisi.' })
    .trim()
    .refine(isTimeZone, 'Zona waktu tidak dikenal; pakai nama IANA: Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT).'),
  address: text('Alamat', 300).default(''),
})

/** A training centre, created by the operator when a deployment is provisioned. */
export async function createInstitution(ctx: UseCaseContext, input: z.input<typeof Input>) {
  const values = parseInput(Input, input)
  authorize(ctx.actor, 'institution.create')
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(institution)
        .values({ ...values, createdAt: ctx.now })
        .onConflictDoNothing({ target: institution.code })
        .returning()
      if (!row) throw new ConflictError(CODE_TAKEN, { code: [CODE_TAKEN] })
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'institution.create',
        entityType: 'institution',
        entityId: row.id,
        institutionId: row.id,
        after: values,
      })
      return row
    })
  } catch (error) {
    if (isUniqueViolation(error, 'institution_code_unique')) throw new ConflictError(CODE_TAKEN, { code: [CODE_TAKEN] })
    throw error
  }
}
