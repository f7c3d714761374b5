import type { BankScale } from '../../db/schema'
import type { AssessmentKind } from './options'

/** A scale as typed in a form row or the "Skala" sheet (all text). */
export interface ScaleFields {
  kode?: string
  nama?: string
  deskripsi?: string
  /** Vocational fields separated by ';'. */
  bidang_disarankan?: string
}

export const SCALE_COLUMNS = ['kode', 'nama', 'deskripsi', 'bidang_disarankan'] as const
export type ScaleColumn = (typeof SCALE_COLUMNS)[number]

export interface ScaleIssue {
  /** 0-based index of the row among the rows given. */
  index: number
  column: ScaleColumn
  message: string
}

const CODE = /^[A-Z0-9][A-Z0-9_-]*$/
const clean = (v: string | undefined) => (v ?? '').replace(/\r\n?/g, '\n').trim()

/** Banks whose questions count towards scales. */
export function kindHasScales(kind: AssessmentKind): boolean {
  return kind === 'self_assessment' || kind === 'potential'
}

export function splitFields(raw: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const part of raw.split(/[;\n]/)) {
    const field = part.trim().replace(/\s+/g, ' ')
    if (field && !seen.has(field.toLowerCase())) {
      seen.add(field.toLowerCase())
      out.push(field)
    }
  }
  return out
}

/** Check scale rows; completely empty rows are skipped (blank form rows). */
export function checkScales(rows: readonly ScaleFields[]): { scales: BankScale[]; issues: ScaleIssue[] } {
  const issues: ScaleIssue[] = []
  const scales: BankScale[] = []
  const firstIndexOf = new Map<string, number>()
  rows.forEach((row, index) => {
    const code = clean(row.kode).toUpperCase()
    const name = clean(row.nama)
    const description = clean(row.deskripsi)
    const fields = clean(row.bidang_disarankan)
    if (!code && !name && !description && !fields) return
    const add = (column: ScaleColumn, message: string) => issues.push({ index, column, message })
    if (!code) add('kode', 'wajib diisi.')
    else if (code.length > 20 || !CODE.test(code)) add('kode', 'huruf, angka, garis bawah, atau tanda hubung; paling banyak 20 karakter.')
    else if (firstIndexOf.has(code)) add('kode', `kode "${code}" sudah dipakai skala lain di atasnya.`)
    else firstIndexOf.set(code, index)
    if (!name) add('nama', 'wajib diisi.')
    else if (name.length > 100) add('nama', 'paling banyak 100 karakter.')
    if (description.length > 1000) add('deskripsi', 'paling banyak 1000 karakter.')
    const suggested = splitFields(fields)
    if (suggested.some((f) => f.length > 100)) add('bidang_disarankan', 'setiap bidang paling banyak 100 karakter.')
    scales.push({ code, name, description, suggestedFields: suggested })
  })
  return { scales, issues }
}

// Field by field: jsonb does not keep key order, so JSON strings cannot be compared.
export function sameScales(a: readonly BankScale[], b: readonly BankScale[]): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => {
      const t = b[i]!
      return (
        s.code === t.code &&
        s.name === t.name &&
        s.description === t.description &&
        s.suggestedFields.length === t.suggestedFields.length &&
        s.suggestedFields.every((f, j) => f === t.suggestedFields[j])
      )
    })
  )
}
