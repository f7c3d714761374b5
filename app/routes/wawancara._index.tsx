import { Link } from 'react-router'
import type { Route } from './+types/wawancara._index'
import { STATE_LABELS, isRegistrationState } from '../../domain/registrationStates'
import { listMyInterviews, type MySlot } from '../../server/interviews/listMyInterviews'
import { slotRangeText } from '../../server/interviews/slotText'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'

export function meta() {
  return [{ title: 'Jadwal wawancara saya — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  return listMyInterviews(ctx).catch(loaderFailure)
}

const text = defineText({
  id: {
    back: 'Beranda staf',
    title: 'Jadwal wawancara saya',
    lead: 'Slot tempat Anda menjadi pewawancara, dengan calonnya. Buka calon untuk melihat profil, hasil asesmen, dan mengisi lembar penilaian.',
    upcoming: 'Hari ini dan yang akan datang',
    past: 'Sudah lewat',
    none: 'Belum ada slot wawancara untuk Anda.',
    online: 'Daring',
    empty: 'Belum ada calon di slot ini.',
    seats: '{n} dari {capacity} calon',
    written: 'tes tertulis {n}',
    present: 'hadir',
    absent: 'tidak hadir',
    toScore: 'belum dinilai',
    scored: 'dinilai: {n}',
    reopened: 'dibuka kembali oleh panitia',
  },
  en: {
    back: 'Staff home',
    title: 'My interview schedule',
    lead: 'The slots where you interview, with their candidates. Open a candidate to see the profile and assessment results, and to fill in the scorecard.',
    upcoming: 'Today and upcoming',
    past: 'Past',
    none: 'No interview slots for you yet.',
    online: 'Online',
    empty: 'Nobody in this slot yet.',
    seats: '{n} of {capacity} candidates',
    written: 'written test {n}',
    present: 'present',
    absent: 'absent',
    toScore: 'not scored yet',
    scored: 'scored: {n}',
    reopened: 'reopened by the committee',
  },
})

function SlotCard({ slot }: { slot: MySlot }) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  return (
    <article className="card" aria-labelledby={`slot-${slot.id}`}>
      <h3 id={`slot-${slot.id}`}>{slotRangeText(slot.startsAt, slot.endsAt, slot.timeZone, locale)}</h3>
      <p className="small">
        {slot.programmeName}, {slot.batchLabel}
        <br />
        {slot.place ?? (
          <>
            {t.online}: <a href={slot.onlineUrl ?? '#'}>{slot.onlineUrl}</a>
          </>
        )}
        <br />
        {t.seats.replace('{n}', String(slot.candidates.length)).replace('{capacity}', String(slot.capacity))}
      </p>
      {slot.candidates.length === 0 ? (
        <p className="muted">{t.empty}</p>
      ) : (
        <ul>
          {slot.candidates.map((c) => (
            <li key={c.registrationId} style={{ marginBottom: 8 }}>
              <Link to={`/wawancara/${c.registrationId}`}>{c.fullName}</Link> <span className="small muted">{c.number}</span>
              <br />
              <span className="small">
                {[
                  isRegistrationState(c.state) ? STATE_LABELS[c.state][locale] : c.state,
                  c.writtenScore !== null ? t.written.replace('{n}', format.number(Math.round(c.writtenScore * 100) / 100)) : null,
                  c.attendance === 'present' ? t.present : c.attendance === 'absent' ? t.absent : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>{' '}
              {c.scorecard === 'submitted' ? (
                <span className="badge badge-ok">{t.scored.replace('{n}', format.number(c.total ?? 0))}</span>
              ) : c.scorecard === 'reopened' ? (
                <span className="badge badge-warn">{t.reopened}</span>
              ) : c.attendance !== 'absent' ? (
                <span className="badge">{t.toScore}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </article>
  )
}

export default function MyInterviewsPage({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const { upcoming, past } = loaderData
  return (
    <>
      <p className="small">
        <Link to="/staf">{t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      {upcoming.length === 0 && past.length === 0 ? <p>{t.none}</p> : null}
      {upcoming.length > 0 ? (
        <section aria-labelledby="upcoming-title">
          <h2 id="upcoming-title">{t.upcoming}</h2>
          {upcoming.map((s) => (
            <SlotCard key={s.id} slot={s} />
          ))}
        </section>
      ) : null}
      {past.length > 0 ? (
        <section aria-labelledby="past-title">
          <h2 id="past-title">{t.past}</h2>
          {past.map((s) => (
            <SlotCard key={s.id} slot={s} />
          ))}
        </section>
      ) : null}
    </>
  )
}
