import { Link } from 'react-router'
import type { Route } from './+types/staf_.gelombang.$batchId._index'
import { REGISTRATION_STATES, STATE_LABELS } from '../../domain/registrationStates'
import { getSelectionHub, type HubStep, type HubStepKey } from '../../server/selection/getSelectionHub'
import { formatDate, formatDateTime } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Seleksi ${data.hub.batch.programmeName} ${data.hub.batch.label} — Latih` : 'Seleksi — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const hub = await getSelectionHub(ctx, { batchId: params.batchId }).catch(loaderFailure)
  return { hub }
}

const text = defineText({
  id: {
    staffHome: 'Beranda staf',
    reRegistration: 'Daftar ulang',
    handover: 'Daftar nominatif & serah terima',
    batches: 'Daftar gelombang',
    title: 'Seleksi',
    places: 'Kuota {quota} orang, cadangan {reserve} orang',
    schedule: 'Jadwal SOP',
    registrationOpensAt: 'Pendaftaran dibuka',
    registrationClosesAt: 'Pendaftaran ditutup',
    assessmentDeadline: 'Batas asesmen',
    interviews: 'Wawancara',
    plenaryAt: 'Rapat pleno',
    announcementAt: 'Pengumuman (rencana)',
    announced: 'Hasil diumumkan',
    reRegistrationDeadline: 'Batas daftar ulang',
    training: 'Pelatihan',
    until: 's.d.',
    notYet: 'belum',
    steps: 'Langkah seleksi',
    stepsLead: 'Urutan SOP: asesmen, hasil tes tulis, wawancara, lalu pleno hasil seleksi.',
    step_assessments: 'Asesmen',
    step_writtenTest: 'Hasil tes tulis',
    step_interviews: 'Wawancara',
    step_plenary: 'Pleno hasil seleksi',
    step_settings: 'Pengaturan seleksi',
    status_waiting: 'Belum waktunya',
    status_open: 'Berjalan',
    status_done: 'Selesai',
    status_settings_open: 'Memakai bawaan',
    status_settings_done: 'Sudah diatur',
    open: 'Buka',
    fig_registered: 'belum selesai asesmen',
    fig_assessed: 'selesai asesmen',
    fig_incomplete: 'tidak lengkap',
    fig_configured: 'asesmen diatur',
    fig_waiting: 'menunggu diumumkan',
    fig_passed: 'lulus',
    fig_failed: 'tidak lulus',
    fig_slots: 'jadwal',
    fig_assigned: 'terjadwal',
    fig_toInvite: 'belum diundang',
    fig_invited: 'diundang',
    fig_interviewed: 'sudah wawancara',
    fig_reserve: 'cadangan',
    fig_notPassed: 'tidak lulus',
    settingsHelp: 'Bobot peringkat, jumlah yang diundang wawancara, batas pindah jadwal, dan yang dibawa saat wawancara.',
    counts: 'Pendaftar menurut status',
    state: 'Status',
    count: 'Jumlah',
    total: 'Jumlah seluruhnya',
    announcement: 'Pengumuman hasil seleksi',
    recap: 'Rekap pendaftaran',
    mail: 'Pengiriman e-mail',
  },
  en: {
    staffHome: 'Staff home',
    reRegistration: 'Re-registration',
    handover: 'Nominative list & handover',
    batches: 'Batch list',
    title: 'Selection',
    places: 'Quota {quota}, {reserve} reserves',
    schedule: 'SOP schedule',
    registrationOpensAt: 'Registration opens',
    registrationClosesAt: 'Registration closes',
    assessmentDeadline: 'Assessment deadline',
    interviews: 'Interviews',
    plenaryAt: 'Plenary meeting',
    announcementAt: 'Announcement (planned)',
    announced: 'Results announced',
    reRegistrationDeadline: 'Re-registration deadline',
    training: 'Training',
    until: 'to',
    notYet: 'not yet',
    steps: 'Selection steps',
    stepsLead: 'In SOP order: assessments, written-test results, interviews, then the selection plenary.',
    step_assessments: 'Assessments',
    step_writtenTest: 'Written-test results',
    step_interviews: 'Interviews',
    step_plenary: 'Selection plenary',
    step_settings: 'Selection settings',
    status_waiting: 'Not yet due',
    status_open: 'In progress',
    status_done: 'Done',
    status_settings_open: 'Using defaults',
    status_settings_done: 'Set',
    open: 'Open',
    fig_registered: 'assessments not completed',
    fig_assessed: 'assessments completed',
    fig_incomplete: 'incomplete',
    fig_configured: 'assessments set up',
    fig_waiting: 'waiting for publication',
    fig_passed: 'passed',
    fig_failed: 'not passed',
    fig_slots: 'slots',
    fig_assigned: 'scheduled',
    fig_toInvite: 'not yet invited',
    fig_invited: 'invited',
    fig_interviewed: 'interviewed',
    fig_reserve: 'reserve',
    fig_notPassed: 'not passed',
    settingsHelp: 'Ranking weights, how many to invite to the interview, the slot-change cut-off, and what to bring.',
    counts: 'Registrations by state',
    state: 'State',
    count: 'Count',
    total: 'Total',
    announcement: 'Announcement of the results',
    recap: 'Registration recap',
    mail: 'Mail delivery',
  },
})

type Texts = (typeof text)['id']

const STATUS_BADGE = { waiting: 'badge', open: 'badge badge-warn', done: 'badge badge-ok' } as const

function statusLabel(t: Texts, step: HubStep): string {
  if (step.key === 'settings') return step.status === 'done' ? t.status_settings_done : t.status_settings_open
  return t[`status_${step.status}`]
}

function StepCard({ step, t }: { step: HubStep; t: Texts }) {
  const title = t[`step_${step.key}` as `step_${HubStepKey}`]
  const figures = Object.entries(step.figures)
  return (
    <li className="card">
      <h3 style={{ marginBottom: 4 }}>
        <Link to={step.path}>{title}</Link>
      </h3>
      <p style={{ margin: '4px 0' }}>
        <span className={STATUS_BADGE[step.status]}>{statusLabel(t, step)}</span>
      </p>
      {figures.length > 0 ? (
        <p className="small" style={{ margin: '4px 0' }}>
          {figures.map(([name, n]) => `${n} ${t[`fig_${name}` as keyof Texts] ?? name}`).join(' · ')}
        </p>
      ) : (
        <p className="small" style={{ margin: '4px 0' }}>
          {t.settingsHelp}
        </p>
      )}
    </li>
  )
}

export default function SelectionHubPage({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const { hub } = loaderData
  const b = hub.batch
  const dt = (v: Date | string) => formatDateTime(v, locale, hub.timeZone)
  const d = (v: string) => formatDate(v, locale, hub.timeZone)
  const states = REGISTRATION_STATES.filter((s) => hub.counts[s] > 0)
  return (
    <>
      <p className="small">
        <Link to="/staf">{t.staffHome}</Link> · <Link to="/staf/asesmen">{t.batches}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {b.programmeName}, {b.label}</span>
      </h1>
      <p>{t.places.replace('{quota}', String(b.quota)).replace('{reserve}', String(b.reserveCount))}</p>

      <h2 id="steps-title">{t.steps}</h2>
      <p className="small">{t.stepsLead}</p>
      <ol aria-labelledby="steps-title" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {hub.steps.map((s) => (
          <StepCard key={s.key} step={s} t={t} />
        ))}
      </ol>
      <p>
        <Link to={`/staf/gelombang/${b.id}/pengumuman`}>{t.announcement}</Link> · <Link to={`/staf/gelombang/${b.id}/rekap`}>{t.recap}</Link> ·{' '}
        <Link to={`/staf/gelombang/${b.id}/surat`}>{t.mail}</Link> · <Link to={`/staf/gelombang/${b.id}/daftar-ulang`}>{t.reRegistration}</Link> ·{' '}
        <Link to={`/staf/gelombang/${b.id}/serah-terima`}>{t.handover}</Link>
      </p>

      <h2 id="counts-title">{t.counts}</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="counts-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.state}</th>
              <th scope="col">{t.count}</th>
            </tr>
          </thead>
          <tbody>
            {states.map((s) => (
              <tr key={s}>
                <th scope="row">{STATE_LABELS[s][locale]}</th>
                <td>{hub.counts[s]}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t.total}</th>
              <td>
                <strong>{hub.total}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </div>

      <h2>{t.schedule}</h2>
      <dl className="facts card">
        <dt>{t.registrationOpensAt}</dt>
        <dd>{dt(b.registrationOpensAt)}</dd>
        <dt>{t.registrationClosesAt}</dt>
        <dd>{dt(b.registrationClosesAt)}</dd>
        <dt>{t.assessmentDeadline}</dt>
        <dd>{dt(b.assessmentDeadline)}</dd>
        <dt>{t.interviews}</dt>
        <dd>
          {dt(b.interviewStartsAt)} {t.until} {dt(b.interviewEndsAt)}
        </dd>
        <dt>{t.plenaryAt}</dt>
        <dd>{dt(b.plenaryAt)}</dd>
        <dt>{t.announcementAt}</dt>
        <dd>{dt(b.announcementAt)}</dd>
        <dt>{t.announced}</dt>
        <dd>{b.resultsAnnouncedAt ? dt(b.resultsAnnouncedAt) : t.notYet}</dd>
        <dt>{t.reRegistrationDeadline}</dt>
        <dd>{dt(b.reRegistrationDeadline)}</dd>
        <dt>{t.training}</dt>
        <dd>
          {d(b.trainingStartsOn)} {t.until} {d(b.trainingEndsOn)}
        </dd>
      </dl>
    </>
  )
}
