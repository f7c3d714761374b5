import { Link, useSearchParams } from 'react-router'
import type { Route } from './+types/admin.staf._index'
import { listStaff } from '../../server/staff/listStaff'
import { defineText, useText } from '../i18n/text'
import { loaderFailure } from '../lib/context.server'
import { InstitutionPicker } from '../ui/admin/InstitutionPicker'
import { RoleBadges } from '../ui/admin/StaffRoles'
import { Notice } from '../ui/Notice'
import { currentInstitution, requireAdministrator } from './admin.staf.server'
import { withInstitution } from '../ui/admin/institutionLink'

const text = defineText({
  id: {
    title: 'Staf lembaga',
    lead: 'Siapa saja yang bekerja di Latih untuk lembaga ini, dengan perannya. Staf baru diundang lewat e-mail dan membuat kata sandinya sendiri.',
    invite: 'Undang staf',
    name: 'Nama',
    email: 'E-mail',
    roles: 'Peran',
    active: 'Aktif',
    pending: 'Belum membuat kata sandi',
    invited: 'Undangan dikirim ke {email}. Tautannya berlaku 7 hari.',
    deactivated: '{name} dinonaktifkan: perannya di lembaga ini dilepas dan semua sesinya berakhir.',
    empty: 'Belum ada staf.',
  },
  en: {
    title: 'Institution staff',
    lead: 'Everyone who works in Latih for this institution, with their roles. New staff are invited by e-mail and set their own password.',
    invite: 'Invite staff',
    name: 'Name',
    email: 'E-mail',
    roles: 'Roles',
    active: 'Active',
    pending: 'Has not set a password yet',
    invited: 'Invitation sent to {email}. The link is valid for 7 days.',
    deactivated: '{name} was deactivated: their roles here were removed and all their sessions ended.',
    empty: 'No staff yet.',
  },
})

export function meta() {
  return [{ title: 'Staf lembaga — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const { institutions, current } = await currentInstitution(ctx, request)
  const staff = await listStaff(ctx, { institutionId: current.id }).catch(loaderFailure)
  return { institutions, current, staff }
}

export default function StaffList({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const [search] = useSearchParams()
  const { institutions, current, staff } = loaderData
  const several = institutions.length > 1
  const invited = search.get('diundang')
  const deactivated = search.get('dinonaktifkan')
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <InstitutionPicker institutions={institutions} currentId={current.id} />
      {invited ? <Notice kind="success">{t.invited.replace('{email}', invited)}</Notice> : null}
      {deactivated ? <Notice kind="success">{t.deactivated.replace('{name}', deactivated)}</Notice> : null}
      <div className="actions">
        <Link className="button" to={withInstitution('/admin/staf/undang', current.id, several)}>
          {t.invite}
        </Link>
      </div>
      {staff.length === 0 ? <Notice>{t.empty}</Notice> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.roles}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((m) => (
              <tr key={m.userId}>
                <th scope="row">
                  <Link to={withInstitution(`/admin/staf/${m.userId}`, current.id, several)}>{m.displayName}</Link>
                  <br />
                  <span className="small muted" style={{ overflowWrap: 'anywhere' }}>
                    {m.email}
                  </span>
                </th>
                <td>
                  <RoleBadges roles={m.roles} />
                  <br />
                  {m.invitationPending ? <span className="badge badge-warn">{t.pending}</span> : <span className="badge badge-ok">{t.active}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
