import { Form, Link, redirect, useActionData, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/staf_.gelombang.$batchId.surat'
import { STATE_LABELS } from '../../domain/registrationStates'
import { getBatchMail, type BatchMailRow } from '../../server/mail/getBatchMail'
import { resendMail } from '../../server/mail/resendMail'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { parseForm, readFormData, useCaseFailure, type FormFailure } from '../lib/forms.server'
import { Field, FormErrors } from '../ui/form'

// The batch's mail delivery (docs/decisions/017): who was mailed what and when, the
// failed ones with the relay's answer and a resend after correcting the address, and
// the candidates without e-mail, who are never counted as failures.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Pengiriman e-mail ${data.mail.batch.programmeName} ${data.mail.batch.label} — Latih` : 'Pengiriman e-mail — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const url = new URL(request.url)
  const show = url.searchParams.get('tampil') === 'semua' ? 'all' : 'action'
  const page = Number(url.searchParams.get('halaman') ?? '1')
  const mail = await getBatchMail(ctx, {
    batchId: params.batchId,
    show,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  }).catch(loaderFailure)
  return { mail, resent: url.searchParams.get('dikirim') === '1', corrected: url.searchParams.get('dikoreksi') === '1' }
}

const ResendForm = z.object({
  intent: z.literal('resend', { error: 'Tindakan tidak dikenal.' }),
  deliveryId: z.string({ error: 'Surat tidak disebut.' }).regex(/^\d{1,15}$/, 'Surat tidak dikenal.'),
  email: z.string({ error: 'Isi alamat e-mail yang benar.' }).max(1000, 'Alamat e-mail terlalu panjang.'),
})

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await readFormData(request)
  const parsed = parseForm(formData, ResendForm)
  if (!parsed.ok) return parsed.response
  let changed: boolean
  try {
    changed = (await resendMail(ctx, { deliveryId: Number(parsed.value.deliveryId), email: parsed.value.email })).emailChanged
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect(`/staf/gelombang/${params.batchId}/surat?dikirim=1${changed ? '&dikoreksi=1' : ''}`)
}

const text = defineText({
  id: {
    hub: 'Kembali ke seleksi gelombang',
    title: 'Pengiriman e-mail',
    lead: 'Setiap e-mail kepada calon gelombang ini: kapan dikirim dan jawaban server penerima. Isi setiap pemberitahuan juga selalu ada di Aktivitas calon.',
    summary: 'Ringkasan',
    registrations: 'Pendaftar',
    sentCount: 'Terkirim',
    queuedCount: 'Dalam antrean atau dicoba lagi',
    failedCount: 'Gagal, belum dikirim ulang',
    noEmailCount: 'Tanpa e-mail',
    showAction: 'Perlu tindakan',
    showAll: 'Semua pendaftar',
    filter: 'Tampilkan',
    noneAction: 'Tidak ada yang perlu ditindaklanjuti: tidak ada e-mail yang gagal dan semua pendaftar memiliki alamat e-mail.',
    none: 'Belum ada pendaftar di gelombang ini.',
    candidates: 'Calon',
    noEmail: 'Tanpa e-mail',
    noEmailHint: 'Calon ini mendaftar di kios tanpa alamat e-mail: ia mengetahui hasilnya di Aktivitas, di meja pendaftaran, dan lewat cek hasil.',
    noMail: 'Belum ada e-mail.',
    status_queued: 'Dalam antrean',
    status_retrying: 'Dicoba lagi',
    status_sent: 'Terkirim',
    status_failed: 'Gagal',
    category_announcement: 'massal',
    category_transactional: 'langsung',
    queuedAt: 'diantrekan {time}',
    sentAt: 'terkirim {time}',
    failedAt: 'gagal {time}',
    attempts: '{n}× dicoba',
    to: 'ke {address}',
    relay: 'Jawaban server penerima',
    permanent: 'Ditolak permanen: tidak dicoba lagi.',
    exhausted: 'Gagal setelah semua percobaan.',
    resent: 'Sudah dikirim ulang.',
    resendOf: 'kiriman ulang',
    resendTitle: 'Perbaiki alamat dan kirim ulang',
    resendHint: 'Tanyakan alamat yang benar kepada calon. Alamat ini menggantikan e-mail akunnya (untuk masuk) dan tercatat di log audit.',
    email: 'Alamat e-mail yang benar',
    resend: 'Kirim ulang',
    sending: 'Mengirim…',
    justResent: 'E-mail dikirim ulang; statusnya tampil di sini setelah server penerima menjawab.',
    justCorrected: 'Alamat e-mail akun calon sudah diperbaiki.',
    formError: 'E-mail belum dikirim ulang.',
    previous: 'Sebelumnya',
    next: 'Berikutnya',
    pageOf: 'Halaman {page} dari {pages}',
  },
  en: {
    hub: 'Back to the batch selection',
    title: 'Mail delivery',
    lead: "Every e-mail to this batch's candidates: when it was sent and what the receiving server answered. Every notice is always in the candidate's Activity too.",
    summary: 'Summary',
    registrations: 'Registrations',
    sentCount: 'Sent',
    queuedCount: 'Queued or being retried',
    failedCount: 'Failed, not resent',
    noEmailCount: 'No e-mail',
    showAction: 'Needs action',
    showAll: 'All registrations',
    filter: 'Show',
    noneAction: 'Nothing needs action: no mail failed and every candidate has an e-mail address.',
    none: 'Nobody has registered for this batch yet.',
    candidates: 'Candidates',
    noEmail: 'No e-mail',
    noEmailHint: 'This candidate registered at the kiosk without an e-mail address: they learn the outcome in Activity, at the desk and through the result lookup.',
    noMail: 'No e-mail yet.',
    status_queued: 'Queued',
    status_retrying: 'Retrying',
    status_sent: 'Sent',
    status_failed: 'Failed',
    category_announcement: 'bulk',
    category_transactional: 'direct',
    queuedAt: 'queued {time}',
    sentAt: 'sent {time}',
    failedAt: 'failed {time}',
    attempts: '{n} attempt(s)',
    to: 'to {address}',
    relay: "Receiving server's answer",
    permanent: 'Refused for good: not retried.',
    exhausted: 'Failed after every retry.',
    resent: 'Resent.',
    resendOf: 'resend',
    resendTitle: 'Correct the address and resend',
    resendHint: "Ask the candidate for the right address. It replaces their account's e-mail (which they sign in with) and is written to the audit log.",
    email: 'Correct e-mail address',
    resend: 'Resend',
    sending: 'Sending…',
    justResent: "The mail was resent; its status shows here once the receiving server answers.",
    justCorrected: "The candidate's account e-mail was corrected.",
    formError: 'The mail was not resent.',
    previous: 'Previous',
    next: 'Next',
    pageOf: 'Page {page} of {pages}',
  },
})

type Texts = (typeof text)['id']
type Mail = BatchMailRow['mails'][number]

const BADGE: Record<Mail['status'], string> = {
  queued: 'badge',
  retrying: 'badge badge-warn',
  sent: 'badge badge-ok',
  failed: 'badge badge-bad',
}

function MailItem({ mail, t, failure }: { mail: Mail; t: Texts; failure: FormFailure | undefined }) {
  const format = useFormat()
  const navigation = useNavigation()
  const mine = failure?.values.deliveryId === String(mail.id) ? failure : undefined
  const busy = navigation.state === 'submitting' && navigation.formData?.get('deliveryId') === String(mail.id)
  const when = [
    t.queuedAt.replace('{time}', format.dateTime(mail.queuedAt)),
    mail.sentAt ? t.sentAt.replace('{time}', format.dateTime(mail.sentAt)) : null,
    mail.failedAt && mail.status === 'failed' ? t.failedAt.replace('{time}', format.dateTime(mail.failedAt)) : null,
    mail.attempts > 1 ? t.attempts.replace('{n}', String(mail.attempts)) : null,
  ].filter(Boolean)
  return (
    <li style={{ marginBottom: 12 }}>
      <span className={BADGE[mail.status]}>{t[`status_${mail.status}`]}</span> <strong>{mail.subject}</strong>
      <br />
      <span className="small">
        {t.to.replace('{address}', mail.recipient)} · {t[`category_${mail.category === 'announcement' ? 'announcement' : 'transactional'}`]}
        {mail.resendOf ? ` · ${t.resendOf}` : ''} · {when.join(', ')}
      </span>
      {mail.relayResponse && mail.status !== 'sent' ? (
        <p className="small" style={{ margin: '4px 0' }}>
          {t.relay}: <code style={{ overflowWrap: 'anywhere' }}>{mail.relayResponse}</code>
        </p>
      ) : null}
      {mail.status === 'failed' ? (
        <p className="small" style={{ margin: '4px 0' }}>
          {mail.permanent ? t.permanent : t.exhausted} {mail.resent ? t.resent : ''}
        </p>
      ) : null}
      {mail.status === 'failed' && !mail.resent ? (
        <Form method="post" className="card" style={{ marginTop: 4 }}>
          <h4 style={{ margin: '0 0 4px' }}>{t.resendTitle}</h4>
          <FormErrors state={mine} title={t.formError} />
          <input type="hidden" name="intent" value="resend" />
          <input type="hidden" name="deliveryId" value={mail.id} />
          <Field
            name="email"
            type="email"
            label={t.email}
            hint={t.resendHint}
            autoComplete="off"
            inputMode="email"
            state={mine}
            id={`email-${mail.id}`}
            defaultValue=""
            required
          />
          <button type="submit" disabled={busy}>
            {busy ? t.sending : t.resend}
          </button>
        </Form>
      ) : null}
    </li>
  )
}

export default function BatchMailPage({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const failure = useActionData<typeof action>() as FormFailure | undefined
  const { mail, resent, corrected } = loaderData
  const base = `/staf/gelombang/${mail.batch.id}/surat`
  const query = (page: number) => `${base}?${mail.show === 'all' ? 'tampil=semua&' : ''}halaman=${page}`
  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${mail.batch.id}`}>{t.hub}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {mail.batch.programmeName}, {mail.batch.label}</span>
      </h1>
      <p>{t.lead}</p>
      {resent ? (
        <div className="alert alert-success" role="status">
          <p>{t.justResent}</p>
          {corrected ? <p>{t.justCorrected}</p> : null}
        </div>
      ) : null}
      {failure && !failure.values.deliveryId ? <FormErrors state={failure} title={t.formError} /> : null}

      <h2>{t.summary}</h2>
      <dl className="facts card">
        <dt>{t.registrations}</dt>
        <dd>{mail.counts.registrations}</dd>
        <dt>{t.sentCount}</dt>
        <dd>{mail.counts.sent}</dd>
        <dt>{t.queuedCount}</dt>
        <dd>{mail.counts.queued}</dd>
        <dt>{t.failedCount}</dt>
        <dd>{mail.counts.failedOpen > 0 ? <strong>{mail.counts.failedOpen}</strong> : 0}</dd>
        <dt>{t.noEmailCount}</dt>
        <dd>{mail.counts.noEmail}</dd>
      </dl>

      <nav aria-label={t.filter} className="actions">
        {mail.show === 'action' ? (
          <>
            <strong aria-current="page">{t.showAction}</strong> · <Link to={`${base}?tampil=semua`}>{t.showAll}</Link>
          </>
        ) : (
          <>
            <Link to={base}>{t.showAction}</Link> · <strong aria-current="page">{t.showAll}</strong>
          </>
        )}
      </nav>

      <h2 id="candidates-title">{t.candidates}</h2>
      {mail.rows.length === 0 ? (
        <p>{mail.show === 'action' ? t.noneAction : t.none}</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0 }} aria-labelledby="candidates-title">
          {mail.rows.map((r) => (
            <li key={r.registrationId} className="card">
              <h3 style={{ margin: '0 0 4px' }}>
                {r.name} <span className="small muted">{r.number}</span>
              </h3>
              <p className="small" style={{ margin: '0 0 8px' }}>
                {STATE_LABELS[r.state][locale]} · {r.email ?? <span className="badge">{t.noEmail}</span>}
              </p>
              {r.email === null ? <p className="small">{t.noEmailHint}</p> : null}
              {r.mails.length === 0 ? (
                r.email === null ? null : <p className="small">{t.noMail}</p>
              ) : (
                <ul style={{ paddingLeft: 0, listStyle: 'none' }}>
                  {r.mails.map((m) => (
                    <MailItem key={m.id} mail={m} t={t} failure={failure} />
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {mail.pageCount > 1 ? (
        <nav aria-label={t.pageOf.replace('{page}', String(mail.page)).replace('{pages}', String(mail.pageCount))} className="actions">
          {mail.page > 1 ? <Link to={query(mail.page - 1)}>{t.previous}</Link> : null}
          <span className="small">{t.pageOf.replace('{page}', String(mail.page)).replace('{pages}', String(mail.pageCount))}</span>
          {mail.page < mail.pageCount ? <Link to={query(mail.page + 1)}>{t.next}</Link> : null}
        </nav>
      ) : null}
    </>
  )
}
