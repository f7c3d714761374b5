import { Form, Link, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/profil.data-saya'
import { can } from '../../server/auth/permissions'
import { getMyPrivacyStatus, requestAccountClosure } from '../../server/privacy/requestAccountClosure'
import { CLOSURE_COMPLETION_DAYS, CONSENT_VALUE, SELECTION_RECORD_RETENTION_YEARS } from '../../server/privacy/notice'
import { candidateContext, loaderFailure } from '../lib/context.server'
import { parseForm, readFormData, useCaseFailure } from '../lib/forms.server'
import { defineText, useText } from '../i18n/text'
import { useFormat } from '../i18n/format'
import { FieldShell, fieldState, FormErrors, TextAreaField } from '../ui/form'
import { Notice } from '../ui/Notice'

// "Data saya" (UU PDP, decision 023): download everything held about you (JSON and PDF),
// and ask for the account to be closed. Works without JavaScript.

export function meta() {
  return [{ title: 'Data saya — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { actor, candidateId, ctx } = await candidateContext(request)
  const status = await getMyPrivacyStatus(ctx, { candidateId }).catch(loaderFailure)
  const requested = new URL(request.url).searchParams.get('diminta') === '1'
  return {
    consents: status.consents,
    openRequest: status.openRequest ? { requestedAt: status.openRequest.requestedAt, reason: status.openRequest.reason } : null,
    canExport: can(actor, 'privacy.export', { candidateId }),
    assisting: actor.kind === 'staff',
    requested,
  }
}

const CloseForm = z.object({
  intent: z.literal('close', { error: 'Tindakan tidak dikenal.' }),
  reason: z.string({ error: 'Tuliskan alasan Anda menutup akun.' }),
  confirm: z.string().optional(),
})

export async function action({ request }: Route.ActionArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const formData = await readFormData(request)
  const parsed = parseForm(formData, CloseForm)
  if (!parsed.ok) return parsed.response
  try {
    await requestAccountClosure(ctx, { candidateId, reason: parsed.value.reason, confirm: parsed.value.confirm })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect('/profil/data-saya?diminta=1')
}

const text = defineText({
  id: {
    title: 'Data saya',
    lead: 'Anda berhak melihat semua data yang disimpan Latih tentang Anda, dan meminta akun Anda ditutup.',
    noticeLink: 'Pemberitahuan Privasi',
    downloadTitle: 'Unduh data Anda',
    downloadLead: 'Akun, persetujuan, profil (termasuk NIK lengkap), daftar dokumen, pendaftaran dan riwayatnya, hasil asesmen yang boleh Anda lihat, dan jejak audit tentang Anda. Simpan di tempat aman: berkas ini memuat NIK lengkap Anda.',
    pdf: 'Unduh PDF (mudah dibaca)',
    json: 'Unduh JSON (untuk dipindahkan ke layanan lain)',
    onlyYou: 'Unduhan data hanya dapat dilakukan oleh calon peserta sendiri, setelah masuk dengan akunnya.',
    consentsTitle: 'Persetujuan Anda',
    consentNone: 'Belum ada persetujuan tercatat (akun dibuat sebelum persetujuan dicatat).',
    consentRow: 'Pemberitahuan Privasi versi {version}, {when}',
    viaKiosk: 'ditunjukkan petugas kios',
    viaSelf: 'dicentang saat membuat akun',
    closeTitle: 'Tutup akun',
    closeLead: 'Setelah administrator menyelesaikan permintaan ini (paling lama {days} hari), nama, e-mail, nomor HP, alamat, NIK, dan dokumen Anda dihapus dan Anda tidak dapat masuk lagi. Pendaftaran yang masih berjalan dibatalkan. Catatan seleksi yang sudah sampai rapat pleno tetap disimpan {years} tahun setelah pelatihan gelombangnya berakhir.',
    closeAdvice: 'Unduh data Anda lebih dahulu bila Anda ingin menyimpannya.',
    reason: 'Alasan menutup akun',
    reasonHint: 'Wajib, 3–500 karakter. Contoh: sudah bekerja, pindah kota.',
    confirm: 'Saya memahami bahwa akun saya akan ditutup dan data saya dihapus seperti dijelaskan di atas.',
    submit: 'Minta penutupan akun',
    busy: 'Mengirim…',
    errors: 'Permintaan belum terkirim.',
    requested: 'Permintaan penutupan akun terkirim. Kami juga mengirim konfirmasi ke e-mail Anda.',
    open: 'Permintaan penutupan akun Anda sedang diproses (diajukan {when}). Alasan: {reason}',
  },
  en: {
    title: 'My data',
    lead: 'You may see all the data Latih keeps about you, and ask for your account to be closed.',
    noticeLink: 'Privacy Notice',
    downloadTitle: 'Download your data',
    downloadLead: 'Account, consents, profile (with your full NIK), document list, registrations and their history, the assessment results you may see, and the audit trail about you. Keep it safe: the file contains your full NIK.',
    pdf: 'Download PDF (easy to read)',
    json: 'Download JSON (to move to another service)',
    onlyYou: 'Only the candidate, signed in with their own account, can download their data.',
    consentsTitle: 'Your consent',
    consentNone: 'No consent recorded (the account predates consent records).',
    consentRow: 'Privacy Notice version {version}, {when}',
    viaKiosk: 'shown by a kiosk officer',
    viaSelf: 'ticked when creating the account',
    closeTitle: 'Close account',
    closeLead: 'Once an administrator completes this request (within {days} days), your name, e-mail, mobile number, address, NIK and documents are removed and you can no longer sign in. Registrations in progress are withdrawn. Selection records that reached the plenary are kept for {years} years after that batch’s training ends.',
    closeAdvice: 'Download your data first if you want to keep it.',
    reason: 'Reason for closing the account',
    reasonHint: 'Required, 3–500 characters. E.g. found a job, moved away.',
    confirm: 'I understand that my account will be closed and my data removed as explained above.',
    submit: 'Ask to close my account',
    busy: 'Sending…',
    errors: 'The request was not sent.',
    requested: 'Your request to close the account was sent. We also e-mailed you a confirmation.',
    open: 'Your request to close the account is being processed (sent {when}). Reason: {reason}',
  },
})

export default function MyData({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const { dateTime } = useFormat()
  const busy = useNavigation().state === 'submitting'
  const { consents, openRequest, canExport, requested } = loaderData
  const confirmState = fieldState(actionData, 'confirm')
  const fill = (s: string) => s.replace('{days}', String(CLOSURE_COMPLETION_DAYS)).replace('{years}', String(SELECTION_RECORD_RETENTION_YEARS))
  return (
    <>
      <h1>{t.title}</h1>
      <p>
        {t.lead} <Link to="/privasi">{t.noticeLink}</Link>
      </p>

      <section aria-labelledby="data-download" className="card stack">
        <h2 id="data-download">{t.downloadTitle}</h2>
        {canExport ? (
          <>
            <p>{t.downloadLead}</p>
            <ul>
              <li>
                <a href="/profil/data-saya.pdf" download>
                  {t.pdf}
                </a>
              </li>
              <li>
                <a href="/profil/data-saya.json" download>
                  {t.json}
                </a>
              </li>
            </ul>
          </>
        ) : (
          <p>{t.onlyYou}</p>
        )}
      </section>

      <section aria-labelledby="data-consent" className="card stack">
        <h2 id="data-consent">{t.consentsTitle}</h2>
        {consents.length === 0 ? (
          <p>{t.consentNone}</p>
        ) : (
          <ul>
            {consents.map((c) => (
              <li key={`${c.noticeVersion}-${String(c.consentedAt)}`}>
                {t.consentRow.replace('{version}', c.noticeVersion).replace('{when}', dateTime(c.consentedAt))} (
                {c.channel === 'kiosk' ? t.viaKiosk : t.viaSelf})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="data-close" className="card stack">
        <h2 id="data-close">{t.closeTitle}</h2>
        {requested ? <Notice kind="success">{t.requested}</Notice> : null}
        {openRequest ? (
          <Notice>{t.open.replace('{when}', dateTime(openRequest.requestedAt)).replace('{reason}', openRequest.reason)}</Notice>
        ) : (
          <>
            <p>{fill(t.closeLead)}</p>
            <p className="small muted">{t.closeAdvice}</p>
            <FormErrors state={actionData} title={t.errors} />
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="close" />
              <TextAreaField name="reason" label={t.reason} hint={t.reasonHint} state={actionData} maxLength={500} rows={3} required />
              <FieldShell id="f-confirm" label={t.confirm} error={confirmState.error} check>
                {(control) => (
                  <input {...control} type="checkbox" name="confirm" value={CONSENT_VALUE} defaultChecked={confirmState.value === CONSENT_VALUE} required />
                )}
              </FieldShell>
              <div className="actions">
                <button type="submit" className="danger" disabled={busy}>
                  {busy ? t.busy : t.submit}
                </button>
              </div>
            </Form>
          </>
        )}
      </section>
    </>
  )
}
