import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/admin.program.$programmeId._index'
import { EDUCATION_LEVELS } from '../../domain/eligibility'
import { archiveProgramme } from '../../server/programmes/archiveProgramme'
import { getProgrammeForAdmin, listVocationalFields } from '../../server/programmes/getProgrammeForAdmin'
import { updateProgrammeSchema } from '../../server/programmes/input'
import { restoreProgramme } from '../../server/programmes/restoreProgramme'
import { updateProgramme } from '../../server/programmes/updateProgramme'
import { formatDateTime } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { Field, FormErrors, SelectField, TextAreaField, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'
import { idParam, orErrorPage, requireAdministrator } from './admin.program.server'

// The programme form is shared with /admin/program/baru, which imports it from here.
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

const text = defineText({
  id: {
    back: 'Semua program',
    title: 'Ubah program',
    details: 'Data program',
    save: 'Simpan perubahan',
    saved: 'Perubahan program disimpan.',
    created: 'Program ditambahkan. Sekarang tambahkan gelombangnya.',
    batchSaved: 'Gelombang disimpan.',
    archivedNow: 'Program diarsipkan dan tidak tampil lagi di katalog.',
    restoredNow: 'Program tampil lagi di katalog.',
    archivedState: 'Program ini diarsipkan: tidak tampil di katalog publik dan tidak dapat diberi gelombang baru.',
    batches: 'Gelombang',
    addBatch: 'Tambah gelombang',
    noBatches: 'Belum ada gelombang.',
    batch: 'Gelombang',
    status: 'Status',
    registration: 'Pendaftaran',
    quota: 'Kuota + cadangan',
    open: 'Dibuka',
    upcoming: 'Segera dibuka',
    closed: 'Ditutup',
    editBatch: 'Ubah',
    publicPage: 'Halaman publik',
    archiveTitle: 'Arsip',
    archiveLead: 'Program tidak dihapus: pendaftaran, tanda pendaftaran, dan laporan yang lalu tetap merujuk kepadanya.',
    archive: 'Arsipkan program',
    restore: 'Tampilkan lagi di katalog',
  },
  en: {
    back: 'All programmes',
    title: 'Edit programme',
    details: 'Programme details',
    save: 'Save changes',
    saved: 'Programme changes saved.',
    created: 'Programme added. Now add its batches.',
    batchSaved: 'Batch saved.',
    archivedNow: 'Programme archived; it no longer shows in the catalogue.',
    restoredNow: 'Programme shows in the catalogue again.',
    archivedState: 'This programme is archived: hidden from the public catalogue, and no new batch can be added.',
    batches: 'Batches',
    addBatch: 'Add batch',
    noBatches: 'No batches yet.',
    batch: 'Batch',
    status: 'Status',
    registration: 'Registration',
    quota: 'Quota + reserves',
    open: 'Open',
    upcoming: 'Opening soon',
    closed: 'Closed',
    editBatch: 'Edit',
    publicPage: 'Public page',
    archiveTitle: 'Archive',
    archiveLead: 'Programmes are not deleted: past registrations, receipts and reports keep referring to them.',
    archive: 'Archive programme',
    restore: 'Show in the catalogue again',
  },
})

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data ? data.programme.name : 'Program'} — Latih` }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const programmeId = idParam(params.programmeId, 'Program pelatihan tidak ditemukan.')
  const found = await orErrorPage(getProgrammeForAdmin(ctx, { programmeId }))
  const fields = await listVocationalFields(ctx, { institutionId: found.programme.institutionId })
  const notice = new URL(request.url).searchParams.get('disimpan')
  return { ...found, fields, notice }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const programmeId = idParam(params.programmeId, 'Program pelatihan tidak ditemukan.')
  const formData = await request.formData()
  const intent = formData.get('intent')
  const here = `/admin/program/${programmeId}`
  try {
    if (intent === 'archive') {
      await archiveProgramme(ctx, { programmeId })
      return redirect(`${here}?disimpan=arsip`)
    }
    if (intent === 'restore') {
      await restoreProgramme(ctx, { programmeId })
      return redirect(`${here}?disimpan=pulih`)
    }
    formData.set('programmeId', programmeId)
    const parsed = parseForm(formData, updateProgrammeSchema)
    if (!parsed.ok) return parsed.response
    await updateProgramme(ctx, parsed.value)
    return redirect(`${here}?disimpan=program`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

const NOTICES = { program: 'saved', baru: 'created', gelombang: 'batchSaved', arsip: 'archivedNow', pulih: 'restoredNow' } as const
const BADGE = { open: 'badge badge-ok', upcoming: 'badge', closed: 'badge badge-bad' } as const

export default function EditProgramme({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const { programme: p, batches, fields, codeLocked, timeZone, notice } = loaderData
  const noticeKey = notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to="/admin/program">{t.back}</Link>
      </p>
      <h1>
        {t.title}: {p.code} · {p.name}
      </h1>
      {noticeKey && !actionData ? <Notice kind="success">{t[noticeKey]}</Notice> : null}
      {p.archivedAt ? <Notice kind="warning">{t.archivedState}</Notice> : null}

      <h2 id="gelombang">{t.batches}</h2>
      {batches.length === 0 ? (
        <p>{t.noBatches}</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="gelombang">
            <thead>
              <tr>
                <th scope="col">{t.batch}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.registration}</th>
                <th scope="col">{t.quota}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.publicPage}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <Link to={`/admin/gelombang/${b.id}`} aria-label={`${t.editBatch} ${t.batch} ${b.number}/${b.year}`}>
                      {b.number}/{b.year}
                    </Link>
                  </th>
                  <td>
                    <span className={BADGE[b.phase]}>{t[b.phase]}</span>
                  </td>
                  <td>
                    {formatDateTime(b.registrationOpensAt, locale, timeZone)} – {formatDateTime(b.registrationClosesAt, locale, timeZone)}
                  </td>
                  <td>
                    {b.quota} + {b.reserveCount}
                  </td>
                  <td>
                    <Link to={`/gelombang/${b.id}`} aria-label={`${t.publicPage} ${t.batch} ${b.number}/${b.year}`}>
                      {t.publicPage}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!p.archivedAt ? (
        <div className="actions">
          <Link className="button secondary" to={`/admin/program/${p.id}/gelombang/baru`}>
            {t.addBatch}
          </Link>
        </div>
      ) : null}

      <h2>{t.details}</h2>
      <ProgrammeForm
        state={actionData}
        fields={fields}
        codeLocked={codeLocked}
        submitLabel={t.save}
        defaults={{
          code: p.code,
          name: p.name,
          vocationalField: p.vocationalField,
          description: p.description,
          durationHours: String(p.durationHours),
          location: p.location,
          mode: p.mode,
          minEducation: p.minEducation ?? '',
          minAge: p.minAge === null ? '' : String(p.minAge),
          maxAge: p.maxAge === null ? '' : String(p.maxAge),
          requiredDocuments: p.requiredDocuments.join('\n'),
        }}
      />

      <h2>{t.archiveTitle}</h2>
      <p>{t.archiveLead}</p>
      <Form method="post">
        <button type="submit" name="intent" value={p.archivedAt ? 'restore' : 'archive'} className="secondary">
          {p.archivedAt ? t.restore : t.archive}
        </button>
      </Form>
    </>
  )
}
