// Issue 9 §3: two-step verification for the selection committee (decision 020). The
// administrator invites a fresh committee member; they set a password from the mail, turn
// on TOTP from their staff home (QR and typed key; a wrong code refused at its field; ten
// recovery codes shown once), sign out, and sign in again: the password leads to the code
// page, the code used at enrolment is refused as a replay, the app's next code lets them
// in — with JavaScript off. A recovery code works once; a password reset does not skip the
// second step. axe on every new page. The codes are computed here with otplib.
import { generate } from 'otplib'
import { type Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff, newNoJsContext, newPhoneContext, uniqueEmail } from './helpers'
import { look, signIn, signOut, waitForHydration } from './journeys/candidate'
import { guardPage } from './journeys/guard'

const PASSWORD = 'Anoa-Berlari-Cepat-7'
const NEW_PASSWORD = 'Tenggara-Teluk-Kendari-9'

/** The code an authenticator app shows `offsetSeconds` from now. */
function totp(secret: string, offsetSeconds = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds })
}

async function passwordStep(page: Page, email: string, password: string) {
  await signIn(page, email, password)
  await expect(page).toHaveURL(/\/masuk\/kode$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verifikasi dua langkah')
}

test('a committee member turns on two-step verification, then signs in with the code (JavaScript off), a recovery code once, and a reset password still asks for the code', async ({
  formPage: admin,
  browser,
  mailbox,
}) => {
  // Many pages, each checked with axe, on a busy 2-core machine.
  test.setTimeout(600_000)
  const email = uniqueEmail('panitia-2fa')
  const name = 'Sitti Panitia Dua Langkah'

  await test.step('the administrator invites a selection-committee member', async () => {
    await signIn(admin, demoStaff.administrator, DEMO_PASSWORD)
    await expect(admin).toHaveURL(/\/staf$/)
    // The administrator's own home offers the setting, and the institution's requirement page
    // lists the committee — the demo institution does not require it.
    await admin.goto('/admin/verifikasi-dua-langkah')
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Wajib verifikasi dua langkah')
    await expect(admin.getByLabel('Tidak wajib (masing-masing boleh mengaktifkannya sendiri)')).toBeChecked()
    await look(admin, '2fa-admin-wajib', { shot: true })
    await admin.goto('/admin/staf/undang')
    await waitForHydration(admin)
    await admin.getByLabel('E-mail', { exact: true }).fill(email)
    await admin.getByLabel('Nama lengkap').fill(name)
    await admin.getByLabel(/^Panitia seleksi/).check()
    await admin.getByRole('button', { name: 'Kirim undangan' }).click()
    await expect(admin).toHaveURL(/\/admin\/staf\?diundang=/)
  })

  const context = await newPhoneContext(browser)
  const phone = await context.newPage()
  const problems = guardPage(phone, { allowFormRefusals: true })
  let secret = ''
  let enrolmentCode = ''
  let recoveryCodes: string[] = []
  try {
    await test.step('the invitee sets a password and opens two-step verification from the staff home', async () => {
      const mail = await mailbox.waitForMail({ to: email, subjectIncludes: 'Undangan staf Latih' })
      await phone.goto(mailbox.extractLink(mail, '/atur-sandi'))
      await phone.getByLabel('Kata sandi baru', { exact: true }).fill(PASSWORD)
      await phone.getByLabel('Ulangi kata sandi baru').fill(PASSWORD)
      await phone.getByRole('button', { name: 'Simpan kata sandi' }).click()
      await expect(phone).toHaveURL(/\/staf$/)
      await expect(phone.getByText('Belum aktif. Aktifkan agar akun Anda tidak bisa dibuka hanya dengan kata sandi.')).toBeVisible()
      await phone.getByRole('link', { name: 'Verifikasi dua langkah' }).click()
      await expect(phone).toHaveURL(/\/akun\/dua-langkah$/)
      await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Verifikasi dua langkah')
      await look(phone, '2fa-mulai', { shot: true })
    })

    await test.step('the QR code and the key to type are shown; a wrong code is refused at its field', async () => {
      await waitForHydration(phone)
      await phone.getByRole('button', { name: 'Siapkan aplikasi autentikator' }).click()
      const qr = phone.getByRole('img', { name: `Kode QR untuk menambahkan akun Latih ${email} ke aplikasi autentikator` })
      await expect(qr).toBeVisible()
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/)
      secret = ((await phone.locator('code.secret').textContent()) ?? '').replace(/\s+/g, '')
      expect(secret).toMatch(/^[A-Z2-7]{32}$/)
      await look(phone, '2fa-qr', { shot: true })

      const right = await totp(secret)
      const wrong = right === '000000' ? '111111' : '000000'
      const field = phone.getByLabel('Kode dari aplikasi')
      await field.fill(wrong)
      await phone.getByRole('button', { name: 'Aktifkan verifikasi dua langkah' }).click()
      await expect(phone.getByRole('alert')).toContainText('Belum berhasil.')
      await expect(field).toHaveAttribute('aria-invalid', 'true')
      await expect(field).toHaveAccessibleDescription(/Kode tidak cocok\. Pastikan jam ponsel tepat/)
      await expect(field).toHaveValue(wrong)
      await look(phone, '2fa-kode-salah', { shot: true })
    })

    await test.step('the right code turns it on and shows ten recovery codes once', async () => {
      enrolmentCode = await totp(secret)
      await phone.getByLabel('Kode dari aplikasi').fill(enrolmentCode)
      await phone.getByRole('button', { name: 'Aktifkan verifikasi dua langkah' }).click()
      await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Kode pemulihan Anda')
      const list = phone.getByRole('list', { name: 'Kode pemulihan Anda' })
      recoveryCodes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim())
      expect(recoveryCodes).toHaveLength(10)
      for (const c of recoveryCodes) expect(c).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/)
      await look(phone, '2fa-kode-pemulihan', { shot: true })
      await phone.getByRole('link', { name: 'Saya sudah menyimpan kodenya, lanjutkan' }).click()
      await expect(phone).toHaveURL(/\/staf$/)
      await expect(phone.getByText('Aktif: setiap kali masuk, Anda memasukkan kode dari aplikasi autentikator.')).toBeVisible()
      // Shown once: the page now only says it is on.
      await phone.goto('/akun/dua-langkah')
      await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Verifikasi dua langkah aktif')
      await expect(phone.getByText(recoveryCodes[0]!)).toHaveCount(0)
      await look(phone, '2fa-aktif', { shot: true })
      await signOut(phone)
    })
  } finally {
    await context.close()
  }
  expect(problems).toEqual([])

  // Signing in again, on a browser with JavaScript off.
  const noJs = await newNoJsContext(browser)
  const page = await noJs.newPage()
  try {
    await test.step('JavaScript off: the password leads to the code page, not in; the enrolment code is a replay; the next code signs in', async () => {
      await passwordStep(page, email, PASSWORD)
      // No session yet: a staff page still asks for sign-in.
      const staffHome = await page.request.get('/staf', { maxRedirects: 0 })
      expect(staffHome.status()).toBe(302)
      expect(staffHome.headers().location).toMatch(/^\/masuk\?ke=/)
      await look(page, '2fa-masuk-kode', { shot: true })

      const field = page.getByLabel('Kode verifikasi')
      await field.fill(enrolmentCode)
      await page.getByRole('button', { name: 'Verifikasi' }).click()
      await expect(page.getByRole('alert')).toContainText('Belum berhasil masuk.')
      await expect(field).toHaveAccessibleDescription(/Kode salah atau sudah pernah dipakai\..*Sisa 4 percobaan\./)
      await look(page, '2fa-masuk-kode-salah', { shot: true })

      // The app's next code (accepted up to one step early, as clocks drift).
      await field.fill(await totp(secret, 30))
      await page.getByRole('button', { name: 'Verifikasi' }).click()
      await expect(page).toHaveURL(/\/staf$/)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Selamat datang, ${name}`)
      await signOut(page)
    })

    await test.step('a recovery code signs in once; the page says how many are left', async () => {
      await passwordStep(page, email, PASSWORD)
      await page.getByLabel('Kode verifikasi').fill(recoveryCodes[0]!.toLowerCase())
      await page.getByRole('button', { name: 'Verifikasi' }).click()
      await expect(page).toHaveURL(/\/akun\/dua-langkah\?pemulihan=9$/)
      await expect(page.getByText('Anda masuk dengan kode pemulihan. Kode itu kini tidak berlaku lagi; sisa 9 kode.')).toBeVisible()
      await expect(page.getByText('Kode pemulihan yang belum dipakai: 9 dari 10.', { exact: false })).toBeVisible()
      await signOut(page)

      await passwordStep(page, email, PASSWORD)
      await page.getByLabel('Kode verifikasi').fill(recoveryCodes[0]!)
      await page.getByRole('button', { name: 'Verifikasi' }).click()
      await expect(page.getByLabel('Kode verifikasi')).toHaveAccessibleDescription(/Kode salah atau sudah pernah dipakai/)
    })

    await test.step('a password reset through the mailed link leads to the code page, not into the account', async () => {
      await page.goto('/lupa-sandi')
      await page.getByLabel('E-mail atau NIK').fill(email)
      await page.getByRole('button', { name: 'Kirim tautan' }).click()
      await expect(page).toHaveURL(/\/lupa-sandi\?terkirim=1$/)
      const mail = await mailbox.waitForMail({ to: email, subjectIncludes: 'Atur ulang kata sandi akun Latih Anda' })
      await page.goto(mailbox.extractLink(mail, '/atur-sandi'))
      await page.getByLabel('Kata sandi baru', { exact: true }).fill(NEW_PASSWORD)
      await page.getByLabel('Ulangi kata sandi baru').fill(NEW_PASSWORD)
      await page.getByRole('button', { name: 'Simpan kata sandi' }).click()
      await expect(page).toHaveURL(/\/masuk\/kode$/)
      await page.getByLabel('Kode verifikasi').fill(recoveryCodes[1]!)
      await page.getByRole('button', { name: 'Verifikasi' }).click()
      await expect(page).toHaveURL(/\/akun\/dua-langkah\?pemulihan=8$/)
    })
  } finally {
    await noJs.close()
  }
})
