import { Form, redirect, useNavigation, useRouteLoaderData } from 'react-router'
import type { Route } from './+types/profil.identitas'
import type { ProfileLayoutData } from './profil'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { defineText, useLocale, useText } from '../i18n/text'
import { Field, FormErrors, SelectField } from '../ui/form'
import { formatMobileNumber } from '../../domain/phone'
import { MARITAL_STATUS_LABELS, MARITAL_STATUSES, SEX_LABELS, SEXES } from '../../server/profiles/options'
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
  const busy = useNavigation().state === 'submitting'
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <FormErrors state={actionData} title={t.failed} />
      <Form method="post" className="stack" noValidate>
        <Field
          name="nik"
          label={t.nik}
          hint={p.nikMasked ? t.nikMaskedHint.replace('{nik}', p.nik) : t.nikHint}
          state={actionData}
          defaultValue={p.nikMasked ? '' : p.nik}
          inputMode="numeric"
          autoComplete="off"
          maxLength={24}
        />
        <Field name="fullName" label={t.fullName} state={actionData} defaultValue={p.fullName} autoComplete="name" maxLength={100} />
        <Field name="birthPlace" label={t.birthPlace} state={actionData} defaultValue={p.birthPlace ?? ''} maxLength={60} />
        <Field name="birthDate" label={t.birthDate} type="date" state={actionData} defaultValue={p.birthDate ?? ''} autoComplete="bday" />
        <SelectField
          name="sex"
          label={t.sex}
          placeholder={t.choose}
          options={SEXES.map((s) => ({ value: s, label: SEX_LABELS[locale][s] }))}
          state={actionData}
          defaultValue={p.sex ?? ''}
        />
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
