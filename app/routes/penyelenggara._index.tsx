import { Link } from 'react-router'
import type { Route } from './+types/penyelenggara._index'
import { listHandovers } from '../../server/handover/listHandovers'
import { useFormat } from '../i18n/format'
import { defineText, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'

export function meta() {
  return [{ title: 'Serah terima peserta — Penyelenggara — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const handovers = await listHandovers(ctx).catch(loaderFailure)
  return { handovers }
}

const text = defineText({
  id: {
    staffHome: 'Beranda staf',
    title: 'Serah terima peserta',
    lead: 'Peserta hasil seleksi yang diserahkan panitia kepada Anda: daftar nominatif, berkas peserta, dan berita acara. Terima serah terima setelah memeriksanya.',
    none: 'Belum ada serah terima yang ditujukan kepada Anda.',
    participants: '{n} peserta',
    created: 'diserahkan {date}',
    waiting: 'Belum diterima',
    acknowledged: 'Diterima {date}',
  },
  en: {
    staffHome: 'Staff home',
    title: 'Participant handovers',
    lead: 'The selected participants the committee hands over to you: the nominative list, the participants’ files and the minutes. Acknowledge a handover once you have checked it.',
    none: 'No handover is addressed to you yet.',
    participants: '{n} participants',
    created: 'handed over {date}',
    waiting: 'Not acknowledged yet',
    acknowledged: 'Acknowledged {date}',
  },
})

export default function OrganiserHome({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const f = useFormat()
  const { handovers } = loaderData
  return (
    <>
      <p className="small">
        <Link to="/staf">{t.staffHome}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      {handovers.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {handovers.map((h) => (
            <li key={h.id} className="card">
              <h2 style={{ marginBottom: 4 }}>
                <Link to={`/penyelenggara/${h.id}`}>
                  {h.programmeName}, {h.batchLabel}
                </Link>
              </h2>
              <p className="small" style={{ margin: '4px 0' }}>
                {h.number} · {t.participants.replace('{n}', String(h.participants))} · {t.created.replace('{date}', f.dateTime(h.createdAt))}
              </p>
              <p style={{ margin: '4px 0' }}>
                {h.acknowledgedAt ? (
                  <span className="badge badge-ok">{t.acknowledged.replace('{date}', f.dateTime(h.acknowledgedAt))}</span>
                ) : (
                  <span className="badge badge-warn">{t.waiting}</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
