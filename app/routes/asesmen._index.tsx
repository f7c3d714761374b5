import { Link } from 'react-router'
import { can } from '../../server/auth/permissions'
import type { Route } from './+types/asesmen._index'
import { getAssessmentOverview, type AssessmentOverview } from '../../server/assessments/getAssessmentOverview'
import { KIND_LABELS, KIND_SLUGS, pageOfPosition } from '../../server/assessments/kinds'
import { STATE_LABELS, isRegistrationState } from '../../domain/registrationStates'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { Notice } from '../ui/Notice'
import { candidateContext, loaderFailure } from '../lib/context.server'

export function meta() {
  return [{ title: 'Asesmen — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const overview = await getAssessmentOverview(ctx, { candidateId }).catch(loaderFailure)
  // A kiosk officer may look (to tell the candidate what is left) but never answers.
  return { overview, canTake: can(ctx.actor, 'assessment.take', { candidateId }) }
}

const text = defineText({
  id: {
    title: 'Asesmen',
    ownAnswers: 'Asesmen dikerjakan sendiri oleh calon peserta dengan masuk ke akunnya (di HP-nya atau di komputer kios). Petugas hanya dapat melihat apa yang belum dikerjakan.',
    lead: 'Tiga asesmen pendaftaran (SOP langkah 5). Asesmen Siap Latih adalah tes tulis seleksi. Setiap asesmen dapat diikuti sekali dalam enam bulan; hasil yang masih berlaku dipakai lagi untuk pendaftaran Anda.',
    noRegistration: 'Anda belum memiliki pendaftaran aktif. Daftar ke program pelatihan terlebih dahulu; asesmen dikerjakan untuk pendaftaran itu.',
    browse: 'Lihat program yang dibuka',
    registration: 'Pendaftaran',
    state: 'Status',
    deadline: 'Batas asesmen',
    allDone: 'Ketiga asesmen sudah selesai. Pendaftaran Anda lengkap; pantau hasil tes tulis di Aktivitas.',
    completed: 'Selesai',
    inProgress: 'Sedang dikerjakan',
    available: 'Belum dikerjakan',
    unavailable: 'Belum dapat dikerjakan',
    completedAt: 'Selesai pada',
    reused: 'Hasil sebelumnya dipakai lagi (masih berlaku).',
    validUntil: 'Berlaku sampai',
    score: 'Nilai',
    hidden: 'Hasil tes tulis diumumkan oleh panitia setelah {date}.',
    endsAt: 'Waktu berakhir',
    answered: '{n} dari {total} terjawab',
    questions: '{n} soal',
    timeLimit: 'waktu {n} menit',
    untimed: 'tanpa batas waktu per sesi',
    start: 'Mulai',
    resume: 'Lanjutkan',
    results: 'Lihat hasil',
    not_configured: 'Asesmen ini belum disiapkan untuk gelombang Anda. Silakan hubungi panitia.',
    deadline_passed: 'Batas waktu asesmen sudah lewat.',
    no_registration: 'Perlu pendaftaran aktif.',
    registration_state: 'Pendaftaran Anda tidak lagi dalam tahap asesmen.',
    timeUp: 'dikumpulkan otomatis saat waktu habis',
    aktivitas: 'Kembali ke Aktivitas',
  },
  en: {
    title: 'Assessments',
    ownAnswers: 'Candidates take the assessments themselves, signed in to their own account (on their phone or the kiosk computer). Officers can only see what is left to do.',
    lead: 'The three registration assessments (SOP step 5). The Training-Readiness Assessment is the written selection test. Each can be taken once every six months; a result that is still valid is reused for your registration.',
    noRegistration: 'You have no active registration. Register for a training programme first; the assessments belong to that registration.',
    browse: 'See open programmes',
    registration: 'Registration',
    state: 'Status',
    deadline: 'Assessment deadline',
    allDone: 'All three assessments are done. Your registration is complete; follow the written-test results under Activity.',
    completed: 'Done',
    inProgress: 'In progress',
    available: 'Not taken yet',
    unavailable: 'Not available yet',
    completedAt: 'Done on',
    reused: 'An earlier result is reused (still valid).',
    validUntil: 'Valid until',
    score: 'Score',
    hidden: 'The committee announces the written-test results after {date}.',
    endsAt: 'Time ends',
    answered: '{n} of {total} answered',
    questions: '{n} questions',
    timeLimit: '{n} minutes',
    untimed: 'no time limit per session',
    start: 'Start',
    resume: 'Continue',
    results: 'See results',
    not_configured: 'This assessment is not set up for your batch yet. Please contact the committee.',
    deadline_passed: 'The assessment deadline has passed.',
    no_registration: 'You need an active registration.',
    registration_state: 'Your registration is past the assessment stage.',
    timeUp: 'submitted automatically when time ran out',
    aktivitas: 'Back to Activity',
  },
})

type KindEntry = AssessmentOverview['kinds'][number]

export default function AssessmentOverviewPage({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const { overview } = loaderData
  const reg = overview.registration
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      {reg ? (
        <section className="card" aria-labelledby="reg-title">
          <h2 id="reg-title">
            {reg.programmeName} · {reg.batchLabel}
          </h2>
          <dl className="facts">
            <dt>{t.registration}</dt>
            <dd>{reg.number}</dd>
            <dt>{t.state}</dt>
            <dd>{isRegistrationState(reg.state) ? STATE_LABELS[reg.state][locale] : reg.state}</dd>
            <dt>{t.deadline}</dt>
            <dd>{format.dateTime(reg.assessmentDeadline)}</dd>
          </dl>
        </section>
      ) : (
        <Notice kind="info">
          <p>{t.noRegistration}</p>
          <p>
            <Link to="/program">{t.browse}</Link>
          </p>
        </Notice>
      )}
      {overview.allCompleted && reg ? <Notice kind="success">{t.allDone}</Notice> : null}
      {!loaderData.canTake ? <Notice kind="info">{t.ownAnswers}</Notice> : null}
      {overview.kinds.map((k) => (
        <KindCard key={k.kind} entry={k} deadline={reg?.assessmentDeadline ?? null} canTake={loaderData.canTake} />
      ))}
      <p>
        <Link to="/aktivitas">{t.aktivitas}</Link>
      </p>
    </>
  )
}

function KindCard({ entry, deadline, canTake }: { entry: KindEntry; deadline: Date | null; canTake: boolean }) {
    const t = useText(text)
    const locale = useLocale()
    const format = useFormat()
    const slug = KIND_SLUGS[entry.kind]
    const id = `kind-${entry.kind}`
    const badge =
      entry.status === 'completed' ? (
        <span className="badge badge-ok">{t.completed}</span>
      ) : entry.status === 'in_progress' ? (
        <span className="badge badge-warn">{t.inProgress}</span>
      ) : entry.status === 'available' ? (
        <span className="badge">{t.available}</span>
      ) : (
        <span className="badge">{t.unavailable}</span>
      )
    return (
      <article className="card" aria-labelledby={id}>
        <h2 id={id}>{KIND_LABELS[entry.kind][locale]}</h2>
        <p>{badge}</p>
        {entry.status === 'completed' ? (
          <>
            <dl className="facts">
              <dt>{t.completedAt}</dt>
              <dd>
                {format.dateTime(entry.completedAt)}
                {entry.submitReason === 'time_up' ? ` (${t.timeUp})` : ''}
              </dd>
              <dt>{t.validUntil}</dt>
              <dd>{format.dateTime(entry.validUntil)}</dd>
              {entry.kind === 'written_test' && entry.score !== null ? (
                <>
                  <dt>{t.score}</dt>
                  <dd>{format.number(entry.score)}</dd>
                </>
              ) : null}
            </dl>
            {entry.reused ? <p>{t.reused}</p> : null}
            {entry.scoreHidden && deadline ? <p>{t.hidden.replace('{date}', format.dateTime(deadline))}</p> : null}
            <p>
              <Link to="/asesmen/hasil">
                {t.results}
                <span className="visually-hidden"> {KIND_LABELS[entry.kind][locale]}</span>
              </Link>
            </p>
          </>
        ) : entry.status === 'in_progress' ? (
          <>
            <dl className="facts">
              {entry.endsAt ? (
                <>
                  <dt>{t.endsAt}</dt>
                  <dd>{format.dateTime(entry.endsAt)}</dd>
                </>
              ) : null}
            </dl>
            <p>{t.answered.replace('{n}', String(entry.answered)).replace('{total}', String(entry.total))}</p>
            <p hidden={!canTake}>
              <Link
                className="button"
                to={
                  entry.firstUnanswered === null
                    ? `/asesmen/${slug}/periksa`
                    : `/asesmen/${slug}/halaman/${pageOfPosition(entry.kind, entry.firstUnanswered)}`
                }
              >
                {t.resume}
                <span className="visually-hidden"> {KIND_LABELS[entry.kind][locale]}</span>
              </Link>
            </p>
          </>
        ) : entry.status === 'available' ? (
          <>
            <p>
              {t.questions.replace('{n}', String(entry.questionCount))},{' '}
              {entry.timeLimitMinutes ? t.timeLimit.replace('{n}', String(entry.timeLimitMinutes)) : t.untimed}.
            </p>
            <p hidden={!canTake}>
              <Link className="button" to={`/asesmen/${slug}`}>
                {t.start}
                <span className="visually-hidden"> {KIND_LABELS[entry.kind][locale]}</span>
              </Link>
            </p>
          </>
        ) : (
          <p>{t[entry.reason]}</p>
        )}
      </article>
    )
}
