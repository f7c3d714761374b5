import { Link } from 'react-router'
import type { Route } from './+types/aktivitas.$registrationId._index'
import { getRegistration } from '../../server/registrations/getRegistration'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { Notice } from '../ui/Notice'
import { StateBadge } from '../ui/StateBadge'
import { Timeline } from '../ui/Timeline'
import { candidateContext, loaderFailure } from '../lib/context.server'
import { activityItem } from './aktivitas.server'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.item.number} — Aktivitas — Latih` : 'Aktivitas — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { actor, ctx } = await candidateContext(request)
  const view = await getRegistration(ctx, { registrationId: params.registrationId }).catch(loaderFailure)
  const url = new URL(request.url)
  return {
    item: activityItem(view, actor, ctx.now),
    notice: url.searchParams.get('baru') === '1' ? 'new' : url.searchParams.get('mundur') === '1' ? 'withdrawn' : null,
  }
}

const text = defineText({
  id: {
    back: 'Kembali ke Aktivitas',
    created: 'Pendaftaran berhasil. Nomor pendaftaran Anda: {number}.',
    createdHint: 'Unduh tanda pendaftaran di bawah dan simpan sebagai salah satu dokumen seleksi.',
    withdrawn: 'Anda telah mengundurkan diri dari pendaftaran ini.',
    number: 'Nomor pendaftaran',
    batch: 'Gelombang',
    institution: 'Lembaga',
    location: 'Tempat pelatihan',
    training: 'Jadwal pelatihan',
    registeredAt: 'Mendaftar',
    next: 'Langkah berikutnya',
    due: 'Batas waktu',
    reRegistration: 'Daftar ulang',
    interviewTitle: 'Panggilan wawancara',
    interviewHint: 'Waktu dan tempat wawancara, yang dibawa, jadwal untuk kalender, dan pindah jadwal.',
    interviewLink: 'Lihat panggilan wawancara',
    receiptTitle: 'Tanda pendaftaran',
    receiptHint: 'Berkas PDF berisi nomor pendaftaran, jadwal seleksi, dokumen yang dibawa, dan kode QR untuk memeriksa keasliannya.',
    download: 'Unduh tanda pendaftaran (PDF)',
    timeline: 'Riwayat',
    timelineLabel: 'Riwayat pendaftaran, terbaru di atas',
    withdrawTitle: 'Mundur dari pendaftaran',
    withdrawHint: 'Bila Anda tidak dapat melanjutkan seleksi, mundurkan diri agar dapat mendaftar program lain.',
    withdraw: 'Mundur dari pendaftaran',
    until: 's.d.',
  },
  en: {
    back: 'Back to Activity',
    created: 'Registration successful. Your registration number: {number}.',
    createdHint: 'Download the registration receipt below and keep it as one of your selection documents.',
    withdrawn: 'You have withdrawn from this registration.',
    number: 'Registration number',
    batch: 'Batch',
    institution: 'Centre',
    location: 'Training location',
    training: 'Training dates',
    registeredAt: 'Registered',
    next: 'Next step',
    due: 'Deadline',
    reRegistration: 'Re-registration',
    interviewTitle: 'Interview call',
    interviewHint: 'The time and place of your interview, what to bring, the calendar file, and changing the time.',
    interviewLink: 'View the interview call',
    receiptTitle: 'Registration receipt',
    receiptHint: 'A PDF with your registration number, the selection schedule, the documents to bring, and a QR code to check it is genuine.',
    download: 'Download the registration receipt (PDF)',
    timeline: 'History',
    timelineLabel: 'Registration history, newest first',
    withdrawTitle: 'Withdraw from this registration',
    withdrawHint: 'If you cannot continue the selection, withdraw so that you can register for another programme.',
    withdraw: 'Withdraw from this registration',
    until: 'to',
  },
})

export default function RegistrationDetail({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const { item, notice } = loaderData
  return (
    <>
      <p className="no-print">
        <Link to="/aktivitas">{t.back}</Link>
      </p>
      {notice === 'new' ? (
        <Notice kind="success">
          <p>
            <strong>{t.created.replace('{number}', item.number)}</strong>
          </p>
          <p>{t.createdHint}</p>
        </Notice>
      ) : null}
      {notice === 'withdrawn' ? (
        <Notice kind="success">
          <p>{t.withdrawn}</p>
        </Notice>
      ) : null}
      <h1>{item.programme.name}</h1>
      <p>
        <StateBadge state={item.state} />
      </p>
      <dl className="facts">
        <dt>{t.number}</dt>
        <dd>{item.number}</dd>
        <dt>{t.batch}</dt>
        <dd>{item.batch.label}</dd>
        <dt>{t.institution}</dt>
        <dd>{item.institutionName}</dd>
        <dt>{t.location}</dt>
        <dd>{item.programme.location}</dd>
        <dt>{t.training}</dt>
        <dd>
          {format.date(item.batch.trainingStartsOn)} {t.until} {format.date(item.batch.trainingEndsOn)}
        </dd>
        <dt>{t.registeredAt}</dt>
        <dd>{format.dateTime(item.createdAt)}</dd>
      </dl>

      <section className="card" aria-labelledby="next-title">
        <h2 id="next-title">{t.next}</h2>
        <p>{item.nextStep[locale]}</p>
        {item.nextStep.dueAt ? (
          <p>
            <strong>
              {t.due}: {format.dateTime(item.nextStep.dueAt)}
            </strong>
          </p>
        ) : null}
      </section>

      {['passed', 'reserve', 're_registered', 'handed_over'].includes(item.state) ? (
        <p>
          {/* A document load: the page is served without the framework's JavaScript. */}
          <a className="button" href={`/aktivitas/${item.id}/daftar-ulang`}>
            {t.reRegistration}
          </a>
        </p>
      ) : null}

      {item.events.some((e) => e.kind === 'invite_to_interview') ? (
        <section className="card" aria-labelledby="interview-title">
          <h2 id="interview-title">{t.interviewTitle}</h2>
          <p>{t.interviewHint}</p>
          <p>
            <Link className="button" to={`/aktivitas/${item.id}/wawancara`}>
              {t.interviewLink}
            </Link>
          </p>
        </section>
      ) : null}

      <section className="card" aria-labelledby="receipt-title">
        <h2 id="receipt-title">{t.receiptTitle}</h2>
        <p>{t.receiptHint}</p>
        <p>
          <a className="button" href={`/aktivitas/${item.id}/tanda-pendaftaran`} download>
            {t.download}
          </a>
        </p>
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t.timeline}</h2>
        <Timeline events={item.events} label={t.timelineLabel} />
      </section>

      {item.canWithdraw ? (
        <section className="card no-print" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t.withdrawTitle}</h2>
          <p>{t.withdrawHint}</p>
          <p>
            <Link className="button secondary" to={`/aktivitas/${item.id}/mundur`}>
              {t.withdraw}
            </Link>
          </p>
        </section>
      ) : null}
    </>
  )
}
