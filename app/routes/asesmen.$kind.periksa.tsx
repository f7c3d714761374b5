import { Form, Link, redirect, useNavigation, useRevalidator } from 'react-router'
import type { Route } from './+types/asesmen.$kind.periksa'
import { getAttemptPage } from '../../server/assessments/getAttemptPage'
import { KIND_LABELS, KIND_SLUGS, kindFromSlug } from '../../server/assessments/kinds'
import { submitAttempt } from '../../server/assessments/submitAttempt'
import { useCaseFailure } from '../lib/forms.server'
import { defineText, useLocale, useText } from '../i18n/text'
import { Countdown } from '../ui/Countdown'
import { FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'
import { QuestionMap } from '../ui/QuestionMap'
import { candidateContext, loaderFailure } from '../lib/context.server'
import { kindParam } from './asesmen.server'

export function meta({ params }: Route.MetaArgs) {
  const kind = kindFromSlug(params.kind)
  return [{ title: `Periksa jawaban — ${kind ? KIND_LABELS[kind].id : 'Asesmen'} — Latih` }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const kind = kindParam(params.kind)
  const { candidateId, ctx } = await candidateContext(request)
  const sheet = await getAttemptPage(ctx, { candidateId, kind }).catch(loaderFailure)
  if (sheet.state === 'none') throw redirect(`/asesmen/${KIND_SLUGS[kind]}`)
  return { sheet }
}

export async function action({ request, params }: Route.ActionArgs) {
  const kind = kindParam(params.kind)
  const { candidateId, ctx } = await candidateContext(request)
  const formData = await request.formData()
  const slug = KIND_SLUGS[kind]
  try {
    const sheet = await getAttemptPage(ctx, { candidateId, kind })
    // Submitted already (another tab, the time limit): the result page says what happened.
    if (sheet.state === 'none') return redirect(`/asesmen/hasil?selesai=${slug}`)
    const attemptId = String(formData.get('attemptId') ?? '')
    if (attemptId !== sheet.attemptId) return redirect(`/asesmen/${slug}/periksa`)
    await submitAttempt(ctx, { attemptId, reason: 'candidate' })
    return redirect(`/asesmen/hasil?selesai=${slug}`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

const text = defineText({
  id: {
    title: 'Periksa jawaban',
    allAnswered: 'Semua {total} soal sudah dijawab.',
    unanswered: 'Ada {n} soal yang belum dijawab:',
    question: 'Soal {n}',
    unansweredHint: 'Soal yang tidak dijawab dihitung salah (tes tulis) atau tidak dinilai. Anda masih dapat menjawabnya sebelum mengumpulkan.',
    submitTitle: 'Kumpulkan',
    submitHelp: 'Setelah dikumpulkan, jawaban tidak dapat diubah lagi dan asesmen ini baru dapat diikuti lagi enam bulan kemudian.',
    submit: 'Kumpulkan jawaban',
    submitting: 'Mengumpulkan…',
    back: 'Kembali ke soal',
    failed: 'Jawaban belum dapat dikumpulkan',
  },
  en: {
    title: 'Review your answers',
    allAnswered: 'All {total} questions are answered.',
    unanswered: '{n} questions are not answered yet:',
    question: 'Question {n}',
    unansweredHint: 'An unanswered question counts as wrong (written test) or is not scored. You can still answer it before submitting.',
    submitTitle: 'Submit',
    submitHelp: 'Once submitted, the answers cannot be changed and this assessment can only be taken again six months later.',
    submit: 'Submit answers',
    submitting: 'Submitting…',
    back: 'Back to the questions',
    failed: 'The answers could not be submitted',
  },
})

export default function ReviewPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const navigation = useNavigation()
  const revalidator = useRevalidator()
  const { sheet } = loaderData
  const slug = KIND_SLUGS[sheet.kind]
  const pageHref = (e: { page: number; position: number }) =>
    `/asesmen/${slug}/halaman/${e.page}${sheet.pageSize > 1 ? `#q-${e.position}` : ''}`
  const firstUnanswered = sheet.map.find((m) => !m.answered)
  return (
    <>
      <h1>
        {t.title} <span className="muted">— {KIND_LABELS[sheet.kind][locale]}</span>
      </h1>
      {sheet.endsAt ? <Countdown endsAt={sheet.endsAt} now={sheet.now} onExpire={() => revalidator.revalidate()} /> : null}
      <FormErrors state={actionData} title={t.failed} />
      {sheet.unanswered.length === 0 ? (
        <Notice kind="success">{t.allAnswered.replace('{total}', String(sheet.total))}</Notice>
      ) : (
        <Notice kind="warning">
          <p>
            <strong>{t.unanswered.replace('{n}', String(sheet.unanswered.length))}</strong>
          </p>
          <ul>
            {sheet.map
              .filter((m) => !m.answered)
              .map((m) => (
                <li key={m.position}>
                  <Link to={pageHref(m)}>{t.question.replace('{n}', String(m.position))}</Link>
                </li>
              ))}
          </ul>
          <p>{t.unansweredHint}</p>
        </Notice>
      )}
      <QuestionMap entries={sheet.map} hrefOf={pageHref} />
      <section className="card" aria-labelledby="submit-title">
        <h2 id="submit-title">{t.submitTitle}</h2>
        <p>{t.submitHelp}</p>
        <Form method="post">
          <input type="hidden" name="attemptId" value={sheet.attemptId} />
          <div className="actions">
            <button type="submit" className="primary" disabled={navigation.state !== 'idle'}>
              {navigation.state === 'submitting' ? t.submitting : t.submit}
            </button>
            <Link className="button secondary" to={pageHref(firstUnanswered ?? { page: 1, position: 1 })}>
              {t.back}
            </Link>
          </div>
        </Form>
      </section>
    </>
  )
}
