// The batch form of /admin/gelombang/:batchId and /admin/program/:programmeId/gelombang/baru.
import { Form, useNavigation } from 'react-router'
import { BATCH_DATE_FIELDS, type BatchDateField } from '../../../domain/batchDates'
import { timeZoneLabel } from '../../../domain/zonedTime'
import { defineText, useText } from '../../i18n/text'
import { useBatchDateLabels } from '../BatchTimeline'
import { Field, FormErrors, type FormState } from '../form'

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
        <p className="hint">{t.scheduleHint.replace('{zone}', timeZoneLabel(timeZone))}</p>
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
