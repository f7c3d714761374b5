import { Link } from 'react-router'
import type { Route } from './+types/staf'
import { defineText, useText } from '../i18n/text'
import { getStaffHome } from '../../server/accounts/getStaffHome'
import type { StaffRole } from '../../server/auth/actor'
import { staffContext } from '../lib/context.server'
import { mayUseSecondFactor } from '../../server/accounts/secondFactor'
import { getSecondFactorOverview } from '../../server/accounts/secondFactorEnrolment'
import { hasRole } from '../../server/auth/permissions'

export function meta() {
  return [{ title: 'Beranda staf — Latih BPVP Kendari' }]
}

// Candidates are sent to /aktivitas by staffContext.
export async function loader({ request }: Route.LoaderArgs) {
  const { actor, ctx } = await staffContext(request)
  const home = await getStaffHome(ctx)
  // Administrators and the committee see whether their second factor is on (decision 020).
  const secondFactor = mayUseSecondFactor(actor) ? (await getSecondFactorOverview(ctx, {})).enabled : null
  return { ...home, secondFactor, isAdministrator: hasRole(actor, 'administrator') }
}

const text = defineText({
  id: {
    greeting: 'Selamat datang, {name}',
    lead: 'Ini beranda staf Latih. Pilih pekerjaan yang ingin Anda buka.',
    areas: 'Menu Anda',
    kiosk: 'Kios pendaftaran',
    kioskHelp: 'Bantu calon peserta yang datang langsung: buat akun, lengkapi profil, dan daftarkan mereka.',
    admin: 'Program & gelombang',
    adminHelp: 'Kelola program pelatihan, gelombang, jadwal, dan kuota.',
    noAreas: 'Belum ada menu yang bisa Anda buka saat ini.',
    later: 'Alat untuk peran {roles} hadir pada tahap berikutnya.',
    assessments: 'Seleksi per gelombang',
    assessmentsHelp: 'Per gelombang: asesmen, hasil tes tulis, wawancara, pleno, dan pengaturan seleksi.',
    interviews: 'Jadwal wawancara saya',
    interviewsHelp: 'Slot wawancara Anda dan calonnya: profil, hasil asesmen, kehadiran, dan lembar penilaian.',
    reRegistrationDesk: 'Daftar ulang di meja',
    reRegistrationDeskHelp: 'Periksa dokumen calon peserta yang lulus saat daftar ulang: KTP, ijazah, dan tanda pendaftaran.',
    handover: 'Serah terima peserta',
    handoverHelp: 'Terima peserta hasil seleksi dari panitia: daftar nominatif, berkas, dan berita acara.',
    roles: 'Peran Anda',
    noRoles: 'Akun Anda belum diberi peran di lembaga mana pun. Hubungi administrator.',
    administrator: 'Administrator',
    kiosk_officer: 'Petugas kios',
    selection_committee: 'Panitia seleksi',
    interviewer: 'Pewawancara',
    organiser: 'Penyelenggara',
    and: 'dan',
    security: 'Keamanan akun',
    secondFactor: 'Verifikasi dua langkah',
    secondFactorOn: 'Aktif: setiap kali masuk, Anda memasukkan kode dari aplikasi autentikator.',
    secondFactorOff: 'Belum aktif. Aktifkan agar akun Anda tidak bisa dibuka hanya dengan kata sandi.',
    requireSecondFactor: 'Wajibkan verifikasi dua langkah di lembaga',
    sessionSecurity: 'Batas tidak aktif sesi staf dan petugas kios',
  },
  en: {
    greeting: 'Welcome, {name}',
    lead: 'This is the Latih staff home. Choose the work you want to open.',
    areas: 'Your menu',
    kiosk: 'Registration kiosk',
    kioskHelp: 'Help walk-in candidates: create their account, complete their profile and register them.',
    admin: 'Programmes & batches',
    adminHelp: 'Manage training programmes, batches, dates and quotas.',
    noAreas: 'There is no menu you can open yet.',
    later: 'The tools for {roles} come with the next stages.',
    assessments: 'Selection per batch',
    assessmentsHelp: 'Per batch: assessments, written-test results, interviews, plenary and selection settings.',
    interviews: 'My interview schedule',
    interviewsHelp: 'Your interview slots and their candidates: profile, assessment results, attendance and scorecard.',
    reRegistrationDesk: 'Re-registration at the desk',
    reRegistrationDeskHelp: 'Check the documents of candidates who passed when they re-register: ID card, diploma and registration receipt.',
    handover: 'Participant handovers',
    handoverHelp: 'Receive the selected participants from the committee: nominative list, files and minutes.',
    roles: 'Your roles',
    noRoles: 'Your account has no role in any institution yet. Contact an administrator.',
    administrator: 'Administrator',
    kiosk_officer: 'Kiosk officer',
    selection_committee: 'Selection committee',
    interviewer: 'Interviewer',
    organiser: 'Organiser',
    and: 'and',
    security: 'Account security',
    secondFactor: 'Two-step verification',
    secondFactorOn: 'On: each time you sign in, you enter a code from an authenticator app.',
    secondFactorOff: 'Not on yet. Turn it on so that a password alone cannot open your account.',
    requireSecondFactor: 'Require two-step verification in the institution',
    sessionSecurity: 'Idle periods of staff and kiosk-officer sessions',
  },
})

export default function StaffHome({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const role = (r: StaffRole) => t[r]
  const later = loaderData.rolesWithoutArea.map(role)
  const laterList = later.length > 1 ? `${later.slice(0, -1).join(', ')} ${t.and} ${later.at(-1)}` : (later[0] ?? '')
  return (
    <>
      <h1>{t.greeting.replace('{name}', loaderData.displayName)}</h1>
      <p>{t.lead}</p>
      <h2>{t.areas}</h2>
      {loaderData.areas.length === 0 ? <p>{t.noAreas}</p> : null}
      {loaderData.areas.map((a) => (
        <article className="card" key={a.area}>
          <h3>
            <Link to={a.path}>{a.area === 'kiosk' ? t.kiosk : a.area === 'admin' ? t.admin : a.area === 'interviews' ? t.interviews : a.area === 'reRegistrationDesk' ? t.reRegistrationDesk : a.area === 'handover' ? t.handover : t.assessments}</Link>
          </h3>
          <p>{a.area === 'kiosk' ? t.kioskHelp : a.area === 'admin' ? t.adminHelp : a.area === 'interviews' ? t.interviewsHelp : a.area === 'reRegistrationDesk' ? t.reRegistrationDeskHelp : a.area === 'handover' ? t.handoverHelp : t.assessmentsHelp}</p>
        </article>
      ))}
      {later.length > 0 ? <p className="muted">{t.later.replace('{roles}', laterList)}</p> : null}
      <h2>{t.roles}</h2>
      {loaderData.institutions.length === 0 ? <p>{t.noRoles}</p> : null}
      <ul>
        {loaderData.institutions.map((i) => (
          <li key={i.id}>
            <strong>{i.name}</strong>:{' '}
            {i.roles.map((r) => (
              <span key={r} className="badge" style={{ marginRight: 6 }}>
                {role(r)}
              </span>
            ))}
          </li>
        ))}
      </ul>
      {loaderData.secondFactor !== null ? (
        <>
          <h2>{t.security}</h2>
          <article className="card">
            <h3>
              <Link to="/akun/dua-langkah">{t.secondFactor}</Link>
            </h3>
            <p>{loaderData.secondFactor ? t.secondFactorOn : t.secondFactorOff}</p>
            {loaderData.isAdministrator ? (
              <p>
                <Link to="/admin/verifikasi-dua-langkah">{t.requireSecondFactor}</Link>
              </p>
            ) : null}
            {loaderData.isAdministrator ? (
              <p>
                <Link to="/admin/keamanan">{t.sessionSecurity}</Link>
              </p>
            ) : null}
          </article>
        </>
      ) : null}
    </>
  )
}
