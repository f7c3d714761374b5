import { Form, redirect, useNavigation, useRouteLoaderData } from 'react-router'
import type { Route } from './+types/profil.lainnya'
import type { ProfileLayoutData } from './profil'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { defineText, useLocale, useText } from '../i18n/text'
import { FormErrors, SelectField } from '../ui/form'
import { DISABILITIES, DISABILITY_LABELS, EMPLOYMENT_STATUS_LABELS, EMPLOYMENT_STATUSES } from '../../server/profiles/options'
import { otherSchema } from '../../server/profiles/schemas'
import { updateOther } from '../../server/profiles/updateOther'
import { candidateContext } from '../lib/context.server'

export async function action({ request }: Route.ActionArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, otherSchema)
  if (!parsed.ok) return parsed.response
  try {
    await updateOther(ctx, { candidateId, ...parsed.value })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect('/profil?tersimpan=lainnya')
}

export function meta() {
  return [{ title: 'Lainnya — Profil — Latih' }]
}

const text = defineText({
  id: {
    title: 'Data lainnya',
    failed: 'Data belum tersimpan.',
    employment: 'Status pekerjaan saat ini',
    disability: 'Disabilitas',
    disabilityHint: 'Membantu kami menyiapkan pelatihan yang sesuai. Pilih "Tidak ada" bila tidak ada.',
    choose: '— Pilih —',
    save: 'Simpan',
    saving: 'Menyimpan…',
  },
  en: {
    title: 'Other details',
    failed: 'Your details were not saved.',
    employment: 'Current employment status',
    disability: 'Disability',
    disabilityHint: 'Helps us prepare suitable training. Choose "None" if none applies.',
    choose: '— Choose —',
    save: 'Save',
    saving: 'Saving…',
  },
})

export default function OtherPage({ actionData }: Route.ComponentProps) {
  const { profile: p } = useRouteLoaderData('routes/profil') as ProfileLayoutData
  const t = useText(text)
  const locale = useLocale()
  const busy = useNavigation().state === 'submitting'
  return (
    <>
      <h1>{t.title}</h1>
      <FormErrors state={actionData} title={t.failed} />
      <Form method="post" className="stack" noValidate>
        <SelectField
          name="employmentStatus"
          label={t.employment}
          placeholder={t.choose}
          options={EMPLOYMENT_STATUSES.map((s) => ({ value: s, label: EMPLOYMENT_STATUS_LABELS[locale][s] }))}
          state={actionData}
          defaultValue={p.employmentStatus ?? ''}
        />
        <SelectField
          name="disability"
          label={t.disability}
          hint={t.disabilityHint}
          placeholder={t.choose}
          options={DISABILITIES.map((d) => ({ value: d, label: DISABILITY_LABELS[locale][d] }))}
          state={actionData}
          defaultValue={p.disability ?? ''}
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
