import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import { GREY, pdfmake } from './pdf'
import { formatZonedDate } from '../../domain/zonedTime'
import type { HandoverView } from '../handover/getHandover'
import { COMPACT_TABLE } from './nominativeListPdf'

const BLUE = '#0b5cad'

const SECTION_NAMES: Record<string, string> = {
  Pemberdayaan: 'Subkoordinator Pemberdayaan',
  Penyelenggaraan: 'Subkoordinator Penyelenggaraan',
}

/**
 * "Berita Acara Serah Terima" (2024 SOP, SOP step 11) as an A4 portrait PDF: number and
 * date, the handing (Pemberdayaan) and receiving (Penyelenggaraan) sections, the batch,
 * the number of participants, a document-completeness table per participant, and the
 * signature blocks of both sides. Fonts and policies are set by nominativeListPdf.
 */
export async function renderHandoverMinutesPdf(h: HandoverView): Promise<Buffer> {
  const tz = h.timeZone
  const date = formatZonedDate(h.createdAt, tz, 'id')
  const mark = (ok: boolean): TableCell => ({ text: ok ? 'Ada' : 'Tidak ada', alignment: 'center', color: ok ? '#1d6b2f' : '#a04000', bold: !ok })
  const rows: TableCell[][] = h.participants.map((p, i) => [
    { text: String(i + 1), alignment: 'right' },
    p.number,
    p.fullName,
    mark(p.documents.ktp),
    mark(p.documents.diploma),
    mark(p.documents.receipt),
    { text: p.documents.ktp && p.documents.diploma && p.documents.receipt ? 'Lengkap' : 'Belum lengkap', bold: true },
  ])
  const complete = h.participants.filter((p) => p.documents.ktp && p.documents.diploma && p.documents.receipt).length
  const handing = SECTION_NAMES[h.handingSection] ?? h.handingSection
  const receiving = SECTION_NAMES[h.receivingSection] ?? h.receivingSection
  const sign = (side: string, role: string, name: string | null) => ({
    width: '*',
    stack: [
      { text: side, bold: true },
      { text: role, color: GREY },
      { text: ' ', margin: [0, 0, 0, 44] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 200, y2: 0, lineWidth: 0.5 }] },
      { text: name ?? '(nama dan NIP)', margin: [0, 2, 0, 0], color: name ? undefined : GREY },
    ],
  }) as Content
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 48],
    info: { title: `Berita Acara Serah Terima ${h.number}`, author: h.institutionName, subject: 'Berita Acara Serah Terima Peserta' },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2 },
    footer: (current, total) => ({
      columns: [
        { text: `${h.number} · ${h.programmeCode} ${h.batchLabel}`, fontSize: 7, color: GREY },
        { text: `Halaman ${current} dari ${total}`, fontSize: 7, color: GREY, alignment: 'right', width: 90 },
      ],
      margin: [40, 16, 40, 0],
    }),
    content: [
      { text: h.institutionName, bold: true, fontSize: 13 },
      { text: h.institutionAddress, fontSize: 8, color: GREY, margin: [0, 2, 0, 6] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 515, y2: 0, lineWidth: 1, lineColor: BLUE }] },
      { text: 'BERITA ACARA SERAH TERIMA PESERTA PELATIHAN', bold: true, fontSize: 14, alignment: 'center', margin: [0, 12, 0, 2] },
      { text: `Nomor: ${h.number}`, alignment: 'center', margin: [0, 0, 0, 12] },
      {
        text: `Pada tanggal ${date}, yang bertanda tangan di bawah ini:`,
        margin: [0, 0, 0, 6],
      },
      {
        table: {
          widths: [110, '*'],
          body: [
            [{ text: 'Pihak yang menyerahkan', color: GREY }, `${handing} (${h.handingSection})`],
            [{ text: 'Pihak yang menerima', color: GREY }, `${receiving} (${h.receivingSection})${h.receiverName ? `, diterima oleh ${h.receiverName}` : ''}`],
            [{ text: 'Program pelatihan', color: GREY }, `${h.programmeName} (${h.programmeCode})`],
            [{ text: 'Gelombang', color: GREY }, h.batchLabel],
            [{ text: 'Jumlah peserta', color: GREY }, { text: `${h.participants.length} orang`, bold: true }],
          ],
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 8],
      },
      {
        text: `Pihak yang menyerahkan menyerahkan peserta pelatihan hasil seleksi yang telah melakukan daftar ulang, beserta daftar nominatif dan berkas peserta, kepada pihak yang menerima. Dengan serah terima ini, pendaftaran dan seleksi peserta gelombang tersebut selesai. Kelengkapan dokumen masing-masing peserta (diperiksa petugas saat daftar ulang) adalah sebagai berikut; ${complete} dari ${h.participants.length} peserta lengkap.`,
        margin: [0, 0, 0, 8],
      },
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: [20, 100, '*', 40, 44, 56, 58],
          body: [
            ['No.', 'No. pendaftaran', 'Nama', 'KTP', 'Ijazah', 'Formulir pendaftaran', 'Keterangan'].map((text) => ({ text, bold: true, fillColor: '#e8eef6' })),
            ...rows,
          ],
        },
        layout: COMPACT_TABLE,
        fontSize: 8.5,
        margin: [0, 0, 0, 12],
      } as Content,
      { text: 'Lampiran: daftar nominatif peserta dan berkas peserta (dokumen elektronik di aplikasi Latih).', margin: [0, 0, 0, 16] },
      {
        columns: [
          sign('Yang menyerahkan,', handing, h.createdByName),
          sign('Yang menerima,', receiving, h.acknowledgedByName ?? h.receiverName),
        ],
        columnGap: 40,
        unbreakable: true,
      } as Content,
      ...(h.acknowledgedAt
        ? [{ text: `Diterima di aplikasi Latih pada ${formatZonedDate(h.acknowledgedAt, tz, 'id')}${h.acknowledgementNote ? `. Catatan: ${h.acknowledgementNote}` : '.'}`, color: GREY, fontSize: 8, margin: [0, 12, 0, 0] } as Content]
        : []),
    ],
  }
  return pdfmake.createPdf(doc).getBuffer()
}
