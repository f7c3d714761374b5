import { Form, Link, redirect, useNavigation, useSearchParams } from 'react-router'
import type { Route } from './+types/admin.gelombang.$batchId.asesmen'
import { configureBatchAssessments } from '../../server/assessments/banks/configureBatchAssessments'
import { ASSESSMENT_KINDS, countField, TIME_LIMIT_RANGE } from '../../server/assessments/banks/limits'
import { getBatchAssessmentSetup, type KindSetup } from '../../server/assessments/banks/getBatchAssessmentSetup'
import { KIND_LABEL, KIND_LABEL_EN, type AssessmentKind } from '../../server/assessments/banks/options'
import { isUuid } from '../../server/programmes/input'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { formValues, useCaseFailure } from '../lib/forms.server'
import { Field, FieldShell, FormErrors, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'
import { idParam, requireAdministrator } from './admin.bank-soal.server'
import { loaderFailure } from '../lib/context.server'

const text = defineText({
  id: {
    back: 'Kembali ke gelombang',
    title: 'Pengaturan asesmen',
    lead: 'Bank soal dan jumlah soal setiap asesmen SOP langkah 5 untuk gelombang ini. Soal diambil acak dari bank untuk setiap calon; isi 0 untuk bank yang tidak dipakai.',
    field: 'Bidang kejuruan program',
    deadline: 'Batas asesmen',
    notSaved: 'Pengaturan asesmen gelombang ini belum disimpan. Isian di bawah adalah usulan; periksa lalu simpan.',
    saved: 'Pengaturan asesmen tersimpan.',
    started: '{n} calon sudah mulai mengerjakan asesmen gelombang ini. Asesmen yang sudah dimulai tetap memakai soal yang diambil saat itu; perubahan berlaku untuk asesmen yang dimulai sesudahnya.',
    untimed: 'Tanpa batas waktu.',
    timed: 'Berwaktu; waktu habis paling lambat pada batas asesmen gelombang.',
    bank: 'Bank soal',
    general: 'umum',
    available: 'Soal aktif',
    count: 'Jumlah soal',
    countOf: 'Jumlah soal dari {code}',
    noBanks: 'Belum ada bank soal untuk asesmen ini.',
    createBank: 'Buat bank soal',
    total: 'Jumlah soal tersimpan: {n}.',
    timeLimit: 'Batas waktu (menit)',
    timeLimitHint: '{min} sampai {max} menit, mis. 40.',
    passMark: 'Nilai batas lulus (%)',
    passMarkHint: 'Persentase jawaban benar untuk lulus tes tertulis, 0 sampai 100, mis. 60.',
    save: 'Simpan pengaturan asesmen',
    problems: 'Pengaturan belum dapat disimpan.',
    banks: 'Kelola bank soal',
  },
  en: {
    back: 'Back to the batch',
    title: 'Assessment settings',
    lead: 'The question banks and question counts of each assessment of SOP step 5 for this batch. Questions are drawn at random for each candidate; enter 0 for a bank that is not used.',
    field: 'Programme’s vocational field',
    deadline: 'Assessment deadline',
    notSaved: 'This batch’s assessments have not been set yet. The values below are a suggestion; check them and save.',
    saved: 'Assessment settings saved.',
    started: '{n} candidates have started this batch’s assessments. Attempts already started keep the questions drawn then; changes apply to attempts started afterwards.',
    untimed: 'Untimed.',
    timed: 'Timed; time runs out at the batch’s assessment deadline at the latest.',
    bank: 'Question bank',
    general: 'general',
    available: 'Active questions',
    count: 'Questions',
    countOf: 'Questions from {code}',
    noBanks: 'No question bank for this assessment yet.',
    createBank: 'Create a question bank',
    total: 'Questions saved: {n}.',
    timeLimit: 'Time limit (minutes)',
    timeLimitHint: '{min} to {max} minutes, e.g. 40.',
    passMark: 'Pass mark (%)',
    passMarkHint: 'Percentage of correct answers needed to pass the written test, 0 to 100, e.g. 60.',
    save: 'Save assessment settings',
    problems: 'The settings could not be saved.',
    banks: 'Manage question banks',
  },
})

/** A suggestion for a batch without settings: every inventory item, 15 general + 25 field questions. */
function suggestedCount(kind: KindSetup, bankIndex: number, field: string): number {
  const bank = kind.banks[bankIndex]!
  if (kind.kind !== 'written_test') return bankIndex === 0 ? bank.activeCount : 0
  const hasFieldBank = kind.banks.some((b) => b.vocationalField === field)
  const firstGeneral = kind.banks.findIndex((b) => b.vocationalField === null)
  if (bank.vocationalField === field) return Math.min(25, bank.activeCount)
  if (bankIndex === firstGeneral) return Math.min(hasFieldBank ? 15 : 40, bank.activeCount)
  return 0
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data ? `Asesmen ${data.batch.programmeName} ${data.batch.number}/${data.batch.year}` : 'Asesmen'} — Latih` }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const batchId = idParam(params.batchId, 'Gelombang tidak ditemukan.')
  const setup = await getBatchAssessmentSetup(ctx, { batchId }).catch(loaderFailure)
  const defaults: Record<string, string> = {}
  for (const kind of setup.kinds) {
    kind.banks.forEach((b, i) => {
      const saved = kind.saved?.sources.find((s) => s.bankId === b.id)?.count
      defaults[countField(kind.kind, b.id)] = String(kind.saved ? (saved ?? 0) : suggestedCount(kind, i, setup.batch.vocationalField))
    })
  }
  const written = setup.kinds.find((k) => k.kind === 'written_test')?.saved
  defaults.timeLimitMinutes = String(written?.timeLimitMinutes ?? 40)
  defaults.passMark = String(written?.passMark ?? 60)
  return { ...setup, defaults, complete: setup.kinds.every((k) => k.saved) }
}

const toNumber = (v: string | undefined): number | null => {
  const s = (v ?? '').trim().replace(',', '.')
  return s === '' ? null : Number(s)
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const batchId = idParam(params.batchId, 'Gelombang tidak ditemukan.')
  const formData = await request.formData()
  const values = formValues(formData)
  const sources: Record<AssessmentKind, Array<{ bankId: string; count: number }>> = {
    self_assessment: [],
    potential: [],
    written_test: [],
  }
  for (const [key, value] of Object.entries(values)) {
    const [prefix, kind, bankId] = key.split('.')
    if (prefix !== 'count' || !ASSESSMENT_KINDS.includes(kind as AssessmentKind) || !isUuid(bankId)) continue
    sources[kind as AssessmentKind].push({ bankId, count: toNumber(value) ?? 0 })
  }
  try {
    await configureBatchAssessments(ctx, {
      batchId,
      selfAssessment: sources.self_assessment,
      potential: sources.potential,
      writtenTest: {
        sources: sources.written_test,
        timeLimitMinutes: toNumber(values.timeLimitMinutes),
        passMark: toNumber(values.passMark),
      },
    })
    return redirect(`/admin/gelombang/${batchId}/asesmen?disimpan=1`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

function CountInput({ name, label, state, defaultValue, max }: { name: string; label: string; state: FormState | undefined; defaultValue: string; max: number }) {
  const id = `f-${name.replace(/\./g, '-')}`
  const error = state?.errors?.[name]?.[0]
  return (
    <FieldShell id={id} label={label} error={error} hideLabel style={{ margin: 0 }}>
      {(control) => (
        <input
          {...control}
          name={name}
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          step={1}
          defaultValue={state?.values?.[name] ?? defaultValue}
          style={{ maxWidth: '8rem' }}
        />
      )}
    </FieldShell>
  )
}

export default function BatchAssessments({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const fmt = useFormat()
  const busy = useNavigation().state === 'submitting'
  const [search] = useSearchParams()
  const { batch, kinds, defaults, attemptsStarted, complete } = loaderData
  const labels = locale === 'en' ? KIND_LABEL_EN : KIND_LABEL
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to={`/admin/gelombang/${batch.id}`}>
          {t.back} {batch.number}/{batch.year}
        </Link>
      </p>
      <h1>
        {t.title}: {batch.programmeName} {batch.number}/{batch.year}
      </h1>
      <p>{t.lead}</p>
      <dl className="facts card">
        <dt>{t.field}</dt>
        <dd>{batch.vocationalField}</dd>
        <dt>{t.deadline}</dt>
        <dd>{fmt.dateTime(batch.assessmentDeadline)}</dd>
      </dl>
      {search.get('disimpan') && !actionData ? <Notice kind="success">{t.saved}</Notice> : null}
      {!complete && !actionData ? <Notice kind="warning">{t.notSaved}</Notice> : null}
      {attemptsStarted > 0 ? <Notice kind="info">{t.started.replace('{n}', String(attemptsStarted))}</Notice> : null}
      <Form method="post" noValidate>
        <FormErrors state={actionData} title={t.problems} />
        {kinds.map((kind) => {
          const kindError = actionData?.errors?.[kind.kind]?.[0]
          const savedTotal = kind.saved?.sources.reduce((n, s) => n + s.count, 0)
          return (
            <fieldset key={kind.kind} aria-describedby={kindError ? `err-${kind.kind}` : undefined}>
              <legend>{labels[kind.kind]}</legend>
              <p className="hint">
                {kind.kind === 'written_test' ? t.timed : t.untimed}
                {savedTotal !== undefined ? ` ${t.total.replace('{n}', String(savedTotal))}` : ''}
              </p>
              {kindError ? (
                <p className="error" id={`err-${kind.kind}`}>
                  {kindError}
                </p>
              ) : null}
              {kind.banks.length === 0 ? (
                <p>
                  {t.noBanks} <Link to="/admin/bank-soal/baru">{t.createBank}</Link>
                </p>
              ) : (
                // position: relative keeps the visually hidden labels inside the scrolling box.
                <div className="table-wrap" style={{ position: 'relative' }}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t.bank}</th>
                        <th scope="col">{t.available}</th>
                        <th scope="col">{t.count}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {kind.banks.map((b) => (
                        <tr key={b.id}>
                          <th scope="row">
                            <Link to={`/admin/bank-soal/${b.id}`}>{b.code}</Link>
                            <span className="small muted">
                              {' '}
                              {b.title}
                              {kind.kind === 'written_test' ? ` (${b.vocationalField ?? t.general})` : ''}
                            </span>
                          </th>
                          <td>{b.activeCount}</td>
                          <td>
                            <CountInput
                              name={countField(kind.kind, b.id)}
                              label={t.countOf.replace('{code}', b.code)}
                              state={actionData}
                              defaultValue={defaults[countField(kind.kind, b.id)] ?? '0'}
                              max={b.activeCount}
                            />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {kind.kind === 'written_test' ? (
                <div className="grid grid-2">
                  <Field
                    name="timeLimitMinutes"
                    label={t.timeLimit}
                    hint={t.timeLimitHint.replace('{min}', String(TIME_LIMIT_RANGE.min)).replace('{max}', String(TIME_LIMIT_RANGE.max))}
                    type="number"
                    inputMode="numeric"
                    min={TIME_LIMIT_RANGE.min}
                    max={TIME_LIMIT_RANGE.max}
                    defaultValue={defaults.timeLimitMinutes}
                    state={actionData}
                    required
                  />
                  <Field
                    name="passMark"
                    label={t.passMark}
                    hint={t.passMarkHint}
                    inputMode="decimal"
                    defaultValue={defaults.passMark}
                    state={actionData}
                    required
                  />
                </div>
              ) : null}
            </fieldset>
          )
        })}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t.save}
          </button>
          <Link to="/admin/bank-soal">{t.banks}</Link>
        </div>
      </Form>
    </>
  )
}
