// Journey 3: wrong input everywhere it can be given. Each refusal must show the right
// message at its own field (or, where the form cannot say which field, at the form),
// keep what was typed (never passwords or files), and change nothing — checked through
// the UI: the account does not exist (sign-in fails), the profile still shows the old
// value, Aktivitas has no registration (or exactly one after a double submit).
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff, newPhoneContext } from './helpers'
import {
  completeIdentity,
  completeProfile,
  documentCard,
  expectFieldError,
  expectNoFieldError,
  fillSignUp,
  look,
  newCandidate,
  nikAgedAbout40,
  openConfirmation,
  openProfileSection,
  REGISTRATION_NUMBER,
  signIn,
  signOut,
  signUp,
  signUpForm,
  verifyEmailFromMail,
  waitForHydration,
} from './journeys/candidate'
import { fakeFile, jpegFile, oversizedPng, pdfFile } from './journeys/files'
import { guardPage } from './journeys/guard'
import { extractLink, readMailbox, waitForMail } from './mailbox'

const prefix = 'salah'
const WRONG_CREDENTIALS = 'E-mail/NIK atau kata sandi salah.'

// Refusals answered to a JavaScript-on form come back as 4xx data responses; `formPage`
// and `noJsFormPage` (tests/e2e/fixtures.ts) expect those.

function formAlert(page: Page) {
  return page.locator('main').getByRole('alert')
}

/** Sign-in with these credentials is refused: the account does not exist (or is unchanged). */
async function expectSignInRefused(page: Page, identifier: string, password: string) {
  await signIn(page, identifier, password)
  await expect(formAlert(page)).toContainText(WRONG_CREDENTIALS)
  await expect(page).toHaveURL(/\/masuk$/)
}

test('sign-up: a bad, duplicate or weak entry is refused at its field and creates no account', async ({ formPage: page, noJsFormPage }) => {
  test.setTimeout(90_000)
  const existing = newCandidate({ emailPrefix: 'sudah-ada' })
  const c = newCandidate({ emailPrefix: 'gagal-daftar' })

  await test.step('a NIK of the wrong length, a short password and a different confirmation (JavaScript off)', async () => {
    const page = noJsFormPage
    await page.goto('/daftar-akun')
    await fillSignUp(page, c, { nik: c.nik.slice(0, 15), password: 'Pendek1', passwordConfirm: 'Pendek2' })
    await signUpForm(page).submit.click()
    const form = signUpForm(page)
    await expect(formAlert(page)).toContainText('Akun belum dibuat.')
    await expect(formAlert(page)).toContainText('3 isian perlu diperbaiki.')
    await expectFieldError(form.nik, 'NIK harus 16 digit angka; yang diisi 15 digit.')
    await expectFieldError(form.password, 'Kata sandi minimal 8 karakter.')
    await expectFieldError(form.passwordConfirm, 'Kedua kata sandi tidak sama.')
    for (const field of [form.fullName, form.email, form.phone]) await expectNoFieldError(field)
    // The server refills what was typed, except the passwords.
    await expect(form.nik).toHaveValue(c.nik.slice(0, 15))
    await expect(form.fullName).toHaveValue(c.fullName)
    await expect(form.email).toHaveValue(c.email)
    await expect(form.phone).toHaveValue(c.phone)
    await expect(form.password).toHaveValue('')
    await expect(form.passwordConfirm).toHaveValue('')
    await look(page, `${prefix}-daftar-akun-nojs`, { shot: true })
  })

  await test.step('a NIK whose birth date does not exist, and a common password', async () => {
    await page.goto('/daftar-akun')
    await waitForHydration(page)
    // Day 31, month 02, year 99: 31 February 1999.
    const impossible = `747101310299${c.nik.slice(12)}`
    await fillSignUp(page, c, { nik: impossible, password: 'Bismillah123!' })
    await signUpForm(page).submit.click()
    const form = signUpForm(page)
    await expectFieldError(form.nik, 'Tanggal lahir pada NIK tidak valid: tanggal 31 Februari 1999 tidak ada.')
    await expectFieldError(form.password, 'Kata sandi ini terlalu umum dan mudah ditebak. Pilih kata sandi lain.')
    await expectNoFieldError(form.passwordConfirm)
    await expect(form.fullName).toHaveValue(c.fullName)
    await look(page, `${prefix}-daftar-akun`, { shot: true })

    // A password built from the person's own name is refused too.
    const firstName = c.fullName.split(' ').find((part) => part.length >= 4)!
    await fillSignUp(page, c, { password: `${firstName}-2026-Oke` })
    await form.submit.click()
    await expectFieldError(form.password, 'Kata sandi tidak boleh memuat nama Anda.')
  })

  await test.step('a NIK that already has an account gets the recovery message', async () => {
    await signUp(page, existing, { js: true, prefix, a11y: false })
    await signOut(page)
    await page.goto('/daftar-akun')
    await waitForHydration(page)
    await fillSignUp(page, c, { nik: existing.nik })
    await signUpForm(page).submit.click()
    const form = signUpForm(page)
    await expectFieldError(
      form.nik,
      'NIK ini sudah terdaftar di Latih. Jika itu akun Anda, silakan masuk dengan NIK atau e-mail Anda, atau gunakan «Lupa kata sandi».',
    )
    await expectNoFieldError(form.email)
    await expect(page).toHaveURL(/\/daftar-akun$/)
    await look(page, `${prefix}-nik-terdaftar`, { shot: true })
  })

  await test.step('nothing was created, and the existing account is untouched', async () => {
    await expectSignInRefused(page, c.email, c.password)
    await signIn(page, existing.nik, existing.password)
    await expect(page).toHaveURL(/\/aktivitas$/)
    await page.goto('/profil')
    await expect(page.getByRole('region', { name: 'Identitas' })).toContainText(existing.email)
  })
})

test('sign-in: a wrong password is refused; from the fifth failure the page says how long to wait or to reset the password', async ({
  formPage: page,
}) => {
  test.setTimeout(120_000)
  const c = newCandidate({ emailPrefix: 'tunggu' })
  await signUp(page, c, { js: true, prefix, a11y: false })
  await signOut(page)

  await page.goto('/masuk')
  await waitForHydration(page)
  await look(page, `${prefix}-masuk`)
  const identifier = page.getByLabel('E-mail atau NIK')
  const password = page.getByLabel('Kata sandi', { exact: true })
  const submit = page.getByRole('button', { name: 'Masuk', exact: true })

  for (let attempt = 1; attempt <= 4; attempt++) {
    // Any letter case is the same account, and the same count.
    await identifier.fill(attempt % 2 ? c.email : c.email.toUpperCase())
    await password.fill(`Salah-Tebak-${attempt}`)
    await submit.click()
    await expect(formAlert(page)).toContainText(WRONG_CREDENTIALS)
    await expect(page).toHaveURL(/\/masuk$/)
    // What was typed stays; the password does not.
    await expect(identifier).toHaveValue(attempt % 2 ? c.email : c.email.toUpperCase())
    if (attempt === 1) await look(page, `${prefix}-masuk-gagal`, { shot: true })
  }

  // The fifth failure: still the same message, and now a wait, with the way out.
  await password.fill('Salah-Tebak-5')
  await submit.click()
  await expect(formAlert(page)).toContainText(
    'E-mail/NIK atau kata sandi salah. Tunggu 30 detik sebelum mencoba lagi, atau atur ulang kata sandi lewat «Lupa kata sandi».',
  )
  const waitedFrom = Date.now()
  await expect(page.getByRole('link', { name: 'Tidak ingat kata sandi? Atur ulang kata sandi' })).toHaveAttribute('href', '/lupa-sandi')
  await look(page, `${prefix}-masuk-tunggu`, { shot: true })

  // During the wait even the right password is held back, with the seconds left.
  await identifier.fill(c.email)
  await password.fill(c.password)
  await submit.click()
  await expect(formAlert(page)).toContainText(/Terlalu banyak percobaan masuk yang gagal untuk akun ini dari jaringan Anda\. Tunggu \d+ detik, lalu coba lagi/)
  await expect(page).toHaveURL(/\/masuk$/)

  // After it, the right password signs in: the owner is never locked out.
  await page.waitForTimeout(Math.max(0, waitedFrom + 31_000 - Date.now()))
  await password.fill(c.password)
  await submit.click()
  await expect(page).toHaveURL(/\/aktivitas$/)
})

test('profile: wrong entries and wrong uploads are refused at their field and the saved values stay', async ({
  formPage: page,
  noJsFormPage,
}) => {
  test.setTimeout(120_000)
  const c = newCandidate({ emailPrefix: 'profil-salah' })
  await signUp(page, c, { js: true, prefix, a11y: false })
  await completeIdentity(page, { js: true, prefix, a11y: false })
  const identity = page.getByRole('region', { name: 'Identitas' })
  await expect(identity).toContainText('Kendari')
  const savedIdentity = await identity.locator('dl').textContent()

  await test.step('identity: a bad NIK, an empty birth place, a bad phone number (the birth date comes from the NIK)', async () => {
    await openProfileSection(page, 'Identitas')
    await waitForHydration(page)
    await page.getByLabel('NIK (Nomor Induk Kependudukan)').fill('7471 0101')
    await page.getByLabel('Tempat lahir').fill('')
    await expect(page.getByLabel('Tanggal lahir')).toHaveCount(0)
    await page.getByLabel('Nomor HP').fill('0812-ABCD-EFGH')
    await page.getByRole('button', { name: 'Simpan identitas' }).click()
    await expect(formAlert(page)).toContainText('Data identitas belum tersimpan.')
    await expectFieldError(page.getByLabel('NIK (Nomor Induk Kependudukan)'), 'NIK harus 16 digit angka; yang diisi 8 digit.')
    await expectFieldError(page.getByLabel('Tempat lahir'), 'Tempat lahir wajib diisi.')
    await expectFieldError(page.getByLabel('Nomor HP'), 'Nomor HP tidak valid. Contoh: 0812-3456-7890.')
    await expectNoFieldError(page.getByLabel('Status perkawinan'))
    await expect(page.getByLabel('Nomor HP')).toHaveValue('0812-ABCD-EFGH')
    await look(page, `${prefix}-identitas`, { shot: true })
    await openProfileSection(page, 'Ringkasan')
    await expect(identity.locator('dl')).toHaveText(savedIdentity!)
  })

  await test.step('address: no region chosen, a street too short, a postal code of 3 digits', async () => {
    await openProfileSection(page, 'Alamat')
    await waitForHydration(page)
    const ktp = page.getByRole('group', { name: 'Alamat sesuai KTP' })
    await ktp.getByLabel('Jalan, nomor rumah, RT/RW').fill('Jl')
    await ktp.getByLabel('Kode pos').fill('931')
    await page.getByRole('button', { name: 'Simpan alamat' }).click()
    await expect(formAlert(page)).toContainText('Alamat belum tersimpan.')
    await expectFieldError(ktp.getByLabel('Provinsi', { exact: true }), 'Pilih provinsi.')
    await expectFieldError(ktp.getByLabel('Desa/kelurahan', { exact: true }), 'Pilih desa/kelurahan.')
    await expectFieldError(ktp.getByLabel('Jalan, nomor rumah, RT/RW'), 'Tulis alamat lengkap: jalan, nomor rumah, RT/RW.')
    await expectFieldError(ktp.getByLabel('Kode pos'), 'Kode pos harus 5 digit angka.')
    await expect(ktp.getByLabel('Jalan, nomor rumah, RT/RW')).toHaveValue('Jl')
    await expect(ktp.getByLabel('Kode pos')).toHaveValue('931')
    await look(page, `${prefix}-alamat`, { shot: true })
    await openProfileSection(page, 'Ringkasan')
    const address = page.getByRole('region', { name: 'Alamat' })
    await expect(address.getByText('Belum diisi').first()).toBeVisible()
    await expect(address).not.toContainText('931')
  })

  await test.step('uploads with JavaScript: too large (refused before sending), text posing as PDF or PNG, a PDF as photo', async () => {
    await openProfileSection(page, 'Dokumen')
    await waitForHydration(page)
    // A real KTP scan first: a refused replacement must leave it in place.
    const ktp = documentCard(page, 'Foto/pindaian KTP')
    await ktp.file.setInputFiles(jpegFile())
    await ktp.upload.click()
    await expect(page.getByText('Berkas tersimpan.')).toBeVisible()
    await waitForHydration(page)

    const uploads: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/profil/dokumen')) uploads.push(request.url())
    })
    const photo = documentCard(page, 'Pas foto')
    await photo.file.setInputFiles(oversizedPng())
    await photo.upload.click()
    await expectFieldError(photo.file, 'Ukuran berkas maksimal 2 MB.')
    expect(uploads, 'an oversized file is not sent over the line').toEqual([])

    const cases: Array<[Parameters<typeof documentCard>[1], ReturnType<typeof fakeFile>, string]> = [
      ['Ijazah terakhir', fakeFile('ijazah.pdf', 'application/pdf'), 'Ijazah harus berupa berkas JPG, PNG, atau PDF.'],
      ['Pas foto', fakeFile('foto.png', 'image/png'), 'Pas foto harus berupa gambar JPG atau PNG.'],
      ['Pas foto', pdfFile('foto.pdf'), 'Pas foto harus berupa gambar JPG atau PNG.'],
      ['Foto/pindaian KTP', fakeFile('ktp-baru.jpg', 'image/jpeg'), 'Foto KTP harus berupa berkas JPG, PNG, atau PDF.'],
    ]
    for (const [label, file, message] of cases) {
      const doc = documentCard(page, label)
      await doc.file.setInputFiles(file)
      await doc.upload.click()
      await expectFieldError(documentCard(page, label).file, message)
      await expect(page.getByText('Berkas tersimpan.')).toHaveCount(0)
    }
    await look(page, `${prefix}-dokumen`, { shot: true })
  })

  await test.step('uploads without JavaScript: the server refuses a file too large and a fake one', async () => {
    const noJs = noJsFormPage
    await signIn(noJs, c.email, c.password)
    await expect(noJs).toHaveURL(/\/aktivitas$/)
    await noJs.goto('/profil/dokumen')
    const photo = documentCard(noJs, 'Pas foto')
    await photo.file.setInputFiles(oversizedPng())
    await photo.upload.click()
    await expectFieldError(documentCard(noJs, 'Pas foto').file, 'Ukuran berkas maksimal 2 MB.')
    await look(noJs, `${prefix}-dokumen-terlalu-besar-nojs`, { shot: true })
    const diploma = documentCard(noJs, 'Ijazah terakhir')
    await diploma.file.setInputFiles(fakeFile('ijazah.pdf', 'application/pdf'))
    await diploma.upload.click()
    await expectFieldError(documentCard(noJs, 'Ijazah terakhir').file, 'Ijazah harus berupa berkas JPG, PNG, atau PDF.')
  })

  await test.step('the documents are as before: only the first KTP scan is stored', async () => {
    await page.goto('/profil/dokumen')
    await expect(documentCard(page, 'Pas foto').card.getByText('Belum diunggah')).toBeVisible()
    await expect(documentCard(page, 'Ijazah terakhir').card.getByText('Belum diunggah')).toBeVisible()
    await expect(documentCard(page, 'Foto/pindaian KTP').card.getByText('Sudah diunggah')).toBeVisible()
    const stored = await page.request.get('/profil/dokumen/ktp')
    expect(stored.status()).toBe(200)
    expect(stored.headers()['content-type']).toBe('image/jpeg')
    // Decoded and re-encoded before it was stored (decision 023): a JPEG, not the same bytes.
    const body = await stored.body()
    expect(body.subarray(0, 3).toString('hex')).toBe('ffd8ff')
    expect(body.length).toBeGreaterThan(100)
  })
})

test('registration: an ineligible age and a closed batch are refused with the reason; a double submit registers once', async ({
  formPage: page,
  browser,
}) => {
  test.setTimeout(180_000)
  // About 40 at the start of training: over Desain Grafis Muda's 35, within Pengelasan's 45.
  const c = newCandidate({ nik: nikAgedAbout40(), emailPrefix: 'usia-40' })
  await signUp(page, c, { js: true, prefix, a11y: false })
  await verifyEmailFromMail(page, c, { prefix, a11y: false })
  await completeProfile(page, { js: true, prefix, a11y: false, level: 'SMA/MA/sederajat' })
  await openProfileSection(page, 'Ringkasan')
  await expect(page.getByText('100% lengkap')).toBeVisible()

  let emptyChecked = false
  const aktivitasIsEmpty = async () => {
    await page.goto('/aktivitas')
    await expect(page.getByRole('heading', { name: 'Belum ada pendaftaran' })).toBeVisible()
    await expect(page.getByRole('article')).toHaveCount(0)
    await look(page, `${prefix}-aktivitas-kosong`, { shot: !emptyChecked, a11y: !emptyChecked })
    emptyChecked = true
  }

  /** Press the confirm button the page disabled, as a stale page or a crafted post would. */
  const forceConfirm = async () => {
    const button = page.getByRole('button', { name: 'Konfirmasi pendaftaran' })
    await expect(button).toBeDisabled()
    await expect(button).toHaveAccessibleDescription(/Tombol konfirmasi belum dapat digunakan/)
    await button.evaluate((el) => el.removeAttribute('disabled'))
    await button.click()
    await expect(formAlert(page)).toContainText('Pendaftaran belum dapat dikirim.')
    await expect(page).toHaveURL(/\/gelombang\/[0-9a-f-]{36}\/daftar$/)
  }

  await test.step('too old for Desain Grafis Muda: the reason is shown and nothing is registered', async () => {
    await openConfirmation(page, 'Desain Grafis Muda', { js: true, prefix, a11y: false })
    const reason = /Usia Anda pada saat pelatihan dimulai \(\d{1,2} \w+ \d{4}\) adalah 4\d tahun; program ini mensyaratkan usia 17–35 tahun\./
    await expect(page.getByText('Anda belum memenuhi syarat program ini:')).toBeVisible()
    await expect(page.getByRole('listitem').filter({ hasText: reason })).toBeVisible()
    await look(page, `${prefix}-usia-tidak-memenuhi`, { shot: true })
    await forceConfirm()
    await expect(formAlert(page)).toContainText(reason)
    await aktivitasIsEmpty()
  })

  // The administrator closes the registration of one batch, which the candidate then tries.
  const admin = await newPhoneContext(browser)
  const adminPage = await admin.newPage()
  const adminProblems = guardPage(adminPage, { allowFormRefusals: true })
  const closedProgramme = 'Menjahit Pakaian Wanita'
  // Listed whatever its state now (another journey may have moved its dates); restored after.
  await page.goto('/program?status=all')
  const href = await page.getByRole('heading', { name: closedProgramme }).getByRole('link').first().getAttribute('href')
  const batchId = href!.split('/').at(-1)!
  const closes = () => adminPage.getByLabel('Pendaftaran ditutup', { exact: true })
  let originalCloses = ''
  try {
    await test.step('the administrator closes the registration of the Menjahit batch', async () => {
      await signIn(adminPage, demoStaff.administrator, DEMO_PASSWORD)
      await expect(adminPage).toHaveURL(/\/staf$/)
      await look(adminPage, `${prefix}-admin-staf`)
      await adminPage.goto(`/admin/gelombang/${batchId}`)
      await expect(adminPage.getByRole('heading', { level: 1 })).toContainText(closedProgramme)
      await look(adminPage, `${prefix}-admin-gelombang`)
      const opens = await adminPage.getByLabel('Pendaftaran dibuka', { exact: true }).inputValue()
      originalCloses = await closes().inputValue()
      // One hour after opening (a week ago): closed now, every later date still in order.
      const closedAt = new Date(new Date(`${opens}:00Z`).getTime() + 3_600_000).toISOString().slice(0, 16)
      await closes().fill(closedAt)
      await adminPage.getByRole('button', { name: 'Simpan perubahan' }).click()
      await expect(adminPage).toHaveURL(/\/admin\/program\/[0-9a-f-]{36}\?disimpan=gelombang$/)
      await look(adminPage, `${prefix}-admin-program`)
    })

    await test.step('the closed batch says so, and a forced registration is refused with the date', async () => {
      await page.goto(`/gelombang/${batchId}`)
      await expect(page.getByRole('region', { name: 'Daftar' })).toContainText('Pendaftaran sudah ditutup pada')
      await expect(page.getByRole('link', { name: 'Daftar', exact: true })).toHaveCount(0)
      await look(page, `${prefix}-gelombang-ditutup`, { shot: true })

      await page.goto(`/gelombang/${batchId}/daftar`)
      await waitForHydration(page)
      const closedNotice = /Pendaftaran gelombang ini sudah ditutup pada \d{1,2} \w+ \d{4}/
      await expect(page.getByRole('status').filter({ hasText: closedNotice })).toBeVisible()
      await look(page, `${prefix}-konfirmasi-ditutup`)
      await forceConfirm()
      await expect(formAlert(page)).toContainText(closedNotice)
      await aktivitasIsEmpty()
    })
  } finally {
    if (originalCloses) {
      // Reopen it as seeded, so the batch is open for whatever runs next.
      await adminPage.goto(`/admin/gelombang/${batchId}`)
      await closes().fill(originalCloses)
      await adminPage.getByRole('button', { name: 'Simpan perubahan' }).click()
      await expect(adminPage).toHaveURL(/\?disimpan=gelombang$/)
    }
    await admin.close()
  }
  expect(adminProblems, `the administrator's page reported errors:\n${adminProblems.join('\n')}`).toEqual([])

  await test.step('a double click, a second tab and a retried post make exactly one registration', async () => {
    const programme = 'Pengelasan SMAW Posisi 3G'
    const since = new Date()
    const { batchId: weldingBatch } = await openConfirmation(page, programme, { js: true, prefix, a11y: false })
    // The same confirmation already open in a second tab.
    const secondTab = await page.context().newPage()
    const secondTabProblems = guardPage(secondTab, { allowFormRefusals: true })
    await secondTab.goto(`/gelombang/${weldingBatch}/daftar`)
    await waitForHydration(secondTab)

    await page.getByRole('button', { name: 'Konfirmasi pendaftaran' }).dblclick()
    await expect(page).toHaveURL(/\/aktivitas\/[0-9a-f-]{36}(\?baru=1)?$/)
    const registrationId = new URL(page.url()).pathname.split('/').at(-1)!
    const numberText = await page.locator('dl.facts').textContent()
    const number = numberText!.match(REGISTRATION_NUMBER)![0]

    await secondTab.getByRole('button', { name: 'Konfirmasi pendaftaran' }).click()
    await expect(secondTab).toHaveURL(new RegExp(`/aktivitas/${registrationId}$`))
    await secondTab.close()
    expect(secondTabProblems).toEqual([])

    // A retry of the same post (a flaky connection), twice at once: the same registration.
    const retries = await Promise.all(
      [0, 1].map(() =>
        page.request.post(`/gelombang/${weldingBatch}/daftar`, {
          form: {},
          headers: { Origin: new URL(page.url()).origin },
          maxRedirects: 0,
        }),
      ),
    )
    for (const response of retries) {
      expect(response.status()).toBe(302)
      expect(response.headers()['location']).toBe(`/aktivitas/${registrationId}`)
    }

    await page.goto('/aktivitas')
    await expect(page.getByRole('article')).toHaveCount(1)
    await expect(page.getByRole('article')).toContainText(number)
    await expect(page.getByRole('article')).toContainText(programme)
    await look(page, `${prefix}-satu-pendaftaran`, { shot: true })

    // One registration, one confirmation mail (the job worker polls every second).
    await expect
      .poll(() => readMailbox().filter((m) => m.to.includes(c.email) && m.subject.startsWith('Pendaftaran diterima')).length, {
        timeout: 20_000,
      })
      .toBe(1)
    await page.waitForTimeout(2_500)
    const received = readMailbox().filter(
      (m) => m.to.includes(c.email) && m.subject.startsWith('Pendaftaran diterima') && new Date(m.date) >= since,
    )
    expect(received.map((m) => m.subject)).toEqual([`Pendaftaran diterima: ${number}`])
  })
})

test('kiosk: a bad or taken NIK, bad contact details and a weak password are refused at their field', async ({
  formPage: page,
  browser,
}) => {
  test.setTimeout(120_000)
  const existing = newCandidate({ emailPrefix: 'sudah-punya-akun' })
  const walkIn = newCandidate({ emailPrefix: 'walkin-salah' })
  await signUp(page, existing, { js: true, prefix, a11y: false })
  await signOut(page)
  await signIn(page, demoStaff.kioskOfficer, DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/staf$/)

  const phoneContext = await newPhoneContext(browser)
  const phone = await phoneContext.newPage()
  const phoneProblems = guardPage(phone, { allowFormRefusals: true })
  try {
    await test.step('the NIK search refuses a NIK of the wrong length at the field', async () => {
      await page.goto('/kios')
      await waitForHydration(page)
      const nik = page.getByLabel('NIK (16 digit, sesuai KTP)')
      await nik.fill('7471 0101')
      await page.getByRole('button', { name: 'Cari', exact: true }).click()
      await expect(formAlert(page)).toContainText('Pencarian belum dapat dilakukan.')
      await expectFieldError(nik, 'NIK harus 16 digit angka; yang diisi 8 digit.')
      await expect(nik).toHaveValue('7471 0101')
      await look(page, `${prefix}-kios-cari`, { shot: true })
    })

    const form = {
      nik: page.getByLabel('NIK (16 digit)'),
      fullName: page.getByLabel('Nama lengkap sesuai KTP'),
      email: page.getByLabel('E-mail calon peserta'),
      phone: page.getByLabel('Nomor HP'),
      notice: page.getByRole('checkbox', { name: /Pemberitahuan Privasi/ }),
      submit: page.getByRole('button', { name: 'Buat akun dan mulai sesi bantuan' }),
    }
    await test.step('the account form refuses a name with digits, a bad e-mail and a bad number, keeping what was typed', async () => {
      await page.goto('/kios/akun-baru')
      await waitForHydration(page)
      await form.nik.fill(walkIn.nik)
      await form.fullName.fill('Budi 2')
      await form.email.fill('budi@')
      await form.phone.fill('0812')
      // The browser's own check would stop "budi@" before the server sees it; the
      // server's message is what a browser without that check shows.
      await form.email.evaluate((el) => el.closest('form')?.setAttribute('novalidate', ''))
      await form.submit.click()
      await expect(formAlert(page)).toContainText('Akun belum dibuat.')
      await expectFieldError(form.fullName, 'Nama lengkap tidak boleh berisi angka; tulis seperti pada KTP.')
      await expectFieldError(form.email, 'Alamat e-mail tidak valid. Contoh: nama@gmail.com.')
      await expectFieldError(form.phone, /Nomor HP/)
      // Not ticked: the privacy notice must have been shown (decision 023).
      await expectFieldError(form.notice, 'Centang setelah calon peserta melihat pemberitahuan privasi')
      await expectNoFieldError(form.nik)
      await expect(form.nik).toHaveValue(walkIn.nik)
      await expect(form.fullName).toHaveValue('Budi 2')
      await look(page, `${prefix}-kios-akun-baru`, { shot: true })
    })

    await test.step('a NIK that already has an account, or a taken e-mail, is refused with what to do instead', async () => {
      await form.nik.fill(existing.nik)
      await form.fullName.fill(walkIn.fullName)
      await form.email.fill(walkIn.email)
      await form.phone.fill(walkIn.phone)
      await form.notice.check()
      await form.submit.click()
      await expectFieldError(form.nik, 'NIK ini sudah memiliki akun Latih. Jangan buat akun baru: cari NIK ini di halaman Kios')
      await form.nik.fill(walkIn.nik)
      await form.email.fill(existing.email)
      await form.submit.click()
      await expectFieldError(form.email, 'E-mail ini sudah dipakai akun lain.')
      await expectNoFieldError(form.nik)

      // Nothing was created and no session started: the walk-in's NIK is still unknown,
      // and the existing account is found as it was.
      await page.goto('/kios')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bantu pendaftaran calon peserta')
      await waitForHydration(page)
      await page.getByLabel('NIK (16 digit, sesuai KTP)').fill(walkIn.nik)
      await page.getByRole('button', { name: 'Cari', exact: true }).click()
      await expect(page.getByText('NIK tidak ditemukan')).toBeVisible()
      await page.getByLabel('NIK (16 digit, sesuai KTP)').fill(existing.nik)
      await page.getByRole('button', { name: 'Cari', exact: true }).click()
      const found = page.getByRole('region', { name: 'Akun ditemukan' })
      await expect(found).toContainText(existing.fullName)
      await expect(found.getByText('Sudah dibuat')).toBeVisible()
      await look(page, `${prefix}-kios-ditemukan`, { shot: true })
    })

    await test.step('the walk-in’s set-password form refuses a common password and a different confirmation', async () => {
      await page.goto('/kios/akun-baru')
      await form.nik.fill(walkIn.nik)
      await form.fullName.fill(walkIn.fullName)
      await form.email.fill(walkIn.email)
      await form.phone.fill(walkIn.phone)
      await form.notice.check()
      await form.submit.click()
      await expect(page).toHaveURL(/\/kios\?akun=baru$/)

      const link = await setPasswordLink(walkIn.email)
      await phone.goto(link)
      await waitForHydration(phone)
      const password = phone.getByLabel('Kata sandi baru', { exact: true })
      const confirm = phone.getByLabel('Ulangi kata sandi baru')
      await password.fill('Indonesia2026')
      await confirm.fill('Indonesia2027')
      await phone.getByRole('button', { name: 'Simpan kata sandi' }).click()
      await expect(formAlert(phone)).toContainText('Kata sandi belum disimpan.')
      await expectFieldError(password, 'Kata sandi ini terlalu umum dan mudah ditebak. Pilih kata sandi lain.')
      await expectFieldError(confirm, 'Kedua kata sandi tidak sama.')
      await look(phone, `${prefix}-atur-sandi`, { shot: true })
      // A mistake does not use the link up: the right password still works with it.
      await password.fill(walkIn.password)
      await confirm.fill(walkIn.password)
      await phone.getByRole('button', { name: 'Simpan kata sandi' }).click()
      await expect(phone).toHaveURL(/\/aktivitas$/)
    })
  } finally {
    // Never leave the shared officer account in an open assisted session.
    await page.goto('/kios')
    const end = page.getByRole('button', { name: 'Akhiri sesi bantuan' })
    if (await end.count()) await end.click()
    await phoneContext.close()
  }
  expect(phoneProblems, `the candidate's phone reported errors:\n${phoneProblems.join('\n')}`).toEqual([])
})

/** The path of the "Buat kata sandi" link in the mail the kiosk account creation sent. */
async function setPasswordLink(email: string): Promise<string> {
  const mail = await waitForMail({ to: email, subjectIncludes: 'Akun Latih Anda telah dibuat' })
  return extractLink(mail, '/atur-sandi')
}
