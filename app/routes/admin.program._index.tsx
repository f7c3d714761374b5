import { Link } from 'react-router'
import type { Route } from './+types/admin.program._index'
import { listProgrammesForAdmin } from '../../server/programmes/listProgrammesForAdmin'
import { formatDateTime } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { InstitutionPicker } from '../ui/admin/InstitutionPicker'
import { Notice } from '../ui/Notice'
import { currentInstitution, requireAdministrator } from './admin.program.server'
import { loaderFailure } from '../lib/context.server'

const text = defineText({
  id: {
    title: 'Program & gelombang',
    lead: 'Program pelatihan lembaga beserta gelombangnya. Program yang diarsipkan tidak tampil di katalog publik.',
    add: 'Tambah program',
    empty: 'Belum ada program. Tambahkan program pertama lembaga ini.',
    archived: 'Diarsipkan',
    edit: 'Ubah program',
    addBatch: 'Tambah gelombang',
    noBatches: 'Belum ada gelombang.',
    batch: 'Gelombang',
    quota: 'Kuota',
    registration: 'Pendaftaran',
    status: 'Status',
    open: 'Dibuka',
    upcoming: 'Segera dibuka',
    closed: 'Ditutup',
    editBatch: 'Ubah',
    field: 'Kejuruan',
  },
  en: {
    title: 'Programmes & batches',
    lead: 'The institution’s training programmes and their batches. Archived programmes are hidden from the public catalogue.',
    add: 'Add programme',
    empty: 'No programmes yet. Add this institution’s first programme.',
    archived: 'Archived',
    edit: 'Edit programme',
    addBatch: 'Add batch',
    noBatches: 'No batches yet.',
    batch: 'Batch',
    quota: 'Quota',
    registration: 'Registration',
    status: 'Status',
    open: 'Open',
    upcoming: 'Opening soon',
    closed: 'Closed',
    editBatch: 'Edit',
    field: 'Field',
  },
})

export function meta() {
  return [{ title: 'Program & gelombang — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const { institutions, current } = await currentInstitution(ctx, request)
  const programmes = await listProgrammesForAdmin(ctx, { institutionId: current.id }).catch(loaderFailure)
  return { institutions, current, programmes }
}

const BADGE = { open: 'badge badge-ok', upcoming: 'badge', closed: 'badge badge-bad' } as const

export default function AdminProgrammes({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const { institutions, current, programmes } = loaderData
  const newLink = institutions.length > 1 ? `/admin/program/baru?lembaga=${current.id}` : '/admin/program/baru'
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <InstitutionPicker institutions={institutions} currentId={current.id} />
      <div className="actions">
        <Link className="button" to={newLink}>
          {t.add}
        </Link>
      </div>
      {programmes.length === 0 ? <Notice>{t.empty}</Notice> : null}
      {programmes.map(({ programme: p, batches }) => (
        <section className="card" key={p.id} aria-labelledby={`prog-${p.id}`}>
          <h2 id={`prog-${p.id}`}>
            <Link to={`/admin/program/${p.id}`}>
              {p.code} · {p.name}
            </Link>{' '}
            {p.archivedAt ? <span className="badge badge-warn">{t.archived}</span> : null}
          </h2>
          <p className="muted">
            {t.field}: {p.vocationalField} · {p.location}
          </p>
          {batches.length === 0 ? (
            <p>{t.noBatches}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.batch}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.registration}</th>
                    <th scope="col">{t.quota}</th>
                  </tr>
                </thead>
                <tbody>
                  {batches.map((b) => (
                    <tr key={b.id}>
                      <th scope="row">
                        <Link to={`/admin/gelombang/${b.id}`} aria-label={`${t.editBatch} ${t.batch} ${b.number}/${b.year} ${p.name}`}>
                          {b.number}/{b.year}
                        </Link>
                      </th>
                      <td>
                        <span className={BADGE[b.phase]}>{t[b.phase]}</span>
                      </td>
                      <td>
                        {formatDateTime(b.registrationOpensAt, locale, current.timeZone)} –{' '}
                        {formatDateTime(b.registrationClosesAt, locale, current.timeZone)}
                      </td>
                      <td>
                        {b.quota} + {b.reserveCount}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="actions" style={{ marginBottom: 0 }}>
            <Link to={`/admin/program/${p.id}`}>{t.edit}</Link>
            {!p.archivedAt ? <Link to={`/admin/program/${p.id}/gelombang/baru`}>{t.addBatch}</Link> : null}
          </div>
        </section>
      ))}
    </>
  )
}
