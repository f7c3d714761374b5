import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/asesmen.$kind._index'
import { getAssessmentStart } from '../../server/assessments/getAssessmentStart'
import { KIND_LABELS, KIND_SLUGS, kindFromSlug, pageOfPosition } from '../../server/assessments/kinds'
import { startAttempt } from '../../server/assessments/startAttempt'
import { getAttemptPage } from '../../server/assessments/getAttemptPage'
import { useCaseFailure } from '../lib/forms.server'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'
import { candidateContext, loaderFailure } from '../lib/context.server'
import { kindParam } from './asesmen.server'

export function meta({ params }: Route.MetaArgs) {
  const kind = kindFromSlug(params.kind)
  return [{ title: `${kind ? KIND_LABELS[kind].id : 'Asesmen'} — Latih` }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const kind = kindParam(params.kind)
  const { candidateId, ctx } = await candidateContext(request)
  const start = await getAssessmentStart(ctx, { candidateId, kind }).catch(loaderFailure)
  // Sent here by a question page whose answer arrived after the time was over.
  const lateAnswer = new URL(request.url).searchParams.has('habis')
  return { start, lateAnswer }
}

export async function action({ request, params }: Route.ActionArgs) {
  const kind = kindParam(params.kind)
  const { candidateId, ctx } = await candidateContext(request)
  const formData = await request.formData()
  try {
    await startAttempt(ctx, { candidateId, kind })
    // Resume where the candidate left off: the first unanswered question, or the review
    // (where it is submitted) when every question has an answer.
    const sheet = await getAttemptPage(ctx, { candidateId, kind })
    if (sheet.state === 'open' && sheet.unanswered.length === 0) return redirect(`/asesmen/${KIND_SLUGS[kind]}/periksa`)
    const next = sheet.state === 'open' ? (sheet.unanswered[0] ?? 1) : 1
    return redirect(`/asesmen/${KIND_SLUGS[kind]}/halaman/${pageOfPosition(kind, next)}`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

const text = defineText({
  id: {
    about_self_assessment:
      'Anda menilai diri sendiri terhadap pernyataan tentang sikap dan kebiasaan kerja, dari "Sangat Sesuai" sampai "Sangat Tidak Sesuai". Tidak ada jawaban benar atau salah; jawablah sejujurnya.',
    about_potential:
      'Anda memilih seberapa suka Anda pada berbagai kegiatan. Hasilnya berupa profil minat dan saran bidang pelatihan yang cocok. Tidak ada jawaban benar atau salah.',
    about_written_test:
      'Tes tulis seleksi pilihan ganda. Setiap soal memiliki satu jawaban benar. Nilai Anda adalah persentase jawaban benar dan diumumkan oleh panitia setelah batas asesmen.',
    facts: 'Rincian',
    questions: 'Jumlah soal',
    timeLimit: 'Batas waktu',
    minutes: '{n} menit',
    untimed: 'Tanpa batas waktu per sesi; selesaikan sebelum batas asesmen.',
    deadline: 'Batas asesmen',
    endsIfNow: 'Jika mulai sekarang, waktu berakhir',
    cutShort:
      'Perhatian: batas asesmen gelombang ini jatuh pada {deadline}. Jika mulai sekarang, waktu Anda hanya {minutes} menit, bukan {limit} menit penuh.',
    rules:
      'Jawaban tersimpan di server setiap kali Anda memilih. Jika koneksi putus atau HP berganti, masuk lagi dan lanjutkan: jawaban dan sisa waktu tetap sama. Waktu terus berjalan walau halaman ditutup; saat waktu habis, jawaban yang tersimpan dikumpulkan otomatis.',
    start: 'Mulai sekarang',
    starting: 'Memulai…',
    resume: 'Lanjutkan mengerjakan',
    inProgress: 'Asesmen ini sedang Anda kerjakan.',
    endsAt: 'Waktu berakhir',
    answered: '{n} dari {total} terjawab',
    done: 'Anda sudah menyelesaikan asesmen ini pada {date}. Hasilnya berlaku sampai {until}.',
    timeUp: 'Waktu asesmen sudah habis. Jawaban yang tersimpan sebelum waktu habis sudah dikumpulkan.',
    lateAnswer: 'Jawaban terakhir Anda tidak tersimpan karena dikirim setelah waktu habis.',
    retake: 'Asesmen ini dapat diikuti lagi mulai {date}.',
    results: 'Lihat hasil',
    not_configured: 'Asesmen ini belum disiapkan untuk gelombang Anda. Silakan hubungi panitia.',
    deadline_passed: 'Batas waktu asesmen gelombang ini sudah lewat.',
    no_registration: 'Anda belum memiliki pendaftaran aktif. Daftar ke program pelatihan terlebih dahulu.',
    registration_state: 'Pendaftaran Anda tidak lagi dalam tahap asesmen.',
    failed: 'Asesmen belum dapat dimulai',
    back: 'Kembali ke daftar asesmen',
  },
  en: {
    about_self_assessment:
      'You rate yourself against statements about work attitudes and habits, from "Strongly agree" to "Strongly disagree". There are no right or wrong answers; answer honestly.',
    about_potential:
      'You choose how much you like various activities. The result is an interest profile with suggested training fields. There are no right or wrong answers.',
    about_written_test:
      'The multiple-choice written selection test. Each question has one correct answer. Your score is the percentage of correct answers, announced by the committee after the assessment deadline.',
    facts: 'Details',
    questions: 'Questions',
    timeLimit: 'Time limit',
    minutes: '{n} minutes',
    untimed: 'No time limit per session; finish before the assessment deadline.',
    deadline: 'Assessment deadline',
    endsIfNow: 'If you start now, time ends',
    cutShort:
      'Note: this batch’s assessment deadline is {deadline}. If you start now you have only {minutes} minutes, not the full {limit} minutes.',
    rules:
      'Answers are saved on the server each time you choose. If the connection drops or you change phones, sign in again and continue: your answers and remaining time stay the same. Time keeps running when the page is closed; when it runs out, the saved answers are submitted automatically.',
    start: 'Start now',
    starting: 'Starting…',
    resume: 'Continue',
    inProgress: 'You are taking this assessment.',
    endsAt: 'Time ends',
    answered: '{n} of {total} answered',
    done: 'You completed this assessment on {date}. The result is valid until {until}.',
    timeUp: 'The time for this assessment is over. The answers saved before then have been submitted.',
    lateAnswer: 'Your last answer was not saved because it was sent after the time was over.',
    retake: 'You may take this assessment again from {date}.',
    results: 'See results',
    not_configured: 'This assessment is not set up for your batch yet. Please contact the committee.',
    deadline_passed: 'The assessment deadline for this batch has passed.',
    no_registration: 'You have no active registration. Register for a training programme first.',
    registration_state: 'Your registration is past the assessment stage.',
    failed: 'The assessment could not be started',
    back: 'Back to the assessments',
  },
})

export default function AssessmentStartPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const navigation = useNavigation()
  const { start } = loaderData
  const status = start.status
  return (
    <>
      <h1>{KIND_LABELS[start.kind][locale]}</h1>
      <p>{t[`about_${start.kind}`]}</p>
      <FormErrors state={actionData} title={t.failed} />
      {status.status === 'available' ? (
        <>
          <section className="card" aria-labelledby="facts-title">
            <h2 id="facts-title">{t.facts}</h2>
            <dl className="facts">
              <dt>{t.questions}</dt>
              <dd>{status.questionCount}</dd>
              <dt>{t.timeLimit}</dt>
              <dd>{status.timeLimitMinutes ? t.minutes.replace('{n}', String(status.timeLimitMinutes)) : t.untimed}</dd>
              {start.registration ? (
                <>
                  <dt>{t.deadline}</dt>
                  <dd>{format.dateTime(start.registration.assessmentDeadline)}</dd>
                </>
              ) : null}
              {start.ifStartedNow && status.timeLimitMinutes ? (
                <>
                  <dt>{t.endsIfNow}</dt>
                  <dd>{format.dateTime(start.ifStartedNow.endsAt)}</dd>
                </>
              ) : null}
            </dl>
          </section>
          {start.ifStartedNow?.cutShort && start.registration && status.timeLimitMinutes ? (
            <Notice kind="warning">
              <p>
                <strong>
                  {t.cutShort
                    .replace('{deadline}', format.dateTime(start.registration.assessmentDeadline))
                    .replace('{minutes}', String(start.ifStartedNow.minutes))
                    .replace('{limit}', String(status.timeLimitMinutes))}
                </strong>
              </p>
            </Notice>
          ) : null}
          <p>{t.rules}</p>
          <Form method="post">
            <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
              {navigation.state === 'submitting' ? t.starting : t.start}
            </button>
          </Form>
        </>
      ) : status.status === 'in_progress' ? (
        <section className="card">
          <p>{t.inProgress}</p>
          <dl className="facts">
            {status.endsAt ? (
              <>
                <dt>{t.endsAt}</dt>
                <dd>{format.dateTime(status.endsAt)}</dd>
              </>
            ) : null}
          </dl>
          <p>{t.answered.replace('{n}', String(status.answered)).replace('{total}', String(status.total))}</p>
          <Form method="post">
            <button type="submit" className="primary">
              {t.resume}
            </button>
          </Form>
        </section>
      ) : status.status === 'completed' ? (
        <Notice kind="success">
          {status.submitReason === 'time_up' ? (
            <p>
              <strong>{t.timeUp}</strong>
            </p>
          ) : null}
          {loaderData.lateAnswer ? <p>{t.lateAnswer}</p> : null}
          <p>
            {t.done
              .replace('{date}', format.dateTime(status.completedAt))
              .replace('{until}', format.dateTime(status.validUntil))}
          </p>
          {start.retakeFrom ? <p>{t.retake.replace('{date}', format.dateTime(start.retakeFrom))}</p> : null}
          <p>
            <Link to="/asesmen/hasil">{t.results}</Link>
          </p>
        </Notice>
      ) : (
        <Notice kind="info">{t[status.reason]}</Notice>
      )}
      <p>
        <Link to="/asesmen">{t.back}</Link>
      </p>
    </>
  )
}
