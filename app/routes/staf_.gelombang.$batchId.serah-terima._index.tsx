import { Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/staf_.gelombang.$batchId.serah-terima._index'
import { createHandover } from '../../server/handover/createHandover'
import { getHandoverPage } from '../../server/handover/getHandoverPage'
import { useFormat } from '../i18n/format'
import { defineText, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { parseForm, readFormData, useCaseFailure } from '../lib/forms.server'
import { Field, FormErrors, SelectField, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Serah terima ${data.page.batch.programmeName} ${data.page.batch.label} — Latih` : 'Serah terima — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const page = await getHandoverPage(ctx, { batchId: params.batchId }).catch(loaderFailure)
  return { page }
}

const Schema = z.object({
  intent: z.literal('create', { error: 'Tindakan tidak dikenal.' }),
  number: z.string({ error: 'Isi nomor berita acara.' }),
  receiverId: z.string().optional(),
})

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await readFormData(request)
  const parsed = parseForm(formData, Schema)
  if (!parsed.ok) return parsed.response
  try {
    await createHandover(ctx, { batchId: params.batchId, number: parsed.value.number, receiverId: parsed.value.receiverId })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect(`/staf/gelombang/${params.batchId}/serah-terima`)
}

const text = defineText({
  id: {
    hub: 'Seleksi gelombang ini',
    reRegistration: 'Daftar ulang',
    title: 'Daftar nominatif dan serah terima',
    notClosed: 'Daftar ulang belum ditutup (batas {date}, atau masih ada yang belum selesai). Daftar nominatif dapat diunduh kapan saja; serah terima dibuat setelah daftar ulang ditutup.',
    downloads: 'Unduhan',
    downloadsHint: '{n} peserta sudah daftar ulang. Daftar nominatif memuat NIK lengkap: setiap unduhan dicatat.',
    pdf: 'Daftar nominatif (PDF)',
    xlsx: 'Daftar nominatif (XLSX)',
    zip: 'Berkas peserta (ZIP)',
    none: 'Belum ada peserta yang sudah daftar ulang.',
    createTitle: 'Buat serah terima',
    createHint: 'Peserta yang sudah daftar ulang diserahkan kepada penyelenggara dengan Berita Acara Serah Terima. Penyelenggara menerimanya di Latih.',
    number: 'Nomor berita acara',
    receiver: 'Ditujukan kepada',
    anyOrganiser: 'Semua penyelenggara lembaga ini',
    create: 'Buat serah terima',
    createError: 'Serah terima belum dapat dibuat.',
    madeTitle: 'Serah terima',
    minutes: 'Berita Acara Serah Terima (PDF)',
    participants: 'Peserta',
    createdAt: 'Dibuat',
    to: 'Ditujukan kepada',
    waiting: 'Menunggu diterima penyelenggara.',
    acknowledged: 'Diterima {name} pada {date}.',
    noOrganiser: 'Lembaga ini belum punya akun penyelenggara; minta administrator menambahkannya.',
  },
  en: {
    hub: 'This batch’s selection',
    reRegistration: 'Re-registration',
    title: 'Nominative list and handover',
    notClosed: 'Re-registration has not closed yet (deadline {date}, or someone is still pending). The nominative list can be downloaded at any time; the handover is made once re-registration has closed.',
    downloads: 'Downloads',
    downloadsHint: '{n} participants have re-registered. The nominative list holds the full NIK: every download is recorded.',
    pdf: 'Nominative list (PDF)',
    xlsx: 'Nominative list (XLSX)',
    zip: 'Participants’ files (ZIP)',
    none: 'Nobody has re-registered yet.',
    createTitle: 'Create the handover',
    createHint: 'The re-registered participants are handed over to the organiser with handover minutes. The organiser receives them in Latih.',
    number: 'Minutes number',
    receiver: 'Addressed to',
    anyOrganiser: 'Every organiser of this centre',
    create: 'Create the handover',
    createError: 'The handover could not be created.',
    madeTitle: 'Handover',
    minutes: 'Handover minutes (PDF)',
    participants: 'Participants',
    createdAt: 'Created',
    to: 'Addressed to',
    waiting: 'Waiting for the organiser to acknowledge it.',
    acknowledged: 'Acknowledged by {name} on {date}.',
    noOrganiser: 'This centre has no organiser account yet; ask an administrator to add one.',
  },
})

export default function HandoverPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const f = useFormat()
  const { page } = loaderData
  const failed = actionData && !actionData.ok ? (actionData as FormState) : undefined
  const base = `/staf/gelombang/${page.batch.id}/serah-terima`
  const h = page.handover
  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${page.batch.id}`}>{t.hub}</Link> · <Link to={`/staf/gelombang/${page.batch.id}/daftar-ulang`}>{t.reRegistration}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {page.batch.programmeName}, {page.batch.label}</span>
      </h1>
      {!page.closed && !h ? <Notice kind="info">{t.notClosed.replace('{date}', f.dateTime(page.batch.deadline))}</Notice> : null}

      <section className="card" aria-labelledby="ho-downloads">
        <h2 id="ho-downloads">{t.downloads}</h2>
        {page.reRegistered === 0 ? (
          <p>{t.none}</p>
        ) : (
          <>
            <p>{t.downloadsHint.replace('{n}', String(page.reRegistered))}</p>
            <ul>
              <li>
                <a href={`${base}/daftar-nominatif.pdf`} download>
                  {t.pdf}
                </a>
              </li>
              <li>
                <a href={`${base}/daftar-nominatif.xlsx`} download>
                  {t.xlsx}
                </a>
              </li>
              <li>
                <a href={`${base}/berkas.zip`} download>
                  {t.zip}
                </a>
              </li>
              {h ? (
                <li>
                  <a href={`${base}/berita-acara.pdf`} download>
                    {t.minutes}
                  </a>
                </li>
              ) : null}
            </ul>
          </>
        )}
      </section>

      {h ? (
        <section className="card" aria-labelledby="ho-made">
          <h2 id="ho-made">
            {t.madeTitle} {h.number}
          </h2>
          <dl className="facts">
            <dt>{t.createdAt}</dt>
            <dd>{f.dateTime(h.createdAt)}</dd>
            <dt>{t.to}</dt>
            <dd>{h.receiverName ?? t.anyOrganiser}</dd>
            <dt>{t.participants}</dt>
            <dd>{h.participants.length}</dd>
          </dl>
          <p>
            {h.acknowledgedAt ? (
              <span className="badge badge-ok">{t.acknowledged.replace('{name}', h.acknowledgedByName ?? '').replace('{date}', f.dateTime(h.acknowledgedAt))}</span>
            ) : (
              <span className="badge badge-warn">{t.waiting}</span>
            )}
          </p>
        </section>
      ) : page.closed && page.reRegistered > 0 ? (
        <section className="card" aria-labelledby="ho-create">
          <h2 id="ho-create">{t.createTitle}</h2>
          <p>{t.createHint}</p>
          {page.organisers.length === 0 ? <Notice kind="warning">{t.noOrganiser}</Notice> : null}
          <FormErrors state={failed} title={t.createError} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="create" />
            <Field name="number" label={t.number} defaultValue={page.proposedNumber} state={failed} required maxLength={80} />
            <SelectField
              name="receiverId"
              label={t.receiver}
              options={[{ value: '', label: t.anyOrganiser }, ...page.organisers.map((o) => ({ value: o.userId, label: o.name }))]}
              state={failed}
            />
            <div className="actions">
              <button type="submit" className="primary">
                {t.create}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  )
}
