import { data, Form, Link, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/admin.bank-soal.$bankId.impor'
import { confirmBankImport, getBankImportPreview } from '../../server/assessments/banks/confirmBankImport'
import { getBank } from '../../server/assessments/banks/getBank'
import { IMPORT_FIELD, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../server/assessments/banks/limits'
import { TEMPLATE_TYPE_NAME, TYPE_OF_KIND } from '../../server/assessments/banks/options'
import { previewBankImport, type BankImportPreview } from '../../server/assessments/banks/previewBankImport'
import { kindHasScales } from '../../server/assessments/banks/scaleRules'
import { useFormat } from '../i18n/format'
import { defineText, useText } from '../i18n/text'
import { loaderFailure } from '../lib/context.server'
import { failure, parseForm, useCaseFailure, type FormFailure } from '../lib/forms.server'
import { Notice } from '../ui/Notice'
import { idParam, requireAdministrator, uploadedBytes } from './admin.bank-soal.server'
import { declaredTooLarge, discardBody, readLimitedFormData } from './profil.dokumen.server'

const text = defineText({
  id: {
    back: 'Kembali ke bank',
    title: 'Impor soal dari XLSX atau CSV',
    how: 'Cara mengimpor',
    step1: 'Unduh templat: tombol di bawah mengekspor bank ini (berisi soal yang ada, atau kosong untuk bank baru).',
    step2: 'Isi lembar Soal: satu baris satu soal, tipe {type}. Penjelasan setiap kolom ada di lembar Petunjuk. Simpan sebagai .xlsx; menyunting lewat CSV dapat mengubah 4/12 menjadi tanggal dan 007 menjadi 7.',
    step2Scales: 'Lembar Skala (bila ada) menggantikan daftar skala bank ini.',
    step3: 'Unggah berkasnya. Latih menampilkan pratinjau: soal yang akan ditambah, yang akan berubah (isi lama → isi baru), dan setiap baris yang ditolak. Belum ada yang disimpan.',
    step4: 'Periksa pratinjau lalu tekan Terapkan. Kode yang sudah ada memperbarui soalnya (versi baru); kode baru menambah soal. Soal yang tidak ada di berkas tidak berubah.',
    download: 'Unduh templat (ekspor bank ini)',
    file: 'Berkas XLSX atau CSV',
    fileHint: 'Paling besar {mb} MB dan {rows} soal. CSV boleh dipisah koma atau titik koma.',
    submit: 'Periksa berkas',
    refused: 'Berkas tidak dapat diimpor; tidak ada soal yang disimpan.',
    count: 'Perbaiki {n} kesalahan berikut lalu unggah lagi:',
    more: '… dan {n} lainnya.',
    previewTitle: 'Pratinjau impor',
    previewFile: 'Berkas {file}, dibaca {when}.',
    previewSheet: 'Lembar "{sheet}" dibaca sebagai lembar Soal.',
    previewNothing: 'Tidak ada yang berubah: semua soal di berkas sama dengan isi bank.',
    previewNotSaved: 'Belum ada yang disimpan. Periksa daftar di bawah, lalu terapkan.',
    summary: '{a} soal akan ditambah, {c} soal akan diubah, {u} soal tidak berubah.',
    summaryRefused: '{r} kesalahan; berkas ini tidak dapat diterapkan.',
    addedTitle: 'Akan ditambah ({n})',
    changedTitle: 'Akan diubah ({n})',
    refusedTitle: 'Ditolak ({n})',
    scalesTitle: 'Daftar skala akan diganti',
    scalesBefore: 'Sekarang',
    scalesAfter: 'Sesudah impor',
    row: 'Baris',
    code: 'Kode',
    stem: 'Pertanyaan',
    key: 'Kunci',
    column: 'Kolom',
    before: 'Lama',
    after: 'Baru',
    empty: '(kosong)',
    fromVersion: 'versi {v} → {w}',
    confirm: 'Terapkan impor',
    cancel: 'Batal, unggah berkas lain',
    applied: 'Pratinjau ini sudah diterapkan pada {when}.',
    toBank: 'Lihat bank',
    uploadAgain: 'Unggah berkas yang sudah diperbaiki',
  },
  en: {
    back: 'Back to the bank',
    title: 'Import questions from XLSX or CSV',
    how: 'How to import',
    step1: 'Download the template: the button below exports this bank (with its questions, or empty for a new bank).',
    step2: 'Fill in the Soal sheet: one row per question, type {type}. The Petunjuk sheet explains every column. Save as .xlsx; editing through CSV can turn 4/12 into a date and 007 into 7.',
    step2Scales: 'The Skala sheet (when present) replaces this bank’s scales.',
    step3: 'Upload the file. Latih shows a preview: the questions to be added, those that change (old → new), and every refused row. Nothing is saved yet.',
    step4: 'Check the preview, then press Apply. An existing code updates that question (a new version); a new code adds a question. Questions not in the file stay as they are.',
    download: 'Download the template (export this bank)',
    file: 'XLSX or CSV file',
    fileHint: 'At most {mb} MB and {rows} questions. CSV may use commas or semicolons.',
    submit: 'Check the file',
    refused: 'The file cannot be imported; no question was saved.',
    count: 'Fix the following {n} problems and upload it again:',
    more: '… and {n} more.',
    previewTitle: 'Import preview',
    previewFile: 'File {file}, read {when}.',
    previewSheet: 'Sheet "{sheet}" was read as the Soal sheet.',
    previewNothing: 'Nothing changes: every question in the file matches the bank.',
    previewNotSaved: 'Nothing has been saved yet. Check the lists below, then apply.',
    summary: '{a} questions to add, {c} to change, {u} unchanged.',
    summaryRefused: '{r} problems; this file cannot be applied.',
    addedTitle: 'To be added ({n})',
    changedTitle: 'To be changed ({n})',
    refusedTitle: 'Refused ({n})',
    scalesTitle: 'The scales will be replaced',
    scalesBefore: 'Now',
    scalesAfter: 'After the import',
    row: 'Row',
    code: 'Code',
    stem: 'Question',
    key: 'Key',
    column: 'Column',
    before: 'Old',
    after: 'New',
    empty: '(empty)',
    fromVersion: 'version {v} → {w}',
    confirm: 'Apply the import',
    cancel: 'Cancel, upload another file',
    applied: 'This preview was applied on {when}.',
    toBank: 'View the bank',
    uploadAgain: 'Upload the corrected file',
  },
})

/** Long lists are cut on the page; the counts above them are complete. */
const SHOWN = 200

const Intent = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('pratinjau') }),
  z.object({ intent: z.literal('terapkan'), pratinjau: z.string().max(64) }),
])

export function meta() {
  return [{ title: 'Impor soal — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const bankId = idParam(params.bankId, 'Bank soal tidak ditemukan.')
  const { bank } = await getBank(ctx, { bankId }).catch(loaderFailure)
  const previewId = new URL(request.url).searchParams.get('pratinjau')
  const preview = previewId ? await getBankImportPreview(ctx, { bankId, previewId }).catch(loaderFailure) : null
  return { bank: { id: bank.id, code: bank.code, kind: bank.kind }, preview }
}

type ActionResult = FormFailure | { ok: false; preview: BankImportPreview }

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const bankId = idParam(params.bankId, 'Bank soal tidak ditemukan.')
  const tooLarge = () =>
    data<FormFailure>(
      { ok: false, errors: { [IMPORT_FIELD]: [`Berkas terlalu besar; paling besar ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`] }, values: {} },
      { status: 413 },
    )
  if (declaredTooLarge(request, MAX_IMPORT_BYTES)) {
    await discardBody(request)
    return tooLarge()
  }
  let formData: FormData | null
  try {
    formData = await readLimitedFormData(request, MAX_IMPORT_BYTES)
  } catch {
    return data<FormFailure>({ ok: false, errors: { '': ['Isian tidak terbaca; muat ulang halaman dan coba lagi.'] }, values: {} }, { status: 400 })
  }
  if (!formData) return tooLarge()
  const parsed = parseForm(formData, Intent)
  if (!parsed.ok) return failure(formData, { '': ['Permintaan tidak dikenal; muat ulang halaman dan coba lagi.'] }, 400)

  if (parsed.value.intent === 'terapkan') {
    try {
      const r = await confirmBankImport(ctx, { bankId, previewId: parsed.value.pratinjau })
      return redirect(`/admin/bank-soal/${bankId}?impor=${r.created}.${r.updated}.${r.unchanged}.${r.scalesChanged ? 1 : 0}`)
    } catch (error) {
      return useCaseFailure(formData, error)
    }
  }

  const file = formData.get(IMPORT_FIELD)
  const bytes = await uploadedBytes(formData, IMPORT_FIELD)
  try {
    const preview = await previewBankImport(ctx, {
      bankId,
      bytes: bytes ?? new Uint8Array(),
      fileName: file instanceof File ? file.name.slice(0, 255) : undefined,
    })
    // A clean preview is stored: the page that shows it can be reloaded and confirmed.
    if (preview.previewId) return redirect(`/admin/bank-soal/${bankId}/impor?pratinjau=${preview.previewId}`)
    return data<ActionResult>({ ok: false, preview }, { status: 422 })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

export default function ImportBank({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const { bank } = loaderData
  const refusedPreview = actionData && 'preview' in actionData ? actionData.preview : null
  const preview = refusedPreview ?? loaderData.preview
  const failed = actionData && 'errors' in actionData ? actionData : null
  const problems = failed?.errors?.[IMPORT_FIELD] ?? []
  const general = failed?.errors?.[''] ?? []
  const showUpload = !loaderData.preview || refusedPreview !== null || failed !== null
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to={`/admin/bank-soal/${bank.id}`}>
          {t.back} {bank.code}
        </Link>
      </p>
      <h1>
        {preview ? t.previewTitle : t.title}: {bank.code}
      </h1>
      {problems.length > 0 || general.length > 0 ? (
        <div className="alert alert-error" role="alert" tabIndex={-1}>
          <p>
            <strong>{t.refused}</strong>
          </p>
          {problems.length > 0 ? <p>{t.count.replace('{n}', String(problems.length))}</p> : null}
          {general.map((m) => (
            <p key={m}>{m}</p>
          ))}
          {problems.length > 0 ? (
            <ul id="import-problems">
              {problems.slice(0, SHOWN).map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          ) : null}
          {problems.length > SHOWN ? <p>{t.more.replace('{n}', String(problems.length - SHOWN))}</p> : null}
        </div>
      ) : null}
      {preview ? <PreviewView preview={preview} bankId={bank.id} /> : null}
      {showUpload ? (
        <>
          {!preview ? (
            <section className="card" aria-labelledby="how">
              <h2 id="how">{t.how}</h2>
              <ol>
                <li>{t.step1}</li>
                <li>
                  {t.step2.replace('{type}', TEMPLATE_TYPE_NAME[TYPE_OF_KIND[bank.kind]])}
                  {kindHasScales(bank.kind) ? ` ${t.step2Scales}` : null}
                </li>
                <li>{t.step3}</li>
                <li>{t.step4}</li>
              </ol>
              <p>
                <a className="button secondary" href={`/admin/bank-soal/${bank.id}/ekspor`} download>
                  {t.download}
                </a>
              </p>
            </section>
          ) : (
            <h2 id="upload-again">{t.uploadAgain}</h2>
          )}
          <UploadForm invalid={problems.length > 0} />
        </>
      ) : null}
    </>
  )
}

function UploadForm({ invalid }: { invalid: boolean }) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" encType="multipart/form-data" className="stack" noValidate>
      <input type="hidden" name="intent" value="pratinjau" />
      <div className={`field${invalid ? ' field-invalid' : ''}`}>
        <label htmlFor="f-berkas">{t.file}</label>
        <p className="hint" id="f-berkas-hint">
          {t.fileHint.replace('{mb}', String(MAX_IMPORT_BYTES / 1024 / 1024)).replace('{rows}', String(MAX_IMPORT_ROWS))}
        </p>
        <input
          id="f-berkas"
          type="file"
          name={IMPORT_FIELD}
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          required
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? 'f-berkas-hint import-problems' : 'f-berkas-hint'}
        />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t.submit}
        </button>
      </div>
    </Form>
  )
}

function PreviewView({ preview, bankId }: { preview: BankImportPreview; bankId: string }) {
  const t = useText(text)
  const fmt = useFormat()
  const busy = useNavigation().state === 'submitting'
  const shown = (v: string) => (v === '' ? <em>{t.empty}</em> : <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>)
  const nothing = preview.added.length === 0 && preview.changed.length === 0 && !preview.scales
  return (
    <>
      <section className="card" aria-labelledby="preview-summary">
        <h2 id="preview-summary">
          {t.summary
            .replace('{a}', String(preview.added.length))
            .replace('{c}', String(preview.changed.length))
            .replace('{u}', String(preview.unchanged))}
        </h2>
        <p>
          {t.previewFile.replace('{file}', preview.fileName).replace('{when}', fmt.dateTime(new Date(preview.createdAt)))}
          {preview.sheetName ? ` ${t.previewSheet.replace('{sheet}', preview.sheetName)}` : null}
        </p>
        {preview.appliedAt ? (
          <Notice kind="success">
            {t.applied.replace('{when}', fmt.dateTime(new Date(preview.appliedAt)))}{' '}
            <Link to={`/admin/bank-soal/${bankId}`}>{t.toBank}</Link>
          </Notice>
        ) : preview.issues.length > 0 ? (
          <Notice kind="error">
            <strong>{t.summaryRefused.replace('{r}', String(preview.issues.length))}</strong>
          </Notice>
        ) : nothing ? (
          <Notice>{t.previewNothing}</Notice>
        ) : (
          <Notice>{t.previewNotSaved}</Notice>
        )}
      </section>

      {preview.issues.length > 0 ? (
        <section aria-labelledby="refused">
          <h2 id="refused">{t.refusedTitle.replace('{n}', String(preview.issues.length))}</h2>
          <ul id="import-problems">
            {preview.issues.slice(0, SHOWN).map((i, n) => (
              <li key={n}>{i.text}</li>
            ))}
          </ul>
          {preview.issues.length > SHOWN ? <p>{t.more.replace('{n}', String(preview.issues.length - SHOWN))}</p> : null}
        </section>
      ) : null}

      {preview.scales ? (
        <section aria-labelledby="scales">
          <h2 id="scales">{t.scalesTitle}</h2>
          <p>
            {t.scalesBefore}: {preview.scales.before.map((s) => `${s.code} (${s.name})`).join(', ') || t.empty}
          </p>
          <p>
            {t.scalesAfter}: {preview.scales.after.map((s) => `${s.code} (${s.name})`).join(', ') || t.empty}
          </p>
        </section>
      ) : null}

      {preview.changed.length > 0 ? (
        <section aria-labelledby="changed">
          <h2 id="changed">{t.changedTitle.replace('{n}', String(preview.changed.length))}</h2>
          {preview.changed.slice(0, SHOWN).map((c) => (
            <div className="table-wrap" key={c.code}>
              <table>
                <caption>
                  {t.row} {c.row}: {c.code} ({t.fromVersion.replace('{v}', String(c.fromVersion)).replace('{w}', String(c.fromVersion + 1))})
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t.column}</th>
                    <th scope="col">{t.before}</th>
                    <th scope="col">{t.after}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.fields.map((f) => (
                    <tr key={f.column}>
                      <th scope="row">{f.column}</th>
                      <td>{shown(f.before)}</td>
                      <td>{shown(f.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {preview.changed.length > SHOWN ? <p>{t.more.replace('{n}', String(preview.changed.length - SHOWN))}</p> : null}
        </section>
      ) : null}

      {preview.added.length > 0 ? (
        <section aria-labelledby="added">
          <h2 id="added">{t.addedTitle.replace('{n}', String(preview.added.length))}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.row}</th>
                  <th scope="col">{t.code}</th>
                  <th scope="col">{t.stem}</th>
                  <th scope="col">{t.key}</th>
                </tr>
              </thead>
              <tbody>
                {preview.added.slice(0, SHOWN).map((a) => (
                  <tr key={a.code}>
                    <td>{a.row}</td>
                    <th scope="row">{a.code}</th>
                    <td>{shown(a.stem)}</td>
                    <td>{a.key ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.added.length > SHOWN ? <p>{t.more.replace('{n}', String(preview.added.length - SHOWN))}</p> : null}
        </section>
      ) : null}

      {preview.previewId && !preview.appliedAt && !nothing ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="terapkan" />
          <input type="hidden" name="pratinjau" value={preview.previewId} />
          <button type="submit" className="primary" disabled={busy}>
            {t.confirm}
          </button>
          <Link to={`/admin/bank-soal/${bankId}/impor`}>{t.cancel}</Link>
        </Form>
      ) : preview.previewId && !preview.appliedAt ? (
        <p>
          <Link to={`/admin/bank-soal/${bankId}/impor`}>{t.cancel}</Link>
        </p>
      ) : null}
    </>
  )
}
