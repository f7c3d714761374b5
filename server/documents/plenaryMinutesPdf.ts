import { GREY, pdfmake } from './pdf'
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import QRCode from 'qrcode'
import { formatScaled, OUTCOME_LABELS, RANKING_RULE, TIE_BREAK_CHAIN } from '../../domain/ranking'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { batchLabel } from '../registrations/batchLabel'
import type { SnapshotPayload } from '../plenary/snapshotPayload'

/** What the minutes print: the snapshot exactly as hashed, and where to verify it. */
export interface PlenaryMinutesData {
  payload: SnapshotPayload
  hash: string
  institutionAddress: string
  verificationUrl: string
}


const COMPACT = {
  hLineWidth: (i: number) => (i === 1 ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: () => '#b8c2cc',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
}
const BLUE = '#0b5cad'

/** '72.50' → '72,5'; null → '—'. */
function score(value: string | null): string {
  if (value === null) return '—'
  const [whole, fraction = ''] = value.split('.')
  return formatScaled(Number(`${whole}${fraction}`), fraction.length)
}

const outcome = (o: keyof typeof OUTCOME_LABELS) => OUTCOME_LABELS[o].id

/**
 * "Berita Acara Pleno Hasil Seleksi" as an A4 landscape PDF: number, date, place,
 * attendees, the rules applied, the ranked list with scores and outcomes, the overrides
 * and their reasons, signature blocks, and the snapshot hash with a QR code to its public
 * verification page. CPU-bound: call it outside any transaction.
 */
export async function renderPlenaryMinutesPdf(data: PlenaryMinutesData): Promise<Buffer> {
  const p = data.payload
  const tz = p.institution.timeZone
  const heldOn = p.plenary.heldOn ? formatZonedDateTime(new Date(p.plenary.heldOn), tz, 'id') : '—'
  const label = `${p.programme.name} (${p.programme.code}), ${batchLabel(p.batch)}`
  const withSelf = p.rules.weights.selfAssessment > 0
  const qrSvg = await QRCode.toString(data.verificationUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 })
  const candidates = new Map(p.candidates.map((c) => [c.registrationId, c]))
  const finals = new Map(p.outcomes.map((o) => [o.registrationId, o]))

  const rankingHeader: TableCell[] = [
    'No.',
    'No. pendaftaran',
    'Nama',
    'Tes tulis',
    'Wawancara',
    ...(withSelf ? ['Penilaian diri'] : []),
    'Total',
    'Peringkat',
    'Usulan',
    'Keputusan',
    'Alasan',
  ].map((text) => ({ text, bold: true, fillColor: '#e8eef6' }))
  const rankingBody: TableCell[][] = p.ranking.map((r, i) => {
    const c = candidates.get(r.registrationId)!
    const final = finals.get(r.registrationId)!
    const changed = final.outcome !== r.proposedOutcome
    return [
      String(i + 1),
      { text: c.number, noWrap: true },
      c.name,
      { text: score(c.writtenTest), alignment: 'right' },
      { text: c.interviewAbsent ? 'tidak hadir' : score(c.interview), alignment: 'right' },
      ...(withSelf ? [{ text: score(c.selfAssessment), alignment: 'right' as const }] : []),
      { text: score(r.total), alignment: 'right', bold: true },
      { text: r.rank === null ? '—' : String(r.rank), alignment: 'center' },
      outcome(r.proposedOutcome),
      { text: outcome(final.outcome) + (changed ? ' *' : ''), bold: true },
      { text: r.reason, fontSize: 7 },
    ]
  })

  const overrides: Content =
    p.overrides.length === 0
      ? { text: 'Tidak ada perubahan keputusan terhadap usulan peringkat.', margin: [0, 0, 0, 8] }
      : {
          table: {
            headerRows: 1,
            widths: [90, 130, 110, '*', 110],
            body: [
              ['No. pendaftaran', 'Nama', 'Usulan menjadi keputusan', 'Alasan', 'Diputuskan oleh'].map((text) => ({ text, bold: true })),
              ...p.overrides.map((o) => {
                const c = candidates.get(o.registrationId)!
                const proposed = p.ranking.find((r) => r.registrationId === o.registrationId)!.proposedOutcome
                return [
                  c.number,
                  c.name,
                  `${outcome(proposed)} menjadi ${outcome(o.outcome)}`,
                  o.reason,
                  `${o.decidedBy}, ${formatZonedDateTime(new Date(o.decidedAt), tz, 'id')}`,
                ]
              }),
            ],
          },
          layout: 'lightHorizontalLines',
          margin: [0, 0, 0, 8],
        }

  const amendment: Content[] = p.amendment
    ? [
        { text: `Perubahan ke-${p.version - 1} atas keputusan pleno`, bold: true, fontSize: 12, margin: [0, 6, 0, 4], color: '#a04000' },
        { text: `Alasan perubahan: ${p.amendment.reason}`, margin: [0, 0, 0, 2] },
        {
          ul: p.amendment.changes.map((c) => `${c.number} ${candidates.get(c.registrationId)?.name ?? ''}: ${outcome(c.from)} menjadi ${outcome(c.to)}`),
          margin: [0, 0, 0, 2],
        },
        { text: `Menggantikan versi ${p.version - 1} dengan sidik SHA-256 ${p.previousHash}.`, fontSize: 8, color: GREY, margin: [0, 0, 0, 8] },
      ]
    : []

  const attendees = p.plenary.attendees
  const signatureRows: Content[] = []
  for (let i = 0; i < attendees.length; i += 3) {
    signatureRows.push({
      columns: attendees.slice(i, i + 3).map((a) => ({
        width: '*',
        stack: [
          { text: a.role, color: GREY },
          { text: ' ', margin: [0, 0, 0, 34] },
          { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 170, y2: 0, lineWidth: 0.5 }] },
          { text: a.name, bold: true, margin: [0, 2, 0, 0] },
        ],
      })),
      columnGap: 20,
      margin: [0, 0, 0, 16],
      unbreakable: true,
    } as Content)
  }

  const rules: Array<[string, string]> = [
    [
      'Bobot nilai',
      `Tes tulis ${p.rules.weights.writtenTest}%, wawancara ${p.rules.weights.interview}%` +
        (withSelf ? `, asesmen penilaian diri ${p.rules.weights.selfAssessment}%` : ''),
    ],
    ['Batas lulus tes tulis', score(p.rules.passMark)],
    ['Kuota', `${p.rules.quota} orang`],
    ['Cadangan', `${p.rules.reserveCount} orang`],
    ['Nilai wawancara', p.rules.interviewScore],
    ...(withSelf ? [['Nilai asesmen penilaian diri', p.rules.selfAssessmentScore] as [string, string]] : []),
  ]

  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 36, 36, 48],
    info: { title: `Berita Acara Pleno Hasil Seleksi ${p.plenary.minutesNumber}`, author: p.institution.name, subject: 'Berita Acara Pleno Hasil Seleksi' },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    footer: (current, total) => ({
      columns: [
        { text: `${p.plenary.minutesNumber} · versi ${p.version} · SHA-256 ${data.hash}`, fontSize: 7, color: GREY },
        { text: `Halaman ${current} dari ${total}`, fontSize: 7, color: GREY, alignment: 'right', width: 90 },
      ],
      margin: [36, 16, 36, 0],
    }),
    content: [
      { text: p.institution.name, bold: true, fontSize: 13 },
      { text: data.institutionAddress, fontSize: 8, color: GREY, margin: [0, 2, 0, 6] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 770, y2: 0, lineWidth: 1, lineColor: BLUE }] },
      { text: 'BERITA ACARA PLENO HASIL SELEKSI', bold: true, fontSize: 16, alignment: 'center', margin: [0, 10, 0, 2] },
      { text: `Nomor: ${p.plenary.minutesNumber}`, alignment: 'center', margin: [0, 0, 0, 2] },
      {
        text: p.kind === 'amendment' ? `Versi ${p.version} (perubahan)` : 'Versi 1 (keputusan pleno)',
        alignment: 'center',
        color: GREY,
        margin: [0, 0, 0, 10],
      },
      {
        // The hash and its QR code on the first page: whoever holds page 1 can check it.
        columns: [
          {
            width: '*',
            stack: [
              { text: 'Sidik (SHA-256) keputusan pleno yang tersimpan', bold: true },
              { text: data.hash, fontSize: 9, margin: [0, 2, 0, 4] },
              { text: 'Periksa keaslian berita acara ini dengan memindai kode QR atau membuka:', color: GREY, fontSize: 8 },
              { text: data.verificationUrl, fontSize: 8 },
              {
                text: 'Sidik dihitung dari data keputusan lengkap (nilai, bobot, urutan pemutus, peringkat, perubahan dan alasannya) dalam bentuk JSON kanonis. Halaman pemeriksaan tidak menampilkan nama.',
                color: GREY,
                fontSize: 7,
                margin: [0, 4, 0, 0],
              },
            ],
          },
          { width: 80, stack: [{ svg: qrSvg, width: 76, alignment: 'right' }] },
        ],
        columnGap: 12,
        margin: [0, 0, 0, 10],
      },
      {
        text: `Pada ${heldOn}, bertempat di ${p.plenary.place || '—'}, panitia seleksi ${p.institution.name} melaksanakan pleno hasil seleksi calon peserta pelatihan ${label}. Keputusan ditetapkan oleh ${p.decidedBy} pada ${formatZonedDateTime(new Date(p.decidedAt), tz, 'id')} dengan hasil sebagai berikut.`,
        margin: [0, 0, 0, 8],
      },
      ...amendment,
      { text: '1. Yang hadir', bold: true, fontSize: 11, margin: [0, 4, 0, 4] },
      attendees.length === 0
        ? { text: 'Tidak tercatat.', margin: [0, 0, 0, 8] }
        : {
            table: {
              headerRows: 1,
              widths: [24, 260, '*'],
              body: [
                ['No.', 'Nama', 'Peran dalam pleno'].map((text) => ({ text, bold: true })),
                ...attendees.map((a, i) => [String(i + 1), a.name, a.role]),
              ],
            },
            layout: 'lightHorizontalLines',
            margin: [0, 0, 0, 8],
          },
      { text: '2. Ketentuan yang diterapkan', bold: true, fontSize: 11, margin: [0, 4, 0, 4] },
      {
        table: { widths: [150, '*'], body: rules.map(([k, v]) => [{ text: k, color: GREY }, v]) },
        layout: 'noBorders',
        margin: [0, 0, 0, 4],
      },
      { text: RANKING_RULE.id, margin: [0, 0, 0, 4] },
      { text: 'Urutan pemutus bila nilai total sama:', margin: [0, 0, 0, 2] },
      { ol: TIE_BREAK_CHAIN.map((s) => s.id), margin: [0, 0, 0, 8] },
      { text: '3. Hasil peringkat dan keputusan', bold: true, fontSize: 11, margin: [0, 4, 0, 4] },
      {
        text: `Lulus ${p.counts.passed} orang, cadangan ${p.counts.reserve} orang, tidak lulus ${p.counts.notPassed} orang. Tanda * menandai keputusan yang berbeda dari usulan peringkat (lihat bagian 4${p.amendment ? ' dan perubahan di atas' : ''}).`,
        margin: [0, 0, 0, 4],
      },
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: [18, 90, 100, 36, 44, ...(withSelf ? [40] : []), 38, 42, 46, 52, '*'],
          body: [rankingHeader, ...rankingBody],
        },
        // Tight rows: a batch of 1,000 still prints as a readable document.
        layout: COMPACT,
        fontSize: 8,
        margin: [0, 0, 0, 10],
      },
      { text: '4. Perubahan keputusan terhadap usulan', bold: true, fontSize: 11, margin: [0, 4, 0, 4] },
      overrides,
      // The heading stays with the signature blocks (a few rows fit on one page).
      {
        stack: [{ text: '5. Tanda tangan yang hadir', bold: true, fontSize: 11, margin: [0, 8, 0, 8] }, ...signatureRows],
        unbreakable: attendees.length <= 9,
      },
    ],
  }
  return pdfmake.createPdf(doc).getBuffer()
}

