import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/aktivitas.$registrationId.wawancara'
import { chooseInterviewSlot } from '../../server/interviews/chooseInterviewSlot'
import { getInterviewCall } from '../../server/interviews/getInterviewCall'
import { slotRangeText } from '../../server/interviews/slotText'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { candidateContext, loaderFailure } from '../lib/context.server'
import { useCaseFailure } from '../lib/forms.server'
import { FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'

export function meta() {
  return [{ title: 'Panggilan wawancara — Aktivitas — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await candidateContext(request)
  const call = await getInterviewCall(ctx, { registrationId: params.registrationId }).catch(loaderFailure)
  return { call, moved: new URL(request.url).searchParams.get('pindah') === '1' }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await candidateContext(request)
  const formData = await request.formData()
  try {
    const slotId = formData.get('slotId')
    await chooseInterviewSlot(ctx, { registrationId: params.registrationId, slotId: typeof slotId === 'string' ? slotId : '' })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect(`/aktivitas/${params.registrationId}/wawancara?pindah=1`)
}

const text = defineText({
  id: {
    back: 'Kembali ke pendaftaran',
    title: 'Panggilan wawancara',
    lead: 'Anda diundang wawancara seleksi {programme}, {batch}.',
    when: 'Waktu',
    where: 'Tempat',
    online: 'Wawancara daring',
    number: 'Nomor pendaftaran',
    bring: 'Yang dibawa',
    calendar: 'Simpan ke kalender',
    calendarHint: 'Berkas .ics dapat dibuka aplikasi kalender di ponsel Anda.',
    download: 'Unduh jadwal (.ics)',
    present: 'Kehadiran Anda sudah dicatat: hadir.',
    absent: 'Anda tercatat tidak hadir. Hubungi panitia seleksi bila berhalangan karena alasan yang sah.',
    moved: 'Jadwal wawancara Anda sudah dipindah. Kami juga mengirimnya lewat e-mail dengan berkas kalender yang baru.',
    switch: 'Pindah jadwal',
    switchHint: 'Bila berhalangan, pilih jadwal lain yang masih ada tempatnya, paling lambat {until}.',
    noOther: 'Saat ini tidak ada jadwal lain yang masih ada tempatnya.',
    free: '{n} tempat tersisa',
    choose: 'Pindah ke jadwal ini',
    closed: 'Batas pindah jadwal sudah lewat ({until}). Hubungi panitia seleksi bila berhalangan.',
    recorded: 'Jadwal tidak dapat dipindah lagi.',
    problems: 'Jadwal belum dapat dipindah.',
    otherSlots: 'Jadwal lain',
  },
  en: {
    back: 'Back to the registration',
    title: 'Interview call',
    lead: 'You are invited to the selection interview for {programme}, {batch}.',
    when: 'Time',
    where: 'Place',
    online: 'Online interview',
    number: 'Registration number',
    bring: 'What to bring',
    calendar: 'Save to your calendar',
    calendarHint: 'The .ics file opens in your phone’s calendar app.',
    download: 'Download the schedule (.ics)',
    present: 'Your attendance has been recorded: present.',
    absent: 'You were recorded absent. Contact the selection committee if you had a valid reason.',
    moved: 'Your interview has been moved. We also sent it by e-mail with the new calendar file.',
    switch: 'Change the time',
    switchHint: 'If you cannot come, choose another time with seats left, at the latest {until}.',
    noOther: 'No other time has seats left at the moment.',
    free: '{n} seats left',
    choose: 'Move to this time',
    closed: 'The deadline for changing the time has passed ({until}). Contact the selection committee if you cannot come.',
    recorded: 'The time can no longer be changed.',
    problems: 'The time could not be changed.',
    otherSlots: 'Other times',
  },
})

export default function InterviewCallPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const { call, moved } = loaderData
  const slotError = actionData?.errors?.slotId?.[0]
  const until = format.dateTime(call.switchUntil)
  return (
    <>
      <p className="no-print">
        <Link to={`/aktivitas/${call.registrationId}`}>{t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      {moved && !actionData ? <Notice kind="success">{t.moved}</Notice> : null}
      <p>{t.lead.replace('{programme}', call.programmeName).replace('{batch}', call.batchLabel)}</p>
      <dl className="facts card">
        <dt>{t.when}</dt>
        <dd>{slotRangeText(call.slot.startsAt, call.slot.endsAt, call.timeZone, locale)}</dd>
        {call.slot.onlineUrl ? (
          <>
            <dt>{t.online}</dt>
            <dd>
              <a href={call.slot.onlineUrl}>{call.slot.onlineUrl}</a>
            </dd>
          </>
        ) : (
          <>
            <dt>{t.where}</dt>
            <dd>
              {call.slot.place}, {call.institutionName}
              <span className="small" style={{ display: 'block', fontWeight: 400 }}>
                {call.institutionAddress}
              </span>
            </dd>
          </>
        )}
        <dt>{t.number}</dt>
        <dd>{call.number}</dd>
        <dt>{t.bring}</dt>
        <dd>{call.bring}</dd>
      </dl>
      {call.attendance === 'present' ? <Notice kind="info">{t.present}</Notice> : null}
      {call.attendance === 'absent' ? <Notice kind="warning">{t.absent}</Notice> : null}

      <section className="card" aria-labelledby="calendar-title">
        <h2 id="calendar-title">{t.calendar}</h2>
        <p>{t.calendarHint}</p>
        <p>
          <a className="button" href={`/aktivitas/${call.registrationId}/wawancara.ics`} download>
            {t.download}
          </a>
        </p>
      </section>

      <section aria-labelledby="switch-title">
        <h2 id="switch-title">{t.switch}</h2>
        {call.switchClosedReason === 'deadline' ? <p>{t.closed.replace('{until}', until)}</p> : null}
        {call.switchClosedReason === 'recorded' ? <p>{t.recorded}</p> : null}
        {call.canSwitch ? (
          <>
            <p>{t.switchHint.replace('{until}', until)}</p>
            {call.alternatives.length === 0 ? (
              <p>{t.noOther}</p>
            ) : (
              <Form method="post" noValidate>
                <FormErrors state={actionData} title={t.problems} />
                <fieldset aria-describedby={slotError ? 'slot-error' : undefined}>
                  <legend>{t.otherSlots}</legend>
                  {slotError ? (
                    <p className="error" id="slot-error">
                      {slotError}
                    </p>
                  ) : null}
                  {call.alternatives.map((s, i) => (
                    <div className="field field-check" key={s.id}>
                      <input type="radio" id={`slot-${s.id}`} name="slotId" value={s.id} defaultChecked={i === 0} />
                      <label htmlFor={`slot-${s.id}`}>
                        {slotRangeText(s.startsAt, s.endsAt, call.timeZone, locale)} — {s.place ?? t.online} ({t.free.replace('{n}', String(s.free))})
                      </label>
                    </div>
                  ))}
                </fieldset>
                <div className="actions">
                  <button type="submit" className="primary" disabled={busy}>
                    {t.choose}
                  </button>
                </div>
              </Form>
            )}
          </>
        ) : null}
      </section>
    </>
  )
}
