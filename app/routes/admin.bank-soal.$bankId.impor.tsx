import { data, Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/admin.bank-soal.$bankId.impor'
import { getBank } from '../../server/assessments/banks/getBank'
import { importBankXlsx } from '../../server/assessments/banks/importBankXlsx'
import { IMPORT_FIELD, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../server/assessments/banks/limits'
import { TEMPLATE_TYPE_NAME, TYPE_OF_KIND } from '../../server/assessments/banks/options'
import { kindHasScales } from '../../server/assessments/banks/scaleRules'
import { defineText, useText } from '../i18n/text'
import { useCaseFailure, type FormFailure } from '../lib/forms.server'
import { idParam, requireAdministrator, uploadedBytes } from './admin.bank-soal.server'
import { declaredTooLarge, discardBody, readLimitedFormData } from './profil.dokumen.server'
import { loaderFailure } from '../lib/context.server'
import { FieldShell } from '../ui/form'

const text = defineText({
  id: {
    back: 'Kembali ke bank',
    title: 'Impor soal dari XLSX',
    how: 'Cara mengimpor',
    step1: 'Unduh templat: tombol di bawah mengekspor bank ini (berisi soal yang ada, atau kosong untuk bank baru).',
    step2: 'Isi lembar Soal: satu baris satu soal, tipe {type}. Penjelasan setiap kolom ada di lembar Petunjuk.',
    step2Scales: 'Lembar Skala (bila ada) menggantikan daftar skala bank ini.',
    step3: 'Unggah berkasnya. Semua baris diperiksa dulu: bila ada kesalahan, tidak ada yang disimpan dan setiap kesalahan disebut baris dan kolomnya.',
    step4: 'Kode yang sudah ada memperbarui soalnya (versi baru hanya bila isinya berubah); kode baru menambah soal. Soal yang tidak ada di berkas tidak berubah.',
    download: 'Unduh templat (ekspor bank ini)',
    file: 'Berkas XLSX',
    fileHint: 'Paling besar {mb} MB dan {rows} soal.',
    submit: 'Periksa dan impor',
    refused: 'Berkas tidak diimpor; tidak ada soal yang disimpan.',
    count: 'Perbaiki {n} kesalahan berikut lalu unggah lagi:',
    more: '… dan {n} kesalahan lain.',
  },
  en: {
    back: 'Back to the bank',
    title: 'Import questions from XLSX',
    how: 'How to import',
    step1: 'Download the template: the button below exports this bank (with its questions, or empty for a new bank).',
    step2: 'Fill in the Soal sheet: one row per question, type {type}. The Petunjuk sheet explains every column.',
    step2Scales: 'The Skala sheet (when present) replaces this bank’s scales.',
    step3: 'Upload the file. Every row is checked first: if anything is wrong, nothing is saved and each problem names its row and column.',
    step4: 'An existing code updates that question (a new version only when its content changed); a new code adds a question. Questions not in the file stay as they are.',
    download: 'Download the template (export this bank)',
    file: 'XLSX file',
    fileHint: 'At most {mb} MB and {rows} questions.',
    submit: 'Check and import',
    refused: 'The file was not imported; no question was saved.',
    count: 'Fix the following {n} problems and upload it again:',
    more: '… and {n} more problems.',
  },
})

const SHOWN = 200

export function meta() {
  return [{ title: 'Impor soal — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const bankId = idParam(params.bankId, 'Bank soal tidak ditemukan.')
  const { bank } = await getBank(ctx, { bankId }).catch(loaderFailure)
  return { bank: { id: bank.id, code: bank.code, kind: bank.kind } }
}

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
  const formData = await readLimitedFormData(request, MAX_IMPORT_BYTES)
  if (!formData) return tooLarge()
  const bytes = await uploadedBytes(formData, IMPORT_FIELD)
  try {
    const r = await importBankXlsx(ctx, { bankId, bytes: bytes ?? new Uint8Array() })
    return redirect(`/admin/bank-soal/${bankId}?impor=${r.created}.${r.updated}.${r.unchanged}.${r.scalesChanged ? 1 : 0}`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

export default function ImportBank({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  const { bank } = loaderData
  const problems = actionData?.errors?.[IMPORT_FIELD] ?? []
  const general = actionData?.errors?.[''] ?? []
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
      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
        <FieldShell
          id="f-berkas"
          label={t.file}
          hint={t.fileHint.replace('{mb}', String(MAX_IMPORT_BYTES / 1024 / 1024)).replace('{rows}', String(MAX_IMPORT_ROWS))}
          invalid={problems.length > 0}
          describedBy={problems.length ? 'import-problems' : undefined}
        >
          {(control) => (
            <input
              {...control}
              type="file"
              name={IMPORT_FIELD}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
            />
          )}
        </FieldShell>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t.submit}
          </button>
        </div>
      </Form>
    </>
  )
}
