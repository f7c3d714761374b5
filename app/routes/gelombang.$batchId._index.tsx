import { data, isRouteErrorResponse, Link, useRouteError } from 'react-router'
import type { Route } from './+types/gelombang.$batchId._index'
import { batchPhase } from '../../domain/batchDates'
import { educationRequirementLabel, isEducationLevel } from '../../domain/eligibility'
import { getBatchDetails } from '../../server/programmes/getBatchDetails'
import { runtime } from '../../server/runtime'
import { formatDate, formatDateTime } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { getActor } from '../lib/session.server'
import { BatchTimeline } from '../ui/BatchTimeline'

const text = defineText({
  id: {
    batch: 'Gelombang',
    open: 'Pendaftaran dibuka',
    upcoming: 'Segera dibuka',
    closed: 'Pendaftaran ditutup',
    register: 'Daftar',
    registerLead: 'Pendaftaran gelombang ini ditutup',
    signInToRegister: 'Masuk untuk mendaftar',
    noAccount: 'Belum punya akun?',
    createAccount: 'Daftar akun',
    staffNote: 'Pendaftaran dilakukan dari akun calon peserta, atau oleh petugas kios dalam sesi bantuan.',
    opensOn: 'Pendaftaran akan dibuka',
    closedOn: 'Pendaftaran sudah ditutup pada',
    otherBatches: 'Lihat program lain yang sedang dibuka',
    archived: 'Program ini tidak lagi ditawarkan di katalog.',
    about: 'Tentang program',
    field: 'Kejuruan',
    location: 'Lokasi',
    mode: 'Cara',
    duration: 'Durasi',
    hours: 'jam pelajaran',
    quota: 'Kuota',
    quotaValue: 'peserta',
    reserves: 'cadangan',
    organiser: 'Penyelenggara',
    requirements: 'Persyaratan',
    education: 'Pendidikan minimal',
    age: 'Usia',
    ageBetween: 'tahun',
    ageAtLeast: 'Paling sedikit',
    ageAtMost: 'Paling tinggi',
    years: 'tahun',
    ageWhen: 'dihitung pada hari pertama pelatihan',
    noRequirements: 'Tidak ada syarat khusus pendidikan atau usia.',
    profileNote: 'Syarat diperiksa dari profil Anda saat mendaftar; lengkapi profil lebih dulu.',
    documents: 'Dokumen yang perlu disiapkan',
    schedule: 'Jadwal seleksi dan pelatihan',
    offline: 'Luring (tatap muka)',
    online: 'Daring',
    blended: 'Campuran (luring dan daring)',
    notFound: 'Gelombang tidak ditemukan',
    notFoundLead: 'Gelombang pelatihan ini tidak ada. Mungkin tautannya salah ketik atau sudah kedaluwarsa.',
    catalogue: 'Lihat program pelatihan',
  },
  en: {
    batch: 'Batch',
    open: 'Registration open',
    upcoming: 'Opening soon',
    closed: 'Registration closed',
    register: 'Register',
    registerLead: 'Registration for this batch closes on',
    signInToRegister: 'Sign in to register',
    noAccount: 'No account yet?',
    createAccount: 'Create an account',
    staffNote: 'Registration is done from the candidate’s own account, or by a kiosk officer in an assistance session.',
    opensOn: 'Registration opens on',
    closedOn: 'Registration closed on',
    otherBatches: 'See other programmes that are open',
    archived: 'This programme is no longer offered in the catalogue.',
    about: 'About the programme',
    field: 'Vocational field',
    location: 'Location',
    mode: 'Mode',
    duration: 'Duration',
    hours: 'training hours',
    quota: 'Quota',
    quotaValue: 'participants',
    reserves: 'reserves',
    organiser: 'Organiser',
    requirements: 'Requirements',
    education: 'Minimum education',
    age: 'Age',
    ageBetween: 'years',
    ageAtLeast: 'At least',
    ageAtMost: 'At most',
    years: 'years',
    ageWhen: 'on the first day of training',
    noRequirements: 'No particular education or age requirement.',
    profileNote: 'Requirements are checked against your profile when you register; complete your profile first.',
    documents: 'Documents to prepare',
    schedule: 'Selection and training schedule',
    offline: 'On site',
    online: 'Online',
    blended: 'Blended (on site and online)',
    notFound: 'Batch not found',
    notFoundLead: 'This training batch does not exist. The link may be mistyped or out of date.',
    catalogue: 'See training programmes',
  },
})

export function meta({ data: d }: Route.MetaArgs) {
  const title = d ? `${d.details.programme.name} — Gelombang ${d.details.number}/${d.details.year}` : 'Gelombang tidak ditemukan'
  return [{ title: `${title} — Latih BPVP Kendari` }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { db } = await runtime()
  const [details, actor] = await Promise.all([getBatchDetails(db, params.batchId), getActor(request)])
  if (!details) throw data('Gelombang tidak ditemukan.', { status: 404 })
  const now = new Date()
  const viewer = !actor
    ? 'anonymous'
    : actor.kind === 'candidate'
      ? 'candidate'
      : actor.assisted
        ? 'assisting'
        : 'staff'
  return { details, viewer, now: now.toISOString(), phase: batchPhase(details.dates, now) }
}

export default function BatchPage({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const { details: d, viewer, phase, now } = loaderData
  const p = d.programme
  const zone = d.institution.timeZone
  const when = (v: Date) => formatDateTime(v, locale, zone)
  const registerPath = `/gelombang/${d.batchId}/daftar`
  const canRegister = phase === 'open' && !p.archived
  const minEducation = p.minEducation && isEducationLevel(p.minEducation) ? educationRequirementLabel(p.minEducation) : null
  const ageText =
    p.minAge !== null && p.maxAge !== null
      ? `${p.minAge}–${p.maxAge} ${t.ageBetween}`
      : p.minAge !== null
        ? `${t.ageAtLeast} ${p.minAge} ${t.years}`
        : p.maxAge !== null
          ? `${t.ageAtMost} ${p.maxAge} ${t.years}`
          : null

  return (
    <>
      <p className="muted" style={{ margin: 0 }}>
        <Link to="/program">{t.catalogue}</Link>
      </p>
      <h1>{p.name}</h1>
      <p>
        <span className={phase === 'open' ? 'badge badge-ok' : phase === 'upcoming' ? 'badge' : 'badge badge-bad'}>{t[phase]}</span>{' '}
        {t.batch} {d.number}/{d.year} · {d.institution.name}
      </p>

      <section className="card" aria-label={t.register}>
        {p.archived ? <p>{t.archived}</p> : null}
        {canRegister ? (
          <>
            <p>
              {t.registerLead} <strong>{when(d.dates.registrationClosesAt)}</strong>.
            </p>
            {viewer === 'candidate' || viewer === 'assisting' ? (
              <div className="actions">
                <Link className="button" to={registerPath}>
                  {t.register}
                </Link>
              </div>
            ) : viewer === 'anonymous' ? (
              <div className="actions">
                <Link className="button" to={`/masuk?ke=${encodeURIComponent(registerPath)}`}>
                  {t.signInToRegister}
                </Link>
                <span>
                  {t.noAccount} <Link to="/daftar-akun">{t.createAccount}</Link>
                </span>
              </div>
            ) : (
              <p className="muted">{t.staffNote}</p>
            )}
          </>
        ) : phase === 'upcoming' && !p.archived ? (
          <p>
            {t.opensOn} <strong>{when(d.dates.registrationOpensAt)}</strong>.
          </p>
        ) : (
          <>
            {phase === 'closed' ? (
              <p>
                {t.closedOn} <strong>{when(d.dates.registrationClosesAt)}</strong>.
              </p>
            ) : null}
            <p>
              <Link to="/program">{t.otherBatches}</Link>
            </p>
          </>
        )}
      </section>

      <h2>{t.about}</h2>
      {p.description
        .split(/\n\s*\n/)
        .filter((para) => para.trim() !== '')
        .map((para, i) => (
          <p key={i} style={{ whiteSpace: 'pre-line' }}>
            {para.trim()}
          </p>
        ))}
      <dl className="facts">
        <dt>{t.field}</dt>
        <dd>{p.vocationalField}</dd>
        <dt>{t.location}</dt>
        <dd>{p.location}</dd>
        <dt>{t.mode}</dt>
        <dd>{t[p.mode]}</dd>
        <dt>{t.duration}</dt>
        <dd>
          {p.durationHours} {t.hours}
        </dd>
        <dt>{t.quota}</dt>
        <dd>
          {d.quota} {t.quotaValue}
          {d.reserveCount > 0 ? ` + ${d.reserveCount} ${t.reserves}` : ''}
        </dd>
        <dt>{t.organiser}</dt>
        <dd>{d.institution.name}</dd>
      </dl>

      <h2>{t.requirements}</h2>
      {minEducation || ageText ? (
        <dl className="facts">
          {minEducation ? (
            <>
              <dt>{t.education}</dt>
              <dd>{minEducation}</dd>
            </>
          ) : null}
          {ageText ? (
            <>
              <dt>{t.age}</dt>
              <dd>
                {ageText}, {t.ageWhen} ({formatDate(d.dates.trainingStartsOn, locale, zone)})
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>{t.noRequirements}</p>
      )}
      {canRegister ? <p className="muted small">{t.profileNote}</p> : null}

      {p.requiredDocuments.length > 0 ? (
        <>
          <h2>{t.documents}</h2>
          <ul>
            {p.requiredDocuments.map((doc) => (
              <li key={doc}>{doc}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 id="jadwal">{t.schedule}</h2>
      <BatchTimeline dates={d.dates} now={now} timeZone={zone} headingId="jadwal" />
    </>
  )
}

export function ErrorBoundary() {
  const t = useText(text)
  const error = useRouteError()
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <>
        <h1>{t.notFound}</h1>
        <p>{t.notFoundLead}</p>
        <p>
          <Link className="button" to="/program">
            {t.catalogue}
          </Link>
        </p>
      </>
    )
  }
  throw error
}
