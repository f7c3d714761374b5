import { GREY, pdfmake } from './pdf'
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import { formatZonedDate, formatZonedDateTime } from '../../domain/zonedTime'
import type { NominativeList } from '../handover/getNominativeList'


const BLUE = '#0b5cad'

export const COMPACT_TABLE = {
  hLineWidth: () => 0.4,
  vLineWidth: () => 0.4,
  hLineColor: () => '#9aa3ad',
  vLineColor: () => '#9aa3ad',
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
  paddingLeft: () => 3,
  paddingRight: () => 3,
}

/** '2001-05-15' → '15 Mei 2001' (a calendar date, no zone shift). */
function birthDate(value: string | null, timeZone: string): string {
  if (!value) return '—'
  return formatZonedDate(new Date(`${value}T12:00:00Z`), timeZone, 'id')
}

/**
 * The nominative list (daftar nominatif, SOP step 11) as an A4 landscape PDF: no., full
 * name, full NIK, sex, place and date of birth, address, last education and mobile
 * number of every re-registered participant. CPU-bound: call it outside any transaction.
 */
export async function renderNominativeListPdf(list: NominativeList): Promise<Buffer> {
  const tz = list.institution.timeZone
  const header: TableCell[] = ['No.', 'Nama lengkap', 'NIK', 'Jenis kelamin', 'Tempat, tanggal lahir', 'Alamat', 'Pendidikan terakhir', 'Nomor HP'].map(
    (text) => ({ text, bold: true, fillColor: '#e8eef6' }),
  )
  const body: TableCell[][] = list.participants.map((p) => [
    { text: String(p.no), alignment: 'right' },
    { text: p.fullName, bold: true },
    p.nik,
    p.sex || '—',
    `${p.birthPlace || '—'}, ${birthDate(p.birthDate, tz)}`,
    { text: p.address || '—', fontSize: 7 },
    p.education || '—',
    p.phone,
  ])
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [30, 36, 30, 44],
    info: { title: `Daftar Nominatif Peserta ${list.programme.name} ${list.batch.label}`, author: list.institution.name, subject: 'Daftar Nominatif' },
    defaultStyle: { font: 'Roboto', fontSize: 8, lineHeight: 1.1 },
    footer: (current, total) => ({
      columns: [
        {
          text: `Daftar nominatif ${list.programme.code} ${list.batch.label} · dibuat ${formatZonedDateTime(list.generatedAt, tz, 'id')} oleh ${list.generatedBy} · memuat NIK lengkap: data pribadi`,
          fontSize: 7,
          color: GREY,
        },
        { text: `Halaman ${current} dari ${total}`, fontSize: 7, color: GREY, alignment: 'right', width: 90 },
      ],
      margin: [30, 14, 30, 0],
    }),
    content: [
      { text: list.institution.name, bold: true, fontSize: 13 },
      { text: list.institution.address, fontSize: 8, color: GREY, margin: [0, 2, 0, 6] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 780, y2: 0, lineWidth: 1, lineColor: BLUE }] },
      { text: 'DAFTAR NOMINATIF PESERTA PELATIHAN', bold: true, fontSize: 15, alignment: 'center', margin: [0, 10, 0, 2] },
      { text: `${list.programme.name} (${list.programme.code}) — ${list.batch.label}`, alignment: 'center', fontSize: 10, margin: [0, 0, 0, 2] },
      {
        text: `Pelatihan ${birthDate(list.batch.trainingStartsOn, tz)} s.d. ${birthDate(list.batch.trainingEndsOn, tz)} · ${list.participants.length} peserta yang sudah daftar ulang`,
        alignment: 'center',
        color: GREY,
        margin: [0, 0, 0, 10],
      },
      {
        table: { headerRows: 1, dontBreakRows: true, widths: [20, 110, 78, 48, 100, '*', 70, 66], body: [header, ...body] },
        layout: COMPACT_TABLE,
      } as Content,
    ],
  }
  return pdfmake.createPdf(doc).getBuffer()
}
