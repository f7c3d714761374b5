import { data, Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/kios.daftar-ulang.$registrationId'
import { STATE_LABELS, isRegistrationState } from '../../domain/registrationStates'
import { uploadTooLargeMessage } from '../../server/documents/uploadContent'
import { env } from '../../server/env'
import { UseCaseError } from '../../server/errors'
import { DOCUMENT_LABELS } from '../../server/reRegistration/documentLabels'
import { checkDocument } from '../../server/reRegistration/checkDocument'
import { getDeskCheck } from '../../server/reRegistration/getDeskCheck'
import { reuploadDocument } from '../../server/reRegistration/reuploadDocument'
import { runtime } from '../../server/runtime'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure } from '../lib/context.server'
import { parseForm, readFormData, useCaseFailure, type FormFailure } from '../lib/forms.server'
import { Field, FormErrors, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'
import { declaredTooLarge, discardBody, readLimitedFormData } from './profil.dokumen.server'
import { requireKioskOfficer } from './kios.server'

export function meta() {
  return [{ title: 'Pemeriksaan dokumen daftar ulang — Kios — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireKioskOfficer(request)
  const page = await getDeskCheck(ctx, { registrationId: params.registrationId }).catch(loaderFailure)
  return { page, saved: new URL(request.url).searchParams.get('ok') }
}

const CheckSchema = z.object({
  intent: z.literal('check', { error: 'Tindakan tidak dikenal.' }),
  document: z.string({ error: 'Dokumen tidak dikenal.' }),
  status: z.string({ error: 'Pilih «Sah» atau «Tidak sah».' }),
  reason: z.string().optional(),
})

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await requireKioskOfficer(request)
  const back = `/kios/daftar-ulang/${params.registrationId}`
  if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    const document = new URL(request.url).searchParams.get('dokumen') ?? ''
    const maxBytes = env().MAX_UPLOAD_BYTES
    const refuse = (errors: Record<string, string[]>, status: number) =>
      data<FormFailure>({ ok: false, errors, values: { document, intent: 'upload' } }, { status })
    if (declaredTooLarge(request, maxBytes)) {
      await discardBody(request)
      return refuse({ file: [uploadTooLargeMessage(maxBytes)] }, 413)
    }
    let formData: FormData | null
    try {
      formData = await readLimitedFormData(request, maxBytes)
    } catch {
      return refuse({ file: ['Berkas tidak terbaca. Coba unggah lagi.'] }, 400)
    }
    if (!formData) return refuse({ file: [uploadTooLargeMessage(maxBytes)] }, 413)
    const file = formData.get('file')
    if (!(file instanceof File) || (file.size === 0 && file.name === '')) return refuse({ file: ['Pilih berkas yang akan diunggah.'] }, 400)
    const { storage } = await runtime()
    try {
      await reuploadDocument(ctx, { registrationId: params.registrationId, document, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), storage })
    } catch (error) {
      if (!(error instanceof UseCaseError)) throw error
      const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { file: [error.message] }
      return refuse(errors.kind ? { file: errors.kind } : errors, error.status)
    }
    return redirect(`${back}?ok=unggah`)
  }
  const formData = await readFormData(request)
  const parsed = parseForm(formData, CheckSchema)
  if (!parsed.ok) return parsed.response
  try {
    await checkDocument(ctx, { registrationId: params.registrationId, ...parsed.value })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect(`${back}?ok=periksa`)
}

const text = defineText({
  id: {
    back: 'Daftar ulang di meja',
    title: 'Pemeriksaan dokumen daftar ulang',
    number: 'Nomor pendaftaran',
    programme: 'Program',
    state: 'Status',
    deadline: 'Batas daftar ulang',
    confirmed: 'Konfirmasi daring',
    notConfirmed: 'Belum. Minta calon peserta mengonfirmasi kesediaannya dulu:',
    confirmLink: 'buka halaman daftar ulangnya',
    overdue: 'Batas daftar ulang sudah lewat; dokumen tidak dapat diperiksa lagi.',
    saved_periksa: 'Hasil pemeriksaan tersimpan.',
    saved_unggah: 'Berkas baru tersimpan; periksa lagi.',
    complete: 'Semua dokumen sah: daftar ulang selesai. Akhiri sesi bantuan bila sudah selesai.',
    status_pending: 'Belum diperiksa',
    status_valid: 'Sah',
    status_invalid: 'Tidak sah',
    view: 'Lihat berkas yang diunggah',
    noFile: 'Belum ada berkas yang diunggah; periksa dokumen fisik yang dibawa.',
    reasonWas: 'Alasan',
    valid: 'Sah',
    invalid: 'Tidak sah',
    reason: 'Alasan tidak sah',
    reasonHint: 'Misalnya: fotokopi buram, nama berbeda dengan KTP.',
    markValid: 'Nyatakan sah',
    markInvalid: 'Nyatakan tidak sah',
    checkError: 'Hasil pemeriksaan belum tersimpan.',
    file: 'Unggah berkas pengganti',
    upload: 'Unggah',
    uploadError: 'Berkas belum tersimpan.',
    end: 'Akhiri sesi bantuan',
  },
  en: {
    back: 'Re-registration at the desk',
    title: 'Re-registration document check',
    number: 'Registration number',
    programme: 'Programme',
    state: 'Status',
    deadline: 'Re-registration deadline',
    confirmed: 'Confirmed online',
    notConfirmed: 'Not yet. Ask the candidate to confirm their commitment first:',
    confirmLink: 'open their re-registration page',
    overdue: 'The re-registration deadline has passed; documents can no longer be checked.',
    saved_periksa: 'Check saved.',
    saved_unggah: 'New file saved; check it again.',
    complete: 'All documents are valid: re-registration is complete. End the assistance session when you are done.',
    status_pending: 'Not checked yet',
    status_valid: 'Valid',
    status_invalid: 'Not valid',
    view: 'View the uploaded file',
    noFile: 'No file uploaded; check the paper document brought.',
    reasonWas: 'Reason',
    valid: 'Valid',
    invalid: 'Not valid',
    reason: 'Why it is not valid',
    reasonHint: 'For example: blurred copy, name differs from the ID card.',
    markValid: 'Mark valid',
    markInvalid: 'Mark not valid',
    checkError: 'The check was not saved.',
    file: 'Upload a replacement file',
    upload: 'Upload',
    uploadError: 'The file was not saved.',
    end: 'End assistance session',
  },
})

export default function DeskCheck({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const f = useFormat()
  const locale = useLocale()
  const { page, saved } = loaderData
  const failed = actionData && !actionData.ok ? (actionData as FormState) : undefined
  const failedDoc = failed?.values?.document
  const open = page.state === 'passed' && !page.overdue && !!page.confirmedAt && !page.completedAt
  return (
    <>
      <p className="small">
        <Link to="/kios/daftar-ulang">{t.back}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {page.fullName}</span>
      </h1>
      {saved === 'periksa' || saved === 'unggah' ? <Notice kind="success">{t[`saved_${saved}`]}</Notice> : null}
      {page.completedAt ? <Notice kind="success">{t.complete}</Notice> : null}
      {page.overdue && !page.completedAt ? <Notice kind="warning">{t.overdue}</Notice> : null}
      <dl className="facts">
        <dt>{t.number}</dt>
        <dd>{page.number}</dd>
        <dt>{t.programme}</dt>
        <dd>
          {page.programmeName}, {page.batchLabel}
        </dd>
        <dt>{t.state}</dt>
        <dd>
          <span className="badge">{isRegistrationState(page.state) ? STATE_LABELS[page.state][locale] : page.state}</span>
        </dd>
        <dt>{t.deadline}</dt>
        <dd>{f.dateTime(page.deadline)}</dd>
        <dt>{t.confirmed}</dt>
        <dd>
          {page.confirmedAt ? (
            f.dateTime(page.confirmedAt)
          ) : (
            <>
              {t.notConfirmed} <a href={`/aktivitas/${page.registrationId}/daftar-ulang`}>{t.confirmLink}</a>
            </>
          )}
        </dd>
      </dl>

      {page.documents.map((d) => {
        const label = DOCUMENT_LABELS[d.document][locale]
        const mine = failedDoc === d.document ? failed : undefined
        const uploadFailed = mine?.values?.intent === 'upload' ? mine : undefined
        const checkFailed = mine && !uploadFailed ? mine : undefined
        return (
          <section key={d.document} className="card" aria-labelledby={`doc-${d.document}`}>
            <h2 id={`doc-${d.document}`}>{label}</h2>
            <p>
              <span className={`badge ${d.status === 'valid' ? 'badge-ok' : d.status === 'invalid' ? 'badge-warn' : ''}`}>{t[`status_${d.status}`]}</span>
              {d.status === 'invalid' && d.reason ? (
                <span className="small">
                  {' '}
                  · {t.reasonWas}: {d.reason}
                </span>
              ) : null}
            </p>
            <p className="small">
              {d.hasFile ? (
                <a href={`/kios/daftar-ulang/${page.registrationId}/berkas/${d.document}`} target="_blank" rel="noreferrer">
                  {t.view}
                  <span className="visually-hidden"> ({label})</span>
                </a>
              ) : (
                t.noFile
              )}
            </p>
            {open ? (
              <>
                {checkFailed ? <FormErrors state={checkFailed} title={t.checkError} /> : null}
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="check" />
                  <input type="hidden" name="document" value={d.document} />
                  <input type="hidden" name="status" value="valid" />
                  <div className="actions">
                    <button type="submit" className="primary">
                      {t.markValid}
                      <span className="visually-hidden"> ({label})</span>
                    </button>
                  </div>
                </Form>
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="check" />
                  <input type="hidden" name="document" value={d.document} />
                  <input type="hidden" name="status" value="invalid" />
                  <Field
                    name="reason"
                    id={`reason-${d.document}`}
                    label={
                      <>
                        {t.reason}
                        <span className="visually-hidden"> ({label})</span>
                      </>
                    }
                    hint={t.reasonHint}
                    state={checkFailed}
                    maxLength={500}
                  />
                  <div className="actions">
                    <button type="submit" className="secondary">
                      {t.markInvalid}
                      <span className="visually-hidden"> ({label})</span>
                    </button>
                  </div>
                </Form>
                {d.status !== 'valid' ? (
                  <Form method="post" action={`?dokumen=${d.document}`} encType="multipart/form-data" className="stack">
                    {uploadFailed ? <FormErrors state={uploadFailed} title={t.uploadError} /> : null}
                    <Field
                      type="file"
                      name="file"
                      id={`file-${d.document}`}
                      label={
                        <>
                          {t.file}
                          <span className="visually-hidden"> ({label})</span>
                        </>
                      }
                      accept="image/jpeg,image/png,application/pdf"
                      state={uploadFailed}
                      required
                    />
                    <div className="actions">
                      <button type="submit" className="secondary">
                        {t.upload}
                        <span className="visually-hidden"> ({label})</span>
                      </button>
                    </div>
                  </Form>
                ) : null}
              </>
            ) : null}
          </section>
        )
      })}

      <Form method="post" action="/kios/akhiri">
        <button type="submit" className="secondary">
          {t.end}
        </button>
      </Form>
    </>
  )
}
