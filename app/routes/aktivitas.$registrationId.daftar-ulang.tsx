import { data, Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/aktivitas.$registrationId.daftar-ulang'
import { STATE_LABELS } from '../../domain/registrationStates'
import { formatMegabytes, uploadTooLargeMessage } from '../../server/documents/uploadContent'
import { env } from '../../server/env'
import { UseCaseError } from '../../server/errors'
import { DOCUMENT_LABELS } from '../../server/reRegistration/documentLabels'
import { confirmReRegistration } from '../../server/reRegistration/confirmReRegistration'
import { declinePlace } from '../../server/reRegistration/declinePlace'
import { getReRegistration } from '../../server/reRegistration/getReRegistration'
import { reuploadDocument } from '../../server/reRegistration/reuploadDocument'
import { runtime } from '../../server/runtime'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { candidateContext, loaderFailure } from '../lib/context.server'
import { parseForm, readFormData, useCaseFailure, type FormFailure } from '../lib/forms.server'
import { Field, FormErrors, TextAreaField, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'
import { declaredTooLarge, discardBody, readLimitedFormData } from './profil.dokumen.server'

// SOP step 10 for the candidate (or the kiosk officer beside them): the statement of
// commitment, the documents and their check at the desk, a re-upload of one that is not
// valid, and declining the place. A document, not an app: served without the framework's
// JavaScript, every action a plain form.
export const handle = { hydrate: false }

export function meta() {
  return [{ title: 'Daftar ulang — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await candidateContext(request)
  const page = await getReRegistration(ctx, { registrationId: params.registrationId }).catch(loaderFailure)
  const notice = new URL(request.url).searchParams.get('ok')
  return { page, notice, maxUpload: formatMegabytes(env().MAX_UPLOAD_BYTES) }
}

const ConfirmSchema = z.object({ intent: z.literal('confirm'), commitment: z.string().optional() })
const DeclineSchema = z.object({ intent: z.literal('decline'), confirm: z.string().optional(), reason: z.string().optional() })
const IntentSchema = z.discriminatedUnion('intent', [ConfirmSchema, DeclineSchema], { error: 'Tindakan tidak dikenal.' })

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await candidateContext(request)
  const back = `/aktivitas/${params.registrationId}/daftar-ulang`
  if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    // A re-upload: the document travels in the URL so a refusal shows at its own form.
    const document = new URL(request.url).searchParams.get('dokumen') ?? ''
    const maxBytes = env().MAX_UPLOAD_BYTES
    const refuse = (errors: Record<string, string[]>, status: number) =>
      data<FormFailure>({ ok: false, errors, values: { document } }, { status })
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
      await reuploadDocument(ctx, {
        registrationId: params.registrationId,
        document,
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        storage,
      })
    } catch (error) {
      if (!(error instanceof UseCaseError)) throw error
      const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { file: [error.message] }
      return refuse(errors.kind ? { file: errors.kind } : errors, error.status)
    }
    return redirect(`${back}?ok=unggah`)
  }

  const formData = await readFormData(request)
  const parsed = parseForm(formData, IntentSchema)
  if (!parsed.ok) return parsed.response
  try {
    if (parsed.value.intent === 'confirm') {
      await confirmReRegistration(ctx, { registrationId: params.registrationId, commitment: parsed.value.commitment })
      return redirect(`${back}?ok=konfirmasi`)
    }
    await declinePlace(ctx, { registrationId: params.registrationId, confirm: parsed.value.confirm, reason: parsed.value.reason })
    return redirect(`${back}?ok=tolak`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

const text = defineText({
  id: {
    back: 'Kembali ke pendaftaran',
    title: 'Daftar ulang',
    lead: 'Daftar ulang wajib bagi yang lulus seleksi: konfirmasi kesediaan Anda di sini sebelum batas waktu, lalu datang ke meja pendaftaran dengan membawa dokumen di bawah. Petugas memeriksa setiap dokumen; bila semuanya sah, daftar ulang selesai.',
    number: 'Nomor pendaftaran',
    programme: 'Program',
    state: 'Status',
    deadline: 'Batas daftar ulang',
    overdue: 'Batas daftar ulang sudah lewat.',
    promoted: 'Anda naik dari calon cadangan menjadi lulus; batas daftar ulang di atas khusus untuk Anda.',
    ok_konfirmasi: 'Terima kasih, kesediaan Anda tercatat. Datanglah ke meja pendaftaran dengan membawa dokumen di bawah sebelum batas waktu.',
    ok_unggah: 'Berkas tersimpan. Petugas akan memeriksanya lagi.',
    ok_tolak: 'Anda telah menolak tempat ini. Terima kasih atas kabarnya.',
    doneTitle: 'Daftar ulang selesai',
    done: 'Semua dokumen sah. Anda tercatat sebagai peserta; panitia akan menyerahkan daftar peserta kepada penyelenggara pelatihan.',
    reserveTitle: 'Anda calon cadangan',
    reserve: 'Anda calon cadangan urutan ke-{place}. Bila ada peserta lulus yang gugur atau menolak, cadangan dipanggil sesuai urutan; kami memberi tahu Anda lewat e-mail dan Aktivitas.',
    closedTitle: 'Daftar ulang tidak lagi terbuka',
    confirmTitle: '1. Pernyataan kesediaan',
    confirmedAt: 'Sudah dikonfirmasi pada {date}.',
    commitment:
      'Saya menyatakan bersedia mengikuti pelatihan ini sampai selesai, menaati tata tertib, dan membawa dokumen yang diminta ke meja pendaftaran sebelum batas daftar ulang.',
    confirm: 'Konfirmasi daftar ulang',
    confirmError: 'Daftar ulang belum dapat dikonfirmasi.',
    documentsTitle: '2. Dokumen yang dibawa ke meja pendaftaran',
    documentsLead: 'Petugas memeriksa setiap dokumen. Dokumen yang belum sah dapat Anda unggah ulang di sini (JPG, PNG, atau PDF, maksimal {max}).',
    status_pending: 'Belum diperiksa',
    status_valid: 'Sah',
    status_invalid: 'Tidak sah',
    reason: 'Alasan',
    reuploadedAt: 'Diunggah ulang {date}',
    file: 'Berkas baru',
    upload: 'Unggah ulang',
    uploadError: 'Berkas belum tersimpan.',
    declineTitle: 'Menolak tempat',
    declineLead: 'Bila Anda tidak dapat mengikuti pelatihan, beri tahu kami agar tempat Anda segera diberikan kepada calon cadangan berikutnya. Penolakan tidak dapat dibatalkan.',
    declineLeadReserve: 'Bila Anda tidak lagi ingin menunggu panggilan, lepaskan tempat Anda di daftar cadangan. Penolakan tidak dapat dibatalkan.',
    declineReason: 'Alasan (tidak wajib)',
    declineConfirm: 'Ya, saya menolak tempat ini dan mengerti bahwa penolakan tidak dapat dibatalkan.',
    decline: 'Tolak tempat ini',
    declineError: 'Penolakan belum tercatat.',
    receipt: 'Unduh tanda pendaftaran (PDF)',
  },
  en: {
    back: 'Back to the registration',
    title: 'Re-registration',
    lead: 'Re-registration is required for those who passed: confirm here before the deadline, then come to the registration desk with the documents below. An officer checks each document; once all are valid, re-registration is complete.',
    number: 'Registration number',
    programme: 'Programme',
    state: 'Status',
    deadline: 'Re-registration deadline',
    overdue: 'The re-registration deadline has passed.',
    promoted: 'You moved up from the reserve list to passed; the deadline above is your own.',
    ok_konfirmasi: 'Thank you, your commitment is recorded. Come to the registration desk with the documents below before the deadline.',
    ok_unggah: 'File saved. The officer will check it again.',
    ok_tolak: 'You have declined this place. Thank you for letting us know.',
    doneTitle: 'Re-registration complete',
    done: 'All documents are valid. You are registered as a participant; the committee will hand the list of participants to the training organiser.',
    reserveTitle: 'You are a reserve',
    reserve: 'You are reserve number {place}. If someone who passed forfeits or declines, reserves are called in order; we will tell you by e-mail and in Activity.',
    closedTitle: 'Re-registration is no longer open',
    confirmTitle: '1. Statement of commitment',
    confirmedAt: 'Confirmed on {date}.',
    commitment:
      'I commit to attending this training to the end, following its rules, and bringing the requested documents to the registration desk before the re-registration deadline.',
    confirm: 'Confirm re-registration',
    confirmError: 'Re-registration could not be confirmed.',
    documentsTitle: '2. Documents to bring to the registration desk',
    documentsLead: 'An officer checks each document. You can upload again any document that is not valid yet (JPG, PNG or PDF, up to {max}).',
    status_pending: 'Not checked yet',
    status_valid: 'Valid',
    status_invalid: 'Not valid',
    reason: 'Reason',
    reuploadedAt: 'Uploaded again {date}',
    file: 'New file',
    upload: 'Upload again',
    uploadError: 'The file was not saved.',
    declineTitle: 'Decline the place',
    declineLead: 'If you cannot attend the training, tell us so that your place goes to the next reserve at once. Declining cannot be undone.',
    declineLeadReserve: 'If you no longer want to wait to be called, give up your place on the reserve list. Declining cannot be undone.',
    declineReason: 'Reason (optional)',
    declineConfirm: 'Yes, I decline this place and understand that this cannot be undone.',
    decline: 'Decline this place',
    declineError: 'The decline was not recorded.',
    receipt: 'Download the registration receipt (PDF)',
  },
})

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '')

export default function ReRegistrationPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const f = useFormat()
  const locale = useLocale()
  const { page, notice, maxUpload } = loaderData
  const failed = actionData && !actionData.ok ? (actionData as FormState) : undefined
  const intent = failed?.values?.intent
  const uploadFor = failed?.values?.document
  const rr = page.reRegistration
  const okText = notice === 'konfirmasi' || notice === 'unggah' || notice === 'tolak' ? t[`ok_${notice}`] : null
  return (
    <>
      <p>
        <Link to={`/aktivitas/${page.registrationId}`}>{t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      {okText ? <Notice kind="success">{okText}</Notice> : null}
      <dl className="facts">
        <dt>{t.number}</dt>
        <dd>{page.number}</dd>
        <dt>{t.programme}</dt>
        <dd>
          {page.programmeName}, {page.batchLabel}
        </dd>
        <dt>{t.state}</dt>
        <dd>
          <span className="badge">{STATE_LABELS[page.state][locale]}</span>
        </dd>
        {rr ? (
          <>
            <dt>{t.deadline}</dt>
            <dd>
              <strong>{f.dateTime(rr.deadline)}</strong>
            </dd>
          </>
        ) : null}
      </dl>

      {page.state === 'reserve' ? (
        <section className="card" aria-labelledby="rr-reserve">
          <h2 id="rr-reserve">{t.reserveTitle}</h2>
          <p>{fill(t.reserve, { place: String(page.reservePlace ?? '?') })}</p>
        </section>
      ) : null}

      {rr?.origin === 'promotion' && page.state === 'passed' ? <Notice kind="info">{t.promoted}</Notice> : null}

      {page.state === 're_registered' || page.state === 'handed_over' ? (
        <Notice kind="success">
          <p>
            <strong>{t.doneTitle}</strong>
          </p>
          <p>{t.done}</p>
        </Notice>
      ) : null}

      {rr && page.state === 'passed' && rr.overdue ? <Notice kind="warning">{t.overdue}</Notice> : null}

      {rr && page.state === 'passed' ? (
        <>
          <p>{t.lead}</p>
          <section className="card" aria-labelledby="rr-confirm">
            <h2 id="rr-confirm">{t.confirmTitle}</h2>
            {rr.confirmedAt ? (
              <p>
                <span className="badge badge-ok">{fill(t.confirmedAt, { date: f.dateTime(rr.confirmedAt) })}</span>
              </p>
            ) : page.canConfirm ? (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="confirm" />
                {intent === 'confirm' ? <FormErrors state={failed} title={t.confirmError} /> : null}
                <Field type="checkbox" name="commitment" value="ya" label={t.commitment} state={intent === 'confirm' ? failed : undefined} required />
                <div className="actions">
                  <button type="submit" className="primary">
                    {t.confirm}
                  </button>
                </div>
              </Form>
            ) : null}
          </section>
        </>
      ) : null}

      {rr && page.documents.length > 0 ? (
        <section className="card" aria-labelledby="rr-documents">
          <h2 id="rr-documents">{t.documentsTitle}</h2>
          {page.canReupload ? <p className="small">{fill(t.documentsLead, { max: maxUpload })}</p> : null}
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {page.documents.map((d) => {
              const label = DOCUMENT_LABELS[d.document][locale]
              const mine = uploadFor === d.document ? failed : undefined
              return (
                <li key={d.document}>
                  <h3 style={{ marginBottom: 4 }}>{label}</h3>
                  <p style={{ margin: '4px 0' }}>
                    <span className={`badge ${d.status === 'valid' ? 'badge-ok' : d.status === 'invalid' ? 'badge-warn' : ''}`}>{t[`status_${d.status}`]}</span>
                    {d.reuploadedAt ? <span className="small"> · {fill(t.reuploadedAt, { date: f.dateTime(d.reuploadedAt) })}</span> : null}
                  </p>
                  {d.status === 'invalid' && d.reason ? (
                    <p className="small" style={{ margin: '4px 0' }}>
                      {t.reason}: {d.reason}
                    </p>
                  ) : null}
                  {d.document === 'receipt' ? (
                    <p className="small" style={{ margin: '4px 0' }}>
                      <a href={`/aktivitas/${page.registrationId}/tanda-pendaftaran`}>{t.receipt}</a>
                    </p>
                  ) : null}
                  {page.canReupload && d.status !== 'valid' ? (
                    <Form method="post" action={`?dokumen=${d.document}`} encType="multipart/form-data" className="stack">
                      {mine ? <FormErrors state={mine} title={t.uploadError} /> : null}
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
                        state={mine}
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
                </li>
              )
            })}
          </ul>
        </section>
      ) : null}

      {page.canDecline ? (
        <section className="card" aria-labelledby="rr-decline">
          <h2 id="rr-decline">{t.declineTitle}</h2>
          <p>{page.state === 'reserve' ? t.declineLeadReserve : t.declineLead}</p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="decline" />
            {intent === 'decline' ? <FormErrors state={failed} title={t.declineError} /> : null}
            <TextAreaField name="reason" label={t.declineReason} rows={2} maxLength={500} state={intent === 'decline' ? failed : undefined} />
            <Field type="checkbox" name="confirm" value="ya" label={t.declineConfirm} state={intent === 'decline' ? failed : undefined} />
            <div className="actions">
              <button type="submit" className="danger">
                {t.decline}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {rr && !page.canConfirm && !page.canDecline && page.state !== 're_registered' && page.state !== 'handed_over' && page.state !== 'passed' ? (
        <Notice kind="info">{t.closedTitle}</Notice>
      ) : null}
    </>
  )
}
