import ExcelJS from 'exceljs'
import type { Actor } from '../../auth/actor'
import type { Db } from '../../db/client'
import { createBatch, createInstitution, createProgramme, createStaff } from '../../db/factories'
import { QUESTION_COLUMNS, type QuestionColumn } from './questionRules'
import type { FileStorage } from '../../storage'
import type { UseCaseContext } from '../../context'
import { confirmBankImport } from './confirmBankImport'
import { ImportRejected, previewBankImport } from './previewBankImport'

/** An institution with an administrator, a kiosk officer and an admin of another centre. */
export async function bankFixture(db: Db, suffix: string) {
  const inst = await createInstitution(db, { code: `B${suffix}`, name: `BPVP Uji ${suffix}` })
  const other = await createInstitution(db, { code: `X${suffix}`, name: `BPVP Lain ${suffix}` })
  const staff = async (email: string, institutionId: string, role: 'administrator' | 'kiosk_officer'): Promise<Actor> => {
    const user = await createStaff(db, { institutionId, email, displayName: email, roles: [role], password: 'Rahasia-Uji-2026' })
    return { kind: 'staff', userId: user.id, email, displayName: email, roles: [{ institutionId, role }] }
  }
  const admin = await staff(`admin.${suffix}@bank.test`, inst.id, 'administrator')
  const officer = await staff(`petugas.${suffix}@bank.test`, inst.id, 'kiosk_officer')
  const outsider = await staff(`admin.lain.${suffix}@bank.test`, other.id, 'administrator')
  const prog = await createProgramme(db, { institutionId: inst.id, code: `LAS${suffix}`, vocationalField: 'Las' })
  const batch = await createBatch(db, {
    programmeId: prog.id,
    institutionId: inst.id,
    opensAt: new Date('2026-03-01T00:00:00Z'),
  })
  return { inst, other, admin, officer, outsider, prog, batch }
}

export type Row = Partial<Record<QuestionColumn, string>>

/** Write a workbook the way a person would fill in the template (any subset of columns). */
export async function workbookBytes(
  rows: Row[],
  options: { columns?: readonly string[]; scales?: string[][] | null; sheetName?: string } = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const columns = options.columns ?? QUESTION_COLUMNS
  const ws = wb.addWorksheet(options.sheetName ?? 'Soal')
  ws.addRow([...columns])
  for (const r of rows) ws.addRow(columns.map((c) => (r as Record<string, string | undefined>)[c] ?? null))
  if (options.scales) {
    const sk = wb.addWorksheet('Skala')
    sk.addRow(['kode', 'nama', 'deskripsi', 'bidang_disarankan'])
    for (const s of options.scales) sk.addRow(s)
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

export function mcRow(code: string, stem: string, key = 'B'): Row {
  return { kode: code, tipe: 'pilihan_ganda', pertanyaan: stem, opsi_a: 'satu', opsi_b: 'dua', opsi_c: 'tiga', opsi_d: 'empat', kunci: key }
}

/** Storage kept in memory, to see what a use case stored. */
export function memoryStorage(): FileStorage & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>()
  return {
    files,
    async put(key, bytes) {
      files.set(key, bytes)
    },
    async get(key) {
      const f = files.get(key)
      if (!f) throw new Error('missing')
      return f
    },
    async delete(key) {
      files.delete(key)
    },
  }
}

// A real, decodable 1×1 PNG: stored images are decoded and written again (decision 023).
export const PNG_BYTES = new Uint8Array(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
)

/** The error a promise rejects with; a promise that resolves fails the test. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

/**
 * Both import steps at once, for tests about what an import stores: the preview, then
 * its confirmation. Refused rows are thrown as ImportRejected, like the file-level errors.
 */
export async function importBank(ctx: UseCaseContext, input: { bankId: string; bytes: Uint8Array; fileName?: string }) {
  const preview = await previewBankImport(ctx, input)
  if (!preview.previewId) throw new ImportRejected(preview.issues)
  const { alreadyApplied: _, ...summary } = await confirmBankImport(ctx, { bankId: input.bankId, previewId: preview.previewId })
  return summary
}
