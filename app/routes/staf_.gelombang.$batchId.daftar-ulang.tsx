import { Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/staf_.gelombang.$batchId.daftar-ulang'
import { STATE_LABELS } from '../../domain/registrationStates'
import { closeReserves } from '../../server/reRegistration/closeReserves'
import { getBatchReRegistration } from '../../server/reRegistration/getBatchReRegistration'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { parseForm, readFormData, useCaseFailure } from '../lib/forms.server'
import { FormErrors, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Daftar ulang ${data.page.batch.programmeName} ${data.page.batch.label} — Latih` : 'Daftar ulang — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const page = await getBatchReRegistration(ctx, { batchId: params.batchId }).catch(loaderFailure)
  return { page, released: new URL(request.url).searchParams.get('dilepas') }
}

const Schema = z.object({ intent: z.literal('close-reserves', { error: 'Tindakan tidak dikenal.' }) })

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await readFormData(request)
  const parsed = parseForm(formData, Schema)
  if (!parsed.ok) return parsed.response
  try {
    const { released } = await closeReserves(ctx, { batchId: params.batchId })
    return redirect(`/staf/gelombang/${params.batchId}/daftar-ulang?dilepas=${released}`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

const text = defineText({
  id: {
    hub: 'Seleksi gelombang ini',
    title: 'Daftar ulang',
    deadline: 'Batas daftar ulang',
    quota: 'Kuota',
    notAnnounced: 'Hasil seleksi belum diumumkan; daftar ulang dibuka saat pengumuman.',
    figures: 'Ringkasan',
    held: 'memegang tempat',
    pending: 'belum selesai',
    confirmed: 'sudah konfirmasi daring',
    reRegistered: 'sudah daftar ulang',
    declined: 'menolak',
    forfeited: 'gugur (lewat batas)',
    promoted: 'cadangan naik',
    closed: 'Daftar ulang sudah ditutup: batas waktu lewat dan tidak ada yang masih menunggu. Daftar nominatif dan serah terima dapat dibuat.',
    open: 'Daftar ulang masih berjalan. Yang tidak daftar ulang sampai batasnya gugur otomatis, dan tempatnya langsung diberikan kepada cadangan berikutnya.',
    handover: 'Daftar nominatif dan serah terima',
    table: 'Yang lulus dan cadangan yang naik',
    number: 'No. pendaftaran',
    name: 'Nama',
    state: 'Status',
    origin: 'Asal',
    origin_plenary: 'Pleno',
    origin_promotion: 'Cadangan naik',
    ownDeadline: 'Batas',
    online: 'Konfirmasi',
    documents: 'Dokumen sah',
    yes: 'Sudah',
    no: 'Belum',
    reserves: 'Cadangan yang masih menunggu',
    place: 'Urutan',
    noReserves: 'Tidak ada cadangan yang menunggu.',
    closeTitle: 'Lepaskan cadangan yang tersisa',
    closeHint: 'Pendaftaran cadangan yang tersisa berakhir dengan status «Tidak lulus», dicatat sebagai perubahan pleno.',
    close: 'Lepaskan {n} cadangan',
    closeError: 'Cadangan belum dapat dilepas.',
    released: '{n} cadangan dilepas.',
  },
  en: {
    hub: 'This batch’s selection',
    title: 'Re-registration',
    deadline: 'Re-registration deadline',
    quota: 'Quota',
    notAnnounced: 'The results are not announced yet; re-registration opens with the announcement.',
    figures: 'Summary',
    held: 'holding a place',
    pending: 'not finished',
    confirmed: 'confirmed online',
    reRegistered: 're-registered',
    declined: 'declined',
    forfeited: 'forfeited (deadline passed)',
    promoted: 'reserves promoted',
    closed: 'Re-registration has closed: the deadline has passed and nobody is pending. The nominative list and the handover can be made.',
    open: 'Re-registration is still open. Whoever does not re-register by their deadline forfeits automatically, and the place goes at once to the next reserve.',
    handover: 'Nominative list and handover',
    table: 'Those who passed and promoted reserves',
    number: 'Registration no.',
    name: 'Name',
    state: 'Status',
    origin: 'From',
    origin_plenary: 'Plenary',
    origin_promotion: 'Promoted reserve',
    ownDeadline: 'Deadline',
    online: 'Confirmed',
    documents: 'Valid documents',
    yes: 'Yes',
    no: 'Not yet',
    reserves: 'Reserves still waiting',
    place: 'Place',
    noReserves: 'No reserves are waiting.',
    closeTitle: 'Release the remaining reserves',
    closeHint: 'The remaining reserves’ registrations end as “Not passed”, recorded as an amendment of the plenary.',
    close: 'Release {n} reserves',
    closeError: 'The reserves could not be released.',
    released: '{n} reserves released.',
  },
})

export default function BatchReRegistrationPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const f = useFormat()
  const locale = useLocale()
  const { page, released } = loaderData
  const failed = actionData && !actionData.ok ? (actionData as FormState) : undefined
  const c = page.counts
  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${page.batch.id}`}>{t.hub}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {page.batch.programmeName}, {page.batch.label}</span>
      </h1>
      {released !== null ? <Notice kind="success">{t.released.replace('{n}', released)}</Notice> : null}
      <dl className="facts">
        <dt>{t.deadline}</dt>
        <dd>{f.dateTime(page.batch.deadline)}</dd>
        <dt>{t.quota}</dt>
        <dd>{page.batch.quota}</dd>
      </dl>
      {!page.batch.announcedAt ? (
        <Notice kind="info">{t.notAnnounced}</Notice>
      ) : (
        <>
          <p>
            <strong>{t.figures}:</strong>{' '}
            {[
              `${c.held} ${t.held}`,
              `${c.pending} ${t.pending}`,
              `${c.confirmed} ${t.confirmed}`,
              `${c.reRegistered} ${t.reRegistered}`,
              `${c.declined} ${t.declined}`,
              `${c.forfeited} ${t.forfeited}`,
              `${c.promoted} ${t.promoted}`,
            ].join(' · ')}
          </p>
          <Notice kind={page.closed ? 'success' : 'info'}>
            <p>{page.closed ? t.closed : t.open}</p>
            <p>
              <Link to={`/staf/gelombang/${page.batch.id}/serah-terima`}>{t.handover}</Link>
            </p>
          </Notice>
          <h2 id="rr-table">{t.table}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="rr-table">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{t.state}</th>
                  <th scope="col">{t.ownDeadline}</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => (
                  <tr key={r.registrationId}>
                    <td>
                      {r.fullName}
                      <br />
                      <span className="small">
                        {r.number}
                        {r.origin === 'promotion' ? ` · ${t.origin_promotion}` : ''}
                      </span>
                    </td>
                    <td>
                      <span className={`badge ${r.state === 're_registered' || r.state === 'handed_over' ? 'badge-ok' : r.state === 'forfeited' ? 'badge-warn' : ''}`}>
                        {r.declinedAt ? t.declined : STATE_LABELS[r.state][locale]}
                      </span>
                      <br />
                      <span className="small">
                        {t.online}: {r.confirmedAt ? t.yes : t.no} · {t.documents}: {r.validDocuments}/3
                      </span>
                    </td>
                    <td className="small">{f.dateTime(r.deadline)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t.reserves}</h2>
          {page.reserves.length === 0 ? (
            <p>{t.noReserves}</p>
          ) : (
            <ol>
              {page.reserves.map((r) => (
                <li key={r.registrationId}>
                  {r.number} — {r.fullName}
                </li>
              ))}
            </ol>
          )}
          {page.closed && page.reserves.length > 0 ? (
            <section className="card" aria-labelledby="close-reserves">
              <h2 id="close-reserves">{t.closeTitle}</h2>
              <p>{t.closeHint}</p>
              <FormErrors state={failed} title={t.closeError} />
              <Form method="post">
                <input type="hidden" name="intent" value="close-reserves" />
                <button type="submit" className="secondary">
                  {t.close.replace('{n}', String(page.reserves.length))}
                </button>
              </Form>
            </section>
          ) : null}
        </>
      )}
    </>
  )
}
