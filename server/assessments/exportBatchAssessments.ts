import ExcelJS from 'exceljs'
import { z } from 'zod'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { ITEM_FLAG_LABELS } from '../../domain/itemStatistics'
import { STATE_LABELS, isRegistrationState } from '../../domain/registrationStates'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { getBatchAssessmentReport, type StaffKindCell } from './getBatchAssessmentReport'
import { getWrittenTestItemStatistics } from './getWrittenTestItemStatistics'
import { ASSESSMENT_KINDS, KIND_LABELS } from './kinds'
import { parseInput } from '../validation'

const Input = z.object({ batchId: z.uuid('Gelombang tidak dikenal.') })

const STATUS_LABELS: Record<StaffKindCell['status'], string> = {
  not_started: 'Belum mulai',
  in_progress: 'Sedang dikerjakan',
  completed: 'Selesai',
}

/**
 * The batch's assessment report as an XLSX workbook: one sheet of candidates with
 * status and score per assessment, one of written-test item statistics. The export is
 * audited, since it carries personal data out of the system.
 */
export async function exportBatchAssessments(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ filename: string; bytes: Uint8Array }> {
  const valid = parseInput(Input, input, { field: 'batchId' })
  const report = await getBatchAssessmentReport(ctx, valid)
  const stats = await getWrittenTestItemStatistics(ctx, valid)
  const tz = report.timeZone
  const when = (d: Date | null | undefined) => (d ? formatZonedDateTime(d, tz) : '')

  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Latih'
  workbook.created = ctx.now

  const people = workbook.addWorksheet('Peserta')
  people.columns = [
    { header: 'No. pendaftaran', key: 'number', width: 24 },
    { header: 'Nama', key: 'name', width: 28 },
    { header: 'NIK', key: 'nik', width: 20 },
    { header: 'Status pendaftaran', key: 'state', width: 22 },
    ...ASSESSMENT_KINDS.flatMap((k) => [
      { header: `${KIND_LABELS[k].id}: status`, key: `${k}_status`, width: 18 },
      { header: `${KIND_LABELS[k].id}: selesai`, key: `${k}_at`, width: 24 },
      { header: `${KIND_LABELS[k].id}: nilai`, key: `${k}_score`, width: 12 },
    ]),
    { header: 'Tes tulis: benar', key: 'wt_correct', width: 14 },
    { header: 'Tes tulis: lulus batas', key: 'wt_passed', width: 16 },
  ]
  for (const r of report.rows) {
    const row: Record<string, string | number | null> = {
      number: r.number,
      name: r.fullName,
      nik: r.nikMasked ?? '',
      state: isRegistrationState(r.state) ? STATE_LABELS[r.state].id : r.state,
    }
    for (const k of ASSESSMENT_KINDS) {
      const cell = r.kinds[k]
      row[`${k}_status`] =
        cell.status === 'completed' && cell.reused ? 'Selesai (hasil sebelumnya)' : STATUS_LABELS[cell.status]
      row[`${k}_at`] = cell.status === 'completed' ? when(cell.completedAt) : ''
      row[`${k}_score`] = cell.status === 'completed' ? cell.score : null
    }
    const wt = r.kinds.written_test
    row.wt_correct = wt.status === 'completed' && wt.correctCount !== null ? `${wt.correctCount}/${wt.total}` : ''
    row.wt_passed = wt.status === 'completed' && wt.passed !== null ? (wt.passed ? 'Ya' : 'Tidak') : ''
    people.addRow(row)
  }
  people.getRow(1).font = { bold: true }
  people.views = [{ state: 'frozen', ySplit: 1 }]

  const items = workbook.addWorksheet('Statistik soal tes tulis')
  items.columns = [
    { header: 'Bank soal', key: 'bank', width: 28 },
    { header: 'Kode soal', key: 'code', width: 12 },
    { header: 'Versi', key: 'version', width: 8 },
    { header: 'Soal', key: 'stem', width: 60 },
    { header: 'Kunci', key: 'key', width: 8 },
    { header: 'Dikerjakan', key: 'n', width: 12 },
    { header: '% benar', key: 'p', width: 10 },
    { header: 'Daya beda (27%)', key: 'd', width: 16 },
    { header: 'Point-biserial', key: 'rpb', width: 14 },
    { header: 'Pilihan (jumlah)', key: 'choices', width: 36 },
    { header: 'Kosong', key: 'blank', width: 9 },
    { header: 'Catatan', key: 'flags', width: 40 },
  ]
  for (const s of stats.items) {
    items.addRow({
      bank: s.bankTitle,
      code: s.questionCode,
      version: s.version,
      stem: s.stem,
      key: s.correctOptionKey ?? '',
      n: s.n,
      p: Math.round(s.pCorrect * 1000) / 10,
      d: s.discrimination,
      rpb: s.pointBiserial,
      choices: s.choices.map((c) => `${c.key}: ${c.count}`).join(', '),
      blank: s.blank,
      flags: s.flags.map((f) => ITEM_FLAG_LABELS[f].id).join('; '),
    })
  }
  items.getRow(1).font = { bold: true }
  items.views = [{ state: 'frozen', ySplit: 1 }]

  const buffer = await workbook.xlsx.writeBuffer()
  await ctx.db.transaction(async (tx) => {
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'assessment.export',
      entityType: 'batch',
      entityId: report.batch.id,
      institutionId: report.batch.institutionId,
      after: { rows: report.rows.length, items: stats.items.length },
    })
  })
  const slug = `${report.batch.programmeName}-${report.batch.label}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return { filename: `asesmen-${slug}.xlsx`, bytes: new Uint8Array(buffer as ArrayBuffer) }
}
