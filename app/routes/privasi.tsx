import { Link } from 'react-router'
import { defineText, useText } from '../i18n/text'
import { PRIVACY_NOTICE_VERSION, SELECTION_RECORD_RETENTION_YEARS, CLOSURE_COMPLETION_DAYS } from '../../server/privacy/notice'

// The privacy notice (UU PDP 27/2022, decision 023): what Latih keeps, why, for how long,
// and who sees it. Consents record PRIVACY_NOTICE_VERSION; raise it when this changes.

export function meta() {
  return [{ title: 'Pemberitahuan Privasi — Latih BPVP Kendari' }]
}

const text = defineText({
  id: {
    title: 'Pemberitahuan Privasi',
    version: 'Versi {version}',
    lead: 'Latih adalah sistem pendaftaran dan seleksi pelatihan berbasis kompetensi milik Balai Pelatihan Vokasi dan Produktivitas (BPVP) Kendari. BPVP Kendari bertanggung jawab atas data pribadi Anda di Latih sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi.',
    whatTitle: 'Data apa yang kami simpan',
    what1: 'Akun: alamat e-mail, nomor HP, dan kata sandi (hanya dalam bentuk sandi acak yang tidak dapat dibaca kembali).',
    what2: 'Identitas: NIK (disimpan terenkripsi), nama lengkap, tempat dan tanggal lahir, jenis kelamin, status perkawinan, alamat KTP dan domisili.',
    what3: 'Pendidikan dan lainnya: pendidikan terakhir, sekolah, jurusan, tahun lulus, status pekerjaan, dan keterangan disabilitas bila Anda mengisinya.',
    what4: 'Dokumen: pas foto, KTP, dan ijazah yang Anda unggah — disimpan terenkripsi; foto dibuat ulang sehingga data tersembunyi seperti lokasi GPS terhapus.',
    what5: 'Pendaftaran dan seleksi: gelombang yang Anda daftar, jawaban dan nilai asesmen, nilai wawancara, keputusan pleno, dan riwayat setiap tahap.',
    what6: 'Catatan keamanan: siapa mengubah apa dan kapan (jejak audit), dengan alamat jaringan yang dipotong, bukan alamat lengkap.',
    whyTitle: 'Untuk apa',
    why1: 'Menjalankan pendaftaran dan seleksi pelatihan sesuai SOP BPVP Kendari: memeriksa syarat, menjadwalkan wawancara, memutuskan hasil dalam rapat pleno, dan menyerahkan peserta kepada penyelenggara pelatihan.',
    why2: 'Menghubungi Anda tentang akun, jadwal, dan hasil seleksi melalui e-mail.',
    why3: 'Mencegah pendaftaran ganda: satu NIK hanya untuk satu akun.',
    why4: 'Kami tidak menjual data Anda dan tidak memakainya untuk iklan.',
    whoTitle: 'Siapa yang melihatnya',
    who1: 'Anda sendiri, kapan saja, di halaman Profil dan Aktivitas.',
    who2: 'Petugas kios, hanya selama membantu Anda di meja pendaftaran (sesi bantuan), dan saat memeriksa dokumen daftar ulang.',
    who3: 'Panitia seleksi dan pewawancara: data yang diperlukan untuk seleksi. KTP Anda hanya dilihat oleh Anda, petugas yang membantu Anda, dan administrator.',
    who4: 'Penyelenggara pelatihan: hanya data peserta yang lulus dan diserahterimakan kepadanya.',
    who5: 'Pengumuman hasil di halaman umum memakai nomor pendaftaran dan nama yang disamarkan.',
    howLongTitle: 'Berapa lama',
    howLong1: 'Selama akun Anda aktif.',
    howLong2: 'Jika Anda menutup akun, data Anda dianonimkan dalam {days} hari: nama, e-mail, nomor HP, alamat, NIK, dan dokumen dihapus, dan Anda tidak dapat masuk lagi.',
    howLong3: 'Yang tetap disimpan hanyalah catatan seleksi yang sudah sampai rapat pleno (nomor pendaftaran, nilai, keputusan, dan berita acara pleno yang memuat nama Anda), selama {years} tahun setelah pelatihan gelombang itu berakhir, karena BPVP Kendari wajib dapat mempertanggungjawabkan setiap keputusan seleksi.',
    howLong4: 'Pendaftaran yang masih berjalan dibatalkan (mundur) lebih dahulu saat akun ditutup.',
    rightsTitle: 'Hak Anda',
    rights1: 'Melihat dan mengunduh semua data Anda (JSON dan PDF) di',
    rightsLink: 'Profil → Data saya',
    rights2: 'Memperbaiki data yang keliru di halaman Profil.',
    rights3: 'Menarik persetujuan dengan meminta penutupan akun di halaman yang sama; administrator menyelesaikannya sesuai aturan di atas.',
    rights4: 'Pertanyaan atau keberatan: datangi kios pendaftaran BPVP Kendari atau hubungi BPVP Kendari.',
    back: 'Kembali ke pendaftaran akun',
  },
  en: {
    title: 'Privacy Notice',
    version: 'Version {version}',
    lead: 'Latih is the registration and selection system for competency-based training of the Vocational Training and Productivity Centre (BPVP) Kendari. BPVP Kendari is responsible for your personal data in Latih under Indonesia’s Personal Data Protection Law (UU 27/2022).',
    whatTitle: 'What we keep',
    what1: 'Account: e-mail address, mobile number, and password (only as a one-way hash that cannot be read back).',
    what2: 'Identity: NIK (stored encrypted), full name, place and date of birth, sex, marital status, KTP and home address.',
    what3: 'Education and other: last education, school, major, graduation year, employment status, and disability if you fill it in.',
    what4: 'Documents: the photo, KTP and diploma you upload — stored encrypted; images are re-made so hidden data such as GPS location is removed.',
    what5: 'Registration and selection: the batches you register for, assessment answers and scores, interview scores, plenary decisions, and the history of each step.',
    what6: 'Security records: who changed what and when (audit trail), with a shortened network address, never the full address.',
    whyTitle: 'Why',
    why1: 'To run training registration and selection under BPVP Kendari’s SOP: checking eligibility, scheduling interviews, deciding results in the plenary, and handing participants over to the training organiser.',
    why2: 'To contact you about your account, schedules and selection results by e-mail.',
    why3: 'To prevent double registration: one NIK, one account.',
    why4: 'We do not sell your data and do not use it for advertising.',
    whoTitle: 'Who sees it',
    who1: 'You, at any time, on your Profile and Activity pages.',
    who2: 'Kiosk officers, only while assisting you at the registration desk (an assisted session), and when checking re-registration documents.',
    who3: 'The selection committee and interviewers: what the selection needs. Your KTP is seen only by you, the officer assisting you, and administrators.',
    who4: 'The training organiser: only participants who passed and were handed over to them.',
    who5: 'Public results use the registration number and a masked name.',
    howLongTitle: 'For how long',
    howLong1: 'While your account is active.',
    howLong2: 'If you close your account, your data is anonymised within {days} days: name, e-mail, mobile number, address, NIK and documents are removed, and you can no longer sign in.',
    howLong3: 'Only selection records that reached the plenary are kept (registration number, scores, decision, and the plenary minutes that name you), for {years} years after that batch’s training ends, because BPVP Kendari must be able to account for every selection decision.',
    howLong4: 'A registration still in progress is withdrawn first when the account is closed.',
    rightsTitle: 'Your rights',
    rights1: 'See and download all your data (JSON and PDF) at',
    rightsLink: 'Profile → My data',
    rights2: 'Correct wrong data on your Profile pages.',
    rights3: 'Withdraw your consent by asking for your account to be closed on the same page; an administrator completes it under the rules above.',
    rights4: 'Questions or objections: visit the BPVP Kendari registration kiosk or contact BPVP Kendari.',
    back: 'Back to creating an account',
  },
})

export default function PrivacyNotice() {
  const t = useText(text)
  const fill = (s: string) =>
    s
      .replace('{version}', PRIVACY_NOTICE_VERSION)
      .replace('{days}', String(CLOSURE_COMPLETION_DAYS))
      .replace('{years}', String(SELECTION_RECORD_RETENTION_YEARS))
  return (
    <article className="stack">
      <h1>{t.title}</h1>
      <p className="small muted">{fill(t.version)}</p>
      <p>{t.lead}</p>
      <section aria-labelledby="p-what">
        <h2 id="p-what">{t.whatTitle}</h2>
        <ul>
          <li>{t.what1}</li>
          <li>{t.what2}</li>
          <li>{t.what3}</li>
          <li>{t.what4}</li>
          <li>{t.what5}</li>
          <li>{t.what6}</li>
        </ul>
      </section>
      <section aria-labelledby="p-why">
        <h2 id="p-why">{t.whyTitle}</h2>
        <ul>
          <li>{t.why1}</li>
          <li>{t.why2}</li>
          <li>{t.why3}</li>
          <li>{t.why4}</li>
        </ul>
      </section>
      <section aria-labelledby="p-who">
        <h2 id="p-who">{t.whoTitle}</h2>
        <ul>
          <li>{t.who1}</li>
          <li>{t.who2}</li>
          <li>{t.who3}</li>
          <li>{t.who4}</li>
          <li>{t.who5}</li>
        </ul>
      </section>
      <section aria-labelledby="p-long">
        <h2 id="p-long">{t.howLongTitle}</h2>
        <ul>
          <li>{t.howLong1}</li>
          <li>{fill(t.howLong2)}</li>
          <li>{fill(t.howLong3)}</li>
          <li>{t.howLong4}</li>
        </ul>
      </section>
      <section aria-labelledby="p-rights">
        <h2 id="p-rights">{t.rightsTitle}</h2>
        <ul>
          <li>
            {t.rights1} <Link to="/profil/data-saya">{t.rightsLink}</Link>.
          </li>
          <li>{t.rights2}</li>
          <li>{t.rights3}</li>
          <li>{t.rights4}</li>
        </ul>
      </section>
      <p>
        <Link to="/daftar-akun">{t.back}</Link>
      </p>
    </article>
  )
}
