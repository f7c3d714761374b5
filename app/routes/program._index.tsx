import { Form, Link } from 'react-router'
import type { Route } from './+types/program._index'
import { listCatalogue, listCatalogueChoices } from '../../server/programmes/listCatalogue'
import { runtime } from '../../server/runtime'
import { formatDateTime } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { Field } from '../ui/form'

const text = defineText({
  id: {
    title: 'Program pelatihan',
    lead: 'Pelatihan berbasis kompetensi gratis. Pilih gelombang yang sedang dibuka, lalu daftar dari halaman gelombangnya.',
    search: 'Cari program',
    q: 'Kata kunci',
    qHint: 'Nama program, kejuruan, atau isi pelatihan',
    field: 'Kejuruan',
    anyField: 'Semua kejuruan',
    location: 'Lokasi',
    anyLocation: 'Semua lokasi',
    status: 'Status pendaftaran',
    open: 'Dibuka',
    upcoming: 'Segera dibuka',
    closed: 'Ditutup',
    all: 'Semua',
    submit: 'Cari',
    reset: 'Hapus pencarian',
    results: 'Hasil',
    found: 'gelombang ditemukan',
    truncated: 'Hanya sebagian hasil yang ditampilkan. Persempit pencarian untuk melihat yang lain.',
    empty: 'Belum ada gelombang yang cocok dengan pencarian Anda.',
    emptyHint: 'Coba kata kunci lain, pilih “Semua kejuruan”, atau ubah status menjadi “Semua”. Gelombang baru diumumkan juga di media sosial resmi BPVP Kendari.',
    batch: 'Gelombang',
    mode: 'Cara',
    duration: 'Durasi',
    hours: 'jam',
    quota: 'Kuota',
    people: 'orang',
    opens: 'Pendaftaran dibuka',
    closes: 'Pendaftaran ditutup',
    view: 'Lihat jadwal dan syarat',
    viewOpen: 'Lihat dan daftar',
    offline: 'Luring (tatap muka)',
    online: 'Daring',
    blended: 'Campuran',
  },
  en: {
    title: 'Training programmes',
    lead: 'Free competency-based training. Choose a batch that is open, then register from its page.',
    search: 'Search programmes',
    q: 'Keywords',
    qHint: 'Programme name, vocational field or content',
    field: 'Vocational field',
    anyField: 'All fields',
    location: 'Location',
    anyLocation: 'All locations',
    status: 'Registration status',
    open: 'Open',
    upcoming: 'Opening soon',
    closed: 'Closed',
    all: 'All',
    submit: 'Search',
    reset: 'Clear search',
    results: 'Results',
    found: 'batches found',
    truncated: 'Only part of the results is shown. Narrow the search to see the rest.',
    empty: 'No batch matches your search yet.',
    emptyHint: 'Try other keywords, choose “All fields”, or set the status to “All”. New batches are also announced on BPVP Kendari’s official social media.',
    batch: 'Batch',
    mode: 'Mode',
    duration: 'Duration',
    hours: 'hours',
    quota: 'Quota',
    people: 'people',
    opens: 'Registration opens',
    closes: 'Registration closes',
    view: 'See schedule and requirements',
    viewOpen: 'View and register',
    offline: 'On site',
    online: 'Online',
    blended: 'Blended',
  },
})

export function meta() {
  return [{ title: 'Program pelatihan — Latih BPVP Kendari' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url)
  const param = (name: string) => (url.searchParams.get(name) ?? '').trim().slice(0, 100)
  const { db } = await runtime()
  const now = new Date()
  const query = { q: param('q'), field: param('bidang'), location: param('lokasi') }
  const [result, choices] = await Promise.all([
    listCatalogue(db, { ...query, status: param('status') || 'open', now }),
    listCatalogueChoices(db),
  ])
  return { ...result, ...choices, query: { ...query, status: result.status } }
}

const BADGE = { open: 'badge badge-ok', upcoming: 'badge', closed: 'badge badge-bad' } as const

export default function Catalogue({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const { items, fields, locations, query, truncated } = loaderData
  const filtered = query.q !== '' || query.field !== '' || query.location !== '' || query.status !== 'open'
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <Form method="get" className="card" role="search" aria-label={t.search}>
        <Field id="cari-q" name="q" type="search" label={t.q} hint={t.qHint} defaultValue={query.q} maxLength={100} />
        <div className="grid grid-3">
          <div className="field">
            <label htmlFor="cari-bidang">{t.field}</label>
            <select id="cari-bidang" name="bidang" defaultValue={query.field}>
              <option value="">{t.anyField}</option>
              {fields.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cari-lokasi">{t.location}</label>
            <select id="cari-lokasi" name="lokasi" defaultValue={query.location}>
              <option value="">{t.anyLocation}</option>
              {locations.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cari-status">{t.status}</label>
            <select id="cari-status" name="status" defaultValue={query.status}>
              <option value="open">{t.open}</option>
              <option value="upcoming">{t.upcoming}</option>
              <option value="closed">{t.closed}</option>
              <option value="all">{t.all}</option>
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t.submit}
          </button>
          {filtered ? <Link to="/program">{t.reset}</Link> : null}
        </div>
      </Form>

      <h2 className="visually-hidden">{t.results}</h2>
      {items.length === 0 ? (
        <div className="card">
          <p>
            <strong>{t.empty}</strong>
          </p>
          <p>{t.emptyHint}</p>
        </div>
      ) : (
        <>
          <p className="muted" role="status">
            {items.length} {t.found}
          </p>
          {items.map((item) => {
            const when = (d: Date) => formatDateTime(d, locale, item.timeZone)
            return (
              <article className="card" key={item.batchId} aria-labelledby={`gel-${item.batchId}`}>
                <h3 id={`gel-${item.batchId}`} style={{ fontSize: '1.15rem' }}>
                  <Link to={`/gelombang/${item.batchId}`}>{item.programme.name}</Link>
                </h3>
                <p>
                  <span className={BADGE[item.phase]}>{t[item.phase]}</span>{' '}
                  <span>
                    {t.batch} {item.number}/{item.year}
                  </span>
                </p>
                <dl className="facts">
                  <dt>{t.field}</dt>
                  <dd>{item.programme.vocationalField}</dd>
                  <dt>{t.location}</dt>
                  <dd>{item.programme.location}</dd>
                  <dt>{t.mode}</dt>
                  <dd>{t[item.programme.mode]}</dd>
                  <dt>{t.duration}</dt>
                  <dd>
                    {item.programme.durationHours} {t.hours}
                  </dd>
                  <dt>{t.quota}</dt>
                  <dd>
                    {item.quota} {t.people}
                  </dd>
                  <dt>{t.opens}</dt>
                  <dd>{when(item.registrationOpensAt)}</dd>
                  <dt>{t.closes}</dt>
                  <dd>{when(item.registrationClosesAt)}</dd>
                </dl>
                <p style={{ marginBottom: 0 }}>
                  <Link
                    to={`/gelombang/${item.batchId}`}
                    className={item.phase === 'open' ? 'button' : 'button secondary'}
                    aria-describedby={`gel-${item.batchId}`}
                  >
                    {item.phase === 'open' ? t.viewOpen : t.view}
                  </Link>
                </p>
              </article>
            )
          })}
          {truncated ? <p className="muted">{t.truncated}</p> : null}
        </>
      )}
    </>
  )
}
