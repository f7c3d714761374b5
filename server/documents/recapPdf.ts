import { GREY, pdfmake } from './pdf'
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { RECAP_SECTIONS, type Recap } from '../recap/getRecap'
import type { RecapSectionKey } from '../recap/recapCharts'

// The registration recap as an A4 PDF: each section's server-drawn chart (the same SVG
// as the page) beside its table of counts.


const number = (n: number) => new Intl.NumberFormat('id-ID').format(n)

/** CPU-bound: call it outside any transaction. */
export async function renderRecapPdf(recap: Recap, charts: Record<RecapSectionKey, string>, generatedBy: string): Promise<Buffer> {
  const share = (n: number) => (recap.total === 0 ? '0' : new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format((n / recap.total) * 100))
  const sections: Content[] = RECAP_SECTIONS.map(([key, title]): Content => ({
    unbreakable: true,
    margin: [0, 10, 0, 0],
    stack: [
      { text: title, bold: true, fontSize: 12, margin: [0, 0, 0, 4] },
      {
        columns: [
          { width: 270, svg: charts[key], fit: [270, 260] },
          {
            width: '*',
            table: {
              headerRows: 1,
              widths: ['*', 'auto', 'auto'],
              body: [
                [{ text: 'Kategori', bold: true }, { text: 'Jumlah', bold: true, alignment: 'right' }, { text: '%', bold: true, alignment: 'right' }],
                ...recap[key].map((r): TableCell[] => [r.label, { text: number(r.count), alignment: 'right' }, { text: share(r.count), alignment: 'right' }]),
              ],
            },
            layout: 'lightHorizontalLines',
            fontSize: 9,
          },
        ],
        columnGap: 12,
      },
    ],
  }))
  const batches: Content[] =
    recap.batches.length === 0
      ? []
      : [
          { text: 'Per gelombang', bold: true, fontSize: 12, margin: [0, 12, 0, 4] },
          {
            table: {
              headerRows: 1,
              widths: ['*', 'auto', 'auto', 'auto', 'auto'],
              body: [
                ['Program', 'Gelombang', 'Pendaftar', 'Lulus', 'Daftar ulang'].map((h) => ({ text: h, bold: true })),
                ...recap.batches.map((b) => [b.programmeName, b.label, number(b.total), number(b.passed), number(b.reRegistered)]),
              ],
            },
            layout: 'lightHorizontalLines',
            fontSize: 9,
          },
        ]
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    info: { title: recap.title, author: recap.institutionName, subject: 'Rekap pendaftaran' },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    footer: (page, pages) => ({
      text: `Dibuat oleh ${generatedBy} lewat Latih, ${formatZonedDateTime(recap.generatedAt, recap.timeZone)} · halaman ${page}/${pages}`,
      fontSize: 8,
      color: GREY,
      margin: [40, 10, 40, 0],
    }),
    content: [
      { text: recap.institutionName, bold: true, fontSize: 13 },
      { text: recap.title.toUpperCase(), bold: true, fontSize: 15, margin: [0, 6, 0, 2] },
      { text: `Jumlah pendaftaran: ${number(recap.total)}`, margin: [0, 0, 0, 6] },
      ...sections,
      ...batches,
    ],
  }
  return pdfmake.createPdf(doc).getBuffer()
}
