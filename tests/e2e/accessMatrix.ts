// Who may open what: every route module under app/routes, a concrete URL for it (ids
// come from the demo data, read through the app's own pages), and the answer each role
// gets. tests/e2e/access.spec.ts checks every cell, and fails for a route module that has
// no row here, so a new page cannot ship without its access being decided.

export const ROLES = [
  'anonymous',
  'candidate',
  'kioskOfficer',
  'administrator',
  'selectionCommittee',
  'interviewer',
  'organiser',
] as const
export type Role = (typeof ROLES)[number]
export type StaffRole = Exclude<Role, 'anonymous' | 'candidate'>
export const STAFF_ROLES: readonly StaffRole[] = ['kioskOfficer', 'administrator', 'selectionCommittee', 'interviewer', 'organiser']

/**
 * What a GET answers: a status (200, 403, 404, …), 'sign-in' (a redirect to /masuk that
 * comes back here), or a redirect to another page ('→/staf'; ids in its path read ':id').
 */
export type Answer = 200 | 400 | 403 | 404 | 405 | 409 | 'sign-in' | `→${string}`

/** Ids read from the demo data through the pages (see access.spec.ts). */
export interface DemoIds {
  /** An open batch of the demo institution (from the public catalogue). */
  batchId: string
  programmeId: string
  bankId: string
  questionId: string
  /** The demo candidate's own registration. */
  registrationId: string
  /** Another demo candidate's registration. */
  otherRegistrationId: string
}

export interface AccessRow {
  /** The route module's file under app/routes. */
  module: string
  url: (ids: DemoIds) => string
  expect: Record<Role, Answer>
  /**
   * Where the malformed bodies go, when not to `url`: a URL where even an accepted post
   * could change nothing of the demo data other journeys use.
   */
  post?: (ids: DemoIds) => string
  /** Why a cell is what it is, where it is not obvious. */
  note?: string
}

/** `base` for every role, with the exceptions given. */
function answers(base: Answer, except: Partial<Record<Role, Answer>> = {}): Record<Role, Answer> {
  return { ...(Object.fromEntries(ROLES.map((r) => [r, base])) as Record<Role, Answer>), ...except }
}

/** Everyone, signed in or not. */
const everyone = (answer: Answer) => answers(answer)

/** A candidate's own pages: staff who assist nobody are sent to their home. */
const candidatePage = (candidate: Answer = 200) => answers('→/staf', { anonymous: 'sign-in', candidate })

/** Staff pages: a candidate is sent to Aktivitas; each staff role as given (default 403). */
const staffPage = (allowed: Partial<Record<StaffRole, Answer>>, others: Answer = 403) =>
  answers(others, { anonymous: 'sign-in', candidate: '→/aktivitas', ...allowed })

/** The administrator's pages. */
const adminPage = (answer: Answer = 200) => staffPage({ administrator: answer })

/** Pages for whoever is not signed in (sign-in, sign-up): the signed-in go home. */
const signedOutPage = answers('→/staf', { anonymous: 200, candidate: '→/profil' })

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

export const ACCESS_MATRIX: readonly AccessRow[] = [
  // ---------------------------------------------------------------- public
  { module: '_index.tsx', url: () => '/', expect: everyone(200) },
  { module: '$.tsx', url: () => '/tidak-ada-halaman-ini', expect: everyone(404) },
  { module: 'program._index.tsx', url: () => '/program', expect: everyone(200) },
  { module: 'gelombang.$batchId._index.tsx', url: (i) => `/gelombang/${i.batchId}`, expect: everyone(200) },
  { module: 'gelombang.$batchId._index.tsx', url: () => `/gelombang/${UNKNOWN_ID}`, expect: everyone(404) },
  { module: 'verifikasi.$number.tsx', url: () => '/verifikasi/KDI-0000-0-0000?s=palsu', expect: everyone(200), note: 'says "not valid"' },
  { module: 'verifikasi.pleno.$hash.tsx', url: () => `/verifikasi/pleno/${'0'.repeat(64)}`, expect: everyone(404), note: 'no such minutes' },
  { module: 'hasil.$batchId.tsx', url: (i) => `/hasil/${i.batchId}`, expect: everyone(200), note: 'says not announced yet, with the planned date' },
  { module: 'hasil.$batchId.tsx', url: () => `/hasil/${UNKNOWN_ID}`, expect: everyone(404) },
  { module: 'hasil.cek.tsx', url: () => '/hasil/cek', expect: everyone(200) },
  { module: 'wilayah.tsx', url: () => '/wilayah?induk=74', expect: everyone(200) },
  { module: 'wilayah.tsx', url: () => '/wilayah?induk=bukan-kode', expect: everyone(400) },
  { module: 'gambar-soal.$name.tsx', url: () => '/gambar-soal/tidak-ada.png', expect: everyone(404) },
  { module: 'dev.mail.tsx', url: () => '/dev/mail', expect: everyone(404), note: 'only without SMTP (the e2e server has one)' },
  { module: 'bahasa.tsx', url: () => '/bahasa', expect: everyone('→/') },
  { module: 'privasi.tsx', url: () => '/privasi', expect: everyone(200), note: 'the privacy notice (decision 023)' },

  // ---------------------------------------------------------------- accounts
  { module: 'masuk.tsx', url: () => '/masuk', expect: answers('→/staf', { anonymous: 200, candidate: '→/aktivitas' }) },
  { module: 'daftar-akun.tsx', url: () => '/daftar-akun', expect: signedOutPage },
  { module: 'lupa-sandi.tsx', url: () => '/lupa-sandi', expect: everyone(200) },
  { module: 'atur-sandi.tsx', url: () => '/atur-sandi?token=palsu', expect: everyone(200), note: 'says the link is invalid' },
  { module: 'verifikasi-email.tsx', url: () => '/verifikasi-email?token=palsu', expect: everyone(200), note: 'says the link is invalid' },
  { module: 'keluar.tsx', url: () => '/keluar', expect: everyone('→/') },
  {
    module: 'masuk_.kode.tsx',
    url: () => '/masuk/kode',
    expect: answers('→/staf', { anonymous: 200, candidate: '→/aktivitas' }),
    note: 'without a pending challenge it says so and links to sign-in (decision 020)',
  },
  {
    module: 'akun.dua-langkah.tsx',
    url: () => '/akun/dua-langkah',
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
    note: 'one’s own second factor: administrators and the committee (decision 020)',
  },
  { module: 'kirim-ulang-verifikasi.tsx', url: () => '/kirim-ulang-verifikasi', expect: candidatePage() },
  {
    module: 'akun.sesi.tsx',
    url: () => '/akun/sesi',
    expect: answers(200, { anonymous: 'sign-in' }),
    note: 'one’s own sign-in sessions, candidate or staff; posts end only one’s own (decision 019)',
  },

  // ---------------------------------------------------------------- the candidate's pages
  { module: 'profil.tsx', url: () => '/profil', expect: candidatePage() },
  { module: 'profil._index.tsx', url: () => '/profil', expect: candidatePage() },
  { module: 'profil.identitas.tsx', url: () => '/profil/identitas', expect: candidatePage() },
  { module: 'profil.alamat.tsx', url: () => '/profil/alamat', expect: candidatePage() },
  { module: 'profil.pendidikan.tsx', url: () => '/profil/pendidikan', expect: candidatePage() },
  { module: 'profil.lainnya.tsx', url: () => '/profil/lainnya', expect: candidatePage() },
  { module: 'profil.dokumen.tsx', url: () => '/profil/dokumen', expect: candidatePage() },
  { module: 'profil.dokumen.$kind.tsx', url: () => '/profil/dokumen/ktp', expect: candidatePage(404), note: 'no KTP uploaded' },
  { module: 'profil.data-saya.tsx', url: () => '/profil/data-saya', expect: candidatePage(), note: 'download and closure request (decision 023)' },
  { module: 'profil.data-saya[.]json.ts', url: () => '/profil/data-saya.json', expect: candidatePage(), note: 'the candidate’s own data; only themself, never staff (decision 023)' },
  { module: 'profil.data-saya[.]pdf.ts', url: () => '/profil/data-saya.pdf', expect: candidatePage() },
  { module: 'aktivitas._index.tsx', url: () => '/aktivitas', expect: candidatePage() },
  { module: 'aktivitas.$registrationId._index.tsx', url: (i) => `/aktivitas/${i.registrationId}`, expect: candidatePage() },
  {
    module: 'aktivitas.$registrationId._index.tsx',
    url: (i) => `/aktivitas/${i.otherRegistrationId}`,
    expect: candidatePage(403),
    note: "another candidate's registration",
  },
  {
    module: 'aktivitas.$registrationId.mundur.tsx',
    url: (i) => `/aktivitas/${i.registrationId}/mundur`,
    expect: candidatePage(),
    // An empty form is a valid withdrawal (the reason is optional): post at someone else's.
    post: (i) => `/aktivitas/${i.otherRegistrationId}/mundur`,
  },
  {
    module: 'aktivitas.$registrationId.tanda-pendaftaran.tsx',
    url: (i) => `/aktivitas/${i.registrationId}/tanda-pendaftaran`,
    expect: candidatePage(),
    note: 'the receipt is its candidate\'s, or printed by the kiosk officer assisting them; other staff are sent home (docs/decisions/022)',
  },
  {
    module: 'aktivitas.$registrationId.tanda-pendaftaran.tsx',
    url: (i) => `/aktivitas/${i.otherRegistrationId}/tanda-pendaftaran`,
    expect: candidatePage(403),
    note: "another candidate's receipt: no staff role downloads it outside an assisted session (docs/decisions/022)",
  },
  {
    module: 'aktivitas.$registrationId.wawancara.tsx',
    url: (i) => `/aktivitas/${i.registrationId}/wawancara`,
    expect: candidatePage(404),
    note: 'the demo candidate is not invited to an interview yet',
  },
  {
    module: 'aktivitas.$registrationId.wawancara[.]ics.ts',
    url: (i) => `/aktivitas/${i.registrationId}/wawancara.ics`,
    expect: candidatePage(404),
    note: 'no interview, no calendar entry',
  },
  { module: 'gelombang.$batchId.daftar.tsx', url: (i) => `/gelombang/${i.batchId}/daftar`, expect: candidatePage() },
  {
    module: 'aktivitas.$registrationId.daftar-ulang.tsx',
    url: (i) => `/aktivitas/${i.registrationId}/daftar-ulang`,
    expect: candidatePage(404),
    note: 'no re-registration before the results are announced',
  },
  {
    module: 'aktivitas.$registrationId.daftar-ulang.tsx',
    url: (i) => `/aktivitas/${i.otherRegistrationId}/daftar-ulang`,
    expect: candidatePage(403),
    note: "another candidate's re-registration",
  },
  { module: 'asesmen._index.tsx', url: () => '/asesmen', expect: candidatePage() },
  { module: 'asesmen.hasil.tsx', url: () => '/asesmen/hasil', expect: candidatePage() },
  { module: 'asesmen.$kind._index.tsx', url: () => '/asesmen/siap-latih', expect: candidatePage() },
  { module: 'asesmen.$kind._index.tsx', url: () => '/asesmen/bukan-asesmen', expect: everyone(404), note: 'an unknown kind, before who asks' },
  {
    module: 'asesmen.$kind.halaman.$page.tsx',
    url: () => '/asesmen/siap-latih/halaman/1',
    expect: candidatePage('→/asesmen/siap-latih'),
    note: 'the demo candidate has no open attempt: sent to the start page',
  },
  {
    module: 'asesmen.$kind.periksa.tsx',
    url: () => '/asesmen/siap-latih/periksa',
    expect: candidatePage('→/asesmen/siap-latih'),
    note: 'no open attempt to review',
  },
  { module: 'asesmen.simpan.ts', url: () => '/asesmen/simpan', expect: everyone(405), note: 'takes only the background save (POST)' },

  // ---------------------------------------------------------------- kiosk
  { module: 'kios._index.tsx', url: () => '/kios', expect: staffPage({ kioskOfficer: 200 }) },
  { module: 'kios.akun-baru.tsx', url: () => '/kios/akun-baru', expect: staffPage({ kioskOfficer: 200 }) },
  { module: 'kios.mulai.tsx', url: () => '/kios/mulai', expect: everyone('→/kios') },
  {
    module: 'kios.alih-nik.tsx',
    url: () => '/kios/alih-nik',
    expect: staffPage({ kioskOfficer: 200 }),
    note: 'acts only on a NIK search result (a POST with its signed token); a GET points back to the search',
  },
  { module: 'kios.akhiri.tsx', url: () => '/kios/akhiri', expect: everyone('→/kios') },
  { module: 'kios.daftar-ulang._index.tsx', url: () => '/kios/daftar-ulang', expect: staffPage({ kioskOfficer: 200 }) },
  {
    module: 'kios.daftar-ulang.$registrationId.tsx',
    url: (i) => `/kios/daftar-ulang/${i.registrationId}`,
    expect: staffPage({ kioskOfficer: 409 }),
    note: 'the document check needs an assisted session for that candidate',
  },
  {
    module: 'kios.daftar-ulang.$registrationId.berkas.$document.tsx',
    url: (i) => `/kios/daftar-ulang/${i.registrationId}/berkas/receipt`,
    expect: answers(403, { anonymous: 'sign-in', candidate: 404, kioskOfficer: 404, selectionCommittee: 404 }),
    note: 'its candidate, the kiosk officers and the committee may look; no form uploaded',
  },

  // ---------------------------------------------------------------- staff
  {
    module: 'staf.tsx',
    url: () => '/staf',
    expect: staffPage({ kioskOfficer: 200, administrator: 200, selectionCommittee: 200, interviewer: 200, organiser: 200 }),
  },
  { module: 'staf_.asesmen.tsx', url: () => '/staf/asesmen', expect: staffPage({ administrator: 200, selectionCommittee: 200 }) },
  {
    module: 'staf_.gelombang.$batchId.asesmen._index.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/asesmen`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  {
    module: 'staf_.gelombang.$batchId.asesmen.soal.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/asesmen/soal`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  {
    module: 'staf_.gelombang.$batchId.asesmen.ekspor.ts',
    url: (i) => `/staf/gelombang/${i.batchId}/asesmen/ekspor`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  {
    module: 'staf_.gelombang.$batchId._index.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  {
    module: 'staf_.gelombang.$batchId.pengaturan.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/pengaturan`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  {
    module: 'staf_.gelombang.$batchId.tes-tulis.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/tes-tulis`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  {
    module: 'staf_.gelombang.$batchId.wawancara._index.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/wawancara`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  {
    module: 'staf_.gelombang.$batchId.wawancara.rubrik.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/wawancara/rubrik`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  {
    module: 'staf_.gelombang.$batchId.wawancara.slot.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/wawancara/slot`,
    expect: staffPage({ selectionCommittee: 200 }),
    note: 'scheduling interviews is the committee’s (interview.schedule)',
  },
  {
    module: 'staf_.gelombang.$batchId.wawancara.buka.$scorecardId.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/wawancara/buka/${UNKNOWN_ID}`,
    expect: staffPage({ selectionCommittee: 404 }),
    note: 'an unknown scorecard; reopening one is the committee’s',
  },
  {
    module: 'staf_.gelombang.$batchId.wawancara.pindah.$registrationId.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/wawancara/pindah/${i.registrationId}`,
    expect: staffPage({ selectionCommittee: 404 }),
    note: 'a registration of another batch',
  },
  {
    module: 'staf_.gelombang.$batchId.pleno._index.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/pleno`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  {
    module: 'staf_.gelombang.$batchId.pleno.finalkan.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/pleno/finalkan`,
    expect: staffPage({ selectionCommittee: '→/staf/gelombang/:id/pleno' }),
    note: 'only the committee decides; with no plenary open yet it is sent back to the plenary page',
  },
  {
    module: 'staf_.gelombang.$batchId.pleno.berita-acara[.]pdf.ts',
    url: (i) => `/staf/gelombang/${i.batchId}/pleno/berita-acara.pdf`,
    expect: staffPage({ administrator: 409, selectionCommittee: 409 }),
    note: 'no minutes before the plenary is finalised',
  },
  {
    module: 'staf_.gelombang.$batchId.pleno.berita-acara[.]xlsx.ts',
    url: (i) => `/staf/gelombang/${i.batchId}/pleno/berita-acara.xlsx`,
    expect: staffPage({ administrator: 409, selectionCommittee: 409 }),
    note: 'no minutes before the plenary is finalised',
  },
  {
    module: 'staf_.gelombang.$batchId.pengumuman._index.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/pengumuman`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  {
    module: 'staf_.gelombang.$batchId.pengumuman.gambar[.]zip.ts',
    url: (i) => `/staf/gelombang/${i.batchId}/pengumuman/gambar.zip`,
    expect: staffPage({ administrator: 409, selectionCommittee: 409 }),
    note: 'no result pages before the announcement',
  },
  {
    module: 'staf_.gelombang.$batchId.surat.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/surat`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  {
    module: 'staf_.gelombang.$batchId.rekap._index.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/rekap`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
    note: 'the registration recap is recap.read',
  },
  {
    module: 'staf_.gelombang.$batchId.rekap[.]xlsx.ts',
    url: (i) => `/staf/gelombang/${i.batchId}/rekap.xlsx`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  {
    module: 'staf_.gelombang.$batchId.rekap[.]pdf.ts',
    url: (i) => `/staf/gelombang/${i.batchId}/rekap.pdf`,
    expect: staffPage({ administrator: 200, selectionCommittee: 200 }),
  },
  { module: 'staf_.rekap._index.tsx', url: () => '/staf/rekap', expect: staffPage({ administrator: 200, selectionCommittee: 200 }) },
  { module: 'staf_.rekap[.]xlsx.ts', url: () => '/staf/rekap.xlsx', expect: staffPage({ administrator: 200, selectionCommittee: 200 }) },
  { module: 'staf_.rekap[.]pdf.ts', url: () => '/staf/rekap.pdf', expect: staffPage({ administrator: 200, selectionCommittee: 200 }) },
  {
    module: 'staf_.gelombang.$batchId.daftar-ulang.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/daftar-ulang`,
    expect: staffPage({ selectionCommittee: 200 }),
    note: 'reRegistration.manage is the committee’s',
  },
  {
    module: 'staf_.gelombang.$batchId.serah-terima._index.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/serah-terima`,
    expect: staffPage({ selectionCommittee: 200 }),
    note: 'handover.create is the committee’s',
  },
  {
    module: 'staf_.gelombang.$batchId.serah-terima.daftar-nominatif[.]pdf.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/serah-terima/daftar-nominatif.pdf`,
    expect: staffPage({ selectionCommittee: 409 }),
    note: 'nobody re-registered yet; the organiser reads it only through a handover',
  },
  {
    module: 'staf_.gelombang.$batchId.serah-terima.daftar-nominatif[.]xlsx.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/serah-terima/daftar-nominatif.xlsx`,
    expect: staffPage({ selectionCommittee: 409 }),
    note: 'nobody re-registered yet',
  },
  {
    module: 'staf_.gelombang.$batchId.serah-terima.berkas[.]zip.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/serah-terima/berkas.zip`,
    expect: staffPage({ selectionCommittee: 409 }),
    note: 'nobody re-registered yet',
  },
  {
    module: 'staf_.gelombang.$batchId.serah-terima.berita-acara[.]pdf.tsx',
    url: (i) => `/staf/gelombang/${i.batchId}/serah-terima/berita-acara.pdf`,
    expect: staffPage({ selectionCommittee: 404 }),
    note: 'no handover made yet',
  },

  // ---------------------------------------------------------------- organiser
  { module: 'penyelenggara._index.tsx', url: () => '/penyelenggara', expect: staffPage({ organiser: 200 }) },
  {
    module: 'penyelenggara.$handoverId._index.tsx',
    url: () => `/penyelenggara/${UNKNOWN_ID}`,
    expect: staffPage({}, 404),
    note: 'an unknown handover; one addressed to someone else is as unknown (whole-sop.spec.ts)',
  },
  { module: 'penyelenggara.$handoverId.daftar-nominatif[.]pdf.tsx', url: () => `/penyelenggara/${UNKNOWN_ID}/daftar-nominatif.pdf`, expect: staffPage({}, 404) },
  { module: 'penyelenggara.$handoverId.daftar-nominatif[.]xlsx.tsx', url: () => `/penyelenggara/${UNKNOWN_ID}/daftar-nominatif.xlsx`, expect: staffPage({}, 404) },
  { module: 'penyelenggara.$handoverId.berkas[.]zip.tsx', url: () => `/penyelenggara/${UNKNOWN_ID}/berkas.zip`, expect: staffPage({}, 404) },
  { module: 'penyelenggara.$handoverId.berita-acara[.]pdf.tsx', url: () => `/penyelenggara/${UNKNOWN_ID}/berita-acara.pdf`, expect: staffPage({}, 404) },
  { module: 'wawancara._index.tsx', url: () => '/wawancara', expect: staffPage({ interviewer: 200 }) },
  {
    module: 'wawancara.$registrationId.tsx',
    url: (i) => `/wawancara/${i.registrationId}`,
    expect: staffPage({}, 404),
    note: 'a candidate not invited to an interview: not found, whoever asks (staff of the same institution)',
  },

  // ---------------------------------------------------------------- administrator
  { module: 'admin.program._index.tsx', url: () => '/admin/program', expect: adminPage() },
  { module: 'admin.antrean.tsx', url: () => '/admin/antrean', expect: adminPage(), note: 'failed jobs of the whole deployment, recipients masked' },
  { module: 'admin.penutupan-akun.tsx', url: () => '/admin/penutupan-akun', expect: adminPage(), note: 'account closure requests of the whole deployment, e-mails masked (decision 023)' },
  { module: 'admin.program.baru.tsx', url: () => '/admin/program/baru', expect: adminPage() },
  { module: 'admin.program.$programmeId._index.tsx', url: (i) => `/admin/program/${i.programmeId}`, expect: adminPage() },
  { module: 'admin.program.$programmeId._index.tsx', url: () => `/admin/program/${UNKNOWN_ID}`, expect: adminPage(404) },
  {
    module: 'admin.program.$programmeId.gelombang.baru.tsx',
    url: (i) => `/admin/program/${i.programmeId}/gelombang/baru`,
    expect: adminPage(),
  },
  { module: 'admin.gelombang.$batchId._index.tsx', url: (i) => `/admin/gelombang/${i.batchId}`, expect: adminPage() },
  { module: 'admin.gelombang.$batchId._index.tsx', url: () => '/admin/gelombang/bukan-id', expect: adminPage(404) },
  { module: 'admin.gelombang.$batchId.asesmen.tsx', url: (i) => `/admin/gelombang/${i.batchId}/asesmen`, expect: adminPage() },
  { module: 'admin.bank-soal._index.tsx', url: () => '/admin/bank-soal', expect: adminPage() },
  { module: 'admin.bank-soal.baru.tsx', url: () => '/admin/bank-soal/baru', expect: adminPage() },
  { module: 'admin.bank-soal.$bankId._index.tsx', url: (i) => `/admin/bank-soal/${i.bankId}`, expect: adminPage() },
  { module: 'admin.bank-soal.$bankId.ubah.tsx', url: (i) => `/admin/bank-soal/${i.bankId}/ubah`, expect: adminPage() },
  { module: 'admin.bank-soal.$bankId.impor.tsx', url: (i) => `/admin/bank-soal/${i.bankId}/impor`, expect: adminPage() },
  { module: 'admin.bank-soal.$bankId.ekspor.tsx', url: (i) => `/admin/bank-soal/${i.bankId}/ekspor`, expect: adminPage() },
  { module: 'admin.bank-soal.$bankId.soal.baru.tsx', url: (i) => `/admin/bank-soal/${i.bankId}/soal/baru`, expect: adminPage() },
  {
    module: 'admin.bank-soal.$bankId.soal.$questionId.tsx',
    url: (i) => `/admin/bank-soal/${i.bankId}/soal/${i.questionId}`,
    expect: adminPage(),
  },
  { module: 'admin.staf._index.tsx', url: () => '/admin/staf', expect: adminPage() },
  { module: 'admin.staf.undang.tsx', url: () => '/admin/staf/undang', expect: adminPage() },
  { module: 'admin.verifikasi-dua-langkah.tsx', url: () => '/admin/verifikasi-dua-langkah', expect: adminPage() },
  { module: 'admin.keamanan.tsx', url: () => '/admin/keamanan', expect: adminPage(), note: 'idle periods of staff and kiosk sessions (decision 019)' },
  {
    module: 'admin.staf.$userId.tsx',
    url: () => `/admin/staf/${UNKNOWN_ID}`,
    expect: adminPage(404),
    note: 'no staff member of the institution has this id; a real one is opened in staff.spec.ts',
  },
  { module: 'admin.staf.$userId.tsx', url: () => '/admin/staf/bukan-id', expect: adminPage(404) },
]
