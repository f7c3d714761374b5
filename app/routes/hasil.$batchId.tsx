import type { Route } from './+types/hasil.$batchId'
import { getPublicResults } from '../../server/announcements/getPublicResults'
import { runtime } from '../../server/runtime'
import { useFormat } from '../i18n/format'
import { defineText, useText } from '../i18n/text'
import { loaderFailure } from '../lib/context.server'

// The public results page of a batch (SOP step 9): the page everyone opens at once on
// announcement day, so it is plain HTML — no framework JavaScript — and short: the
// registration number and masked name of those who passed and of the reserves, in order.

export const handle = { hydrate: false }

export function meta({ data }: Route.MetaArgs) {
  return [
    { title: data ? `Hasil seleksi ${data.results.programmeName} ${data.results.batchLabel} — Latih` : 'Hasil seleksi — Latih' },
    { name: 'description', content: 'Pengumuman hasil seleksi pelatihan: nomor pendaftaran dan nama (disingkat) peserta yang lulus dan cadangan.' },
  ]
}

export async function loader({ params }: Route.LoaderArgs) {
  const { db } = await runtime()
  const results = await getPublicResults(db, { batchId: params.batchId }).catch(loaderFailure)
  return { results }
}

const text = defineText({
  id: {
    title: 'Hasil seleksi',
    notYet: 'Hasil seleksi gelombang ini belum diumumkan. Rencana pengumuman: {at}.',
    announcedAt: 'Diumumkan {at}.',
    updated: 'Diperbarui {at}.',
    masked: 'Nama ditulis disingkat. Cocokkan dengan nomor pendaftaran pada tanda pendaftaran Anda.',
    passed: 'Lulus seleksi ({n} orang)',
    reserves: 'Cadangan, berurutan ({n} orang)',
    reservesLead: 'Calon cadangan dipanggil sesuai urutan bila ada tempat yang kosong.',
    none: 'Tidak ada.',
    no: 'No.',
    number: 'No. pendaftaran',
    name: 'Nama',
    next: 'Yang lulus wajib daftar ulang paling lambat {at}: masuk ke Latih, buka Aktivitas, lalu datang ke meja pendaftaran membawa fotokopi KTP, fotokopi ijazah terakhir, dan tanda pendaftaran.',
    lookup: 'Cek hasil Anda dengan nomor pendaftaran dan tanggal lahir',
    signIn: 'Masuk ke Latih',
  },
  en: {
    title: 'Selection results',
    notYet: 'The results of this batch have not been announced yet. Planned announcement: {at}.',
    announcedAt: 'Announced {at}.',
    updated: 'Updated {at}.',
    masked: 'Names are shortened. Match them with the registration number on your receipt.',
    passed: 'Passed ({n})',
    reserves: 'Reserves, in order ({n})',
    reservesLead: 'Reserves are called in this order when a place becomes free.',
    none: 'None.',
    no: 'No.',
    number: 'Registration no.',
    name: 'Name',
    next: 'Those who passed must re-register by {at}: sign in to Latih, open Activity, then come to the desk with a copy of your KTP, of your last diploma, and your registration receipt.',
    lookup: 'Check your own result with your registration number and date of birth',
    signIn: 'Sign in to Latih',
  },
})

export default function PublicResults({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const format = useFormat()
  const r = loaderData.results
  return (
    <>
      <h1>
        {t.title}
        <br />
        <span className="muted">
          {r.programmeName}, {r.batchLabel}
        </span>
      </h1>
      <p>{r.institutionName}</p>
      {!r.announced ? (
        <p>{t.notYet.replace('{at}', format.dateTime(r.announcementAt))}</p>
      ) : (
        <>
          <p className="small">
            {t.announcedAt.replace('{at}', format.dateTime(r.announcedAt!))}
            {r.updatedAt ? ` ${t.updated.replace('{at}', format.dateTime(r.updatedAt))}` : null} {t.masked}
          </p>
          <p>{t.next.replace('{at}', format.dateTime(r.reRegistrationDeadline))}</p>
          <List id="lulus" title={t.passed.replace('{n}', String(r.passed.length))} rows={r.passed.map((p, i) => ({ ...p, place: i + 1 }))} />
          <List id="cadangan" title={t.reserves.replace('{n}', String(r.reserves.length))} lead={t.reservesLead} rows={r.reserves} />
        </>
      )}
      <p>
        <a className="button" href="/hasil/cek">
          {t.lookup}
        </a>
      </p>
      <p>
        <a href="/masuk">{t.signIn}</a>
      </p>
    </>
  )
}

function List({ id, title, lead, rows }: { id: string; title: string; lead?: string; rows: Array<{ place: number; number: string; name: string }> }) {
  const t = useText(text)
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {lead ? <p className="small">{lead}</p> : null}
      {rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.no}</th>
              <th scope="col">{t.number}</th>
              <th scope="col">{t.name}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.number}>
                <td>{row.place}</td>
                <td>{row.number}</td>
                <td style={{ whiteSpace: 'nowrap' }}>{row.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
