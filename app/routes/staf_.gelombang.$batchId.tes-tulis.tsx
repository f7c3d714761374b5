import { Form, Link, redirect, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/staf_.gelombang.$batchId.tes-tulis'
import { STATE_LABELS, isRegistrationState } from '../../domain/registrationStates'
import { getWrittenTestResults, type WrittenTestRow } from '../../server/selection/getWrittenTestResults'
import { publishWrittenTestResults } from '../../server/selection/publishWrittenTestResults'
import { formatDateTime } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Hasil tes tulis ${data.results.batch.programmeName} ${data.results.batch.label} — Latih` : 'Hasil tes tulis — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const results = await getWrittenTestResults(ctx, { batchId: params.batchId }).catch(loaderFailure)
  return { results }
}

// The confirmation step posts intent=publish with confirm=yes; anything else is refused.
const PublishForm = z.object({
  intent: z.literal('publish', { error: 'Tindakan tidak dikenal.' }),
  confirm: z.literal('yes', { error: 'Konfirmasi pengumuman terlebih dahulu.' }),
})

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, PublishForm)
  if (!parsed.ok) return parsed.response
  try {
    await publishWrittenTestResults(ctx, { batchId: params.batchId })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect(`/staf/gelombang/${params.batchId}/tes-tulis?diumumkan=1`)
}

const text = defineText({
  id: {
    hub: 'Kembali ke seleksi gelombang',
    title: 'Hasil tes tulis',
    passMark: 'Nilai batas lulus',
    noPassMark: 'belum diatur',
    deadline: 'Batas asesmen',
    published: 'Diumumkan',
    notPublished: 'belum',
    summary: '{assessed} peserta dinilai: {passed} lulus, {failed} di bawah batas lulus; {notSat} tidak mengikuti tes.',
    publishedNotice: 'Hasil tes tulis sudah diumumkan. Setiap calon menerima satu e-mail dan melihat hasilnya di Aktivitas.',
    justPublished: 'Hasil tes tulis berhasil diumumkan.',
    preview: 'Belum diumumkan: calon belum melihat nilai. Daftar di bawah adalah hasil yang akan diumumkan.',
    assessed: 'Peserta yang dinilai',
    below: 'Di bawah batas lulus',
    rank: 'No.',
    number: 'No. pendaftaran',
    name: 'Nama',
    score: 'Nilai',
    result: 'Hasil',
    pass: 'Lulus',
    fail: 'Tidak lulus',
    reused: 'hasil sebelumnya',
    noneAssessed: 'Belum ada peserta yang menyelesaikan asesmen.',
    noneBelow: 'Tidak ada peserta di bawah batas lulus.',
    notSat: 'Tidak mengikuti tes tulis',
    notSatLead: 'Belum menyelesaikan ketiga asesmen sebelum batas waktu; tidak diumumkan dan tidak menerima e-mail.',
    noneNotSat: 'Semua pendaftar mengikuti tes tulis.',
    late: 'Selesai asesmen setelah pengumuman',
    lateLead: 'Pendaftaran ini berstatus Asesmen selesai setelah hasil diumumkan; hasilnya tidak diumumkan lagi. Periksa bersama administrator.',
    other: 'Pendaftaran lain: {list}.',
    publishTitle: 'Umumkan hasil',
    publishLead: 'Mengumumkan hasil memindahkan setiap peserta yang dinilai ke Lulus tes tulis atau Tidak lulus tes tulis, menampilkan nilai di Aktivitas, dan mengirim satu e-mail kepada setiap calon. Tindakan ini tidak dapat dibatalkan.',
    publish: 'Umumkan hasil tes tulis…',
    confirmTitle: 'Konfirmasi pengumuman',
    confirmLead: '{assessed} calon akan menerima hasilnya ({passed} lulus, {failed} tidak lulus) dengan batas lulus {passMark}.',
    confirm: 'Ya, umumkan sekarang',
    cancel: 'Batal',
    blockedDeadline: 'Hasil dapat diumumkan setelah batas asesmen, {deadline}.',
    blockedPassMark: 'Nilai batas lulus belum diatur. Minta administrator mengaturnya di pengaturan asesmen gelombang.',
    noRight: 'Hanya panitia seleksi yang dapat mengumumkan hasil.',
    problems: 'Hasil belum dapat diumumkan.',
  },
  en: {
    hub: 'Back to the batch’s selection',
    title: 'Written-test results',
    passMark: 'Pass mark',
    noPassMark: 'not set',
    deadline: 'Assessment deadline',
    published: 'Published',
    notPublished: 'not yet',
    summary: '{assessed} assessed: {passed} passed, {failed} below the pass mark; {notSat} did not sit the test.',
    publishedNotice: 'The written-test results have been published. Each candidate got one e-mail and sees the result under Activity.',
    justPublished: 'The written-test results have been published.',
    preview: 'Not published yet: candidates do not see scores. The list below is what will be published.',
    assessed: 'Assessed candidates',
    below: 'Below the pass mark',
    rank: 'No.',
    number: 'Registration no.',
    name: 'Name',
    score: 'Score',
    result: 'Result',
    pass: 'Passed',
    fail: 'Not passed',
    reused: 'earlier result',
    noneAssessed: 'Nobody has completed the assessments yet.',
    noneBelow: 'Nobody is below the pass mark.',
    notSat: 'Did not sit the written test',
    notSatLead: 'Did not complete the three assessments before the deadline; not published and not mailed.',
    noneNotSat: 'Everyone who registered sat the written test.',
    late: 'Assessed after publication',
    lateLead: 'These registrations became Assessed after the results were published; their results are not published again. Check with an administrator.',
    other: 'Other registrations: {list}.',
    publishTitle: 'Publish the results',
    publishLead: 'Publishing moves every assessed candidate to Passed or Failed the written test, shows the score under Activity, and sends each candidate one e-mail. It cannot be undone.',
    publish: 'Publish the written-test results…',
    confirmTitle: 'Confirm publication',
    confirmLead: '{assessed} candidates will get their result ({passed} passed, {failed} not passed) against a pass mark of {passMark}.',
    confirm: 'Yes, publish now',
    cancel: 'Cancel',
    blockedDeadline: 'Results can be published after the assessment deadline, {deadline}.',
    blockedPassMark: 'No pass mark is set. Ask an administrator to set it in the batch’s assessment settings.',
    noRight: 'Only the selection committee can publish the results.',
    problems: 'The results could not be published.',
  },
})

function ResultsTable({ rows, label, id }: { rows: WrittenTestRow[]; label: string; id: string }) {
  const t = useText(text)
  const locale = useLocale()
  const number = (n: number) => new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB').format(n)
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t.rank}</th>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.score}</th>
            <th scope="col">{t.result}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.registrationId}>
              <td>{i + 1}</td>
              <th scope="row">
                {r.fullName}
                <br />
                <span className="small muted">{r.number}</span>
              </th>
              <td>
                <strong>{number(r.score)}</strong>
                {r.reused ? <span className="small"> ({t.reused})</span> : null}
              </td>
              <td>
                <span className={r.passed ? 'badge badge-ok' : 'badge badge-bad'} style={{ whiteSpace: 'nowrap' }}>
                  {r.passed ? t.pass : t.fail}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export default function WrittenTestResultsPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const busy = useNavigation().state === 'submitting'
  const [search] = useSearchParams()
  const { results } = loaderData
  const b = results.batch
  const dt = (v: Date | string) => formatDateTime(v, locale, results.timeZone)
  const passed = results.assessed.filter((r) => r.passed).length
  const below = results.assessed.filter((r) => !r.passed)
  const published = b.writtenTestPublishedAt !== null
  const confirming = search.get('konfirmasi') === '1' && !published && results.canPublish && results.publishBlocker === null
  const passMarkText = results.passMark === null ? t.noPassMark : String(results.passMark)
  const others = Object.entries(results.otherStates)
    .map(([s, n]) => `${isRegistrationState(s) ? STATE_LABELS[s][locale] : s} ${n}`)
    .join(', ')
  const summary = t.summary
    .replace('{assessed}', String(results.assessed.length))
    .replace('{passed}', String(passed))
    .replace('{failed}', String(below.length))
    .replace('{notSat}', String(results.notSat.length))
  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${b.id}`}>{t.hub}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {b.programmeName}, {b.label}</span>
      </h1>
      {search.get('diumumkan') && published ? <Notice kind="success">{t.justPublished}</Notice> : null}
      <FormErrors state={actionData} title={t.problems} />
      <dl className="facts card">
        <dt>{t.passMark}</dt>
        <dd>{passMarkText}</dd>
        <dt>{t.deadline}</dt>
        <dd>{dt(b.assessmentDeadline)}</dd>
        <dt>{t.published}</dt>
        <dd>{b.writtenTestPublishedAt ? dt(b.writtenTestPublishedAt) : t.notPublished}</dd>
      </dl>
      <p>{summary}</p>
      {published ? <Notice kind="info">{t.publishedNotice}</Notice> : <Notice kind="warning">{t.preview}</Notice>}

      {!published ? (
        <section className="card" aria-labelledby="publish-title">
          <h2 id="publish-title">{confirming ? t.confirmTitle : t.publishTitle}</h2>
          <p>{t.publishLead}</p>
          {!results.canPublish ? (
            <p>{t.noRight}</p>
          ) : results.publishBlocker === 'deadline' ? (
            <p>{t.blockedDeadline.replace('{deadline}', dt(b.assessmentDeadline))}</p>
          ) : results.publishBlocker === 'passMark' ? (
            <p>{t.blockedPassMark}</p>
          ) : confirming ? (
            <Form method="post">
              <p>
                <strong>
                  {t.confirmLead
                    .replace('{assessed}', String(results.assessed.length))
                    .replace('{passed}', String(passed))
                    .replace('{failed}', String(below.length))
                    .replace('{passMark}', passMarkText)}
                </strong>
              </p>
              <input type="hidden" name="intent" value="publish" />
              <input type="hidden" name="confirm" value="yes" />
              <div className="actions">
                <button type="submit" className="primary" disabled={busy}>
                  {t.confirm}
                </button>
                <Link to={`/staf/gelombang/${b.id}/tes-tulis`}>{t.cancel}</Link>
              </div>
            </Form>
          ) : (
            <p>
              <Link className="button" to="?konfirmasi=1#publish-title">
                {t.publish}
              </Link>
            </p>
          )}
        </section>
      ) : null}

      <h2 id="assessed-title">{t.assessed}</h2>
      {results.assessed.length === 0 ? <p>{t.noneAssessed}</p> : <ResultsTable rows={results.assessed} label={t.assessed} id="assessed-title" />}

      <h2 id="below-title">{t.below}</h2>
      {below.length === 0 ? <p>{t.noneBelow}</p> : <ResultsTable rows={below} label={t.below} id="below-title" />}

      <h2 id="notsat-title">{t.notSat}</h2>
      <p className="small">{t.notSatLead}</p>
      {results.notSat.length === 0 ? (
        <p>{t.noneNotSat}</p>
      ) : (
        <ul>
          {results.notSat.map((r) => (
            <li key={r.registrationId}>
              {r.fullName} <span className="small muted">({r.number})</span> —{' '}
              {isRegistrationState(r.state) ? STATE_LABELS[r.state][locale] : r.state}
            </li>
          ))}
        </ul>
      )}

      {results.assessedAfterPublication.length > 0 ? (
        <section aria-labelledby="late-title">
          <h2 id="late-title">{t.late}</h2>
          <p className="small">{t.lateLead}</p>
          <ul>
            {results.assessedAfterPublication.map((r) => (
              <li key={r.registrationId}>
                {r.fullName} <span className="small muted">({r.number})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {others ? <p className="small muted">{t.other.replace('{list}', others)}</p> : null}
    </>
  )
}
