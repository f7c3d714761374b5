import { Link } from 'react-router'
import type { Route } from './+types/aktivitas._index'
import { listActivity } from '../../server/registrations/listActivity'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { StateBadge } from '../ui/StateBadge'
import { candidateContext, loaderFailure } from '../lib/context.server'
import { activityItem } from './aktivitas.server'

export function meta() {
  return [{ title: 'Aktivitas — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { actor, candidateId, ctx } = await candidateContext(request)
  const views = await listActivity(ctx, { candidateId }).catch(loaderFailure)
  return { items: views.map((v) => activityItem(v, actor, ctx.now)) }
}

const text = defineText({
  id: {
    title: 'Aktivitas',
    lead: 'Pendaftaran Anda, langkah berikutnya, dan semua yang sudah terjadi.',
    emptyTitle: 'Belum ada pendaftaran',
    empty: 'Anda belum mendaftar program pelatihan apa pun.',
    browse: 'Lihat program yang dibuka',
    number: 'Nomor pendaftaran',
    programme: 'Program',
    batch: 'Gelombang',
    registeredAt: 'Mendaftar',
    next: 'Langkah berikutnya',
    due: 'Batas waktu',
    details: 'Lihat rincian dan tanda pendaftaran',
    assessments: 'Asesmen: kerjakan dan lihat hasil',
    detailsOf: 'untuk',
  },
  en: {
    title: 'Activity',
    lead: 'Your registrations, what to do next, and everything that has happened.',
    emptyTitle: 'No registrations yet',
    empty: 'You have not registered for any training programme.',
    browse: 'See open programmes',
    number: 'Registration number',
    programme: 'Programme',
    batch: 'Batch',
    registeredAt: 'Registered',
    next: 'Next step',
    due: 'Deadline',
    details: 'See details and the registration receipt',
    assessments: 'Assessments: take them and see the results',
    detailsOf: 'for',
  },
})

export default function Activity({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const { items } = loaderData
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      {items.length === 0 ? (
        <section className="card" aria-labelledby="empty-title">
          <h2 id="empty-title">{t.emptyTitle}</h2>
          <p>{t.empty}</p>
          <p>
            <Link className="button" to="/program">
              {t.browse}
            </Link>
          </p>
        </section>
      ) : (
        items.map((item) => (
          <article className="card" key={item.id} aria-labelledby={`reg-${item.id}`}>
            <h2 id={`reg-${item.id}`}>{item.programme.name}</h2>
            <p>
              <StateBadge state={item.state} />
            </p>
            <dl className="facts">
              <dt>{t.number}</dt>
              <dd>{item.number}</dd>
              <dt>{t.batch}</dt>
              <dd>
                {item.batch.label} · {item.institutionName}
              </dd>
              <dt>{t.registeredAt}</dt>
              <dd>{format.dateTime(item.createdAt)}</dd>
            </dl>
            <h3>{t.next}</h3>
            <p>{item.nextStep[locale]}</p>
            {item.nextStep.dueAt ? (
              <p>
                <strong>
                  {t.due}: {format.dateTime(item.nextStep.dueAt)}
                </strong>
              </p>
            ) : null}
            {item.state === 'registered' || item.state === 'assessed' || item.state.startsWith('written_test') ? (
              <p>
                <Link to="/asesmen">{t.assessments}</Link>
              </p>
            ) : null}
            <p>
              <Link to={`/aktivitas/${item.id}`}>
                {t.details}
                <span className="visually-hidden">
                  {' '}
                  {t.detailsOf} {item.number}
                </span>
              </Link>
            </p>
          </article>
        ))
      )}
    </>
  )
}
