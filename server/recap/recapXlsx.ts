import { actorName } from '../plenary/access'
import type { UseCaseContext } from '../context'
import { writeWorkbook, type SheetSpec } from '../documents/spreadsheet/writer'
import { RECAP_SECTIONS, type Recap } from './getRecap'
import type { RecapRow } from './recapRules'

/** The recap as XLSX through the one writer: one sheet per section (count and share), and the batches. */
export async function writeRecapXlsx(ctx: UseCaseContext, recap: Recap, out?: NodeJS.WritableStream): Promise<Buffer | undefined> {
  const share = (r: RecapRow) => (recap.total === 0 ? 0 : Math.round((r.count / recap.total) * 1000) / 10)
  const sheets: SheetSpec[] = RECAP_SECTIONS.map(([key, title]) => ({
    name: title.replace(/^Menurut /, '').replace(/ \(.*\)$/, ''),
    columns: [
      { header: title, type: 'text', value: (r: RecapRow) => r.label, width: 36 },
      { header: 'Jumlah', type: 'integer', value: (r: RecapRow) => r.count, width: 12 },
      { header: key === 'funnel' ? '% dari pendaftar' : '%', type: 'number', value: share, width: 16, numFmt: '0.0' },
    ],
    rows: recap[key],
  }))
  if (recap.batches.length > 0) {
    sheets.push({
      name: 'Gelombang',
      columns: [
        { header: 'Program', type: 'text', value: (b: Recap['batches'][number]) => b.programmeName, width: 30 },
        { header: 'Gelombang', type: 'text', value: (b: Recap['batches'][number]) => b.label, width: 18 },
        { header: 'Pendaftar', type: 'integer', value: (b: Recap['batches'][number]) => b.total },
        { header: 'Lulus seleksi', type: 'integer', value: (b: Recap['batches'][number]) => b.passed },
        { header: 'Daftar ulang', type: 'integer', value: (b: Recap['batches'][number]) => b.reRegistered },
      ],
      rows: recap.batches,
    })
  }
  const details: Array<[string, string]> = [['Jumlah pendaftaran', String(recap.total)]]
  if (recap.batch) details.unshift(['Program', recap.batch.programmeName], ['Gelombang', recap.batch.label])
  if (recap.year !== null) details.unshift(['Tahun', String(recap.year)])
  return writeWorkbook(
    { title: recap.title, institutionName: recap.institutionName, timeZone: recap.timeZone, generatedAt: recap.generatedAt, generatedBy: actorName(ctx), details },
    sheets,
    out,
  )
}

export function recapFileName(recap: Recap, ext: 'xlsx' | 'pdf'): string {
  const base = recap.batch ? `rekap-${recap.batch.programmeName}-${recap.batch.label}` : `rekap-${recap.institutionName}${recap.year ? `-${recap.year}` : ''}`
  return `${base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.${ext}`
}
