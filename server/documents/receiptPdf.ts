import { GREY, pdfmake } from './pdf'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import QRCode from 'qrcode'
import { formatDateId } from '../../domain/calendar'
import { formatZonedDateTime, timeZoneAbbreviation } from '../../domain/zonedTime'
import { batchLabel } from '../registrations/batchLabel'

/** Everything printed on a registration receipt ("tanda pendaftaran"). */
export interface ReceiptData {
  institution: { name: string; address: string; timeZone: string }
  number: string
  candidate: { fullName: string; nikMasked: string }
  programme: { name: string; location: string; requiredDocuments: string[] }
  batch: {
    number: number
    year: number
    assessmentDeadline: Date
    interviewStartsAt: Date
    interviewEndsAt: Date
    plenaryAt: Date
    announcementAt: Date
    reRegistrationDeadline: Date
    /** 'YYYY-MM-DD' */
    trainingStartsOn: string
    trainingEndsOn: string
  }
  registeredAt: Date
  /** Set when the registration was withdrawn: the receipt is marked as no longer valid. */
  withdrawnAt: Date | null
  /** The signed public page that confirms this receipt is genuine (also in the QR code). */
  verificationUrl: string
}



/** The receipt as a one-page A4 PDF. CPU-bound: call it outside any transaction. */
export async function renderReceiptPdf(data: ReceiptData): Promise<Buffer> {
  const tz = data.institution.timeZone
  const when = (d: Date) => formatZonedDateTime(d, tz, 'id')
  const b = data.batch
  const qrSvg = await QRCode.toString(data.verificationUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 })

  const facts: Array<[string, string]> = [
    ['Nama', data.candidate.fullName],
    ['NIK', data.candidate.nikMasked],
    ['Program pelatihan', data.programme.name],
    ['Gelombang', batchLabel(b)],
    ['Tempat pelatihan', data.programme.location],
    ['Tanggal pendaftaran', when(data.registeredAt)],
  ]

  const steps: Array<[string, string]> = [
    [
      'Asesmen Penilaian Diri, Asesmen Potensi Diri dan Asesmen Siap Latih (tes tulis), di aplikasi Latih',
      `paling lambat ${when(b.assessmentDeadline)}`,
    ],
    ['Pengumuman hasil tes tulis di menu Aktivitas', `sebelum ${when(b.interviewStartsAt)}`],
    ['Wawancara, bagi yang lulus tes tulis dan diundang', `${when(b.interviewStartsAt)} s.d. ${when(b.interviewEndsAt)}`],
    ['Pleno hasil seleksi', when(b.plenaryAt)],
    ['Pengumuman hasil seleksi (e-mail, Aktivitas dan media sosial resmi)', when(b.announcementAt)],
    ['Daftar ulang, wajib bagi yang lulus', `paling lambat ${when(b.reRegistrationDeadline)}`],
    ['Pelatihan', `${formatDateId(b.trainingStartsOn)} s.d. ${formatDateId(b.trainingEndsOn)}`],
  ]

  const documents: Content =
    data.programme.requiredDocuments.length > 0
      ? { ul: data.programme.requiredDocuments, margin: [0, 0, 0, 8] }
      : { text: 'Tidak ada dokumen khusus.', margin: [0, 0, 0, 8] }

  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    info: { title: `Tanda Pendaftaran ${data.number}`, author: data.institution.name, subject: 'Tanda Pendaftaran' },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    footer: {
      text: 'Tanda pendaftaran ini dibuat oleh sistem Latih dan sah tanpa tanda tangan. Keasliannya dapat diperiksa melalui kode QR atau alamat di atas.',
      fontSize: 8,
      color: GREY,
      margin: [40, 10, 40, 0],
    },
    // A withdrawn registration's receipt says so on every page, across the page and at its head.
    ...(data.withdrawnAt
      ? { watermark: { text: 'DIBATALKAN / MUNDUR', color: '#b42318', opacity: 0.18, bold: true, angle: -45 } }
      : {}),
    content: [
      ...(data.withdrawnAt
        ? [
            {
              table: {
                widths: ['*'],
                body: [
                  [
                    {
                      text: [
                        { text: 'DIBATALKAN / MUNDUR', bold: true, fontSize: 14 },
                        `\nPendaftaran ini telah dibatalkan (mundur) pada ${when(data.withdrawnAt)}. Tanda pendaftaran ini tidak berlaku lagi.`,
                      ],
                      color: '#b42318',
                      alignment: 'center' as const,
                      margin: [0, 4, 0, 4] as [number, number, number, number],
                    },
                  ],
                ],
              },
              margin: [0, 0, 0, 10] as [number, number, number, number],
            },
          ]
        : []),
      { text: data.institution.name, bold: true, fontSize: 14 },
      { text: data.institution.address, fontSize: 9, color: GREY, margin: [0, 2, 0, 6] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 515, y2: 0, lineWidth: 1, lineColor: '#0b5cad' }] },
      { text: 'TANDA PENDAFTARAN', bold: true, fontSize: 18, alignment: 'center', margin: [0, 14, 0, 2] },
      { text: 'Pelatihan Berbasis Kompetensi', alignment: 'center', color: GREY, margin: [0, 0, 0, 12] },
      {
        columns: [
          {
            width: '*',
            stack: [
              { text: 'Nomor pendaftaran', color: GREY },
              { text: data.number, bold: true, fontSize: 22, margin: [0, 0, 0, 10] },
              {
                table: {
                  widths: [110, '*'],
                  body: facts.map(([label, value]) => [{ text: label, color: GREY }, { text: value, bold: true }]),
                },
                layout: 'noBorders',
              },
            ],
          },
          {
            width: 120,
            stack: [
              { svg: qrSvg, width: 110, alignment: 'center' },
              { text: 'Pindai untuk memeriksa keaslian', fontSize: 7, color: GREY, alignment: 'center', margin: [0, 4, 0, 0] },
            ],
          },
        ],
        columnGap: 12,
      },
      { text: 'Alamat pemeriksaan keaslian:', fontSize: 8, color: GREY, margin: [0, 8, 0, 0] },
      { text: data.verificationUrl, fontSize: 8, margin: [0, 0, 0, 12] },
      { text: 'Langkah selanjutnya', bold: true, fontSize: 12, margin: [0, 4, 0, 4] },
      {
        table: {
          headerRows: 1,
          widths: ['*', 190],
          body: [
            [
              { text: 'Tahap', bold: true },
              { text: `Jadwal (${timeZoneAbbreviation(tz)})`, bold: true },
            ],
            ...steps.map(([step, date]) => [step, date]),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 12],
      },
      { text: 'Dokumen yang dibawa', bold: true, fontSize: 12, margin: [0, 4, 0, 4] },
      documents,
      {
        text: 'Pantau menu Aktivitas di aplikasi Latih dan e-mail Anda untuk hasil setiap tahap. Simpan tanda pendaftaran ini sebagai salah satu dokumen seleksi.',
        fontSize: 9,
        color: GREY,
      },
    ],
  }
  return pdfmake.createPdf(doc).getBuffer()
}
