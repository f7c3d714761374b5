import { Form, redirect, useNavigation, useRouteLoaderData } from 'react-router'
import type { Route } from './+types/profil.pendidikan'
import type { ProfileLayoutData } from './profil'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { defineText, useLocale, useText } from '../i18n/text'
import { Field, FormErrors, SelectField } from '../ui/form'
import { EDUCATION_LEVELS } from '../../domain/eligibility'
import { EDUCATION_LEVEL_LABELS } from '../../server/profiles/options'
import { educationSchema } from '../../server/profiles/schemas'
import { updateEducation } from '../../server/profiles/updateEducation'
import { candidateContext } from '../lib/context.server'

export async function action({ request }: Route.ActionArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, educationSchema(ctx.now))
  if (!parsed.ok) return parsed.response
  try {
    await updateEducation(ctx, { candidateId, ...parsed.value })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect('/profil?tersimpan=pendidikan')
}

export function meta() {
  return [{ title: 'Pendidikan — Profil — Latih' }]
}

const text = defineText({
  id: {
    title: 'Pendidikan',
    lead: 'Pendidikan terakhir yang sudah Anda selesaikan (sesuai ijazah).',
    failed: 'Data pendidikan belum tersimpan.',
    level: 'Pendidikan terakhir',
    school: 'Nama sekolah/perguruan tinggi',
    major: 'Jurusan/program studi',
    majorHint: 'Tidak perlu diisi untuk SD dan SMP.',
    year: 'Tahun lulus',
    yearHint: 'Contoh: 2020.',
    choose: '— Pilih —',
    save: 'Simpan pendidikan',
    saving: 'Menyimpan…',
  },
  en: {
    title: 'Education',
    lead: 'The last level of education you completed (as on your diploma).',
    failed: 'Your education details were not saved.',
    level: 'Last education level',
    school: 'School/university name',
    major: 'Major/study programme',
    majorHint: 'Not needed for primary (SD) and junior secondary (SMP) school.',
    year: 'Graduation year',
    yearHint: 'Example: 2020.',
    choose: '— Choose —',
    save: 'Save education',
    saving: 'Saving…',
  },
})

export default function EducationPage({ actionData }: Route.ComponentProps) {
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
        <SelectField
          name="educationLevel"
          label={t.level}
          placeholder={t.choose}
          options={EDUCATION_LEVELS.map((l) => ({ value: l, label: EDUCATION_LEVEL_LABELS[locale][l] }))}
          state={actionData}
          defaultValue={p.educationLevel ?? ''}
        />
        <Field name="schoolName" label={t.school} state={actionData} defaultValue={p.schoolName ?? ''} maxLength={120} />
        <Field name="major" label={t.major} hint={t.majorHint} state={actionData} defaultValue={p.major ?? ''} maxLength={100} />
        <Field
          name="graduationYear"
          label={t.year}
          hint={t.yearHint}
          state={actionData}
          defaultValue={p.graduationYear ? String(p.graduationYear) : ''}
          inputMode="numeric"
          maxLength={4}
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
