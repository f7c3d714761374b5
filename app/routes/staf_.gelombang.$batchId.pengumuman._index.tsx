import { Form, Link, redirect, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/staf_.gelombang.$batchId.pengumuman._index'
import { getAnnouncement } from '../../server/announcements/getAnnouncement'
import { publishResults } from '../../server/announcements/publishResults'
import { cancelScheduledAnnouncement, scheduleResultsAnnouncement } from '../../server/announcements/scheduleResultsAnnouncement'
import { useFormat } from '../i18n/format'
import { defineText, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { parseForm, readFormData, useCaseFailure } from '../lib/forms.server'
import { FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Pengumuman ${data.page.batch.programmeName} ${data.page.batch.label} — Latih` : 'Pengumuman — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const page = await getAnnouncement(ctx, { batchId: params.batchId }).catch(loaderFailure)
  return { page }
}

// "Publish now" comes from the confirmation step (confirm=yes); anything else is refused.
const ActionForm = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('publish'), confirm: z.literal('yes', { error: 'Konfirmasi pengumuman terlebih dahulu.' }) }),
    z.object({ intent: z.literal('schedule') }),
    z.object({ intent: z.literal('unschedule') }),
  ],
  { error: 'Tindakan tidak dikenal.' },
)

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await readFormData(request)
  const parsed = parseForm(formData, ActionForm)
  if (!parsed.ok) return parsed.response
  const batchId = params.batchId
  try {
    if (parsed.value.intent === 'publish') await publishResults(ctx, { batchId })
    else if (parsed.value.intent === 'schedule') await scheduleResultsAnnouncement(ctx, { batchId })
    else await cancelScheduledAnnouncement(ctx, { batchId })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  const done = { publish: 'diumumkan', schedule: 'dijadwalkan', unschedule: 'dibatalkan' }[parsed.value.intent]
  return redirect(`/staf/gelombang/${batchId}/pengumuman?${done}=1`)
}

const text = defineText({
  id: {
    hub: 'Kembali ke seleksi gelombang',
    title: 'Pengumuman hasil seleksi',
    planned: 'Jadwal pengumuman',
    announced: 'Diumumkan',
    scheduled: 'Dijadwalkan otomatis',
    notYet: 'belum',
    reRegistration: 'Batas daftar ulang',
    snapshot: 'Keputusan pleno',
    snapshotValue: 'versi {version}, {passed} lulus, {reserve} cadangan, {notPassed} tidak lulus',
    noPlenary: 'Pleno hasil seleksi gelombang ini belum difinalkan. Finalkan pleno terlebih dahulu; setelah itu hasil dapat diumumkan.',
    toPlenary: 'Buka pleno',
    justPublished: 'Hasil seleksi berhasil diumumkan. Pemberitahuan kepada setiap calon sedang dikirim.',
    justScheduled: 'Pengumuman dijadwalkan. Hasil diumumkan otomatis pada waktunya.',
    justUnscheduled: 'Jadwal pengumuman otomatis dibatalkan.',
    progress: 'Pemberitahuan: {told} dari {total} calon sudah diberi tahu di Aktivitas; {mailed} e-mail dikirim.',
    progressHint: 'Calon tanpa alamat e-mail (akun kios) melihat hasilnya di Aktivitas, di meja pendaftaran, dan lewat cek hasil.',
    publishTitle: 'Umumkan',
    publishLead:
      'Mengumumkan membuka hasil pleno kepada calon: setiap calon diberi tahu sekali di Aktivitas dan lewat e-mail (lulus, cadangan dengan urutannya, atau tidak lulus), dan halaman hasil publik dibuka. Tindakan ini tidak dapat dibatalkan.',
    publish: 'Umumkan sekarang…',
    confirmTitle: 'Konfirmasi pengumuman',
    confirmLead: '{total} calon akan menerima hasilnya: {passed} lulus, {reserve} cadangan, {notPassed} tidak lulus.',
    confirm: 'Ya, umumkan sekarang',
    cancel: 'Batal',
    scheduleLead: 'Atau umumkan otomatis pada jadwal pengumuman gelombang: {at}.',
    schedule: 'Jadwalkan pengumuman otomatis',
    scheduledLead: 'Hasil akan diumumkan otomatis pada {at}.',
    unschedule: 'Batalkan jadwal otomatis',
    noRight: 'Hanya panitia seleksi yang dapat mengumumkan hasil.',
    problems: 'Pengumuman belum dapat dilakukan.',
    shareTitle: 'Bagikan',
    publicPage: 'Halaman hasil publik',
    lookupPage: 'Cek hasil (nomor pendaftaran + tanggal lahir)',
    whatsApp: 'Bagikan lewat WhatsApp',
    imagesTitle: 'Gambar untuk Instagram',
    imagesLead: 'Halaman 1080×1350 piksel berisi nama lembaga, program, gelombang, dan daftar nama yang disingkat; sebanyak yang diperlukan daftar. Diunduh bersama teks keterangan (caption) dalam satu berkas ZIP.',
    imagesEarly: 'Gambar sudah dapat diunduh untuk disiapkan, tetapi unggah hanya setelah hasil diumumkan.',
    download: 'Unduh gambar dan caption (ZIP)',
    caption: 'Caption',
    passedTitle: 'Lulus',
    reservesTitle: 'Cadangan, berurutan',
    none: 'Tidak ada.',
    no: 'No.',
    number: 'No. pendaftaran',
    name: 'Nama',
    publicName: 'Di halaman publik',
  },
  en: {
    hub: 'Back to the batch’s selection',
    title: 'Announcement of the selection results',
    planned: 'Planned announcement',
    announced: 'Announced',
    scheduled: 'Scheduled automatically',
    notYet: 'not yet',
    reRegistration: 'Re-registration deadline',
    snapshot: 'Plenary decision',
    snapshotValue: 'version {version}, {passed} passed, {reserve} reserves, {notPassed} not passed',
    noPlenary: 'The plenary of this batch is not final yet. Finalise it first; the results can then be announced.',
    toPlenary: 'Open the plenary',
    justPublished: 'The results have been announced. Each candidate is being told.',
    justScheduled: 'The announcement is scheduled. The results will be announced automatically on time.',
    justUnscheduled: 'The automatic announcement was cancelled.',
    progress: 'Telling: {told} of {total} candidates told in Activity; {mailed} e-mails sent.',
    progressHint: 'Candidates without an e-mail address (kiosk accounts) see their result in Activity, at the desk and through the lookup.',
    publishTitle: 'Announce',
    publishLead:
      'Announcing opens the plenary’s results to the candidates: each is told once in Activity and by e-mail (passed, reserve with their place, or not passed), and the public results page opens. It cannot be undone.',
    publish: 'Announce now…',
    confirmTitle: 'Confirm the announcement',
    confirmLead: '{total} candidates will get their result: {passed} passed, {reserve} reserves, {notPassed} not passed.',
    confirm: 'Yes, announce now',
    cancel: 'Cancel',
    scheduleLead: 'Or announce automatically at the batch’s announcement time: {at}.',
    schedule: 'Schedule the announcement',
    scheduledLead: 'The results will be announced automatically at {at}.',
    unschedule: 'Cancel the automatic announcement',
    noRight: 'Only the selection committee can announce the results.',
    problems: 'The announcement could not be made.',
    shareTitle: 'Share',
    publicPage: 'Public results page',
    lookupPage: 'Results lookup (registration number + date of birth)',
    whatsApp: 'Share on WhatsApp',
    imagesTitle: 'Images for Instagram',
    imagesLead: '1080×1350 pixel pages with the centre, programme, batch and the masked list of names; as many as the list needs. Downloaded with the caption text as one ZIP file.',
    imagesEarly: 'The images can be downloaded to prepare them, but post them only after the announcement.',
    download: 'Download images and caption (ZIP)',
    caption: 'Caption',
    passedTitle: 'Passed',
    reservesTitle: 'Reserves, in order',
    none: 'None.',
    no: 'No.',
    number: 'Registration no.',
    name: 'Name',
    publicName: 'On the public page',
  },
})

function fill(template: string, values: Record<string, string | number>): string {
  return Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), template)
}

export default function AnnouncementPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const [search] = useSearchParams()
  const { page } = loaderData
  const b = page.batch
  const announced = b.resultsAnnouncedAt !== null
  const counts = page.counts
  const confirming = search.get('konfirmasi') === '1' && !announced && page.canAnnounce && counts !== null
  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${b.id}`}>{t.hub}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {b.programmeName}, {b.label}</span>
      </h1>
      {search.get('diumumkan') && announced ? <Notice kind="success">{t.justPublished}</Notice> : null}
      {search.get('dijadwalkan') && page.scheduledFor ? <Notice kind="success">{t.justScheduled}</Notice> : null}
      {search.get('dibatalkan') ? <Notice kind="success">{t.justUnscheduled}</Notice> : null}
      <FormErrors state={actionData} title={t.problems} />
      <dl className="facts card">
        <dt>{t.planned}</dt>
        <dd>{format.dateTime(b.announcementAt)}</dd>
        <dt>{t.announced}</dt>
        <dd>{b.resultsAnnouncedAt ? format.dateTime(b.resultsAnnouncedAt) : t.notYet}</dd>
        {page.scheduledFor && !announced ? (
          <>
            <dt>{t.scheduled}</dt>
            <dd>{format.dateTime(page.scheduledFor)}</dd>
          </>
        ) : null}
        <dt>{t.reRegistration}</dt>
        <dd>{format.dateTime(b.reRegistrationDeadline)}</dd>
        <dt>{t.snapshot}</dt>
        <dd>
          {page.snapshot && counts
            ? fill(t.snapshotValue, { version: page.snapshot.version, passed: counts.passed, reserve: counts.reserve, notPassed: counts.notPassed })
            : t.notYet}
        </dd>
      </dl>

      {counts === null ? (
        <Notice kind="warning">
          <p>{t.noPlenary}</p>
          <p>
            <Link to={`/staf/gelombang/${b.id}/pleno`}>{t.toPlenary}</Link>
          </p>
        </Notice>
      ) : null}

      {announced && counts ? (
        <Notice kind="info">
          <p>{fill(t.progress, { told: page.progress.told, total: counts.total, mailed: page.progress.mailed })}</p>
          <p className="small">{t.progressHint}</p>
        </Notice>
      ) : null}

      {!announced && counts ? (
        <section className="card" aria-labelledby="publish-title">
          <h2 id="publish-title">{confirming ? t.confirmTitle : t.publishTitle}</h2>
          <p>{t.publishLead}</p>
          {!page.canAnnounce ? (
            <p>{t.noRight}</p>
          ) : confirming ? (
            <Form method="post">
              <p>
                <strong>{fill(t.confirmLead, { total: counts.total, passed: counts.passed, reserve: counts.reserve, notPassed: counts.notPassed })}</strong>
              </p>
              <input type="hidden" name="intent" value="publish" />
              <input type="hidden" name="confirm" value="yes" />
              <div className="actions">
                <button type="submit" className="primary" disabled={busy}>
                  {t.confirm}
                </button>
                <Link to={`/staf/gelombang/${b.id}/pengumuman`}>{t.cancel}</Link>
              </div>
            </Form>
          ) : (
            <>
              <p>
                <Link className="button" to="?konfirmasi=1#publish-title">
                  {t.publish}
                </Link>
              </p>
              {page.scheduledFor ? (
                <Form method="post">
                  <p>{fill(t.scheduledLead, { at: format.dateTime(page.scheduledFor) })}</p>
                  <input type="hidden" name="intent" value="unschedule" />
                  <button type="submit" className="secondary" disabled={busy}>
                    {t.unschedule}
                  </button>
                </Form>
              ) : !b.announcementDue ? (
                <Form method="post">
                  <p>{fill(t.scheduleLead, { at: format.dateTime(b.announcementAt) })}</p>
                  <input type="hidden" name="intent" value="schedule" />
                  <button type="submit" className="secondary" disabled={busy}>
                    {t.schedule}
                  </button>
                </Form>
              ) : null}
            </>
          )}
        </section>
      ) : null}

      {counts ? (
        <>
          <section className="card" aria-labelledby="share-title">
            <h2 id="share-title">{t.shareTitle}</h2>
            <ul>
              <li>
                <a href={page.publicUrl}>{t.publicPage}</a>
              </li>
              <li>
                <a href={page.lookupUrl}>{t.lookupPage}</a>
              </li>
              <li>
                <a href={page.whatsAppUrl} rel="noopener noreferrer" target="_blank">
                  {t.whatsApp}
                </a>
              </li>
            </ul>
          </section>
          <section className="card" aria-labelledby="images-title">
            <h2 id="images-title">{t.imagesTitle}</h2>
            <p>{t.imagesLead}</p>
            {!announced ? <p className="small">{t.imagesEarly}</p> : null}
            <p>
              <a className="button" href={`/staf/gelombang/${b.id}/pengumuman/gambar.zip`} download>
                {t.download}
              </a>
            </p>
            <details>
              <summary>{t.caption}</summary>
              <pre style={{ whiteSpace: 'pre-wrap' }}>{page.caption}</pre>
            </details>
          </section>
          <NameTable id="passed-title" title={t.passedTitle} rows={page.passed.map((r, i) => ({ ...r, place: i + 1 }))} />
          <NameTable id="reserves-title" title={t.reservesTitle} rows={page.reserves.map((r) => ({ ...r, place: r.place ?? 0 }))} />
        </>
      ) : null}
    </>
  )
}

function NameTable({ id, title, rows }: { id: string; title: string; rows: Array<{ place: number; number: string; fullName: string; maskedName: string }> }) {
  const t = useText(text)
  return (
    <section>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.no}</th>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.publicName}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.number}>
                  <td>{r.place}</td>
                  <th scope="row">
                    {r.fullName}
                    <br />
                    <span className="small muted">{r.number}</span>
                  </th>
                  <td>{r.maskedName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
