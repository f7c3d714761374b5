import { Link } from 'react-router'
import { defineText, useText } from '../i18n/text'

const text = defineText({
  id: {
    title: 'Pelatihan gratis BPVP Kendari',
    lead: 'Daftar pelatihan berbasis kompetensi dari HP Anda: buat akun, lengkapi profil, pilih program, lalu ikuti asesmen. Butuh bantuan? Datangi kios pendaftaran di BPVP Kendari.',
    browse: 'Lihat program yang dibuka',
    signUp: 'Buat akun',
    steps: 'Langkah pendaftaran',
    s1: 'Buat akun dengan NIK dan e-mail, lalu verifikasi e-mail Anda.',
    s2: 'Lengkapi profil: identitas, alamat, pendidikan, foto, KTP dan ijazah.',
    s3: 'Pilih program pelatihan dan daftar; unduh tanda pendaftaran di menu Aktivitas.',
    s4: 'Ikuti asesmen dan pantau hasil seleksi di menu Aktivitas.',
  },
  en: {
    title: 'Free training at BPVP Kendari',
    lead: 'Register for competency-based training from your phone: create an account, complete your profile, choose a programme, then take the assessments. Need help? Visit the registration kiosk at BPVP Kendari.',
    browse: 'See open programmes',
    signUp: 'Create an account',
    steps: 'How to register',
    s1: 'Create an account with your NIK and e-mail, then verify your e-mail.',
    s2: 'Complete your profile: identity, address, education, photo, ID card and diploma.',
    s3: 'Choose a training programme and register; download the receipt under Activity.',
    s4: 'Take the assessments and follow the selection results under Activity.',
  },
})

export default function Home() {
  const t = useText(text)
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <div className="actions">
        <Link className="button" to="/program">
          {t.browse}
        </Link>
        <Link className="button secondary" to="/daftar-akun">
          {t.signUp}
        </Link>
      </div>
      <h2>{t.steps}</h2>
      <ol>
        <li>{t.s1}</li>
        <li>{t.s2}</li>
        <li>{t.s3}</li>
        <li>{t.s4}</li>
      </ol>
    </>
  )
}
