import { Form, Link, redirect, useNavigation, useSearchParams } from 'react-router'
import type { Route } from './+types/staf_.gelombang.$batchId.pengaturan'
import { getBatchSelectionSettings } from '../../server/selection/getBatchSelectionSettings'
import { selectionSettingsSchema, updateSelectionSettings } from '../../server/selection/updateSelectionSettings'
import { formatDateTime } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { Field, FormErrors, TextAreaField } from '../ui/form'
import { Notice } from '../ui/Notice'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Pengaturan seleksi ${data.page.batch.programmeName} ${data.page.batch.label} — Latih` : 'Pengaturan seleksi — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const page = await getBatchSelectionSettings(ctx, { batchId: params.batchId }).catch(loaderFailure)
  return { page }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, selectionSettingsSchema)
  if (!parsed.ok) return parsed.response
  const raw = (name: string) => {
    const v = formData.get(name)
    return typeof v === 'string' ? v : undefined
  }
  try {
    await updateSelectionSettings(ctx, {
      batchId: params.batchId,
      weightWrittenTest: raw('weightWrittenTest'),
      weightInterview: raw('weightInterview'),
      weightSelfAssessment: raw('weightSelfAssessment'),
      interviewInviteLimit: raw('interviewInviteLimit'),
      slotChangeCutoff: raw('slotChangeCutoff'),
      interviewBring: raw('interviewBring'),
    })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect(`/staf/gelombang/${params.batchId}/pengaturan?disimpan=1`)
}

const text = defineText({
  id: {
    hub: 'Kembali ke seleksi gelombang',
    title: 'Pengaturan seleksi',
    saved: 'Pengaturan seleksi tersimpan.',
    defaults: 'Gelombang ini belum punya pengaturan sendiri; isian di bawah adalah nilai bawaan.',
    finalised: 'Pleno gelombang ini sudah difinalkan: bobot tidak dapat diubah lagi.',
    readOnly: 'Hanya panitia seleksi yang dapat mengubah pengaturan ini.',
    problems: 'Pengaturan belum dapat disimpan.',
    passMarkTitle: 'Nilai batas lulus tes tulis',
    passMark: 'Batas lulus: {n}.',
    noPassMark: 'Batas lulus belum diatur.',
    passMarkHint: 'Batas lulus diatur bersama asesmen gelombang oleh administrator.',
    passMarkLink: 'Pengaturan asesmen gelombang',
    weights: 'Bobot peringkat pleno',
    weightsHint: 'Bilangan bulat dalam persen; ketiganya berjumlah 100.',
    weightWrittenTest: 'Tes tulis (%)',
    weightInterview: 'Wawancara (%)',
    weightSelfAssessment: 'Penilaian diri (%)',
    invite: 'Undangan wawancara',
    inviteLimit: 'Jumlah yang diundang wawancara',
    inviteLimitHint: 'Hanya N terbaik menurut nilai tes tulis, mis. tiga kali kuota. Kosongkan untuk mengundang semua yang lulus tes tulis.',
    cutoff: 'Batas pindah jadwal wawancara (WITA)',
    cutoffHint: 'Sampai kapan calon boleh pindah ke jadwal lain; harus sebelum rapat pleno ({plenary}). Kosongkan: sampai jadwalnya dimulai.',
    bring: 'Yang dibawa saat wawancara',
    bringHint: 'Ditulis di panggilan wawancara.',
    save: 'Simpan pengaturan seleksi',
  },
  en: {
    hub: 'Back to the batch’s selection',
    title: 'Selection settings',
    saved: 'Selection settings saved.',
    defaults: 'This batch has no settings of its own yet; the values below are the defaults.',
    finalised: 'This batch’s plenary has been finalised: the weights can no longer change.',
    readOnly: 'Only the selection committee can change these settings.',
    problems: 'The settings could not be saved.',
    passMarkTitle: 'Written-test pass mark',
    passMark: 'Pass mark: {n}.',
    noPassMark: 'No pass mark set yet.',
    passMarkHint: 'The pass mark is set with the batch’s assessments by an administrator.',
    passMarkLink: 'Batch assessment settings',
    weights: 'Plenary ranking weights',
    weightsHint: 'Whole percents; the three add up to 100.',
    weightWrittenTest: 'Written test (%)',
    weightInterview: 'Interview (%)',
    weightSelfAssessment: 'Self-assessment (%)',
    invite: 'Interview invitations',
    inviteLimit: 'How many to invite to the interview',
    inviteLimitHint: 'Only the best N by written-test score, e.g. three times the quota. Leave empty to invite everyone who passed the written test.',
    cutoff: 'Slot-change cut-off (WITA)',
    cutoffHint: 'Until when a candidate may switch to another slot; before the plenary meeting ({plenary}). Empty: until their slot starts.',
    bring: 'What to bring to the interview',
    bringHint: 'Written in the interview call.',
    save: 'Save selection settings',
  },
})

export default function SelectionSettingsPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const busy = useNavigation().state === 'submitting'
  const [search] = useSearchParams()
  const { page } = loaderData
  const defaults = page.formValues
  const weightsError = actionData?.errors?.weights?.[0]
  const disabled = !page.canConfigure
  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${page.batch.id}`}>{t.hub}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {page.batch.programmeName}, {page.batch.label}</span>
      </h1>
      {search.get('disimpan') && !actionData ? <Notice kind="success">{t.saved}</Notice> : null}
      {!page.saved && !actionData ? <Notice kind="info">{t.defaults}</Notice> : null}
      {page.plenaryFinalised ? <Notice kind="warning">{t.finalised}</Notice> : null}
      {disabled ? <Notice kind="info">{t.readOnly}</Notice> : null}

      <section className="card" aria-labelledby="passmark-title">
        <h2 id="passmark-title">{t.passMarkTitle}</h2>
        <p>
          <strong>
            {page.settings.passMark !== null ? t.passMark.replace('{n}', String(page.settings.passMark)) : t.noPassMark}
          </strong>
        </p>
        <p className="small">
          {t.passMarkHint} <Link to={`/admin/gelombang/${page.batch.id}/asesmen`}>{t.passMarkLink}</Link>
        </p>
      </section>

      <Form method="post" noValidate>
        <FormErrors state={actionData} title={t.problems} />
        <fieldset disabled={disabled} aria-describedby={weightsError ? 'weights-error' : 'weights-hint'}>
          <legend>{t.weights}</legend>
          <p className="hint" id="weights-hint">
            {t.weightsHint}
          </p>
          {weightsError ? (
            <p className="error" id="weights-error">
              {weightsError}
            </p>
          ) : null}
          <div className="grid grid-3">
            {(['weightWrittenTest', 'weightInterview', 'weightSelfAssessment'] as const).map((name) => (
              <Field
                key={name}
                name={name}
                label={t[name]}
                inputMode="numeric"
                defaultValue={defaults[name]}
                state={actionData}
                aria-invalid={weightsError || actionData?.errors?.[name] ? true : undefined}
                required
              />
            ))}
          </div>
        </fieldset>
        <fieldset disabled={disabled}>
          <legend>{t.invite}</legend>
          <Field
            name="interviewInviteLimit"
            label={t.inviteLimit}
            hint={t.inviteLimitHint}
            inputMode="numeric"
            defaultValue={defaults.interviewInviteLimit}
            state={actionData}
          />
          <Field
            name="slotChangeCutoff"
            label={t.cutoff}
            hint={t.cutoffHint.replace('{plenary}', formatDateTime(page.batch.plenaryAt, locale, page.timeZone))}
            type="datetime-local"
            defaultValue={defaults.slotChangeCutoff}
            state={actionData}
          />
          <TextAreaField
            name="interviewBring"
            label={t.bring}
            hint={t.bringHint}
            rows={3}
            defaultValue={defaults.interviewBring}
            state={actionData}
            required
          />
        </fieldset>
        {disabled ? null : (
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t.save}
            </button>
          </div>
        )}
      </Form>
    </>
  )
}
