import { Link } from 'react-router'
import type { Route } from './+types/staf_.gelombang.$batchId.asesmen._index'
import { STATE_LABELS, isRegistrationState } from '../../domain/registrationStates'
import { getBatchAssessmentReport, type StaffKindCell } from '../../server/assessments/getBatchAssessmentReport'
import { ASSESSMENT_KINDS, KIND_LABELS } from '../../server/assessments/kinds'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'

export function meta() {
  return [{ title: 'Asesmen gelombang — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const report = await getBatchAssessmentReport(ctx, { batchId: params.batchId }).catch(loaderFailure)
  return { report }
}

const text = defineText({
  id: {
    title: 'Asesmen',
    deadline: 'Batas asesmen',
    published: 'Hasil tes tulis diumumkan',
    notPublished: 'belum',
    summary: 'Ringkasan',
    kind: 'Asesmen',
    notStarted: 'Belum mulai',
    inProgress: 'Sedang dikerjakan',
    completed: 'Selesai',
    config: 'Pengaturan',
    questions: '{n} soal',
    minutes: '{n} menit',
    untimed: 'tanpa batas waktu',
    passMark: 'batas lulus {n}',
    notConfigured: 'belum diatur',
    stats: 'Statistik soal tes tulis',
    export: 'Unduh XLSX',
    candidates: 'Pendaftar',
    number: 'No. pendaftaran',
    name: 'Nama',
    state: 'Status',
    none: 'Belum ada pendaftar di gelombang ini.',
    reused: 'hasil sebelumnya',
    timeUp: 'waktu habis',
    passed: 'lulus batas',
    failed: 'di bawah batas',
    answered: '{n}/{total} terjawab',
    endsAt: 'berakhir {time}',
    score: 'nilai {n}',
    mean: 'rata-rata {n}',
    staffHome: 'Beranda staf',
  },
  en: {
    title: 'Assessments',
    deadline: 'Assessment deadline',
    published: 'Written-test results published',
    notPublished: 'not yet',
    summary: 'Summary',
    kind: 'Assessment',
    notStarted: 'Not started',
    inProgress: 'In progress',
    completed: 'Done',
    config: 'Settings',
    questions: '{n} questions',
    minutes: '{n} minutes',
    untimed: 'no time limit',
    passMark: 'pass mark {n}',
    notConfigured: 'not set up',
    stats: 'Written-test item statistics',
    export: 'Download XLSX',
    candidates: 'Candidates',
    number: 'Registration no.',
    name: 'Name',
    state: 'State',
    none: 'Nobody has registered for this batch yet.',
    reused: 'earlier result',
    timeUp: 'time ran out',
    passed: 'at or above pass mark',
    failed: 'below pass mark',
    answered: '{n}/{total} answered',
    endsAt: 'ends {time}',
    score: 'score {n}',
    mean: 'mean {n}',
    staffHome: 'Staff home',
  },
})

function Cell({ cell, written }: { cell: StaffKindCell; written: boolean }) {
  const t = useText(text)
  const format = useFormat()
  if (cell.status === 'not_started') return <span>{t.notStarted}</span>
  if (cell.status === 'in_progress') {
    return (
      <span>
        <span className="badge badge-warn">{t.inProgress}</span>
        <br />
        <span className="small">
          {t.answered.replace('{n}', String(cell.answered)).replace('{total}', String(cell.total))}
          {cell.endsAt ? `, ${t.endsAt.replace('{time}', format.dateTime(cell.endsAt))}` : ''}
        </span>
      </span>
    )
  }
  const value = cell.score === null ? '—' : format.number(cell.score)
  return (
    <span>
      <span className="badge badge-ok">{t.completed}</span>{' '}
      <strong>{written ? t.score.replace('{n}', value) : t.mean.replace('{n}', value)}</strong>
      {written && cell.correctCount !== null ? ` (${cell.correctCount}/${cell.total})` : ''}
      {cell.passed === true ? `, ${t.passed}` : cell.passed === false ? `, ${t.failed}` : ''}
      <br />
      <span className="small">
        {format.dateTime(cell.completedAt)}
        {cell.submitReason === 'time_up' ? `, ${t.timeUp}` : ''}
        {cell.reused ? `, ${t.reused}` : ''}
      </span>
    </span>
  )
}

export default function BatchAssessmentsPage({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const { report } = loaderData
  const base = `/staf/gelombang/${report.batch.id}/asesmen`
  return (
    <>
      <p className="small">
        <Link to="/staf">{t.staffHome}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {report.batch.programmeName}, {report.batch.label}</span>
      </h1>
      <dl className="facts">
        <dt>{t.deadline}</dt>
        <dd>{format.dateTime(report.batch.assessmentDeadline)}</dd>
        <dt>{t.published}</dt>
        <dd>{report.batch.writtenTestPublishedAt ? format.dateTime(report.batch.writtenTestPublishedAt) : t.notPublished}</dd>
      </dl>
      <div className="actions">
        <Link className="button secondary" to={`${base}/soal`}>
          {t.stats}
        </Link>
        <a className="button secondary" href={`${base}/ekspor`} download>
          {t.export}
        </a>
      </div>
      <h2 id="summary-title">{t.summary}</h2>
      {/* Focusable, so a keyboard can scroll a table wider than the phone. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="summary-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.kind}</th>
              <th scope="col">{t.notStarted}</th>
              <th scope="col">{t.inProgress}</th>
              <th scope="col">{t.completed}</th>
              <th scope="col">{t.config}</th>
            </tr>
          </thead>
          <tbody>
            {ASSESSMENT_KINDS.map((k) => {
              const c = report.configs[k]
              return (
                <tr key={k}>
                  <th scope="row">{KIND_LABELS[k][locale]}</th>
                  <td>{report.summary[k].notStarted}</td>
                  <td>{report.summary[k].inProgress}</td>
                  <td>{report.summary[k].completed}</td>
                  <td>
                    {c
                      ? [
                          t.questions.replace('{n}', String(c.questionCount)),
                          c.timeLimitMinutes ? t.minutes.replace('{n}', String(c.timeLimitMinutes)) : t.untimed,
                          c.passMark !== null ? t.passMark.replace('{n}', format.number(c.passMark)) : null,
                        ]
                          .filter(Boolean)
                          .join(', ')
                      : t.notConfigured}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <h2 id="candidates-title">{t.candidates}</h2>
      {report.rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="candidates-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.number}</th>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.state}</th>
                {ASSESSMENT_KINDS.map((k) => (
                  <th scope="col" key={k}>
                    {KIND_LABELS[k][locale]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.registrationId}>
                  <td>{r.number}</td>
                  <th scope="row">{r.fullName}</th>
                  <td>{isRegistrationState(r.state) ? STATE_LABELS[r.state][locale] : r.state}</td>
                  {ASSESSMENT_KINDS.map((k) => (
                    <td key={k}>
                      <Cell cell={r.kinds[k]} written={k === 'written_test'} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
