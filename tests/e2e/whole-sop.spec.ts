// One batch through the whole SOP, at phone size, in Latih alone: the seeded Operator
// Komputer Muda batch (server/db/seedWholeSop.ts: quota 3, two reserves, six candidates
// already assessed) gets a newcomer who signs up, registers and takes the three
// assessments with JavaScript off (steps 1–5); the administrator closes registration
// and the assessment window; the committee publishes the written test (6), schedules and
// invites the interviews, which the interviewer scores (7), runs the plenary (8) and
// announces it (9: mail, the public page, the lookup, the Instagram pages); those who
// passed confirm online and at the desk, one declines and the first reserve is promoted
// (10); re-registration closes, the committee downloads the nominative list (PDF, XLSX
// read back) and the participants' files, makes the handover with its minutes, and the
// organiser acknowledges it (11), which the newcomer sees in Aktivitas. Candidate steps
// run with JavaScript off; axe runs once per page this journey is the first to open.
import { readFileSync } from 'node:fs'
import { type Browser, type Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { DEMO_BANKS } from '../../server/db/seedAssessments'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff, newNoJsContext, newPhoneContext } from './helpers'
import {
  KINDS,
  choose,
  expectQuestionPage,
  likertAnswer,
  interestAnswer,
  kindCard,
  openOverview,
  openStartPage,
  pageCount,
  question,
  signInHere,
  startNow,
  stemOf,
  submitFromReview,
  witaDateTimeLocal,
} from './journeys/assessments'
import {
  completeProfile,
  confirmRegistration,
  look,
  newCandidate,
  openConfirmation,
  readDownloadedPdf,
  signIn,
  signUp,
  verifyEmailFromMail,
} from './journeys/candidate'

const prefix = 'sop'
const OKM = 'Operator Komputer Muda'
const seeded = (n: number) => `calon.okm${String(n).padStart(2, '0')}@contoh.test`
/** The seeded six (server/db/seedWholeSop.ts), written-test scores 90, 82.5, 75, 70, 65, 37.5. */
const S = [
  { email: seeded(1), name: 'Muhammad Ilham' },
  { email: seeded(2), name: 'Andi Nurfadillah' },
  { email: seeded(3), name: 'La Ode Safaruddin' },
  { email: seeded(4), name: 'Wa Ode Sitti Marlina' },
  { email: seeded(5), name: 'Rudi Hartono' },
  { email: seeded(6), name: 'Nur Hikmah' },
] as const
/** The newcomer answers 32 of 40 right: 80, between the second and third seeded candidate. */
const NEWCOMER_CORRECT = 32

/** Correct option key of each demo written-test question, by its stem. */
const correctKeyByStem = new Map(
  DEMO_BANKS.filter((b) => b.kind === 'written_test').flatMap((b) => b.items.map((i) => [i.stem, i.correctOptionKey] as const)),
)

function pngSize(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** The next whole minute at least 5 s away: the batch form takes minutes. */
function nextMinute(): Date {
  return new Date(Math.ceil((Date.now() + 5_000) / 60_000) * 60_000)
}

/** The birth date a (male) NIK holds: DDMMYY after the six-digit region code, 'YYYY-MM-DD'. */
function birthDateOf(nik: string): string {
  const yy = Number(nik.slice(10, 12))
  const year = yy <= new Date().getUTCFullYear() % 100 ? 2000 + yy : 1900 + yy
  return `${year}-${nik.slice(8, 10)}-${nik.slice(6, 8)}`
}

async function waitUntil(instant: Date, page: Page) {
  const ms = instant.getTime() - Date.now() + 1_000
  if (ms > 0) await page.waitForTimeout(ms)
}

/** The administrator sets some of the batch's dates on /admin/gelombang/:id (WITA, by label). */
async function setBatchDates(page: Page, batchId: string, dates: Record<string, Date>) {
  await page.goto(`/admin/gelombang/${batchId}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Ubah gelombang /)
  for (const [label, instant] of Object.entries(dates)) {
    await page.getByLabel(label, { exact: true }).fill(witaDateTimeLocal(instant))
  }
  await page.getByRole('button', { name: 'Simpan perubahan' }).click()
  await expect(page).toHaveURL(/\/admin\/program\/[0-9a-f-]{36}\?disimpan=gelombang$/)
}

async function signedIn(browser: Browser, who: string, password: string, options: { js: boolean }) {
  const context = options.js ? await newPhoneContext(browser) : await newNoJsContext(browser)
  const page = await context.newPage()
  await signIn(page, who, password)
  await page.waitForURL((url) => !url.pathname.startsWith('/masuk'))
  return { context, page }
}

/** An inventory without JavaScript: every statement on each page, "Simpan & lanjut", then review and submit. */
async function answerInventoryNoJs(page: Page, kind: 'self' | 'potential', answerOf: (position: number) => string) {
  const { total, pageSize } = KINDS[kind]
  for (let n = 1; n <= pageCount(kind); n++) {
    await expectQuestionPage(page, kind, n)
    for (let position = (n - 1) * pageSize + 1; position <= Math.min(total, n * pageSize); position++) {
      await choose(page, position, answerOf(position))
    }
    await page.getByRole('button', { name: n < pageCount(kind) ? 'Simpan & lanjut' : 'Simpan & periksa jawaban' }).click()
  }
  await submitFromReview(page, kind, { prefix, js: false })
}

// The journey uses up its seeded batch (plenary finalised, places handed over): a retry on
// the same server could only fail at its first step, so it gets none.
test.describe.configure({ retries: 0 })

test('one batch from sign-up to the organiser’s acknowledgement', async ({ formPage: staff, browser, mailbox }) => {
  test.setTimeout(20 * 60_000)
  const newcomer = newCandidate({ emailPrefix: 'sop' })
  const birth = birthDateOf(newcomer.nik)
  const off = await newNoJsContext(browser)
  const j = await off.newPage()
  let batchId = ''
  let number = ''

  await test.step('steps 1–4: the newcomer signs up, completes the profile and registers, JavaScript off', async () => {
    const steps = { js: false, prefix, a11y: false }
    await signUp(j, newcomer, steps)
    await verifyEmailFromMail(j, newcomer, steps)
    await completeProfile(j, steps)
    ;({ batchId } = await openConfirmation(j, OKM, steps))
    ;({ number } = await confirmRegistration(j))
    expect(number).toMatch(/^KDI-OKM-\d{4}\.1-\d{4}$/)
  })

  await test.step('step 5: the three assessments, JavaScript off; the written test 32 of 40 right', async () => {
    await openOverview(j)
    await openStartPage(j, 'self', { prefix })
    await startNow(j, 'self')
    await answerInventoryNoJs(j, 'self', likertAnswer)
    await openOverview(j)
    await openStartPage(j, 'potential', { prefix })
    await startNow(j, 'potential')
    await answerInventoryNoJs(j, 'potential', interestAnswer)
    await openOverview(j)
    await openStartPage(j, 'written', { prefix })
    await startNow(j, 'written')
    for (let n = 1; n <= KINDS.written.total; n++) {
      await expectQuestionPage(j, 'written', n)
      const key = correctKeyByStem.get(await stemOf(j, n))
      expect(key, `question ${n} is a demo question`).toBeTruthy()
      const radios = question(j, n).locator('input[type=radio]')
      const values = await radios.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
      const answer = n <= NEWCOMER_CORRECT ? key! : values.find((v) => v !== key)!
      await question(j, n).locator(`input[type=radio][value="${answer}"]`).check()
      await j.getByRole('button', { name: n < KINDS.written.total ? 'Simpan & lanjut' : 'Simpan & periksa jawaban' }).click()
    }
    await submitFromReview(j, 'written', { prefix, js: false })
    await openOverview(j)
    for (const kind of ['self', 'potential', 'written'] as const) await expect(kindCard(j, kind)).toContainText('Selesai')
  })

  await test.step('the administrator closes registration and the assessment window a minute from now', async () => {
    await signInHere(staff, demoStaff.administrator, DEMO_PASSWORD, { open: true })
    const closes = nextMinute()
    await setBatchDates(staff, batchId, { 'Pendaftaran ditutup': closes, 'Batas asesmen': closes })
    await waitUntil(closes, staff)
    await staff.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('button', { name: 'Keluar' }).click()
  })

  const hub = `/staf/gelombang/${batchId}`
  await test.step('step 6: the committee publishes the written-test results; seven assessed, six passed', async () => {
    await signInHere(staff, demoStaff.selectionCommittee, DEMO_PASSWORD, { open: true })
    await staff.goto('/staf/asesmen')
    await staff.getByRole('link', { name: new RegExp(`${OKM} — Gelombang 1/`) }).click()
    await expect(staff).toHaveURL(new RegExp(`${hub}$`))
    // The list just left has a "Hasil tes tulis" link per batch; the address changes a
    // moment before the batch's page replaces it.
    await expect(staff.getByRole('link', { name: 'Hasil tes tulis' })).toHaveCount(1)
    await staff.getByRole('link', { name: 'Hasil tes tulis' }).click()
    await expect(staff.getByText('7 peserta dinilai: 6 lulus, 1 di bawah batas lulus; 0 tidak mengikuti tes.')).toBeVisible()
    await expect(staff.getByRole('table', { name: 'Peserta yang dinilai' }).getByRole('row', { name: new RegExp(newcomer.fullName) })).toContainText('80')
    await staff.getByRole('link', { name: 'Umumkan hasil tes tulis…' }).click()
    await staff.getByRole('button', { name: 'Ya, umumkan sekarang' }).click()
    await expect(staff.getByText('Hasil tes tulis berhasil diumumkan.')).toBeVisible()
    const mail = await mailbox.waitForMail({ to: newcomer.email, subjectIncludes: 'Hasil tes tulis', timeoutMs: 60_000 })
    expect(mail.text).toContain('Nilai tes tulis (Asesmen Siap Latih) Anda: 80. Nilai batas lulus: 60.')
  })

  await test.step('step 7: a slot, the invitation, and the interviewer scores all six', async () => {
    await staff.goto(`${hub}/wawancara`)
    await staff.getByRole('link', { name: 'Tambah slot' }).click()
    await staff.getByLabel('Jam mulai').fill('09:00')
    await staff.getByLabel('Jam selesai').fill('12:00')
    await staff.getByLabel('Ruang', { exact: true }).fill('Lab Komputer TIK')
    await staff.getByLabel('Kapasitas (orang)').fill('6')
    await staff.getByLabel('Pewawancara Rahmat').check()
    await staff.getByRole('button', { name: 'Simpan slot' }).click()
    await expect(staff.getByText('Slot disimpan.')).toBeVisible()
    await staff.getByRole('button', { name: 'Undang wawancara dan bagi ke slot' }).click()
    await expect(staff.getByText('6 calon diundang dan dibagi ke slot; 0 calon tidak diundang')).toBeVisible()
    const call = await mailbox.waitForMail({ to: newcomer.email, subjectIncludes: 'Panggilan wawancara' })
    expect(call.text).toContain('Lab Komputer TIK')

    const interviewer = await signedIn(browser, demoStaff.interviewer, DEMO_PASSWORD, { js: true })
    const p = interviewer.page
    for (const name of [newcomer.fullName, ...S.slice(0, 5).map((s) => s.name)]) {
      await p.goto('/wawancara')
      await p.getByRole('link', { name, exact: true }).click()
      await expect(p.getByRole('heading', { level: 1 })).toHaveText(name)
      for (const criterion of [/^Motivasi/, /^Bakat/, /^Komitmen/, /^Komunikasi/]) await p.getByRole('spinbutton', { name: criterion }).fill('4')
      await p.getByRole('button', { name: 'Kirim penilaian' }).click()
      await expect(p.getByText('Penilaian terkirim dan terkunci.')).toBeVisible()
    }
    await interviewer.context.close()
  })

  await test.step('step 8: the plenary ranks the six by the written test (equal interviews) and is finalised', async () => {
    await staff.goto(`${hub}/pleno`)
    await expect(staff.getByText('Lulus 3 · cadangan 2 · tidak lulus 1')).toBeVisible()
    await staff.getByLabel('Panitia Seleksi Andi', { exact: true }).check()
    await staff.getByLabel('Peran Panitia Seleksi Andi').fill('Ketua')
    await staff.getByLabel('Tempat', { exact: true }).fill('Ruang Rapat BPVP Kendari')
    await staff.getByRole('button', { name: 'Buka pleno' }).click()
    await expect(staff.getByText('Data pleno disimpan.')).toBeVisible()
    await staff.getByRole('link', { name: 'Periksa dan finalkan…' }).click()
    await expect(staff.getByText('Lulus 3 · Cadangan 2 · Tidak lulus 1')).toBeVisible()
    await staff.getByRole('button', { name: 'Ya, finalkan pleno' }).click()
    await expect(staff.getByText('Sudah difinalkan')).toBeVisible()
    const decisions = staff.getByRole('region', { name: 'Keputusan pleno' })
    await expect(decisions.getByRole('row', { name: new RegExp(newcomer.fullName) })).toContainText('Lulus')
    await expect(decisions.getByRole('row', { name: new RegExp(S[2].name) })).toContainText('Cadangan')
  })

  await test.step('step 9: the announcement — one mail each, the public page, the lookup, the Instagram pages', async () => {
    const since = new Date()
    await staff.goto(`${hub}/pengumuman`)
    await staff.getByRole('link', { name: 'Umumkan sekarang…' }).click()
    await expect(staff.getByText('6 calon akan menerima hasilnya: 3 lulus, 2 cadangan, 1 tidak lulus.')).toBeVisible()
    await staff.getByRole('button', { name: 'Ya, umumkan sekarang' }).click()
    await expect(staff.getByText('Hasil seleksi berhasil diumumkan.')).toBeVisible()
    const passed = await mailbox.waitForMail({ to: newcomer.email, subjectIncludes: 'Anda lulus seleksi', since, timeoutMs: 60_000 })
    expect(passed.text).toMatch(/daftar ulang \(wajib\) paling lambat .+WITA/)
    const reserve = await mailbox.waitForMail({ to: S[2].email, subjectIncludes: 'cadangan', since })
    expect(reserve.text).toContain('CALON CADANGAN urutan ke-1')
    await mailbox.waitForMail({ to: S[4].email, subjectIncludes: 'seleksi', since })
    await expect(async () => {
      await staff.reload()
      await expect(staff.getByText('Pemberitahuan: 6 dari 6 calon sudah diberi tahu di Aktivitas; 6 e-mail dikirim.')).toBeVisible({ timeout: 1000 })
    }).toPass({ timeout: 60_000 })
    const told = mailbox.readMailbox().filter((m) => new Date(m.date) >= since && /seleksi/.test(m.subject))
    const perRecipient = new Map<string, number>()
    for (const m of told) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1)
    // The six in the plenary; the one below the written-test pass mark was told at step 6.
    expect(perRecipient.size).toBe(6)
    expect(perRecipient.has(S[5].email)).toBe(false)
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true)

    const downloading = staff.waitForEvent('download')
    await staff.getByRole('link', { name: 'Unduh gambar dan caption (ZIP)' }).click()
    const zip = await JSZip.loadAsync(readFileSync((await (await downloading).path())!))
    const pngs = Object.keys(zip.files).filter((n) => n.endsWith('.png'))
    expect(pngs.length).toBeGreaterThanOrEqual(2)
    for (const name of pngs) expect(pngSize(await zip.file(name)!.async('nodebuffer'))).toEqual({ width: 1080, height: 1350 })

    const anon = await newNoJsContext(browser)
    const p = await anon.newPage()
    const html = await (await p.goto(`/hasil/${batchId}`))!.text()
    expect(html).toContain(number)
    for (const secret of [newcomer.fullName, newcomer.nik, birth]) expect(html).not.toContain(secret)
    await p.goto('/hasil/cek')
    await p.getByLabel('Nomor pendaftaran').fill(number)
    await p.getByLabel('Tanggal lahir').fill(birth)
    await p.getByRole('button', { name: 'Cek hasil' }).click()
    await expect(p.getByText(/Selamat, Anda LULUS seleksi/)).toBeVisible()
    await anon.close()
  })

  /** Signed in (JavaScript off), on the re-registration page of the candidate's one registration. */
  const openReRegistration = async (page: Page) => {
    await page.goto('/aktivitas')
    await page.getByRole('article', { name: OKM }).getByRole('link', { name: /Lihat rincian/ }).click()
    await page.getByRole('link', { name: 'Daftar ulang', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Daftar ulang')
  }
  /** Confirm online; answers the registration number shown on the page. */
  const confirm = async (page: Page): Promise<string> => {
    await openReRegistration(page)
    await page.getByLabel(/Saya menyatakan bersedia/).check()
    await page.getByRole('button', { name: 'Konfirmasi daftar ulang' }).click()
    await expect(page.getByText(/Sudah dikonfirmasi pada/)).toBeVisible()
    return (await page.locator('dl.facts dd').first().textContent())!.trim()
  }
  const numbers = new Map<string, string>()

  await test.step('step 10: two confirm online; the second declines and the first reserve is promoted', async () => {
    numbers.set(newcomer.fullName, await confirm(j))
    expect(numbers.get(newcomer.fullName)).toBe(number)
    const first = await signedIn(browser, S[0].email, DEMO_PASSWORD, { js: false })
    numbers.set(S[0].name, await confirm(first.page))
    await first.context.close()

    const since = new Date()
    const second = await signedIn(browser, S[1].email, DEMO_PASSWORD, { js: false })
    await openReRegistration(second.page)
    await second.page.getByLabel('Alasan (tidak wajib)').fill('Diterima bekerja di Kolaka.')
    await second.page.getByLabel(/Ya, saya menolak tempat ini/).check()
    await second.page.getByRole('button', { name: 'Tolak tempat ini' }).click()
    await expect(second.page.getByText('Anda telah menolak tempat ini.')).toBeVisible()
    await second.context.close()

    await mailbox.waitForMail({ to: S[2].email, subjectIncludes: 'naik dari cadangan', since, timeoutMs: 60_000 })
    const promoted = await signedIn(browser, S[2].email, DEMO_PASSWORD, { js: false })
    await openReRegistration(promoted.page)
    await expect(promoted.page.getByText(/Anda naik dari calon cadangan menjadi lulus/)).toBeVisible()
    numbers.set(S[2].name, await confirm(promoted.page))
    await promoted.context.close()
  })

  await test.step('step 10 at the desk: the officer checks the three documents of each of the three', async () => {
    const desk = await signedIn(browser, demoStaff.kioskOfficer, DEMO_PASSWORD, { js: true })
    const o = desk.page
    // The demo officer account is shared by every journey on this server, and an open
    // assisted session hides the desk search (the page shows that session instead). A
    // session left by an earlier journey is ended first, as the officer at the desk would.
    await o.goto('/kios')
    const leftover = o.getByRole('button', { name: 'Akhiri sesi bantuan' })
    if (await leftover.count()) await leftover.click()
    for (const name of [newcomer.fullName, S[0].name, S[2].name]) {
      await o.goto('/kios/daftar-ulang')
      await o.getByLabel('Nomor pendaftaran atau NIK').fill(numbers.get(name)!)
      await o.getByRole('button', { name: 'Cari', exact: true }).click()
      await expect(o.getByRole('heading', { name })).toBeVisible()
      await o.getByRole('button', { name: /Mulai pemeriksaan dokumen/ }).click()
      await expect(o).toHaveURL(/\/kios\/daftar-ulang\/[0-9a-f-]{36}$/)
      for (const heading of ['Fotokopi KTP', /Tanda pendaftaran/, 'Fotokopi ijazah terakhir']) {
        await o.locator('section', { has: o.getByRole('heading', { name: heading }) }).getByRole('button', { name: /Nyatakan sah/ }).click()
        await expect(o.getByText(/Hasil pemeriksaan tersimpan|Semua dokumen sah/).first()).toBeVisible()
      }
      await expect(o.getByText(/Semua dokumen sah: daftar ulang selesai/)).toBeVisible()
      await o.getByRole('button', { name: 'Akhiri sesi bantuan' }).click()
      await expect(o).toHaveURL(/\/kios\?selesai=1$/)
    }
    await desk.context.close()
  })

  await test.step('re-registration closes: the administrator brings the remaining dates to a minute from now', async () => {
    await staff.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('button', { name: 'Keluar' }).click()
    await signInHere(staff, demoStaff.administrator, DEMO_PASSWORD, { open: true })
    const closes = nextMinute()
    await setBatchDates(staff, batchId, {
      'Wawancara mulai': closes,
      'Wawancara selesai': closes,
      'Pleno hasil seleksi': closes,
      Pengumuman: closes,
      'Batas daftar ulang': closes,
    })
    await waitUntil(closes, staff)
    await staff.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('button', { name: 'Keluar' }).click()
  })

  const participants = [S[0].name, newcomer.fullName, S[2].name]
  await test.step('step 11: the nominative list (PDF, XLSX), the files (ZIP) and the handover with its minutes', async () => {
    await signInHere(staff, demoStaff.selectionCommittee, DEMO_PASSWORD, { open: true })
    await staff.goto(hub)
    await staff.getByRole('link', { name: 'Daftar nominatif & serah terima' }).click()
    await expect(staff).toHaveURL(new RegExp(`${hub}/serah-terima$`))
    await expect(staff.getByText('3 peserta sudah daftar ulang.', { exact: false })).toBeVisible()
    await look(staff, `${prefix}-serah-terima`)

    const pdf = staff.waitForEvent('download')
    await staff.getByRole('link', { name: 'Daftar nominatif (PDF)' }).click()
    const listText = await readDownloadedPdf(await pdf, `${prefix}-daftar-nominatif`)
    expect(listText).toContain('DAFTAR NOMINATIF')
    for (const name of participants) expect(listText).toContain(name)
    expect(listText).not.toContain(S[1].name)
    expect(listText.replace(/\s+/g, '')).toContain(newcomer.nik)

    const xlsx = staff.waitForEvent('download')
    await staff.getByRole('link', { name: 'Daftar nominatif (XLSX)' }).click()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile((await (await xlsx).path())!)
    // The first sheet says what the file is (institution, batch, when, by whom); the list is its own sheet.
    const info = new Map<string, unknown>()
    wb.worksheets[0]!.eachRow((row) => info.set(String(row.getCell(1).value), row.getCell(2).value))
    expect(info.get('Lembaga')).toBe('BPVP Kendari')
    expect(info.get('Program')).toBe('Operator Komputer Muda (OKM)')
    const sheet = wb.getWorksheet('Daftar nominatif')!
    expect(sheet.rowCount).toBe(4)
    const cells: string[] = []
    sheet.eachRow((row) => cells.push(row.values ? JSON.stringify(row.values) : ''))
    const all = cells.join('\n')
    for (const name of participants) expect(all).toContain(name)
    expect(all).toContain(newcomer.nik)
    expect(all).not.toContain(S[1].name)

    const files = staff.waitForEvent('download')
    await staff.getByRole('link', { name: 'Berkas peserta (ZIP)' }).click()
    const archive = await JSZip.loadAsync(readFileSync((await (await files).path())!))
    const names = Object.keys(archive.files)
    const folder = names.find((n) => n.includes(number) && n.endsWith('/'))?.replace(/\/$/, '') ?? names.find((n) => n.includes(number))!.split('/')[0]!
    expect(folder).toContain(number)
    // The newcomer uploaded real files at sign-up; they are in their folder, not a "missing" note.
    expect(names.filter((n) => n.startsWith(`${folder}/`) && !n.endsWith('.TIDAK-ADA.txt') && !n.endsWith('/')).length).toBeGreaterThanOrEqual(2)

    await staff.getByLabel('Ditujukan kepada').selectOption({ label: 'Penyelenggara Wulan' })
    await staff.getByRole('button', { name: 'Buat serah terima' }).click()
    await expect(staff.getByText('Menunggu diterima penyelenggara.')).toBeVisible()
    const minutes = staff.waitForEvent('download')
    await staff.getByRole('link', { name: 'Berita Acara Serah Terima (PDF)' }).click()
    const minutesText = await readDownloadedPdf(await minutes, `${prefix}-berita-acara-serah-terima`)
    expect(minutesText).toContain('BERITA ACARA SERAH TERIMA')
    for (const name of participants) expect(minutesText).toContain(name)
    await look(staff, `${prefix}-serah-terima-dibuat`, { shot: true, a11y: false })
  })

  await test.step('the organiser receives the handover in the app and acknowledges it', async () => {
    const organiser = await signedIn(browser, demoStaff.organiser, DEMO_PASSWORD, { js: true })
    const o = organiser.page
    await o.goto('/penyelenggara')
    await expect(o.getByRole('heading', { level: 1 })).toHaveText('Serah terima peserta')
    await expect(o.getByText('Belum diterima').first()).toBeVisible()
    await look(o, `${prefix}-penyelenggara`, { shot: true })
    await o.getByRole('link', { name: new RegExp(OKM) }).first().click()
    await expect(o).toHaveURL(/\/penyelenggara\/[0-9a-f-]{36}$/)
    const table = o.getByRole('region', { name: 'Peserta dan kelengkapan dokumen' })
    for (const name of participants) await expect(table).toContainText(name)
    await look(o, `${prefix}-penyelenggara-rincian`, { shot: true })
    await o.getByLabel('Catatan (tidak wajib)').fill('Berkas lengkap, diterima di Workshop TIK.')
    await o.getByRole('button', { name: 'Terima serah terima' }).click()
    await expect(o.getByText(/Diterima Penyelenggara Wulan pada/)).toBeVisible()
    await look(o, `${prefix}-penyelenggara-diterima`, { shot: true, a11y: false })
    await organiser.context.close()

    await staff.reload()
    await expect(staff.getByText(/Diterima Penyelenggara Wulan pada/)).toBeVisible()
  })

  await test.step('the newcomer sees the end of the SOP in Aktivitas (JavaScript off)', async () => {
    await j.goto('/aktivitas')
    await j.getByRole('article', { name: OKM }).getByRole('link', { name: /Lihat rincian/ }).click()
    const history = j.getByRole('list', { name: 'Riwayat pendaftaran, terbaru di atas' })
    await expect(history.getByRole('listitem').first()).toContainText(/penyelenggara/i)
    await look(j, `${prefix}-aktivitas-diserahkan`, { shot: true, a11y: false })
    await off.close()
  })
})
