// Issue 9 §2 and §4 at the kiosk desk. Someone holds a NIK that is not theirs (here: an
// account made for it, whose holder set a password and is signed in on their phone). The
// real owner comes to the desk with the original KTP: the officer finds the NIK, says it
// belongs to the person in front of them, ticks that they saw the KTP, writes why, and
// creates the owner's account. The squatter's phone is signed out and cannot sign in
// again; their e-mail is told. And the narrowed permissions: a session starts only from
// the officer's own search (not a bare candidate id posted to /kios/mulai); while helping
// one candidate the officer cannot open another's Aktivitas page or receipt; no staff
// member downloads a receipt outside an assisted session; the public receipt check shows
// no digit of the NIK.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { request as apiRequest } from '@playwright/test'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff, newPhoneContext } from './helpers'
import { maskedNik, newCandidate, signIn } from './journeys/candidate'
import { BASE_URL } from './phone'

const UUID = /\/aktivitas\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/
const HEADERS = { Origin: BASE_URL }
const OTHER_CANDIDATE = 'calon.las02@contoh.test'

async function signedInApi(identifier: string, password = DEMO_PASSWORD) {
  const context = await apiRequest.newContext({ baseURL: BASE_URL })
  const response = await context.post('/masuk', { form: { identifier, password }, headers: HEADERS, maxRedirects: 0 })
  expect(response.status(), `signing in as ${identifier}`).toBe(302)
  return context
}

test('the officer gives a squatted NIK back to the person holding the KTP; the squatter is locked out', async ({
  // The refused submit below answers 400 to the form's fetch, as it should.
  formPage: page,
  browser,
  mailbox,
}) => {
  test.setTimeout(180_000)
  const owner = newCandidate({ emailPrefix: 'pemilik' })
  const squatter = { ...newCandidate({ emailPrefix: 'penyerobot' }), nik: owner.nik }
  const reason = 'KTP asli diperiksa di meja kios; pemilik tidak pernah membuat akun Latih.'

  // Another candidate's registration, for the "only the assisted candidate" checks.
  const other = await signedInApi(OTHER_CANDIDATE)
  const otherRegistrationId = UUID.exec(await (await other.get('/aktivitas')).text())?.[1]
  await other.dispose()
  expect(otherRegistrationId, "another candidate's registration").toBeTruthy()

  const phoneContext = await newPhoneContext(browser)
  const phone = await phoneContext.newPage()
  try {
    await test.step('an account holds the NIK, and its holder is signed in on their phone', async () => {
      await signIn(page, demoStaff.kioskOfficer, DEMO_PASSWORD)
      await expect(page).toHaveURL(/\/staf$/)
      await page.goto('/kios')
      await page.getByLabel('NIK (16 digit, sesuai KTP)').fill(squatter.nik)
      await page.getByRole('button', { name: 'Cari', exact: true }).click()
      await page.getByRole('button', { name: 'Buat akun untuk calon peserta ini' }).click()
      await page.getByLabel('Nama lengkap sesuai KTP').fill(squatter.fullName)
      await page.getByLabel('E-mail calon peserta').fill(squatter.email)
      await page.getByLabel('Nomor HP').fill(squatter.phone)
      await page.getByRole('checkbox', { name: /Pemberitahuan Privasi/ }).check()
      await page.getByRole('button', { name: 'Buat akun dan mulai sesi bantuan' }).click()
      await expect(page).toHaveURL(/\/kios\?akun=baru$/)

      // While helping this candidate: another candidate's Aktivitas page and receipt are refused.
      expect((await page.request.get(`/aktivitas/${otherRegistrationId}`, { maxRedirects: 0 })).status()).toBe(403)
      expect((await page.request.get(`/aktivitas/${otherRegistrationId}/tanda-pendaftaran`, { maxRedirects: 0 })).status()).toBe(403)
      await page.getByRole('button', { name: 'Akhiri sesi bantuan' }).click()
      await expect(page).toHaveURL(/\/kios\?selesai=1$/)

      const mail = await mailbox.waitForMail({ to: squatter.email, subjectIncludes: 'Akun Latih Anda telah dibuat' })
      await phone.goto(mailbox.extractLink(mail, '/atur-sandi'))
      await phone.getByLabel('Kata sandi baru', { exact: true }).fill(squatter.password)
      await phone.getByLabel('Ulangi kata sandi baru').fill(squatter.password)
      await phone.getByRole('button', { name: 'Simpan kata sandi' }).click()
      await phone.goto('/profil')
      await expect(phone).toHaveURL(/\/profil$/)
    })

    await test.step('no session from a bare candidate id, and no receipt outside a session', async () => {
      await page.goto('/kios')
      await page.getByLabel('NIK (16 digit, sesuai KTP)').fill(squatter.nik)
      await page.getByRole('button', { name: 'Cari', exact: true }).click()
      await expect(page.getByText('Akun ditemukan')).toBeVisible()
      const candidateId = await page.locator('input[name="candidateId"]').first().inputValue()
      // The old hole: POST /kios/mulai with a candidate id alone started a session, no search needed.
      // Now refused ("search again"): the post lands back on the search, and no session started.
      await page.request.post('/kios/mulai', { form: { candidateId }, headers: HEADERS })
      const kiosk = await (await page.request.get('/kios')).text()
      expect(kiosk).toContain('Bantu pendaftaran calon peserta')
      expect(kiosk).not.toContain('Sesi bantuan kios')
      expect((await page.request.get(`/aktivitas/${otherRegistrationId}/tanda-pendaftaran`, { maxRedirects: 0 })).status()).toBe(302)
    })

    await test.step('the real owner comes with the KTP: the officer reassigns the NIK', async () => {
      // The search result above is the one for the NIK on the owner's KTP.
      await page.getByRole('button', { name: 'NIK ini milik orang yang ada di depan saya' }).click()
      await expect(page).toHaveURL(/\/kios\/alih-nik$/)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alihkan NIK kepada pemilik KTP')
      await expect(page.getByLabel('NIK (sesuai KTP)')).toHaveValue(owner.nik)
      // A reason too short: the message at its field, what was typed kept, nothing done.
      await page.getByLabel(/Saya telah memeriksa KTP asli/).check()
      await page.getByLabel('Alasan pengalihan').fill('KTP')
      await page.getByLabel('Nama lengkap sesuai KTP').fill(owner.fullName)
      await page.getByLabel('E-mail pemilik KTP').fill(owner.email)
      await page.getByLabel('Nomor HP').fill(owner.phone)
      await page.getByRole('checkbox', { name: /Pemberitahuan Privasi/ }).check()
      await page.getByRole('button', { name: 'Alihkan NIK dan buat akun' }).click()
      await expect(page.getByText('Tulis alasannya, paling sedikit 10 karakter.')).toBeVisible()
      await expect(page.getByLabel('E-mail pemilik KTP')).toHaveValue(owner.email)
      await expect(page.getByLabel('NIK (sesuai KTP)')).toHaveValue(owner.nik)
      await page.getByLabel('Alasan pengalihan').fill(reason)
      await page.getByRole('checkbox', { name: /Pemberitahuan Privasi/ }).check()
      await page.getByLabel('Nama lengkap sesuai KTP').fill(owner.fullName)
      await page.getByLabel('E-mail pemilik KTP').fill(owner.email)
      await page.getByLabel('Nomor HP').fill(owner.phone)
      await page.getByRole('button', { name: 'Alihkan NIK dan buat akun' }).click()

      await expect(page).toHaveURL(/\/kios\?akun=dialihkan$/)
      await expect(page.getByText(/^NIK telah dialihkan: akun lama dikunci dan diberi tahu\./)).toBeVisible()
      const panel = page.getByRole('region', { name: owner.fullName })
      await expect(panel).toContainText(maskedNik(owner.nik))
      expect(page.url()).not.toContain(owner.nik.slice(6))
      await page.getByRole('button', { name: 'Akhiri sesi bantuan' }).click()
      await expect(page).toHaveURL(/\/kios\?selesai=1$/)
    })

    await test.step('the squatter is told, signed out, and cannot sign in again', async () => {
      const told = await mailbox.waitForMail({ to: squatter.email, subjectIncludes: 'dikunci' })
      expect(told.text).toContain(reason)
      expect(told.text).not.toContain(owner.nik)
      await phone.goto('/profil')
      await expect(phone).toHaveURL(/\/masuk\?/)
      await signIn(phone, squatter.email, squatter.password)
      await expect(phone.getByText(/Akun ini dikunci karena NIK-nya telah dialihkan/)).toBeVisible()
      await expect(phone).toHaveURL(/\/masuk/)
      // The owner's own mail, to set their password.
      await mailbox.waitForMail({ to: owner.email, subjectIncludes: 'Akun Latih Anda telah dibuat' })
    })
  } finally {
    await phoneContext.close()
  }
})

test('the public receipt check shows no digit of the NIK; staff outside a session get no receipt', async () => {
  const candidate = await signedInApi('calon.las01@contoh.test')
  try {
    const registrationId = UUID.exec(await (await candidate.get('/aktivitas')).text())?.[1]
    expect(registrationId).toBeTruthy()
    const pdf = await candidate.get(`/aktivitas/${registrationId}/tanda-pendaftaran`)
    expect(pdf.status()).toBe(200)
    const dir = resolve('tests/.artifacts/receipts')
    mkdirSync(dir, { recursive: true })
    const file = resolve(dir, 'kiosk-reassign-receipt.pdf')
    writeFileSync(file, await pdf.body())
    const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    const url = /https?:\/\/\S+\/verifikasi\/\S+/.exec(text)?.[0]
    expect(url, 'the verification address on the receipt').toBeTruthy()
    const masked = /(\d{4})•{8}(\d{4})/.exec(text)
    expect(masked, 'the receipt itself shows the masked NIK').toBeTruthy()

    const check = await apiRequest.newContext()
    const html = await (await check.get(url!)).text()
    await check.dispose()
    expect(html).toContain('Tanda pendaftaran ini asli.')
    expect(html).not.toContain('•')
    expect(html).not.toContain(`${masked![1]}•`)
    expect(html).not.toMatch(/<dt>NIK<\/dt>/)

    // Interviewer, organiser, committee and an officer with no session: no receipt.
    for (const email of [demoStaff.interviewer, demoStaff.organiser, demoStaff.selectionCommittee, demoStaff.kioskOfficer]) {
      const staff = await signedInApi(email)
      const response = await staff.get(`/aktivitas/${registrationId}/tanda-pendaftaran`, { maxRedirects: 0 })
      expect(response.status(), email).toBe(302)
      expect(response.headers()['location'], email).toBe('/staf')
      await staff.dispose()
    }
  } finally {
    await candidate.dispose()
  }
})
