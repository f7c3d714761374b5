// The programme form of /admin/program/:programmeId and /admin/program/baru.
import { Form, useNavigation } from 'react-router'
import { EDUCATION_LEVELS } from '../../../domain/eligibility'
import { defineText, useText } from '../../i18n/text'
import { Field, FormErrors, SelectField, TextAreaField, type FormState } from '../form'

export const programmeFormText = defineText({
  id: {
    problems: 'Program belum dapat disimpan.',
    institution: 'Lembaga',
    code: 'Kode program',
    codeHint: '2–6 huruf kapital atau angka, mis. LAS. Tercetak di nomor pendaftaran.',
    codeLocked: 'Tidak dapat diubah lagi: sudah ada pendaftar, dan kode ini tercetak di nomor pendaftaran mereka.',
    name: 'Nama program',
    field: 'Kejuruan',
    fieldHint: 'Pilih kejuruan yang sudah ada atau ketik yang baru, mis. Las, Otomotif.',
    description: 'Deskripsi',
    descriptionHint: 'Apa yang dipelajari peserta. Pisahkan paragraf dengan baris kosong.',
    duration: 'Durasi (jam pelajaran)',
    location: 'Lokasi pelatihan',
    mode: 'Cara pelatihan',
    offline: 'Luring (tatap muka)',
    online: 'Daring',
    blended: 'Campuran',
    requirements: 'Persyaratan peserta',
    requirementsHint: 'Kosongkan bila tidak ada syarat. Usia dihitung pada hari pertama pelatihan.',
    minEducation: 'Pendidikan minimal',
    minEducationHint: 'SMA dan SMK setara; D4 dan S1 setara.',
    noEducation: 'Tanpa syarat pendidikan',
    minAge: 'Usia minimal (tahun)',
    maxAge: 'Usia maksimal (tahun)',
    documents: 'Dokumen yang harus disiapkan',
    documentsHint: 'Satu dokumen per baris, mis. KTP, Ijazah terakhir.',
  },
  en: {
    problems: 'The programme could not be saved.',
    institution: 'Institution',
    code: 'Programme code',
    codeHint: '2–6 capital letters or digits, e.g. LAS. Printed in registration numbers.',
    codeLocked: 'Can no longer change: people have registered, and this code is printed in their registration numbers.',
    name: 'Programme name',
    field: 'Vocational field',
    fieldHint: 'Choose an existing field or type a new one, e.g. Welding, Automotive.',
    description: 'Description',
    descriptionHint: 'What participants learn. Separate paragraphs with an empty line.',
    duration: 'Duration (training hours)',
    location: 'Training location',
    mode: 'Mode',
    offline: 'On site',
    online: 'Online',
    blended: 'Blended',
    requirements: 'Entry requirements',
    requirementsHint: 'Leave empty when there is no requirement. Age is counted on the first day of training.',
    minEducation: 'Minimum education',
    minEducationHint: 'SMA and SMK are equal; so are D4 and S1.',
    noEducation: 'No education requirement',
    minAge: 'Minimum age (years)',
    maxAge: 'Maximum age (years)',
    documents: 'Documents to bring',
    documentsHint: 'One document per line, e.g. ID card, Last diploma.',
  },
})

export type ProgrammeFormDefaults = Partial<Record<string, string>>

export function ProgrammeForm({
  state,
  defaults,
  fields,
  institutions,
  codeLocked = false,
  submitLabel,
}: {
  state: FormState | undefined
  defaults: ProgrammeFormDefaults
  fields: string[]
  /** On create: the institutions the administrator may add to (a choice only when several). */
  institutions?: ReadonlyArray<{ id: string; name: string }>
  codeLocked?: boolean
  submitLabel: string
}) {
  const t = useText(programmeFormText)
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" className="stack" noValidate>
      <FormErrors state={state} title={t.problems} />
      {institutions && institutions.length > 1 ? (
        <SelectField
          name="institutionId"
          label={t.institution}
          options={institutions.map((i) => ({ value: i.id, label: i.name }))}
          defaultValue={defaults.institutionId}
          state={state}
          required
        />
      ) : institutions ? (
        <input type="hidden" name="institutionId" value={institutions[0]?.id ?? ''} />
      ) : null}
      <Field
        name="code"
        label={t.code}
        hint={codeLocked ? t.codeLocked : t.codeHint}
        defaultValue={defaults.code}
        state={state}
        required
        readOnly={codeLocked}
        maxLength={6}
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        style={{ textTransform: 'uppercase', maxWidth: '10rem' }}
      />
      <Field name="name" label={t.name} defaultValue={defaults.name} state={state} required maxLength={150} />
      <Field
        name="vocationalField"
        label={t.field}
        hint={t.fieldHint}
        defaultValue={defaults.vocationalField}
        state={state}
        required
        maxLength={80}
        list="kejuruan-pilihan"
        autoComplete="off"
      />
      <datalist id="kejuruan-pilihan">
        {fields.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <TextAreaField
        name="description"
        label={t.description}
        hint={t.descriptionHint}
        defaultValue={defaults.description}
        state={state}
        rows={5}
        maxLength={4000}
      />
      <Field
        name="durationHours"
        label={t.duration}
        defaultValue={defaults.durationHours}
        state={state}
        required
        inputMode="numeric"
        pattern="[0-9]*"
        style={{ maxWidth: '10rem' }}
      />
      <Field name="location" label={t.location} defaultValue={defaults.location} state={state} required maxLength={200} />
      <SelectField
        name="mode"
        label={t.mode}
        options={[
          { value: 'offline', label: t.offline },
          { value: 'online', label: t.online },
          { value: 'blended', label: t.blended },
        ]}
        defaultValue={defaults.mode ?? 'offline'}
        state={state}
      />
      <fieldset>
        <legend>{t.requirements}</legend>
        <p className="hint">{t.requirementsHint}</p>
        <SelectField
          name="minEducation"
          label={t.minEducation}
          hint={t.minEducationHint}
          placeholder={t.noEducation}
          options={EDUCATION_LEVELS.map((l) => ({ value: l, label: l }))}
          defaultValue={defaults.minEducation}
          state={state}
        />
        <div className="grid grid-2">
          <Field name="minAge" label={t.minAge} defaultValue={defaults.minAge} state={state} inputMode="numeric" pattern="[0-9]*" />
          <Field name="maxAge" label={t.maxAge} defaultValue={defaults.maxAge} state={state} inputMode="numeric" pattern="[0-9]*" />
        </div>
      </fieldset>
      <TextAreaField
        name="requiredDocuments"
        label={t.documents}
        hint={t.documentsHint}
        defaultValue={defaults.requiredDocuments}
        state={state}
        rows={4}
      />
      <div className="actions">
        <button type="submit" className="primary" name="intent" value="save" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  )
}
