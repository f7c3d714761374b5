import { OUTCOME_LABELS, TIE_BREAK_CHAIN } from '../../domain/ranking'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { writeWorkbook, type SheetSpec } from '../documents/spreadsheet/writer'
import { batchLabel } from '../registrations/batchLabel'
import type { PlenaryMinutes } from './getPlenaryMinutes'

const num = (v: string | null) => (v === null ? null : Number(v))
const outcome = (o: keyof typeof OUTCOME_LABELS) => OUTCOME_LABELS[o].id

/**
 * The minutes as a workbook (through the one spreadsheet writer): the ranked list with
 * scores and outcomes, the overrides, the attendees and the rules, with the snapshot hash
 * on the Keterangan sheet. Built from the stored snapshot only.
 */
export async function renderPlenaryMinutesXlsx(minutes: PlenaryMinutes, generatedBy: string, generatedAt: Date): Promise<Buffer> {
  const p = minutes.payload
  const tz = p.institution.timeZone
  const candidates = new Map(p.candidates.map((c) => [c.registrationId, c]))
  const finals = new Map(p.outcomes.map((o) => [o.registrationId, o]))
  const withSelf = p.rules.weights.selfAssessment > 0
  type RankRow = (typeof p.ranking)[number]

  const ranking: SheetSpec<RankRow> = {
    name: 'Peringkat',
    columns: [
      { header: 'Peringkat', type: 'integer', value: (r) => r.rank, width: 10 },
      { header: 'No. pendaftaran', type: 'text', value: (r) => candidates.get(r.registrationId)!.number, width: 20 },
      { header: 'Nama', type: 'text', value: (r) => candidates.get(r.registrationId)!.name, width: 28 },
      { header: 'Tes tulis', type: 'number', value: (r) => num(candidates.get(r.registrationId)!.writtenTest), numFmt: '0.00' },
      { header: 'Wawancara', type: 'number', value: (r) => num(candidates.get(r.registrationId)!.interview), numFmt: '0.00' },
      { header: 'Kartu wawancara', type: 'integer', value: (r) => candidates.get(r.registrationId)!.interviewScorecards },
      { header: 'Tidak hadir wawancara', type: 'text', value: (r) => (candidates.get(r.registrationId)!.interviewAbsent ? 'ya' : '') },
      ...(withSelf
        ? [{ header: 'Penilaian diri', type: 'number' as const, value: (r: RankRow) => num(candidates.get(r.registrationId)!.selfAssessment), numFmt: '0.00' }]
        : []),
      { header: 'Total', type: 'number', value: (r) => num(r.total), numFmt: '0.0000' },
      { header: 'Usulan', type: 'text', value: (r) => outcome(r.proposedOutcome) },
      { header: 'Keputusan', type: 'text', value: (r) => outcome(finals.get(r.registrationId)!.outcome) },
      { header: 'Dasar keputusan', type: 'text', value: (r) => ({ ranking: 'peringkat', override: 'perubahan pleno', amendment: 'amandemen' })[finals.get(r.registrationId)!.source] },
      { header: 'Alasan', type: 'text', value: (r) => r.reason, width: 60 },
      { header: 'Pemutus seri', type: 'text', value: (r) => (r.tieBrokenBy ? TIE_BREAK_CHAIN.find((s) => s.step === r.tieBrokenBy)!.id : '') },
      { header: 'Undian (SHA-256)', type: 'text', value: (r) => r.lot, width: 66 },
    ],
    rows: p.ranking,
  }
  type Override = (typeof p.overrides)[number]
  const overrides: SheetSpec<Override> = {
    name: 'Perubahan keputusan',
    columns: [
      { header: 'No. pendaftaran', type: 'text', value: (o) => candidates.get(o.registrationId)!.number, width: 20 },
      { header: 'Nama', type: 'text', value: (o) => candidates.get(o.registrationId)!.name, width: 28 },
      { header: 'Usulan', type: 'text', value: (o) => outcome(p.ranking.find((r) => r.registrationId === o.registrationId)!.proposedOutcome) },
      { header: 'Keputusan', type: 'text', value: (o) => outcome(o.outcome) },
      { header: 'Alasan', type: 'text', value: (o) => o.reason, width: 60 },
      { header: 'Diputuskan oleh', type: 'text', value: (o) => o.decidedBy, width: 24 },
      { header: 'Pada', type: 'dateTime', value: (o) => new Date(o.decidedAt) },
    ],
    rows: p.overrides,
  }
  type Attendee = (typeof p.plenary.attendees)[number]
  const attendees: SheetSpec<Attendee> = {
    name: 'Yang hadir',
    columns: [
      { header: 'Nama', type: 'text', value: (a) => a.name, width: 32 },
      { header: 'Peran dalam pleno', type: 'text', value: (a) => a.role, width: 24 },
    ],
    rows: p.plenary.attendees,
  }
  const ruleRows: Array<[string, string]> = [
    ['Bobot tes tulis (%)', String(p.rules.weights.writtenTest)],
    ['Bobot wawancara (%)', String(p.rules.weights.interview)],
    ['Bobot asesmen penilaian diri (%)', String(p.rules.weights.selfAssessment)],
    ['Batas lulus tes tulis', p.rules.passMark],
    ['Kuota', String(p.rules.quota)],
    ['Cadangan', String(p.rules.reserveCount)],
    ...TIE_BREAK_CHAIN.map((s, i): [string, string] => [`Pemutus seri ${i + 1}`, s.id]),
    ['Undian', p.rules.lot],
    ['Nilai wawancara', p.rules.interviewScore],
    ['Nilai asesmen penilaian diri', p.rules.selfAssessmentScore],
  ]
  const rules: SheetSpec<[string, string]> = {
    name: 'Ketentuan',
    columns: [
      { header: 'Ketentuan', type: 'text', value: (r) => r[0], width: 32 },
      { header: 'Nilai', type: 'text', value: (r) => r[1], width: 90 },
    ],
    rows: ruleRows,
  }
  const bytes = await writeWorkbook(
    {
      title: `Berita Acara Pleno Hasil Seleksi ${p.plenary.minutesNumber}`,
      institutionName: p.institution.name,
      timeZone: tz,
      generatedAt,
      generatedBy,
      details: [
        ['Nomor berita acara', p.plenary.minutesNumber],
        ['Program', `${p.programme.name} (${p.programme.code})`],
        ['Gelombang', batchLabel(p.batch)],
        ['Tanggal pleno', p.plenary.heldOn ? formatZonedDateTime(new Date(p.plenary.heldOn), tz, 'id') : '—'],
        ['Tempat', p.plenary.place],
        ['Versi', `${p.version}${p.kind === 'amendment' ? ` (perubahan: ${p.amendment?.reason ?? ''})` : ' (keputusan pleno)'}`],
        ['Ditetapkan', `${p.decidedBy}, ${formatZonedDateTime(new Date(p.decidedAt), tz, 'id')}`],
        ['Hasil', `lulus ${p.counts.passed}, cadangan ${p.counts.reserve}, tidak lulus ${p.counts.notPassed}`],
        ['Sidik SHA-256', minutes.hash],
        ['Pemeriksaan', minutes.verificationUrl],
      ],
    },
    [ranking, overrides, attendees, rules] as SheetSpec[],
  )
  return bytes!
}
