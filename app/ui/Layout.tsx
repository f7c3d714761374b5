import { Form, Link, NavLink, useLocation } from 'react-router'
import { defineText, useLocale, useText } from '../i18n/text'

const text = defineText({
  id: {
    brand: 'Latih',
    centre: 'BPVP Kendari',
    programmes: 'Program',
    activity: 'Aktivitas',
    assessments: 'Asesmen',
    profile: 'Profil',
    signIn: 'Masuk',
    signUp: 'Daftar akun',
    signOut: 'Keluar',
    sessions: 'Sesi masuk',
    staff: 'Beranda staf',
    admin: 'Program & gelombang',
    banks: 'Bank soal',
    staffPage: 'Staf',
    jobs: 'Antrean',
    closures: 'Penutupan akun',
    kiosk: 'Kios',
    nav: 'Navigasi utama',
    language: 'Bahasa',
    switchTo: 'English',
    assisting: 'Sesi bantuan kios aktif',
    footer: 'Latih — sistem pendaftaran dan seleksi pelatihan berbasis kompetensi.',
    regions: 'Data wilayah: Kemendagri melalui idn-area-data (ODbL).',
    privacy: 'Pemberitahuan Privasi',
  },
  en: {
    brand: 'Latih',
    centre: 'BPVP Kendari',
    programmes: 'Programmes',
    activity: 'Activity',
    assessments: 'Assessments',
    profile: 'Profile',
    signIn: 'Sign in',
    signUp: 'Create account',
    signOut: 'Sign out',
    sessions: 'Sessions',
    staff: 'Staff home',
    admin: 'Programmes & batches',
    banks: 'Question banks',
    staffPage: 'Staff',
    jobs: 'Job queue',
    closures: 'Account closure',
    kiosk: 'Kiosk',
    nav: 'Main navigation',
    language: 'Language',
    switchTo: 'Bahasa Indonesia',
    assisting: 'Kiosk assistance session active',
    footer: 'Latih — registration and selection for competency-based training.',
    regions: 'Region data: Kemendagri via idn-area-data (ODbL).',
    privacy: 'Privacy Notice',
  },
})

export interface HeaderUser {
  kind: 'candidate' | 'staff'
  displayName: string
  roles: string[]
  assisting: boolean
}

export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const t = useText(text)
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link to="/" className="brand">
          <span className="brand-name">{t.brand}</span> <span className="brand-centre">{t.centre}</span>
        </Link>
        <nav aria-label={t.nav}>
          <ul className="nav">
            {user?.kind !== 'staff' || user.assisting ? (
              <li>
                <NavLink to="/program">{t.programmes}</NavLink>
              </li>
            ) : null}
            {user?.kind === 'candidate' || user?.assisting ? (
              <>
                <li>
                  <NavLink to="/aktivitas">{t.activity}</NavLink>
                </li>
                {user?.kind === 'candidate' ? (
                  <li>
                    <NavLink to="/asesmen">{t.assessments}</NavLink>
                  </li>
                ) : null}
                <li>
                  <NavLink to="/profil">{t.profile}</NavLink>
                </li>
              </>
            ) : null}
            {user?.kind === 'staff' ? (
              <>
                <li>
                  <NavLink to="/staf" end>
                    {t.staff}
                  </NavLink>
                </li>
                {user.roles.includes('kiosk_officer') ? (
                  <li>
                    <NavLink to="/kios">{t.kiosk}</NavLink>
                  </li>
                ) : null}
                {user.roles.includes('administrator') ? (
                  <li>
                    <NavLink to="/admin/program">{t.admin}</NavLink>
                  </li>
                ) : null}
                {user.roles.includes('administrator') ? (
                  <li>
                    <NavLink to="/admin/bank-soal">{t.banks}</NavLink>
                  </li>
                ) : null}
                {user.roles.includes('administrator') ? (
                  <li>
                    <NavLink to="/admin/staf">{t.staffPage}</NavLink>
                  </li>
                ) : null}
                {user.roles.includes('administrator') ? (
                  <li>
                    <NavLink to="/admin/antrean">{t.jobs}</NavLink>
                  </li>
                ) : null}
                {user.roles.includes('administrator') ? (
                  <li>
                    <NavLink to="/admin/penutupan-akun">{t.closures}</NavLink>
                  </li>
                ) : null}
              </>
            ) : null}
            {user ? (
              <li>
                <NavLink to="/akun/sesi">{t.sessions}</NavLink>
              </li>
            ) : null}
            {user ? (
              <li>
                <Form method="post" action="/keluar">
                  <button type="submit" className="link-button">
                    {t.signOut}
                  </button>
                </Form>
              </li>
            ) : (
              <>
                <li>
                  <NavLink to="/masuk">{t.signIn}</NavLink>
                </li>
                <li>
                  <NavLink to="/daftar-akun">{t.signUp}</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
      {user?.assisting ? (
        <p className="assist-banner container">
          <Link to="/kios">{t.assisting}</Link>
        </p>
      ) : null}
    </header>
  )
}

export function SiteFooter() {
  const t = useText(text)
  const locale = useLocale()
  const location = useLocation()
  return (
    <footer className="site-footer">
      <div className="container">
        <Form method="post" action="/bahasa" className="lang-form">
          <input type="hidden" name="ke" value={location.pathname + location.search} />
          <input type="hidden" name="lang" value={locale === 'id' ? 'en' : 'id'} />
          <span>{t.language}: </span>
          <button type="submit" className="link-button" lang={locale === 'id' ? 'en' : 'id'}>
            {t.switchTo}
          </button>
        </Form>
        <p>
          {t.footer} <Link to="/privasi">{t.privacy}</Link>
        </p>
        <p className="small">{t.regions}</p>
      </div>
    </footer>
  )
}
