import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/staf_.gelombang.$batchId.wawancara.rubrik'
import { can } from '../../server/auth/permissions'
import { ValidationError } from '../../server/errors'
import { RUBRIC_MAX_CRITERIA, type RubricInput } from '../../server/interviews/input'
import { getInterviewRubric, updateInterviewRubric } from '../../server/interviews/updateInterviewRubric'
import { batchLabel } from '../../server/registrations/batchLabel'
import { defineText, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { formValues, useCaseFailure } from '../lib/forms.server'
import { Field, FormErrors, TextAreaField, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'

export function meta() {
  return [{ title: 'Rubrik wawancara — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { actor, ctx } = await staffContext(request)
  const { batch: b, rubric, locked } = await getInterviewRubric(ctx, { batchId: params.batchId }).catch(loaderFailure)
  return {
    batch: { id: b.batch.id, programmeName: b.programme.name, label: batchLabel(b.batch) },
    rubric,
    locked,
    canEdit: !locked && can(actor, 'selection.configure', { institutionId: b.batch.institutionId }),
  }
}

const FIELDS = ['code', 'label', 'description', 'weight'] as const

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await request.formData()
  const values = formValues(formData)
  // Rows left completely empty are not criteria (the form offers spare rows).
  const criteria: Array<Record<string, string>> = []
  const formRow: number[] = []
  for (let i = 0; i < RUBRIC_MAX_CRITERIA; i++) {
    const row = Object.fromEntries(FIELDS.map((f) => [f, values[`criteria.${i}.${f}`] ?? '']))
    if (FIELDS.some((f) => row[f]!.trim() !== '')) {
      criteria.push(row)
      formRow.push(i)
    }
  }
  const input: unknown = {
    batchId: params.batchId,
    criteria,
    scaleMin: values.scaleMin,
    scaleMax: values.scaleMax,
    scaleLabels: (values.scaleLabels ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  }
  try {
    await updateInterviewRubric(ctx, input as RubricInput)
  } catch (error) {
    // Messages about the n-th criterion sent belong to the form row it came from.
    if (error instanceof ValidationError) {
      const remapped: Record<string, string[]> = {}
      for (const [key, messages] of Object.entries(error.fieldErrors)) {
        const m = /^criteria\.(\d+)\.(.+)$/.exec(key)
        remapped[m ? `criteria.${formRow[Number(m[1])] ?? m[1]}.${m[2]}` : key] = messages
      }
      return useCaseFailure(formData, new ValidationError(remapped, error.message))
    }
    return useCaseFailure(formData, error)
  }
  return redirect(`/staf/gelombang/${params.batchId}/wawancara?ok=rubrik`)
}

const text = defineText({
  id: {
    back: 'Kembali ke wawancara',
    title: 'Rubrik penilaian wawancara',
    lead: 'Setiap pewawancara menilai setiap kriteria pada skala yang sama. Total 0–100 dihitung dari bobot: nilai terendah skala bernilai 0, nilai tertinggi bernilai penuh bobotnya.',
    locked: 'Rubrik terkunci: sudah ada lembar penilaian yang dikirim untuk gelombang ini, dan semua calon harus dinilai dengan rubrik yang sama.',
    readOnly: 'Hanya panitia seleksi yang dapat mengubah rubrik.',
    problems: 'Rubrik belum dapat disimpan.',
    criteria: 'Kriteria',
    criteriaHint: 'Bobot dalam persen bulat; jumlahnya harus 100. Kosongkan baris yang tidak dipakai.',
    criterion: 'Kriteria {n}',
    code: 'Kode',
    codeHint: 'Huruf kecil tanpa spasi, mis. motivasi.',
    label: 'Nama kriteria',
    description: 'Penjelasan untuk pewawancara',
    weight: 'Bobot (%)',
    scale: 'Skala nilai',
    scaleMin: 'Nilai terendah',
    scaleMax: 'Nilai tertinggi',
    scaleLabels: 'Arti setiap nilai',
    scaleLabelsHint: 'Satu baris per nilai, dari yang terendah, mis. “Sangat kurang” untuk 1.',
    save: 'Simpan rubrik',
    weightTotal: 'Bobot',
    point: 'Nilai',
    meaning: 'Arti',
  },
  en: {
    back: 'Back to interviews',
    title: 'Interview scoring rubric',
    lead: 'Every interviewer scores every criterion on the same scale. The 0–100 total comes from the weights: the lowest point of the scale counts 0, the highest its full weight.',
    locked: 'The rubric is locked: scorecards have been submitted for this batch, and every candidate must be scored against the same rubric.',
    readOnly: 'Only the selection committee can change the rubric.',
    problems: 'The rubric could not be saved.',
    criteria: 'Criteria',
    criteriaHint: 'Weights in whole percents; they must sum to 100. Leave unused rows empty.',
    criterion: 'Criterion {n}',
    code: 'Code',
    codeHint: 'Lower case without spaces, e.g. motivasi.',
    label: 'Criterion name',
    description: 'Guidance for interviewers',
    weight: 'Weight (%)',
    scale: 'Scale',
    scaleMin: 'Lowest point',
    scaleMax: 'Highest point',
    scaleLabels: 'Meaning of each point',
    scaleLabelsHint: 'One line per point, from the lowest, e.g. “Very poor” for 1.',
    save: 'Save the rubric',
    weightTotal: 'Weight',
    point: 'Point',
    meaning: 'Meaning',
  },
})

function CriterionRow({ i, state, defaults }: { i: number; state: FormState | undefined; defaults: Record<string, string> }) {
  const t = useText(text)
  const name = (f: string) => `criteria.${i}.${f}`
  return (
    <fieldset>
      <legend>{t.criterion.replace('{n}', String(i + 1))}</legend>
      <div className="grid grid-2">
        <Field name={name('code')} label={t.code} hint={i === 0 ? t.codeHint : undefined} defaultValue={defaults.code} state={state} maxLength={30} />
        <Field name={name('weight')} label={t.weight} type="number" inputMode="numeric" min={1} max={100} defaultValue={defaults.weight} state={state} />
      </div>
      <Field name={name('label')} label={t.label} defaultValue={defaults.label} state={state} maxLength={120} />
      <TextAreaField name={name('description')} label={t.description} defaultValue={defaults.description} state={state} rows={2} maxLength={500} />
    </fieldset>
  )
}

export default function RubricPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  const { batch, rubric, locked, canEdit } = loaderData
  const back = `/staf/gelombang/${batch.id}/wawancara`
  const rows = Array.from({ length: RUBRIC_MAX_CRITERIA }, (_, i) => {
    const c = rubric.criteria[i]
    return c ? { code: c.code, label: c.label, description: c.description, weight: String(c.weight) } : { code: '', label: '', description: '', weight: '' }
  })
  const criteriaError = actionData?.errors?.criteria?.[0]
  return (
    <>
      <p className="small">
        <Link to={back}>{t.back}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {batch.programmeName}, {batch.label}</span>
      </h1>
      <p>{t.lead}</p>
      {locked ? <Notice kind="info">{t.locked}</Notice> : !canEdit ? <Notice kind="info">{t.readOnly}</Notice> : null}
      {canEdit ? (
        <Form method="post" noValidate className="stack">
          <FormErrors state={actionData} title={t.problems} />
          <h2>{t.criteria}</h2>
          <p className="hint">{t.criteriaHint}</p>
          {criteriaError ? (
            <p className="error" role="alert">
              {criteriaError}
            </p>
          ) : null}
          {rows.map((d, i) => (
            <CriterionRow key={i} i={i} state={actionData} defaults={d} />
          ))}
          <h2>{t.scale}</h2>
          <div className="grid grid-2">
            <Field name="scaleMin" label={t.scaleMin} type="number" inputMode="numeric" min={0} max={9} defaultValue={String(rubric.scaleMin)} state={actionData} />
            <Field name="scaleMax" label={t.scaleMax} type="number" inputMode="numeric" min={1} max={10} defaultValue={String(rubric.scaleMax)} state={actionData} />
          </div>
          <TextAreaField
            name="scaleLabels"
            label={t.scaleLabels}
            hint={t.scaleLabelsHint}
            defaultValue={rubric.scaleLabels.join('\n')}
            state={actionData}
            rows={rubric.scaleMax - rubric.scaleMin + 1}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t.save}
            </button>
          </div>
        </Form>
      ) : (
        <>
          <ol>
            {rubric.criteria.map((c) => (
              <li key={c.code}>
                <strong>{c.label}</strong> — {t.weightTotal} {c.weight}%
                {c.description ? <p className="small">{c.description}</p> : null}
              </li>
            ))}
          </ol>
          <h2>{t.scale}</h2>
          <ul>
            {rubric.scaleLabels.map((l, i) => (
              <li key={i}>
                {rubric.scaleMin + i} — {l}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}
