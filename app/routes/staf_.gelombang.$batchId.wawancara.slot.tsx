import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/staf_.gelombang.$batchId.wawancara.slot'
import { createInterviewSlot } from '../../server/interviews/createInterviewSlot'
import { getInterviewOverview } from '../../server/interviews/getInterviewOverview'
import type { CreateSlotInput } from '../../server/interviews/input'
import { toDateTimeLocal } from '../../server/programmes/input'
import { ForbiddenError } from '../../server/errors'
import { useFormat } from '../i18n/format'
import { defineText, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { useCaseFailure } from '../lib/forms.server'
import { Field, FormErrors } from '../ui/form'

export function meta() {
  return [{ title: 'Tambah slot wawancara — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const overview = await getInterviewOverview(ctx, { batchId: params.batchId }).catch(loaderFailure)
  if (!overview.can.schedule) loaderFailure(new ForbiddenError())
  return {
    batch: overview.batch,
    interviewers: overview.interviewers,
    // The first interview day, as the date field's suggestion.
    firstDay: toDateTimeLocal(overview.batch.interviewStartsAt, overview.timeZone).slice(0, 10),
  }
}

/** The checked interviewers, echoed as one comma-separated value (formValues keeps one per name). */
function echo(formData: FormData): FormData {
  const copy = new FormData()
  for (const [key, value] of formData) if (key !== 'interviewerIds' && typeof value === 'string') copy.append(key, value)
  copy.set('interviewerIds', formData.getAll('interviewerIds').filter((v) => typeof v === 'string').join(','))
  return copy
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await request.formData()
  const field = (key: string) => formData.get(key) ?? undefined
  try {
    // The use case parses (and refuses at each field) what the form sent.
    const input: unknown = {
      batchId: params.batchId,
      date: field('date'),
      startTime: field('startTime'),
      endTime: field('endTime'),
      place: field('place'),
      onlineUrl: field('onlineUrl'),
      capacity: field('capacity'),
      interviewerIds: formData.getAll('interviewerIds'),
    }
    await createInterviewSlot(ctx, input as CreateSlotInput)
  } catch (error) {
    return useCaseFailure(echo(formData), error)
  }
  return redirect(`/staf/gelombang/${params.batchId}/wawancara?ok=slot`)
}

const text = defineText({
  id: {
    back: 'Kembali ke wawancara',
    title: 'Tambah slot wawancara',
    lead: 'Waktu dalam {zone}. Slot harus berada di masa wawancara ({from}) dan selesai sebelum pleno ({plenary}).',
    problems: 'Slot belum dapat disimpan.',
    date: 'Tanggal',
    dateHint: 'Bila tidak muncul pemilih tanggal, tulis seperti 2027-02-08.',
    startTime: 'Jam mulai',
    endTime: 'Jam selesai',
    timeHint: 'mis. 09:00',
    where: 'Tempat',
    whereHint: 'Isi salah satu: ruang wawancara, atau tautan bila wawancara daring.',
    place: 'Ruang',
    onlineUrl: 'Tautan wawancara daring',
    onlineHint: 'Diawali https://',
    capacity: 'Kapasitas (orang)',
    capacityHint: 'Berapa calon diwawancarai di slot ini.',
    interviewers: 'Pewawancara',
    interviewersHint: 'Staf dengan peran pewawancara. Seorang pewawancara tidak boleh punya dua slot yang bertabrakan.',
    noInterviewers: 'Belum ada staf dengan peran pewawancara di lembaga ini. Minta administrator menambahkannya.',
    save: 'Simpan slot',
  },
  en: {
    back: 'Back to interviews',
    title: 'Add an interview slot',
    lead: 'Times in {zone}. A slot must lie in the interview period ({from}) and end before the plenary ({plenary}).',
    problems: 'The slot could not be saved.',
    date: 'Date',
    dateHint: 'Without a date picker, type e.g. 2027-02-08.',
    startTime: 'Start time',
    endTime: 'End time',
    timeHint: 'e.g. 09:00',
    where: 'Where',
    whereHint: 'Fill in one: the interview room, or a link for an online interview.',
    place: 'Room',
    onlineUrl: 'Online interview link',
    onlineHint: 'Starting with https://',
    capacity: 'Capacity (people)',
    capacityHint: 'How many candidates are interviewed in this slot.',
    interviewers: 'Interviewers',
    interviewersHint: 'Staff with the interviewer role. An interviewer cannot have two overlapping slots.',
    noInterviewers: 'No staff member of this centre has the interviewer role yet. Ask an administrator to add one.',
    save: 'Save the slot',
  },
})

export default function NewSlotPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const { batch, interviewers, firstDay } = loaderData
  const checked = new Set((actionData?.values?.interviewerIds ?? '').split(',').filter(Boolean))
  const interviewerError = actionData?.errors?.interviewerIds
  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${batch.id}/wawancara`}>{t.back}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {batch.programmeName}, {batch.label}</span>
      </h1>
      <p>
        {t.lead
          .replace('{zone}', format.dateTime(batch.interviewStartsAt).split(' ').at(-1) ?? '')
          .replace('{from}', format.dateTime(batch.interviewStartsAt))
          .replace('{plenary}', format.dateTime(batch.plenaryAt))}
      </p>
      <Form method="post" noValidate className="stack">
        <FormErrors state={actionData} title={t.problems} />
        <Field name="date" label={t.date} hint={t.dateHint} type="date" defaultValue={firstDay} state={actionData} required />
        <div className="grid grid-2">
          <Field name="startTime" label={t.startTime} hint={t.timeHint} type="time" defaultValue="09:00" state={actionData} required />
          <Field name="endTime" label={t.endTime} hint={t.timeHint} type="time" defaultValue="10:00" state={actionData} required />
        </div>
        <fieldset>
          <legend>{t.where}</legend>
          <p className="hint">{t.whereHint}</p>
          <Field name="place" label={t.place} state={actionData} maxLength={200} />
          <Field name="onlineUrl" label={t.onlineUrl} hint={t.onlineHint} type="url" inputMode="url" state={actionData} maxLength={500} />
        </fieldset>
        <Field
          name="capacity"
          label={t.capacity}
          hint={t.capacityHint}
          type="number"
          inputMode="numeric"
          min={1}
          max={200}
          defaultValue="5"
          state={actionData}
          required
        />
        <fieldset aria-describedby={`interviewers-hint${interviewerError ? ' interviewers-error' : ''}`} className={interviewerError ? 'field-invalid' : undefined}>
          <legend>{t.interviewers}</legend>
          <p className="hint" id="interviewers-hint">
            {t.interviewersHint}
          </p>
          {interviewerError ? (
            <div className="error" id="interviewers-error">
              {interviewerError.map((m) => (
                <p key={m} style={{ margin: 0 }}>
                  {m}
                </p>
              ))}
            </div>
          ) : null}
          {interviewers.length === 0 ? <p>{t.noInterviewers}</p> : null}
          {interviewers.map((i) => (
            <div className="field field-check" key={i.id}>
              <input
                type="checkbox"
                id={`interviewer-${i.id}`}
                name="interviewerIds"
                value={i.id}
                defaultChecked={actionData ? checked.has(i.id) : interviewers.length === 1}
                aria-invalid={interviewerError ? true : undefined}
              />
              <label htmlFor={`interviewer-${i.id}`}>{i.name}</label>
            </div>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t.save}
          </button>
        </div>
      </Form>
    </>
  )
}
