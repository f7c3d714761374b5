import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/admin.bank-soal.$bankId.ubah'
import { getBank } from '../../server/assessments/banks/getBank'
import { KIND_LABEL, KIND_LABEL_EN } from '../../server/assessments/banks/options'
import { kindHasScales, SCALE_COLUMNS, type ScaleFields } from '../../server/assessments/banks/scaleRules'
import { updateBank } from '../../server/assessments/banks/updateBank'
import { defineText, useLocale, useText } from '../i18n/text'
import { formValues, useCaseFailure } from '../lib/forms.server'
import { Field, FormErrors, TextAreaField, type FormState } from '../ui/form'
import { bankFormText } from '../ui/admin/bankFormText'
import { idParam, requireAdministrator } from './admin.bank-soal.server'
import { loaderFailure } from '../lib/context.server'

const text = defineText({
  id: {
    title: 'Ubah bank',
    back: 'Kembali ke bank',
    save: 'Simpan perubahan',
    fixed: 'Jenis asesmen dan kode bank tidak dapat diubah.',
    scales: 'Skala',
    scalesHint:
      'Soal menunjuk skala lewat kodenya. Kosongkan semua isian sebuah baris untuk menghapus skala itu (hanya bila tidak dipakai soal aktif). Baris kosong di bawah untuk skala baru; simpan untuk mendapat baris kosong lagi.',
    scale: 'Skala {n}',
    code: 'Kode skala',
    name: 'Nama',
    description: 'Deskripsi',
    fields: 'Bidang kejuruan yang disarankan',
    fieldsHint: 'Dipisah titik koma, mis. Las; Otomotif. Disarankan kepada calon yang skornya tinggi di skala ini.',
  },
  en: {
    title: 'Edit bank',
    back: 'Back to the bank',
    save: 'Save changes',
    fixed: 'The assessment and the bank code cannot be changed.',
    scales: 'Scales',
    scalesHint:
      'Questions point at a scale by its code. Clear every box of a row to remove that scale (only when no active question uses it). The empty rows below are for new scales; save to get more.',
    scale: 'Scale {n}',
    code: 'Scale code',
    name: 'Name',
    description: 'Description',
    fields: 'Suggested vocational fields',
    fieldsHint: 'Separated by semicolons, e.g. Las; Otomotif. Suggested to candidates who score high on this scale.',
  },
})

const BLANK_ROWS = 3

export function meta() {
  return [{ title: 'Ubah bank soal — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const bankId = idParam(params.bankId, 'Bank soal tidak ditemukan.')
  const { bank, vocationalFields } = await getBank(ctx, { bankId }).catch(loaderFailure)
  return {
    bank: {
      id: bank.id,
      code: bank.code,
      kind: bank.kind,
      title: bank.title,
      description: bank.description,
      vocationalField: bank.vocationalField,
      scales: bank.scales,
    },
    fields: vocationalFields,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const bankId = idParam(params.bankId, 'Bank soal tidak ditemukan.')
  const formData = await request.formData()
  const values = formValues(formData)
  const rows: ScaleFields[] = []
  for (const [key, value] of Object.entries(values)) {
    const m = /^scale\.(\d{1,3})\.(kode|nama|deskripsi|bidang_disarankan)$/.exec(key)
    if (!m) continue
    const row = (rows[Number(m[1])] ??= {})
    row[m[2] as keyof ScaleFields] = value
  }
  try {
    await updateBank(ctx, {
      bankId,
      title: values.title ?? '',
      description: values.description ?? '',
      vocationalField: values.vocationalField ?? null,
      // Scales are only on the form of banks that have them.
      scales: values.hasScales === '1' ? Array.from(rows, (r) => r ?? {}) : undefined,
    })
    return redirect(`/admin/bank-soal/${bankId}?disimpan=bank`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

function scaleRowCount(state: FormState | undefined, saved: number): number {
  let top = -1
  for (const key of Object.keys(state?.values ?? {})) {
    const m = /^scale\.(\d+)\./.exec(key)
    if (m) top = Math.max(top, Number(m[1]))
  }
  return top >= 0 ? top + 1 : saved + BLANK_ROWS
}

export default function EditBank({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const f = useText(bankFormText)
  const locale = useLocale()
  const busy = useNavigation().state === 'submitting'
  const { bank, fields } = loaderData
  const rows = scaleRowCount(actionData, bank.scales.length)
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to={`/admin/bank-soal/${bank.id}`}>
          {t.back} {bank.code}
        </Link>
      </p>
      <h1>
        {t.title} {bank.code}
      </h1>
      <p className="muted">
        {(locale === 'en' ? KIND_LABEL_EN : KIND_LABEL)[bank.kind]}. {t.fixed}
      </p>
      <Form method="post" className="stack" noValidate>
        <FormErrors state={actionData} title={f.problems} />
        <Field name="title" label={f.title} defaultValue={bank.title} state={actionData} required maxLength={150} />
        <TextAreaField name="description" label={f.description} hint={f.descriptionHint} defaultValue={bank.description} state={actionData} rows={3} />
        {bank.kind === 'written_test' ? (
          <>
            <Field
              name="vocationalField"
              label={f.field}
              hint={f.fieldHint}
              defaultValue={bank.vocationalField ?? ''}
              state={actionData}
              list="bidang-kejuruan"
              maxLength={100}
            />
            <datalist id="bidang-kejuruan">
              {fields.map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
          </>
        ) : null}
        {kindHasScales(bank.kind) ? (
          <>
            <input type="hidden" name="hasScales" value="1" />
            <h2>{t.scales}</h2>
            <p className="hint">{t.scalesHint}</p>
            {actionData?.errors?.scales ? (
              <p className="error" role="alert">
                {actionData.errors.scales.join(' ')}
              </p>
            ) : null}
            {Array.from({ length: rows }, (_, i) => {
              const s = bank.scales[i]
              const defaults: Record<(typeof SCALE_COLUMNS)[number], string> = {
                kode: s?.code ?? '',
                nama: s?.name ?? '',
                deskripsi: s?.description ?? '',
                bidang_disarankan: s?.suggestedFields.join('; ') ?? '',
              }
              return (
                <fieldset key={i}>
                  <legend>{t.scale.replace('{n}', String(i + 1))}</legend>
                  <div className="grid grid-2">
                    <Field name={`scale.${i}.kode`} label={t.code} defaultValue={defaults.kode} state={actionData} maxLength={20} />
                    <Field name={`scale.${i}.nama`} label={t.name} defaultValue={defaults.nama} state={actionData} maxLength={100} />
                  </div>
                  <TextAreaField name={`scale.${i}.deskripsi`} label={t.description} defaultValue={defaults.deskripsi} state={actionData} rows={2} />
                  <Field
                    name={`scale.${i}.bidang_disarankan`}
                    label={t.fields}
                    hint={t.fieldsHint}
                    defaultValue={defaults.bidang_disarankan}
                    state={actionData}
                  />
                </fieldset>
              )
            })}
          </>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t.save}
          </button>
        </div>
      </Form>
    </>
  )
}
