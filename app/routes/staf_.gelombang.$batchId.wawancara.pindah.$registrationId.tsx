import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/staf_.gelombang.$batchId.wawancara.pindah.$registrationId'
import { ForbiddenError, NotFoundError } from '../../server/errors'
import { getInterviewOverview } from '../../server/interviews/getInterviewOverview'
import { moveInterviewCandidate } from '../../server/interviews/moveInterviewCandidate'
import { slotRangeText } from '../../server/interviews/slotText'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { useCaseFailure } from '../lib/forms.server'
import { FormErrors, TextAreaField } from '../ui/form'

export function meta() {
  return [{ title: 'Pindahkan calon — Wawancara — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const o = await getInterviewOverview(ctx, { batchId: params.batchId }).catch(loaderFailure)
  if (!o.can.schedule) loaderFailure(new ForbiddenError())
  const current = o.slots.find((s) => s.candidates.some((c) => c.registrationId === params.registrationId))
  const candidate = current?.candidates.find((c) => c.registrationId === params.registrationId)
  if (!current || !candidate) loaderFailure(new NotFoundError('Calon ini tidak ada di jadwal wawancara gelombang ini.'))
  const now = ctx.now.getTime()
  return {
    batch: o.batch,
    timeZone: o.timeZone,
    candidate: { registrationId: candidate!.registrationId, number: candidate!.number, fullName: candidate!.fullName, attendance: candidate!.attendance },
    current: { startsAt: current!.startsAt, endsAt: current!.endsAt, place: current!.place, onlineUrl: current!.onlineUrl },
    targets: o.slots
      .filter((s) => s.id !== current!.id && s.startsAt.getTime() > now && s.taken < s.capacity)
      .map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, place: s.place, onlineUrl: s.onlineUrl, free: s.capacity - s.taken, interviewers: s.interviewers.map((i) => i.name) })),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await request.formData()
  try {
    const input: unknown = { registrationId: params.registrationId, slotId: formData.get('slotId') ?? undefined, reason: formData.get('reason') ?? undefined }
    await moveInterviewCandidate(ctx, input as Parameters<typeof moveInterviewCandidate>[1])
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect(`/staf/gelombang/${params.batchId}/wawancara?ok=pindah`)
}

const text = defineText({
  id: {
    back: 'Kembali ke wawancara',
    title: 'Pindahkan ke slot lain',
    current: 'Slot sekarang',
    absent: 'Tercatat tidak hadir: memindahkan berarti menjadwalkan ulang, dan catatan tidak hadir dihapus.',
    target: 'Slot tujuan',
    free: '{n} tempat kosong',
    online: 'Daring',
    none: 'Tidak ada slot lain yang akan datang dengan tempat kosong. Tambah slot dahulu.',
    reason: 'Alasan (tidak wajib)',
    reasonHint: 'Dikirim ke calon bersama jadwal barunya, mis. “Sakit pada hari wawancara”.',
    problems: 'Calon belum dapat dipindahkan.',
    save: 'Pindahkan dan beri tahu calon',
  },
  en: {
    back: 'Back to interviews',
    title: 'Move to another slot',
    current: 'Current slot',
    absent: 'Recorded absent: moving reschedules the candidate and clears the absence.',
    target: 'New slot',
    free: '{n} seats free',
    online: 'Online',
    none: 'No other upcoming slot has a free seat. Add a slot first.',
    reason: 'Reason (optional)',
    reasonHint: 'Sent to the candidate with the new time, e.g. “Ill on the interview day”.',
    problems: 'The candidate could not be moved.',
    save: 'Move and tell the candidate',
  },
})

export default function MoveCandidatePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const busy = useNavigation().state === 'submitting'
  const { batch, timeZone, candidate, current, targets } = loaderData
  const where = (s: { place: string | null; onlineUrl: string | null }) => s.place ?? `${t.online}: ${s.onlineUrl}`
  const slotError = actionData?.errors?.slotId?.[0]
  const chosen = actionData?.values?.slotId
  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${batch.id}/wawancara`}>{t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>
        <strong>{candidate.fullName}</strong> ({candidate.number})
      </p>
      <p>
        {t.current}: {slotRangeText(current.startsAt, current.endsAt, timeZone, locale)}, {where(current)}
      </p>
      {candidate.attendance === 'absent' ? <p className="alert alert-warning">{t.absent}</p> : null}
      {targets.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <Form method="post" noValidate className="stack">
          <FormErrors state={actionData} title={t.problems} />
          <fieldset aria-describedby={slotError ? 'slot-error' : undefined}>
            <legend>{t.target}</legend>
            {slotError ? (
              <p className="error" id="slot-error">
                {slotError}
              </p>
            ) : null}
            {targets.map((s, i) => (
              <div className="field field-check" key={s.id}>
                <input type="radio" id={`slot-${s.id}`} name="slotId" value={s.id} defaultChecked={chosen ? chosen === s.id : i === 0} />
                <label htmlFor={`slot-${s.id}`}>
                  {slotRangeText(s.startsAt, s.endsAt, timeZone, locale)}, {where(s)} — {t.free.replace('{n}', String(s.free))} ({s.interviewers.join(', ')})
                </label>
              </div>
            ))}
          </fieldset>
          <TextAreaField name="reason" label={t.reason} hint={t.reasonHint} state={actionData} rows={2} maxLength={500} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t.save}
            </button>
          </div>
        </Form>
      )}
    </>
  )
}
