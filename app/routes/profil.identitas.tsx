import { Form, redirect, useNavigation, useRouteLoaderData } from 'react-router'
import type { Route } from './+types/profil.identitas'
import type { ProfileLayoutData } from './profil'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { Field, FormErrors, SelectField } from '../ui/form'
import { formatMobileNumber } from '../../domain/phone'
import { MARITAL_STATUS_LABELS, MARITAL_STATUSES, SEX_LABELS } from '../../server/profiles/options'
import { identitySchema } from '../../server/profiles/schemas'
import { updateIdentity } from '../../server/profiles/updateIdentity'
import { candidateContext } from '../lib/context.server'

export async function action({ request }: Route.ActionArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, identitySchema(ctx.now))
  if (!parsed.ok) return parsed.response
  try {
    await updateIdentity(ctx, { candidateId, ...parsed.value })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect('/profil?tersimpan=identitas')
}

export function meta() {
  return [{ title: 'Identitas — Profil — Latih' }]
}

const text = defineText({
  id: {
    title: 'Identitas',
    lead: 'Isi sesuai KTP Anda.',
    failed: 'Data identitas belum tersimpan.',
    nik: 'NIK (Nomor Induk Kependudukan)',
    nikHint: '16 digit angka, tertera di KTP atau Kartu Keluarga.',
    nikMaskedHint: 'NIK tersimpan: {nik}. Kosongkan bila tidak diubah; isi 16 digit untuk memperbaikinya.',
    fullName: 'Nama lengkap sesuai KTP',
    birthPlace: 'Tempat lahir',
    fromNikTitle: 'Dari NIK',
    fromNikLead: 'Tanggal lahir dan jenis kelamin dibaca dari NIK, tidak diketik. Jika salah, NIK-nya yang perlu diperbaiki.',
    fromNikNone: 'Isi NIK yang benar; tanggal lahir dan jenis kelamin akan dibaca darinya.',
    lockedHint: 'Anda sudah mendaftar pelatihan, jadi NIK dan nama tidak dapat diubah di sini. Jika salah, datangi kios pendaftaran dengan membawa KTP asli; petugas kios akan mengoreksinya.',
    birthDate: 'Tanggal lahir',
    sex: 'Jenis kelamin',
    marital: 'Status perkawinan',
    phone: 'Nomor HP',
    phoneHint: 'Nomor yang aktif, untuk dihubungi panitia. Contoh: 0812-3456-7890.',
    choose: '— Pilih —',
    save: 'Simpan identitas',
    saving: 'Menyimpan…',
  },
  en: {
    title: 'Identity',
    lead: 'Fill this in as on your ID card (KTP).',
    failed: 'Your identity details were not saved.',
    nik: 'NIK (national ID number)',
    nikHint: '16 digits, printed on the KTP or family card.',
    nikMaskedHint: 'Stored NIK: {nik}. Leave empty to keep it; type all 16 digits to correct it.',
    fullName: 'Full name as on the KTP',
    birthPlace: 'Place of birth',
    fromNikTitle: 'From the NIK',
    fromNikLead: 'Date of birth and sex are read from the NIK, not typed. If they are wrong, the NIK needs correcting.',
    fromNikNone: 'Enter the correct NIK; date of birth and sex are read from it.',
    lockedHint: 'You have registered for a training, so your NIK and name can no longer be changed here. If they are wrong, go to the registration kiosk with your original KTP; the kiosk officer will correct them.',
    birthDate: 'Date of birth',
    sex: 'Sex',
    marital: 'Marital status',
    phone: 'Mobile number',
    phoneHint: 'An active number the committee can call. Example: 0812-3456-7890.',
    choose: '— Choose —',
    save: 'Save identity',
    saving: 'Saving…',
  },
})

export default function IdentityPage({ actionData }: Route.ComponentProps) {
  const { profile: p } = useRouteLoaderData('routes/profil') as ProfileLayoutData
  const t = useText(text)
  const locale = useLocale()
  const f = useFormat()
  const busy = useNavigation().state === 'submitting'
  const locked = p.identityLocked
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <FormErrors state={actionData} title={t.failed} />
      <Form method="post" className="stack" noValidate>
        <Field
          name="nik"
          label={t.nik}
          hint={locked ? t.lockedHint : p.nikMasked ? t.nikMaskedHint.replace('{nik}', p.nik) : t.nikHint}
          state={actionData}
          defaultValue={p.nikMasked ? '' : p.nik}
          readOnly={locked}
          inputMode="numeric"
          autoComplete="off"
          maxLength={24}
        />
        <Field
          name="fullName"
          label={t.fullName}
          hint={locked ? t.lockedHint : undefined}
          state={actionData}
          defaultValue={p.fullName}
          autoComplete="name"
          maxLength={100}
          readOnly={locked}
        />
        <section aria-labelledby="from-nik-title">
          <h2 id="from-nik-title">{t.fromNikTitle}</h2>
          <p>{p.fromNik ? t.fromNikLead : t.fromNikNone}</p>
          {p.fromNik ? (
            <dl className="facts">
              <dt>{t.birthDate}</dt>
              <dd>{f.date(p.fromNik.birthDate)}</dd>
              <dt>{t.sex}</dt>
              <dd>{SEX_LABELS[locale][p.fromNik.sex]}</dd>
            </dl>
          ) : null}
        </section>
        <Field name="birthPlace" label={t.birthPlace} state={actionData} defaultValue={p.birthPlace ?? ''} maxLength={60} />
        <SelectField
          name="maritalStatus"
          label={t.marital}
          placeholder={t.choose}
          options={MARITAL_STATUSES.map((s) => ({ value: s, label: MARITAL_STATUS_LABELS[locale][s] }))}
          state={actionData}
          defaultValue={p.maritalStatus ?? ''}
        />
        <Field
          name="phone"
          label={t.phone}
          hint={t.phoneHint}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          state={actionData}
          defaultValue={formatMobileNumber(p.phone)}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.saving : t.save}
          </button>
        </div>
      </Form>
    </>
  )
}
