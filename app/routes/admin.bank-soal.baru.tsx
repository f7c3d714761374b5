import { Form, Link, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/admin.bank-soal.baru'
import { createBank } from '../../server/assessments/banks/createBank'
import { vocationalFieldsOf } from '../../server/assessments/banks/listBanks'
import { KIND_LABEL, KIND_LABEL_EN } from '../../server/assessments/banks/options'
import { defineText, useLocale, useText } from '../i18n/text'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { bankFormText } from '../ui/admin/bankFormText'
import { Field, FormErrors, SelectField, TextAreaField } from '../ui/form'
import { currentInstitution, requireAdministrator } from './admin.bank-soal.server'

const text = defineText({
  id: { title: 'Buat bank soal', back: 'Kembali ke bank soal', save: 'Buat bank soal' },
  en: { title: 'Create a question bank', back: 'Back to question banks', save: 'Create question bank' },
})

export function meta() {
  return [{ title: 'Buat bank soal — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const { current } = await currentInstitution(ctx, request)
  return { institution: { id: current.id, name: current.name }, fields: await vocationalFieldsOf(ctx, current.id) }
}

const Schema = z.object({
  institutionId: z.string(),
  // Checked by createBank with the other fields, so every message is shown at once.
  kind: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string().optional(),
  vocationalField: z.string().optional(),
})

export async function action({ request }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, Schema)
  if (!parsed.ok) return parsed.response
  try {
    const { bankId } = await createBank(ctx, parsed.value)
    return redirect(`/admin/bank-soal/${bankId}?disimpan=bank`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

export default function NewBank({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const f = useText(bankFormText)
  const locale = useLocale()
  const labels = locale === 'en' ? KIND_LABEL_EN : KIND_LABEL
  const busy = useNavigation().state === 'submitting'
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to="/admin/bank-soal">{t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p className="muted">{loaderData.institution.name}</p>
      <Form method="post" className="stack" noValidate>
        <FormErrors state={actionData} title={f.problems} />
        <input type="hidden" name="institutionId" value={loaderData.institution.id} />
        <SelectField
          name="kind"
          label={f.kind}
          hint={f.kindHint}
          placeholder={f.choose}
          options={(['self_assessment', 'potential', 'written_test'] as const).map((k) => ({ value: k, label: labels[k] }))}
          state={actionData}
          required
        />
        <Field name="code" label={f.code} hint={f.codeHint} state={actionData} required autoCapitalize="characters" maxLength={30} />
        <Field name="title" label={f.title} state={actionData} required maxLength={150} />
        <TextAreaField name="description" label={f.description} hint={f.descriptionHint} state={actionData} rows={3} />
        <Field name="vocationalField" label={f.field} hint={f.fieldHint} state={actionData} list="bidang-kejuruan" maxLength={100} />
        <datalist id="bidang-kejuruan">
          {loaderData.fields.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t.save}
          </button>
        </div>
      </Form>
    </>
  )
}
