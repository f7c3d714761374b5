import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/admin.gelombang.$batchId._index'
import { BATCH_DATE_FIELDS, type BatchDateField } from '../../domain/batchDates'
import { getBatchForAdmin } from '../../server/programmes/getBatchForAdmin'
import { updateBatchSchema } from '../../server/programmes/input'
import { updateBatch } from '../../server/programmes/updateBatch'
import { defineText, useText } from '../i18n/text'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { Field, FormErrors, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'
import { useBatchDateLabels } from '../ui/BatchTimeline'
import { idParam, orErrorPage, requireAdministrator } from './admin.program.server'

// The batch form is shared with /admin/program/:programmeId/gelombang/baru, which imports it from here.
export const batchFormText = defineText({
  id: {
    problems: 'Gelombang belum dapat disimpan.',
    identity: 'Gelombang',
    year: 'Tahun',
    number: 'Nomor gelombang/tahap',
    numberHint: 'Unik per program dan tahun, mis. 1 untuk Gelombang 1.',
    locked: 'Tidak dapat diubah lagi: sudah ada pendaftar, dan tercetak di nomor pendaftaran mereka.',
    places: 'Kuota',
    quota: 'Kuota peserta',
    quotaHint: '1 sampai 1000 orang.',
    reserve: 'Jumlah cadangan',
    reserveHint: 'Calon yang dapat menggantikan peserta yang tidak daftar ulang; paling banyak sebesar kuota.',
    schedule: 'Jadwal',
    scheduleHint:
      'Semua waktu dalam {zone}. Setiap tahap tidak boleh mendahului tahap sebelumnya. Bila tidak muncul pemilih tanggal, tulis seperti 2027-01-04 08:00 (tanggal pelatihan: 2027-02-15).',
  },
  en: {
    problems: 'The batch could not be saved.',
    identity: 'Batch',
    year: 'Year',
    number: 'Batch number',
    numberHint: 'Unique per programme and year, e.g. 1 for Batch 1.',
    locked: 'Can no longer change: people have registered, and it is printed in their registration numbers.',
    places: 'Places',
    quota: 'Quota',
    quotaHint: '1 to 1000 people.',
    reserve: 'Reserves',
    reserveHint: 'Candidates who can replace participants who do not re-register; at most the quota.',
    schedule: 'Schedule',
    scheduleHint:
      'All times in {zone}. No step may come before the one before it. Without a date picker, type e.g. 2027-01-04 08:00 (training days: 2027-02-15).',
  },
})

const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB (Asia/Jakarta)',
  'Asia/Pontianak': 'WIB (Asia/Pontianak)',
  'Asia/Makassar': 'WITA (Asia/Makassar)',
  'Asia/Jayapura': 'WIT (Asia/Jayapura)',
}

const DAY_FIELDS: ReadonlySet<BatchDateField> = new Set(['trainingStartsOn', 'trainingEndsOn'])

export function BatchForm({
  state,
  defaults,
  timeZone,
  numberLocked = false,
  submitLabel,
}: {
  state: FormState | undefined
  defaults: Partial<Record<string, string>>
  timeZone: string
  /** Year and number are fixed once registration numbers carrying them exist. */
  numberLocked?: boolean
  submitLabel: string
}) {
  const t = useText(batchFormText)
  const labels = useBatchDateLabels()
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" className="stack" noValidate>
      <FormErrors state={state} title={t.problems} />
      <fieldset>
        <legend>{t.identity}</legend>
        <div className="grid grid-2">
          <Field
            name="year"
            label={t.year}
            defaultValue={defaults.year}
            state={state}
            required
            inputMode="numeric"
            pattern="[0-9]*"
            readOnly={numberLocked}
            hint={numberLocked ? t.locked : undefined}
          />
          <Field
            name="number"
            label={t.number}
            hint={numberLocked ? t.locked : t.numberHint}
            defaultValue={defaults.number}
            state={state}
            required
            inputMode="numeric"
            pattern="[0-9]*"
            readOnly={numberLocked}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t.places}</legend>
        <div className="grid grid-2">
          <Field name="quota" label={t.quota} hint={t.quotaHint} defaultValue={defaults.quota} state={state} required inputMode="numeric" pattern="[0-9]*" />
          <Field
            name="reserveCount"
            label={t.reserve}
            hint={t.reserveHint}
            defaultValue={defaults.reserveCount}
            state={state}
            required
            inputMode="numeric"
            pattern="[0-9]*"
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t.schedule}</legend>
        <p className="hint">{t.scheduleHint.replace('{zone}', ZONE_NAMES[timeZone] ?? timeZone)}</p>
        {BATCH_DATE_FIELDS.map((field) => (
          <Field
            key={field}
            name={field}
            label={labels[field]}
            type={DAY_FIELDS.has(field) ? 'date' : 'datetime-local'}
            defaultValue={defaults[field]}
            state={state}
            required
          />
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  )
}

const text = defineText({
  id: {
    back: 'Kembali ke program',
    title: 'Ubah gelombang',
    save: 'Simpan perubahan',
    registered: 'Sudah ada {n} pendaftar di gelombang ini. Perubahan tetap dapat disimpan dan dicatat (sebelum/sesudah) di log audit; beri tahu pendaftar bila jadwal berubah.',
    publicPage: 'Lihat halaman publik gelombang ini',
    assessments: 'Pengaturan asesmen gelombang ini',
  },
  en: {
    back: 'Back to the programme',
    title: 'Edit batch',
    save: 'Save changes',
    registered: '{n} people have registered for this batch. Changes can still be saved and are recorded (before/after) in the audit log; tell the registrants when the schedule changes.',
    publicPage: 'See this batch’s public page',
    assessments: 'Assessment settings for this batch',
  },
})

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data ? `Gelombang ${data.batch.number}/${data.batch.year} ${data.programme.name}` : 'Gelombang'} — Latih` }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const batchId = idParam(params.batchId, 'Gelombang tidak ditemukan.')
  const found = await orErrorPage(getBatchForAdmin(ctx, { batchId }))
  return {
    batch: { id: found.batch.id, year: found.batch.year, number: found.batch.number },
    programme: { id: found.programme.id, code: found.programme.code, name: found.programme.name },
    timeZone: found.timeZone,
    formValues: found.formValues,
    registrations: found.registrations,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const batchId = idParam(params.batchId, 'Gelombang tidak ditemukan.')
  const formData = await request.formData()
  formData.set('batchId', batchId)
  const parsed = parseForm(formData, updateBatchSchema)
  if (!parsed.ok) return parsed.response
  try {
    const { batch } = await updateBatch(ctx, parsed.value)
    return redirect(`/admin/program/${batch.programmeId}?disimpan=gelombang`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

export default function EditBatch({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const { batch, programme, timeZone, formValues, registrations } = loaderData
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to={`/admin/program/${programme.id}`}>
          {t.back} {programme.code}
        </Link>
      </p>
      <h1>
        {t.title} {batch.number}/{batch.year}: {programme.name}
      </h1>
      {registrations > 0 ? <Notice kind="warning">{t.registered.replace('{n}', String(registrations))}</Notice> : null}
      <p>
        <Link to={`/gelombang/${batch.id}`}>{t.publicPage}</Link>
        {' · '}
        <Link to={`/admin/gelombang/${batch.id}/asesmen`}>{t.assessments}</Link>
      </p>
      <BatchForm state={actionData} defaults={formValues} timeZone={timeZone} numberLocked={registrations > 0} submitLabel={t.save} />
    </>
  )
}
