import { z } from 'zod'
import type { BankScale } from '../../db/schema'
import { kindHasScales, checkScales, type ScaleFields } from './scaleRules'
import type { AssessmentKind } from './options'
import type { FieldErrorBag } from './validate'

export const BANK_CODE = /^[A-Z0-9][A-Z0-9-]*$/

export const ScaleInput = z.object({
  kode: z.string().optional(),
  nama: z.string().optional(),
  deskripsi: z.string().optional(),
  bidang_disarankan: z.string().optional(),
})

/** Title, description, field and scales: what both createBank and updateBank check. */
export function checkBankFields(
  bag: FieldErrorBag,
  /** null: the kind itself was refused; the checks that depend on it wait for it. */
  kind: AssessmentKind | null,
  input: { title: string; description?: string; vocationalField?: string | null; scales?: ScaleFields[] },
): { title: string; description: string; vocationalField: string | null; scales: BankScale[] } {
  const title = input.title.trim()
  if (!title) bag.add('title', 'Judul bank wajib diisi.')
  else if (title.length > 150) bag.add('title', 'Judul paling banyak 150 karakter.')
  const description = (input.description ?? '').replace(/\r\n?/g, '\n').trim()
  if (description.length > 2000) bag.add('description', 'Keterangan paling banyak 2000 karakter.')
  const field = (input.vocationalField ?? '').trim().replace(/\s+/g, ' ')
  let vocationalField: string | null = null
  if (field) {
    if (kind !== null && kind !== 'written_test') bag.add('vocationalField', 'Bidang kejuruan hanya untuk bank tes tertulis (Asesmen Siap Latih).')
    else if (field.length > 100) bag.add('vocationalField', 'Bidang kejuruan paling banyak 100 karakter.')
    else vocationalField = field
  }
  let scales: BankScale[] = []
  if (input.scales && input.scales.length > 0) {
    const checked = checkScales(input.scales)
    if (kind !== null && !kindHasScales(kind) && checked.scales.length > 0) {
      bag.add('scales', 'Bank tes tertulis tidak memakai skala.')
    }
    for (const issue of checked.issues) bag.add(`scale.${issue.index}.${issue.column}`, capitalise(issue.message))
    scales = checked.scales
  }
  return { title, description, vocationalField, scales }
}

export function capitalise(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1)
}
