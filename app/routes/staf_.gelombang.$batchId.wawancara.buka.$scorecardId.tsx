import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/staf_.gelombang.$batchId.wawancara.buka.$scorecardId'
import { ForbiddenError, NotFoundError } from '../../server/errors'
import { getInterviewOverview } from '../../server/interviews/getInterviewOverview'
import { reopenInterviewScorecard } from '../../server/interviews/reopenInterviewScorecard'
import { useFormat } from '../i18n/format'
import { defineText, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { useCaseFailure } from '../lib/forms.server'
import { FormErrors, TextAreaField } from '../ui/form'

export function meta() {
  return [{ title: 'Buka kembali lembar penilaian — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const o = await getInterviewOverview(ctx, { batchId: params.batchId }).catch(loaderFailure)
  if (!o.can.reopen) loaderFailure(new ForbiddenError())
  for (const s of o.slots) {
    for (const c of s.candidates) {
      const card = c.scorecards.find((x) => x.id === params.scorecardId)
      if (card) {
        return {
          batch: o.batch,
          candidate: { number: c.number, fullName: c.fullName },
          card: { interviewerName: card.interviewerName, total: card.total, submittedAt: card.submittedAt },
        }
      }
    }
  }
  return loaderFailure(new NotFoundError('Lembar penilaian tidak ditemukan.'))
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await request.formData()
  try {
    const input: unknown = { scorecardId: params.scorecardId, reason: formData.get('reason') ?? undefined }
    await reopenInterviewScorecard(ctx, input as Parameters<typeof reopenInterviewScorecard>[1])
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect(`/staf/gelombang/${params.batchId}/wawancara?ok=dibuka`)
}

const text = defineText({
  id: {
    back: 'Kembali ke wawancara',
    title: 'Buka kembali lembar penilaian',
    lead: 'Lembar penilaian {interviewer} untuk {candidate} ({number}) terkirim {at} dengan total {total}. Setelah dibuka, pewawancara dapat mengubah lalu mengirimnya lagi. Alasan dan nilai sebelumnya tercatat di log audit.',
    already: 'Lembar ini sedang terbuka; pewawancara belum mengirimnya kembali.',
    reason: 'Alasan membuka kembali',
    reasonHint: 'Wajib, minimal 10 karakter, mis. “Nilai komunikasi tertukar dengan calon lain”.',
    problems: 'Lembar penilaian belum dapat dibuka kembali.',
    save: 'Buka kembali',
  },
  en: {
    back: 'Back to interviews',
    title: 'Reopen a scorecard',
    lead: '{interviewer}’s scorecard for {candidate} ({number}) was submitted {at} with a total of {total}. Once reopened, the interviewer can change it and submit it again. The reason and the previous scores are kept in the audit log.',
    already: 'This scorecard is open; the interviewer has not submitted it again yet.',
    reason: 'Reason for reopening',
    reasonHint: 'Required, at least 10 characters, e.g. “Communication score mixed up with another candidate”.',
    problems: 'The scorecard could not be reopened.',
    save: 'Reopen',
  },
})

export default function ReopenScorecardPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const { batch, candidate, card } = loaderData
  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${batch.id}/wawancara`}>{t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      {card.submittedAt ? (
        <>
          <p>
            {t.lead
              .replace('{interviewer}', card.interviewerName)
              .replace('{candidate}', candidate.fullName)
              .replace('{number}', candidate.number)
              .replace('{at}', format.dateTime(card.submittedAt))
              .replace('{total}', format.number(card.total))}
          </p>
          <Form method="post" noValidate className="stack">
            <FormErrors state={actionData} title={t.problems} />
            <TextAreaField name="reason" label={t.reason} hint={t.reasonHint} state={actionData} rows={3} maxLength={1000} required />
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {t.save}
              </button>
            </div>
          </Form>
        </>
      ) : (
        <p>{t.already}</p>
      )}
    </>
  )
}
