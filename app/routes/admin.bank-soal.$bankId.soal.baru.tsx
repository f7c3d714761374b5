import { Form, Link, redirect, useNavigation, useSearchParams } from 'react-router'
import type { Route } from './+types/admin.bank-soal.$bankId.soal.baru'
import { createQuestion } from '../../server/assessments/banks/createQuestion'
import { getBank } from '../../server/assessments/banks/getBank'
import { IMAGE_FIELD } from '../../server/assessments/banks/limits'
import { nextCodeFrom } from '../../server/assessments/banks/questionRules'
import { runtime } from '../../server/runtime'
import { defineText, useText } from '../i18n/text'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { QuestionFormFields } from '../ui/admin/QuestionFormFields'
import { Notice } from '../ui/Notice'
import { loaderFailure } from '../lib/context.server'
import {
  idParam,
  QuestionForm,
  questionFields,
  readQuestionForm,
  requireAdministrator,
  tooLargeResponse,
  uploadedBytes,
} from './admin.bank-soal.server'

const text = defineText({
  id: {
    title: 'Tambah soal',
    back: 'Kembali ke bank',
    save: 'Simpan soal',
    saveAndNext: 'Simpan & tambah lagi',
    added: 'Soal {code} tersimpan. Tambahkan soal berikutnya.',
    needScales: 'Bank ini belum punya skala, padahal soal skala harus menunjuk sebuah skala. Tambahkan skala dulu lewat "Ubah bank".',
    editBank: 'Ubah bank',
  },
  en: {
    title: 'Add a question',
    back: 'Back to the bank',
    save: 'Save question',
    saveAndNext: 'Save & add another',
    added: 'Question {code} saved. Add the next one.',
    needScales: 'This bank has no scales yet, but scaled items must point at a scale. Add scales first under "Edit bank".',
    editBank: 'Edit bank',
  },
})

export function meta() {
  return [{ title: 'Tambah soal — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const bankId = idParam(params.bankId, 'Bank soal tidak ditemukan.')
  const { bank, questions } = await getBank(ctx, { bankId }).catch(loaderFailure)
  return {
    bank: { id: bank.id, code: bank.code, title: bank.title, kind: bank.kind, scales: bank.scales },
    nextCode: nextCodeFrom(bank.code, questions.map((q) => q.code)),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const bankId = idParam(params.bankId, 'Bank soal tidak ditemukan.')
  const formData = await readQuestionForm(request)
  if (!formData) return tooLargeResponse()
  const parsed = parseForm(formData, QuestionForm)
  if (!parsed.ok) return parsed.response
  const bytes = await uploadedBytes(formData, IMAGE_FIELD)
  const { storage } = await runtime()
  try {
    const { code } = await createQuestion(ctx, {
      bankId,
      code: parsed.value.kode,
      fields: questionFields(parsed.value),
      image: bytes ? { bytes, storage } : undefined,
    })
    if (formData.get('lanjut') === '1') return redirect(`/admin/bank-soal/${bankId}/soal/baru?tersimpan=${encodeURIComponent(code)}`)
    return redirect(`/admin/bank-soal/${bankId}?disimpan=soal`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

export default function NewQuestion({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  const [search] = useSearchParams()
  const { bank } = loaderData
  const added = search.get('tersimpan')
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to={`/admin/bank-soal/${bank.id}`}>
          {t.back} {bank.code}
        </Link>
      </p>
      <h1>
        {t.title}: {bank.code}
      </h1>
      {added && !actionData ? <Notice kind="success">{t.added.replace('{code}', added)}</Notice> : null}
      {bank.kind === 'potential' && bank.scales.length === 0 ? (
        <Notice kind="warning">
          {t.needScales} <Link to={`/admin/bank-soal/${bank.id}/ubah`}>{t.editBank}</Link>
        </Notice>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
        <QuestionFormFields kind={bank.kind} scales={bank.scales} state={actionData} defaults={{}} imageKey={null} codeExample={loaderData.nextCode} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t.save}
          </button>
          <button type="submit" name="lanjut" value="1" className="secondary" disabled={busy}>
            {t.saveAndNext}
          </button>
        </div>
      </Form>
    </>
  )
}
