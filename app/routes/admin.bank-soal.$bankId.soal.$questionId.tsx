import { data, Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/admin.bank-soal.$bankId.soal.$questionId'
import { archiveQuestion } from '../../server/assessments/banks/archiveQuestion'
import { getQuestion } from '../../server/assessments/banks/getQuestion'
import { questionImageUrl } from '../../server/assessments/banks/images'
import { IMAGE_FIELD } from '../../server/assessments/banks/limits'
import { fieldsOfVersion } from '../../server/assessments/banks/questionRules'
import { restoreQuestion } from '../../server/assessments/banks/restoreQuestion'
import { updateQuestion } from '../../server/assessments/banks/updateQuestion'
import { runtime } from '../../server/runtime'
import { useFormat } from '../i18n/format'
import { defineText, useText } from '../i18n/text'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { Notice } from '../ui/Notice'
import { QuestionFormFields } from '../ui/admin/QuestionFormFields'
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
    back: 'Kembali ke bank',
    title: 'Ubah soal',
    version: 'Versi {n}',
    versionNote:
      'Menyimpan perubahan membuat versi {n}. Versi lama tetap tersimpan: asesmen yang sudah dikerjakan tidak berubah, dan asesmen baru memakai versi terbaru.',
    save: 'Simpan sebagai versi baru',
    unchanged: 'Tidak ada perubahan; tidak ada versi baru.',
    archivedNote: 'Soal ini diarsipkan: tidak diambil untuk asesmen baru.',
    archive: 'Arsipkan soal',
    archiveHint: 'Soal yang diarsipkan tidak diambil untuk asesmen baru. Asesmen yang sudah memakainya tidak berubah.',
    restore: 'Pulihkan soal',
    history: 'Riwayat versi',
    created: 'dibuat',
    key: 'kunci',
    scale: 'skala',
    reverse: 'skor terbalik',
    image: 'gambar',
    problems: 'Tindakan belum dapat dilakukan.',
  },
  en: {
    back: 'Back to the bank',
    title: 'Edit question',
    version: 'Version {n}',
    versionNote:
      'Saving creates version {n}. Old versions are kept: attempts already taken do not change, and new attempts use the latest version.',
    save: 'Save as a new version',
    unchanged: 'Nothing changed; no new version.',
    archivedNote: 'This question is archived: it is not drawn for new attempts.',
    archive: 'Archive question',
    archiveHint: 'Archived questions are not drawn for new attempts. Attempts that used it do not change.',
    restore: 'Restore question',
    history: 'Version history',
    created: 'created',
    key: 'key',
    scale: 'scale',
    reverse: 'reverse-scored',
    image: 'image',
    problems: 'That could not be done.',
  },
})

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data ? `Soal ${data.question.code}` : 'Soal'} — Latih` }]
}

async function load(request: Request, params: Route.LoaderArgs['params']) {
  const { ctx } = await requireAdministrator(request)
  const bankId = idParam(params.bankId, 'Bank soal tidak ditemukan.')
  const questionId = idParam(params.questionId, 'Soal tidak ditemukan.')
  const found = await getQuestion(ctx, { questionId }).catch(loaderFailure)
  if (found.bank.id !== bankId) throw data('Soal tidak ditemukan.', { status: 404 })
  return { ctx, found }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { found } = await load(request, params)
  const { bank, question, current, versions } = found
  return {
    bank: { id: bank.id, code: bank.code, kind: bank.kind, scales: bank.scales },
    question: { id: question.id, code: question.code, archived: question.archivedAt !== null, version: question.currentVersion },
    defaults: fieldsOfVersion(question.code, current),
    imageKey: current.imageKey,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      stem: v.stem,
      options: v.options,
      correctOptionKey: v.correctOptionKey,
      scaleCode: v.scaleCode,
      reverseScored: v.reverseScored,
      imageKey: v.imageKey,
      type: v.type,
    })),
    unchanged: new URL(request.url).searchParams.get('tetap') === '1',
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx, found } = await load(request, params)
  const base = `/admin/bank-soal/${found.bank.id}`
  const formData = await readQuestionForm(request)
  if (!formData) return tooLargeResponse()
  const intent = formData.get('intent')
  try {
    if (intent === 'arsip') {
      await archiveQuestion(ctx, { questionId: found.question.id })
      return redirect(`${base}?disimpan=arsip`)
    }
    if (intent === 'pulihkan') {
      await restoreQuestion(ctx, { questionId: found.question.id })
      return redirect(`${base}?disimpan=pulih`)
    }
    const parsed = parseForm(formData, QuestionForm)
    if (!parsed.ok) return parsed.response
    const bytes = await uploadedBytes(formData, IMAGE_FIELD)
    const { storage } = await runtime()
    const version = Number(parsed.value.versi)
    const result = await updateQuestion(ctx, {
      questionId: found.question.id,
      expectedVersion: Number.isInteger(version) && version > 0 ? version : undefined,
      fields: questionFields(parsed.value),
      image: bytes ? { bytes, storage } : undefined,
    })
    if (!result.changed) return redirect(`${base}/soal/${found.question.id}?tetap=1`)
    return redirect(`${base}?disimpan=soal`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

export default function EditQuestion({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const fmt = useFormat()
  const busy = useNavigation().state === 'submitting'
  const { bank, question, defaults, imageKey, versions, unchanged } = loaderData
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to={`/admin/bank-soal/${bank.id}`}>
          {t.back} {bank.code}
        </Link>
      </p>
      <h1>
        {t.title} {question.code}
      </h1>
      <p>
        <span className="badge">{t.version.replace('{n}', String(question.version))}</span>
      </p>
      {unchanged && !actionData ? <Notice kind="info">{t.unchanged}</Notice> : null}
      {question.archived ? <Notice kind="warning">{t.archivedNote}</Notice> : null}
      <p className="hint">{t.versionNote.replace('{n}', String(question.version + 1))}</p>
      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
        <input type="hidden" name="versi" value={question.version} />
        <QuestionFormFields kind={bank.kind} scales={bank.scales} state={actionData} defaults={defaults} imageKey={imageKey} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t.save}
          </button>
        </div>
      </Form>

      <section className="card" aria-labelledby="archive">
        <h2 id="archive">{question.archived ? t.restore : t.archive}</h2>
        {!question.archived ? <p className="hint">{t.archiveHint}</p> : null}
        <Form method="post">
          <input type="hidden" name="intent" value={question.archived ? 'pulihkan' : 'arsip'} />
          <button type="submit" className={question.archived ? 'secondary' : 'danger'} disabled={busy}>
            {question.archived ? t.restore : t.archive}
          </button>
        </Form>
      </section>

      <section aria-labelledby="history">
        <h2 id="history">{t.history}</h2>
        <ol className="timeline" reversed>
          {versions.map((v) => (
            <li key={v.version}>
              <strong>{t.version.replace('{n}', String(v.version))}</strong>
              <time dateTime={v.createdAt}>
                {t.created} {fmt.dateTime(v.createdAt)}
              </time>
              <p style={{ whiteSpace: 'pre-line', margin: '4px 0' }}>{v.stem}</p>
              {v.type === 'multiple_choice' ? (
                <ol type="A" style={{ margin: '4px 0' }}>
                  {v.options.map((o) => (
                    <li key={o.key}>
                      {o.text}
                      {o.key === v.correctOptionKey ? <strong> ✓ {t.key}</strong> : null}
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="small muted" style={{ margin: 0 }}>
                  {t.scale}: {v.scaleCode ?? '—'}
                  {v.reverseScored ? ` · ${t.reverse}` : ''}
                </p>
              )}
              {v.imageKey ? (
                <p className="small" style={{ margin: 0 }}>
                  <a href={questionImageUrl(v.imageKey)}>
                    {t.image} ({v.imageKey})
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}
