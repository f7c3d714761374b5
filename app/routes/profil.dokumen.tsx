import { useState, type FormEvent } from 'react'
import { data, Form, redirect, useNavigation, useRouteLoaderData, useSearchParams } from 'react-router'
import type { Route } from './+types/profil.dokumen'
import type { ProfileLayoutData } from './profil'
import type { FormFailure } from '../lib/forms.server'
import { defineText, useLocale, useText } from '../i18n/text'
import { useFormat } from '../i18n/format'
import { Field } from '../ui/form'
import { Notice } from '../ui/Notice'
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type DocumentKind } from '../../server/profiles/options'
import { formatMegabytes, uploadTooLargeMessage } from '../../server/documents/uploadContent'
import { env } from '../../server/env'
import { UseCaseError } from '../../server/errors'
import { uploadDocument } from '../../server/profiles/uploadDocument'
import { runtime } from '../../server/runtime'
import { declaredTooLarge, discardBody, readLimitedFormData } from './profil.dokumen.server'
import { candidateContext } from '../lib/context.server'

export async function action({ request }: Route.ActionArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  // The kind travels in the URL so a refusal can be shown at the right form even when
  // the body is never parsed.
  const kind = new URL(request.url).searchParams.get('jenis') ?? ''
  const maxBytes = env().MAX_UPLOAD_BYTES
  const refuse = (errors: Record<string, string[]>, status: number) =>
    data<FormFailure>({ ok: false, errors, values: { kind } }, { status })

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
  if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
    return refuse({ file: ['Pilih berkas yang akan diunggah.'] }, 400)
  }

  const { storage } = await runtime()
  try {
    await uploadDocument(
      ctx,
      { candidateId, kind, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), storage },
    )
  } catch (error) {
    if (!(error instanceof UseCaseError)) throw error
    const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { file: [error.message] }
    return refuse(errors.kind ? { file: errors.kind } : errors, error.status)
  }
  return redirect(`/profil/dokumen?tersimpan=${kind}`)
}

export function meta() {
  return [{ title: 'Dokumen — Profil — Latih' }]
}

const text = defineText({
  id: {
    title: 'Dokumen',
    lead: 'Unggah foto atau pindaian yang jelas dan terbaca. Berkas hanya dapat dilihat oleh Anda dan panitia pelatihan yang Anda daftar.',
    photoHint: 'Pas foto berwarna, wajah terlihat jelas. JPG atau PNG, maksimal {max}.',
    docHint: 'JPG, PNG, atau PDF, maksimal {max}.',
    saved: 'Berkas tersimpan.',
    uploaded: 'Sudah diunggah',
    notUploaded: 'Belum diunggah',
    uploadedAt: 'Diunggah {date} · {size}',
    view: 'Lihat berkas',
    choose: 'Pilih berkas',
    upload: 'Unggah',
    replace: 'Ganti berkas',
    uploading: 'Mengunggah…',
  },
  en: {
    title: 'Documents',
    lead: 'Upload clear, readable photos or scans. Only you and the committees of the training you apply for can see them.',
    photoHint: 'A colour photo with your face clearly visible. JPG or PNG, at most {max}.',
    docHint: 'JPG, PNG or PDF, at most {max}.',
    saved: 'File saved.',
    uploaded: 'Uploaded',
    notUploaded: 'Not uploaded yet',
    uploadedAt: 'Uploaded {date} · {size}',
    view: 'View file',
    choose: 'Choose a file',
    upload: 'Upload',
    replace: 'Replace file',
    uploading: 'Uploading…',
  },
})

const ACCEPT: Record<DocumentKind, string> = {
  photo: 'image/jpeg,image/png',
  ktp: 'image/jpeg,image/png,application/pdf',
  diploma: 'image/jpeg,image/png,application/pdf',
}

function size(bytes: number, locale: 'id' | 'en') {
  if (bytes >= 1024 * 1024) return formatMegabytes(bytes)
  return `${new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB').format(Math.max(1, Math.round(bytes / 1024)))} KB`
}

function DocumentForm({ kind, actionData, maxBytes }: { kind: DocumentKind; actionData: FormFailure | undefined; maxBytes: number }) {
  const { profile } = useRouteLoaderData('routes/profil') as ProfileLayoutData
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const navigation = useNavigation()
  const [clientError, setClientError] = useState<string | null>(null)
  const doc = profile.documents.find((d) => d.kind === kind)
  const label = DOCUMENT_KIND_LABELS[locale][kind]
  const action = `/profil/dokumen?jenis=${kind}`
  const busy = navigation.state === 'submitting' && navigation.formAction === action
  const serverError = actionData?.values.kind === kind ? actionData.errors.file?.[0] : undefined
  const headingId = `doc-${kind}`

  // With JavaScript, an oversized file is refused before it is sent over a slow line.
  function checkSize(event: FormEvent<HTMLFormElement>) {
    const input = event.currentTarget.elements.namedItem('file')
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined
    if (file && file.size > maxBytes) {
      event.preventDefault()
      setClientError(uploadTooLargeMessage(maxBytes))
    } else {
      setClientError(null)
    }
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{label}</h2>
      {doc ? (
        <p>
          <span className="badge badge-ok">{t.uploaded}</span>{' '}
          <span className="small">
            {t.uploadedAt.replace('{date}', format.date(doc.uploadedAt)).replace('{size}', size(doc.byteSize, locale))}
          </span>{' '}
          <a href={`/profil/dokumen/${kind}`}>
            {t.view}
            <span className="visually-hidden"> {label}</span>
          </a>
        </p>
      ) : (
        <p>
          <span className="badge badge-warn">{t.notUploaded}</span>
        </p>
      )}
      <Form method="post" action={action} encType="multipart/form-data" onSubmit={checkSize}>
        <Field
          name="file"
          type="file"
          label={
            <>
              {t.choose}
              <span className="visually-hidden"> ({label})</span>
            </>
          }
          hint={(kind === 'photo' ? t.photoHint : t.docHint).replace('{max}', formatMegabytes(maxBytes))}
          accept={ACCEPT[kind]}
          error={clientError ?? serverError}
          onChange={() => setClientError(null)}
        />
        <div className="actions">
          <button type="submit" className={doc ? 'secondary' : 'primary'} disabled={busy}>
            {busy ? t.uploading : doc ? t.replace : t.upload}
            <span className="visually-hidden"> {label}</span>
          </button>
        </div>
      </Form>
    </section>
  )
}

export default function DocumentsPage({ actionData }: Route.ComponentProps) {
  const { maxUploadBytes } = useRouteLoaderData('routes/profil') as ProfileLayoutData
  const t = useText(text)
  const [params] = useSearchParams()
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      {params.get('tersimpan') && !actionData ? <Notice kind="success">{t.saved}</Notice> : null}
      {DOCUMENT_KINDS.map((kind) => (
        <DocumentForm key={kind} kind={kind} actionData={actionData} maxBytes={maxUploadBytes} />
      ))}
    </>
  )
}
