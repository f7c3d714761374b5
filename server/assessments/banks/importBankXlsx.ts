import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { actorId } from '../../auth/actor'
import { recordAudit } from '../../audit'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { type BankScale, question, questionBank, questionVersion } from '../../db/schema'
import { ConflictError, isUniqueViolation, ValidationError } from '../../errors'
import { checkQuestion, checkQuestionCode, QUESTION_COLUMNS, sameContent, type QuestionDraft } from './questionRules'
import { checkScales, kindHasScales, sameScales, SCALE_COLUMNS } from './scaleRules'
import { findBank, knownImageKeys, nextPosition, questionsWithCurrentVersion, versionSnapshot } from './store'
import { findSheet, loadWorkbook, QUESTIONS_SHEET, readSheet, SCALES_SHEET, UnreadableWorkbook } from './template'
import { parseInput } from './validate'

import { IMPORT_FIELD, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './limits'

export { IMPORT_FIELD, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS }

const Input = z.object({
  bankId: z.uuid(),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Berkas tidak terbaca.'),
})

export interface ImportIssue {
  sheet: typeof QUESTIONS_SHEET | typeof SCALES_SHEET | null
  row: number | null
  column: string | null
  /** Column letter as Excel shows it, e.g. 'D'. */
  letter: string | null
  /** The whole message, e.g. 'Baris 7, kolom D (opsi_b): wajib diisi untuk pilihan ganda.' */
  text: string
}

/** The file was refused; nothing was imported. */
export class ImportRejected extends ValidationError {
  constructor(readonly issues: ImportIssue[]) {
    super(
      { [IMPORT_FIELD]: issues.map((i) => i.text) },
      issues.length === 1
        ? 'Berkas tidak diimpor karena ada 1 kesalahan. Tidak ada soal yang disimpan.'
        : `Berkas tidak diimpor karena ada ${issues.length} kesalahan. Tidak ada soal yang disimpan.`,
    )
    this.name = 'ImportRejected'
  }
}

export interface ImportSummary {
  created: number
  updated: number
  unchanged: number
  scalesChanged: boolean
}

interface ValidRow {
  row: number
  code: string
  draft: QuestionDraft
}

/**
 * Import a bank from the XLSX template, all or nothing. Every row is checked first and
 * each problem is reported with its row and column; if there is any, nothing is saved.
 * A row whose code exists adds a new version only when its content changed; a new code
 * adds a question at the end of the bank. Questions missing from the file stay as they
 * are. A "Skala" sheet, when present, replaces the bank's scales.
 */
export async function importBankXlsx(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<ImportSummary> {
  const { bankId, bytes } = parseInput(Input, input)
  const bank = await findBank(ctx.db, bankId)
  authorize(ctx.actor, 'programme.manage', { institutionId: bank.institutionId })

  const issues: ImportIssue[] = []
  const general = (text: string) => issues.push({ sheet: null, row: null, column: null, letter: null, text })
  const refuse = (text: string): never => {
    general(text)
    throw new ImportRejected(issues)
  }

  if (bytes.byteLength === 0) refuse('Pilih berkas XLSX yang akan diimpor.')
  if (bytes.byteLength > MAX_IMPORT_BYTES) refuse(`Berkas terlalu besar; paling besar ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`)
  let wb
  try {
    wb = await loadWorkbook(bytes)
  } catch (error) {
    if (error instanceof UnreadableWorkbook) refuse('Berkas bukan XLSX yang dapat dibaca. Simpan sebagai Excel Workbook (.xlsx) dari templat bank ini.')
    throw error
  }

  const soalSheet = findSheet(wb!, QUESTIONS_SHEET)
  if (!soalSheet) refuse(`Lembar "${QUESTIONS_SHEET}" tidak ditemukan. Gunakan templat dari tombol Ekspor.`)
  const soal = readSheet(soalSheet!, QUESTION_COLUMNS, MAX_IMPORT_ROWS)
  if (soal === 'too_many') return refuse(`Lembar ${QUESTIONS_SHEET} berisi lebih dari ${MAX_IMPORT_ROWS} soal; bagi menjadi beberapa berkas.`)
  if (soal.missing.length > 0) {
    refuse(`Lembar ${QUESTIONS_SHEET}: kolom ${soal.missing.join(', ')} tidak ditemukan di baris judul (baris 1).`)
  }

  // Scales: the sheet replaces the bank's scales when it is there.
  let scales: readonly BankScale[] = bank.scales
  let scalesFromSheet = false
  const skalaSheet = findSheet(wb!, SCALES_SHEET)
  if (skalaSheet) {
    const skala = readSheet(skalaSheet, SCALE_COLUMNS, 100)
    if (skala === 'too_many') return refuse(`Lembar ${SCALES_SHEET} berisi lebih dari 100 skala.`)
    if (!kindHasScales(bank.kind)) {
      if (skala.rows.length > 0) general(`Lembar ${SCALES_SHEET}: bank tes tertulis tidak memakai skala; kosongkan atau hapus lembar ini.`)
    } else if (skala.missing.length > 0) {
      general(`Lembar ${SCALES_SHEET}: kolom ${skala.missing.join(', ')} tidak ditemukan di baris judul (baris 1).`)
    } else {
      const checked = checkScales(skala.rows.map((r) => r.values))
      for (const issue of checked.issues) {
        const r = skala.rows[issue.index]!
        const letter = skala.letters[issue.column]
        issues.push({
          sheet: SCALES_SHEET,
          row: r.row,
          column: issue.column,
          letter,
          text: `Lembar ${SCALES_SHEET}, baris ${r.row}, kolom ${letter} (${issue.column}): ${issue.message}`,
        })
      }
      scales = checked.scales
      scalesFromSheet = true
    }
  }

  if (soal.rows.length === 0) refuse(`Lembar ${QUESTIONS_SHEET} tidak berisi soal.`)

  const rowIssue = (row: number, column: (typeof QUESTION_COLUMNS)[number], message: string) => {
    const letter = soal.letters[column]
    issues.push({ sheet: QUESTIONS_SHEET, row, column, letter, text: `Baris ${row}, kolom ${letter} (${column}): ${message}` })
  }
  const valid: ValidRow[] = []
  const firstRowOfCode = new Map<string, number>()
  for (const { row, values } of soal.rows) {
    let code: string | null = null
    const c = checkQuestionCode(values.kode)
    if ('error' in c) rowIssue(row, 'kode', c.error)
    else if (firstRowOfCode.has(c.code)) rowIssue(row, 'kode', `kode ${c.code} sudah dipakai di baris ${firstRowOfCode.get(c.code)}.`)
    else {
      firstRowOfCode.set(c.code, row)
      code = c.code
    }
    const checked = checkQuestion({ kind: bank.kind, scales }, values)
    if (!checked.ok) {
      // Report in the template's column order, whatever order the checks ran in.
      for (const column of QUESTION_COLUMNS) for (const m of checked.errors[column] ?? []) rowIssue(row, column, m)
    } else if (code) valid.push({ row, code, draft: checked.draft })
  }

  try {
    return await ctx.db.transaction(async (tx) => {
      await findBank(tx, bank.id, true)
      const existing = new Map((await questionsWithCurrentVersion(tx, bank.id)).map((r) => [r.question.code, r]))

      for (const v of valid) {
        if (existing.get(v.code)?.question.archivedAt) {
          rowIssue(v.row, 'kode', `soal ${v.code} sudah diarsipkan; pulihkan dulu di halaman soalnya atau pakai kode lain.`)
        }
      }
      const wanted = [
        ...new Set(
          valid
            .filter((v) => v.draft.imageKey && v.draft.imageKey !== existing.get(v.code)?.version.imageKey)
            .map((v) => v.draft.imageKey!),
        ),
      ]
      const known = await knownImageKeys(tx, bank.institutionId, wanted)
      for (const v of valid) {
        if (v.draft.imageKey && v.draft.imageKey !== existing.get(v.code)?.version.imageKey && !known.has(v.draft.imageKey)) {
          rowIssue(v.row, 'gambar', 'gambar ini tidak ada di Latih; unggah gambar lewat formulir soal lalu salin kuncinya.')
        }
      }
      if (scalesFromSheet) {
        // Questions not in the file keep their scale, so it must stay.
        for (const [code, r] of existing) {
          if (r.question.archivedAt || firstRowOfCode.has(code) || !r.version.scaleCode) continue
          if (!scales.some((s) => s.code === r.version.scaleCode)) {
            general(`Lembar ${SCALES_SHEET}: skala ${r.version.scaleCode} tidak ada, padahal masih dipakai soal ${code} yang tidak ada di berkas ini.`)
          }
        }
      }
      if (issues.length > 0) {
        issues.sort((a, b) => order(a) - order(b))
        throw new ImportRejected(issues)
      }

      const scalesChanged = scalesFromSheet && !sameScales(bank.scales, scales)
      if (scalesChanged) await tx.update(questionBank).set({ scales: [...scales] }).where(eq(questionBank.id, bank.id))

      let position = await nextPosition(tx, bank.id)
      const created: string[] = []
      const updated: Array<{ code: string; from: number; to: number }> = []
      let unchanged = 0
      const newVersions: Array<typeof questionVersion.$inferInsert> = []
      const fresh = valid.filter((v) => !existing.has(v.code))
      if (fresh.length > 0) {
        const rows = await tx
          .insert(question)
          .values(fresh.map((v) => ({ bankId: bank.id, code: v.code, position: position++, currentVersion: 1, createdAt: ctx.now })))
          .returning({ id: question.id, code: question.code })
        const idOf = new Map(rows.map((r) => [r.code, r.id]))
        for (const v of fresh) {
          newVersions.push({ questionId: idOf.get(v.code)!, version: 1, ...v.draft, createdAt: ctx.now, createdBy: actorId(ctx.actor) })
          created.push(v.code)
        }
      }
      for (const v of valid) {
        const current = existing.get(v.code)
        if (!current) continue
        if (sameContent(current.version, v.draft)) {
          unchanged++
          continue
        }
        const next = current.version.version + 1
        newVersions.push({ questionId: current.question.id, version: next, ...v.draft, createdAt: ctx.now, createdBy: actorId(ctx.actor) })
        await tx.update(question).set({ currentVersion: next }).where(eq(question.id, current.question.id))
        updated.push({ code: v.code, from: current.version.version, to: next })
      }
      // Inserted in slices: one statement per few hundred rows keeps parameters in bounds.
      for (let i = 0; i < newVersions.length; i += 200) await tx.insert(questionVersion).values(newVersions.slice(i, i + 200))

      if (created.length > 0 || updated.length > 0 || scalesChanged) {
        await recordAudit(tx, ctx.actor, ctx.now, {
          action: 'question_bank.import',
          entityType: 'question_bank',
          entityId: bank.id,
          institutionId: bank.institutionId,
          before: {
            scales: scalesChanged ? bank.scales : undefined,
            updated: updated.map((u) => versionSnapshot(u.code, existing.get(u.code)!.version)),
          },
          after: {
            scales: scalesChanged ? scales : undefined,
            created,
            updated,
            unchanged,
          },
        })
      }
      return { created: created.length, updated: updated.length, unchanged, scalesChanged }
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('Bank ini sedang diubah di tempat lain; unggah berkas sekali lagi.')
    }
    throw error
  }
}

/** Messages in reading order: general first, then the Skala sheet, then Soal by row and column. */
function order(i: ImportIssue): number {
  if (i.sheet === null) return 0
  const col = i.column ? Math.max(0, [...QUESTION_COLUMNS, ...SCALE_COLUMNS].indexOf(i.column as never)) : 0
  return (i.sheet === SCALES_SHEET ? 1 : 2) * 1e9 + (i.row ?? 0) * 100 + col
}
