import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { ITEM_FLAG_LABELS } from '../../domain/itemStatistics'
import { STATE_LABELS, isRegistrationState } from '../../domain/registrationStates'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { institution } from '../db/schema'
import { writeWorkbook, type SheetSpec } from '../documents/spreadsheet/writer'
import { ValidationError } from '../errors'
import { getBatchAssessmentReport, type BatchAssessmentReport, type StaffKindCell } from './getBatchAssessmentReport'
import { getWrittenTestItemStatistics, type ItemStatisticRow } from './getWrittenTestItemStatistics'
import { ASSESSMENT_KINDS, KIND_LABELS } from './kinds'

const Input = z.object({ batchId: z.uuid('Gelombang tidak dikenal.') })

const STATUS_LABELS: Record<StaffKindCell['status'], string> = {
  not_started: 'Belum mulai',
  in_progress: 'Sedang dikerjakan',
  completed: 'Selesai',
}

type ReportRow = BatchAssessmentReport['rows'][number]

/** The Peserta sheet: completion times are date-time cells, scores and counts numbers. */
export function peopleSheet(rows: Iterable<ReportRow> | AsyncIterable<ReportRow>): SheetSpec<ReportRow> {
  const done = (r: ReportRow, k: (typeof ASSESSMENT_KINDS)[number]) => {
    const cell = r.kinds[k]
    return cell.status === 'completed' ? cell : null
  }
  return {
    name: 'Peserta',
    columns: [
      { header: 'No. pendaftaran', type: 'text', width: 24, value: (r) => r.number },
      { header: 'Nama', type: 'text', width: 28, value: (r) => r.fullName },
      { header: 'NIK', type: 'text', width: 20, value: (r) => r.nikMasked },
      { header: 'Status pendaftaran', type: 'text', width: 22, value: (r) => (isRegistrationState(r.state) ? STATE_LABELS[r.state].id : r.state) },
      ...ASSESSMENT_KINDS.flatMap((k): SheetSpec<ReportRow>['columns'] => [
        {
          header: `${KIND_LABELS[k].id}: status`,
          type: 'text',
          width: 18,
          value: (r) => (done(r, k)?.reused ? 'Selesai (hasil sebelumnya)' : STATUS_LABELS[r.kinds[k].status]),
        },
        { header: `${KIND_LABELS[k].id}: selesai`, type: 'dateTime', width: 18, value: (r) => done(r, k)?.completedAt },
        { header: `${KIND_LABELS[k].id}: nilai`, type: 'number', width: 12, numFmt: '0.00', value: (r) => done(r, k)?.score },
      ]),
      { header: 'Tes tulis: benar', type: 'integer', width: 14, value: (r) => done(r, 'written_test')?.correctCount },
      {
        header: 'Tes tulis: jumlah soal',
        type: 'integer',
        width: 14,
        value: (r) => (done(r, 'written_test')?.correctCount != null ? done(r, 'written_test')!.total : null),
      },
      {
        header: 'Tes tulis: lulus batas',
        type: 'text',
        width: 16,
        value: (r) => {
          const passed = done(r, 'written_test')?.passed
          return passed === null || passed === undefined ? null : passed ? 'Ya' : 'Tidak'
        },
      },
    ],
    rows,
  }
}

function itemsSheet(items: readonly ItemStatisticRow[]): SheetSpec<ItemStatisticRow> {
  return {
    name: 'Statistik soal tes tulis',
    columns: [
      { header: 'Bank soal', type: 'text', width: 28, value: (s) => s.bankTitle },
      { header: 'Kode soal', type: 'text', width: 12, value: (s) => s.questionCode },
      { header: 'Versi', type: 'integer', width: 8, value: (s) => s.version },
      { header: 'Soal', type: 'text', width: 60, value: (s) => s.stem },
      { header: 'Kunci', type: 'text', width: 8, value: (s) => s.correctOptionKey },
      { header: 'Dikerjakan', type: 'integer', width: 12, value: (s) => s.n },
      { header: '% benar', type: 'number', width: 10, numFmt: '0.0', value: (s) => Math.round(s.pCorrect * 1000) / 10 },
      { header: 'Daya beda (27%)', type: 'number', width: 16, numFmt: '0.00', value: (s) => s.discrimination },
      { header: 'Point-biserial', type: 'number', width: 14, numFmt: '0.00', value: (s) => s.pointBiserial },
      { header: 'Pilihan (jumlah)', type: 'text', width: 36, value: (s) => s.choices.map((c) => `${c.key}: ${c.count}`).join(', ') },
      { header: 'Kosong', type: 'integer', width: 9, value: (s) => s.blank },
      { header: 'Catatan', type: 'text', width: 40, value: (s) => s.flags.map((f) => ITEM_FLAG_LABELS[f].id).join('; ') },
    ],
    rows: items,
  }
}

export interface BatchAssessmentsFile {
  filename: string
  /** Streams the workbook to `out`, or resolves its bytes without one. */
  write(out?: NodeJS.WritableStream): Promise<Buffer | undefined>
}

/**
 * The batch's assessment report as an XLSX workbook, through the one spreadsheet writer:
 * one sheet of candidates with status, completion time and score per assessment, one of
 * written-test item statistics. The export is audited, since it carries personal data
 * out of the system; the workbook is streamed, never held whole.
 */
export async function openBatchAssessmentsExport(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<BatchAssessmentsFile> {
  const parsed = Input.safeParse(input)
  if (!parsed.success) throw new ValidationError({ batchId: parsed.error.issues.map((i) => i.message) })
  const report = await getBatchAssessmentReport(ctx, parsed.data)
  const stats = await getWrittenTestItemStatistics(ctx, parsed.data)
  const [inst] = await ctx.db.select({ name: institution.name }).from(institution).where(eq(institution.id, report.batch.institutionId))

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
  return {
    filename: `asesmen-${slug}.xlsx`,
    write: (out) =>
      writeWorkbook(
        {
          title: 'Laporan asesmen gelombang',
          institutionName: inst?.name ?? '',
          timeZone: report.timeZone,
          generatedAt: ctx.now,
          generatedBy: ctx.actor.kind === 'system' ? 'Latih' : ctx.actor.displayName,
          details: [
            ['Program', report.batch.programmeName],
            ['Gelombang', report.batch.label],
            ['Peserta', String(report.rows.length)],
          ],
        },
        [peopleSheet(report.rows), itemsSheet(stats.items)],
        out,
      ),
  }
}

/** The same report as bytes (tests, small batches). */
export async function exportBatchAssessments(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ filename: string; bytes: Uint8Array }> {
  const file = await openBatchAssessmentsExport(ctx, input)
  const bytes = (await file.write())!
  return { filename: file.filename, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }
}
