import { Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/penyelenggara.$handoverId._index'
import { acknowledgeHandover } from '../../server/handover/acknowledgeHandover'
import { getHandover } from '../../server/handover/getHandover'
import { useFormat } from '../i18n/format'
import { defineText, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { parseForm, readFormData, useCaseFailure } from '../lib/forms.server'
import { FormErrors, TextAreaField, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Serah terima ${data.view.number} — Latih` : 'Serah terima — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const view = await getHandover(ctx, { handoverId: params.handoverId }).catch(loaderFailure)
  return { view }
}

const Schema = z.object({ intent: z.literal('acknowledge', { error: 'Tindakan tidak dikenal.' }), note: z.string().optional() })

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await readFormData(request)
  const parsed = parseForm(formData, Schema)
  if (!parsed.ok) return parsed.response
  try {
    await acknowledgeHandover(ctx, { handoverId: params.handoverId, note: parsed.value.note })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect(`/penyelenggara/${params.handoverId}`)
}

const text = defineText({
  id: {
    back: 'Serah terima peserta',
    title: 'Serah terima',
    number: 'Nomor berita acara',
    programme: 'Program',
    from: 'Diserahkan oleh',
    to: 'Diterima oleh',
    created: 'Tanggal',
    participantsCount: 'Jumlah peserta',
    downloads: 'Dokumen',
    downloadsHint: 'Daftar nominatif memuat NIK lengkap: setiap unduhan dicatat.',
    pdf: 'Daftar nominatif (PDF)',
    xlsx: 'Daftar nominatif (XLSX)',
    zip: 'Berkas peserta (ZIP)',
    minutes: 'Berita Acara Serah Terima (PDF)',
    participants: 'Peserta dan kelengkapan dokumen',
    number2: 'No. pendaftaran',
    name: 'Nama',
    ktp: 'KTP',
    diploma: 'Ijazah',
    receipt: 'Formulir',
    yes: 'Ada',
    no: 'Tidak ada',
    ackTitle: 'Terima serah terima',
    ackHint: 'Dengan menerima, peserta di atas tercatat diserahkan kepada penyelenggara; pendaftaran dan seleksi mereka selesai.',
    note: 'Catatan (tidak wajib)',
    acknowledge: 'Terima serah terima',
    ackError: 'Serah terima belum dapat diterima.',
    acknowledged: 'Diterima {name} pada {date}.',
    noteWas: 'Catatan',
  },
  en: {
    back: 'Participant handovers',
    title: 'Handover',
    number: 'Minutes number',
    programme: 'Programme',
    from: 'Handed over by',
    to: 'Received by',
    created: 'Date',
    participantsCount: 'Participants',
    downloads: 'Documents',
    downloadsHint: 'The nominative list holds the full NIK: every download is recorded.',
    pdf: 'Nominative list (PDF)',
    xlsx: 'Nominative list (XLSX)',
    zip: 'Participants’ files (ZIP)',
    minutes: 'Handover minutes (PDF)',
    participants: 'Participants and document completeness',
    number2: 'Registration no.',
    name: 'Name',
    ktp: 'ID card',
    diploma: 'Diploma',
    receipt: 'Form',
    yes: 'Yes',
    no: 'No',
    ackTitle: 'Acknowledge the handover',
    ackHint: 'Once acknowledged, the participants above are recorded as handed over to the organiser; their registration and selection end.',
    note: 'Note (optional)',
    acknowledge: 'Acknowledge the handover',
    ackError: 'The handover could not be acknowledged.',
    acknowledged: 'Acknowledged by {name} on {date}.',
    noteWas: 'Note',
  },
})

export default function OrganiserHandover({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const f = useFormat()
  const { view } = loaderData
  const failed = actionData && !actionData.ok ? (actionData as FormState) : undefined
  const base = `/penyelenggara/${view.id}`
  const mark = (ok: boolean) => <span className={`badge ${ok ? 'badge-ok' : 'badge-warn'}`}>{ok ? t.yes : t.no}</span>
  return (
    <>
      <p className="small">
        <Link to="/penyelenggara">{t.back}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {view.programmeName}, {view.batchLabel}</span>
      </h1>
      {view.acknowledgedAt ? (
        <Notice kind="success">
          <p>{t.acknowledged.replace('{name}', view.acknowledgedByName ?? '').replace('{date}', f.dateTime(view.acknowledgedAt))}</p>
          {view.acknowledgementNote ? (
            <p>
              {t.noteWas}: {view.acknowledgementNote}
            </p>
          ) : null}
        </Notice>
      ) : null}
      <dl className="facts">
        <dt>{t.number}</dt>
        <dd>{view.number}</dd>
        <dt>{t.created}</dt>
        <dd>{f.dateTime(view.createdAt)}</dd>
        <dt>{t.from}</dt>
        <dd>
          {view.handingSection}
          {view.createdByName ? ` (${view.createdByName})` : ''}
        </dd>
        <dt>{t.to}</dt>
        <dd>
          {view.receivingSection}
          {view.receiverName ? ` (${view.receiverName})` : ''}
        </dd>
        <dt>{t.participantsCount}</dt>
        <dd>{view.participants.length}</dd>
      </dl>
      <section className="card" aria-labelledby="org-downloads">
        <h2 id="org-downloads">{t.downloads}</h2>
        <p className="small">{t.downloadsHint}</p>
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
          <li>
            <a href={`${base}/berita-acara.pdf`} download>
              {t.minutes}
            </a>
          </li>
        </ul>
      </section>
      <h2 id="org-participants">{t.participants}</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="org-participants">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.ktp}</th>
              <th scope="col">{t.diploma}</th>
              <th scope="col">{t.receipt}</th>
            </tr>
          </thead>
          <tbody>
            {view.participants.map((p) => (
              <tr key={p.registrationId}>
                <td>
                  {p.fullName}
                  <br />
                  <span className="small">{p.number}</span>
                </td>
                <td>{mark(p.documents.ktp)}</td>
                <td>{mark(p.documents.diploma)}</td>
                <td>{mark(p.documents.receipt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!view.acknowledgedAt && view.asOrganiser ? (
        <section className="card" aria-labelledby="org-ack">
          <h2 id="org-ack">{t.ackTitle}</h2>
          <p>{t.ackHint}</p>
          <FormErrors state={failed} title={t.ackError} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="acknowledge" />
            <TextAreaField name="note" label={t.note} rows={2} maxLength={1000} state={failed} />
            <div className="actions">
              <button type="submit" className="primary">
                {t.acknowledge}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  )
}
