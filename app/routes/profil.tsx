import { NavLink, Outlet } from 'react-router'
import type { Route } from './+types/profil'
import { defineText, useText } from '../i18n/text'
import { Notice } from '../ui/Notice'
import { env } from '../../server/env'
import { getProfile } from '../../server/profiles/getProfile'
import { candidateContext } from '../lib/context.server'

// The profile (SOP step 3): a layout holding the candidate's profile for every section
// page, the section navigation, and the NIK/profile mismatch warning.
export async function loader({ request }: Route.LoaderArgs) {
  const { actor, candidateId, ctx } = await candidateContext(request)
  const profile = await getProfile(ctx, { candidateId })
  return { profile, assisting: actor.kind === 'staff', maxUploadBytes: env().MAX_UPLOAD_BYTES }
}

export type ProfileLayoutData = Awaited<ReturnType<typeof loader>>

const text = defineText({
  id: {
    sections: 'Bagian profil',
    overview: 'Ringkasan',
    identity: 'Identitas',
    address: 'Alamat',
    education: 'Pendidikan',
    other: 'Lainnya',
    documents: 'Dokumen',
    myData: 'Data saya',
    mismatch: 'Data NIK dan profil tidak cocok',
    mismatchHelp: 'Tanggal lahir dan jenis kelamin diambil dari NIK: buka bagian Identitas dan simpan ulang. Jika NIK-nya yang keliru, perbaiki NIK di sana (atau, bila Anda sudah mendaftar, di kios pendaftaran dengan KTP asli). Anda belum dapat mendaftar sebelum data ini cocok.',
    fixIdentity: 'Perbaiki identitas',
  },
  en: {
    sections: 'Profile sections',
    overview: 'Overview',
    identity: 'Identity',
    address: 'Address',
    education: 'Education',
    other: 'Other',
    documents: 'Documents',
    myData: 'My data',
    mismatch: 'Your NIK and profile do not match',
    mismatchHelp: 'Date of birth and sex are taken from the NIK: open Identity and save it again. If the NIK itself is wrong, correct it there (or, once you have registered, at the registration kiosk with your original KTP). You cannot register until they match.',
    fixIdentity: 'Correct identity',
  },
})

const LINKS = [
  { to: '/profil', key: 'overview', end: true },
  { to: '/profil/identitas', key: 'identity', end: false },
  { to: '/profil/alamat', key: 'address', end: false },
  { to: '/profil/pendidikan', key: 'education', end: false },
  { to: '/profil/lainnya', key: 'other', end: false },
  { to: '/profil/dokumen', key: 'documents', end: false },
  { to: '/profil/data-saya', key: 'myData', end: false },
] as const

export default function ProfileLayout({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const { profile } = loaderData
  return (
    <>
      <nav aria-label={t.sections} className="no-print">
        <ul style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', listStyle: 'none', margin: '0 0 8px', padding: 0 }}>
          {LINKS.map((l) => (
            <li key={l.to}>
              <NavLink
                to={l.to}
                end={l.end}
                style={({ isActive }) => ({ fontWeight: isActive ? 700 : 400, display: 'inline-block', padding: '6px 0' })}
              >
                {t[l.key]}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {profile.nikWarnings.length > 0 ? (
        <Notice kind="warning">
          <p>
            <strong>{t.mismatch}</strong>
          </p>
          {profile.nikWarnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
          <p>
            {t.mismatchHelp} <NavLink to="/profil/identitas">{t.fixIdentity}</NavLink>
          </p>
        </Notice>
      ) : null}
      <Outlet />
    </>
  )
}
