// Personal data (decision 023) with JavaScript off: consent at sign-up (refused without
// the tick, message at the field), the privacy notice from the footer, "Data saya" with
// both downloads holding the candidate's own data, the closure request; then the
// administrator completes it and the old sign-in no longer works. Axe on each new page.
import { readFileSync } from 'node:fs'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff } from './helpers'
import type { Page } from '@playwright/test'
import { expectFieldError, fillSignUp, look, newCandidate, readDownloadedPdf, signIn, signUp, signUpForm } from './journeys/candidate'

const formAlert = (page: Page) => page.locator('main').getByRole('alert')

const prefix = 'privasi'

test('consent, the notice, the data download and account closure (JavaScript off), completed by an administrator', async ({ noJsFormPage: page, page: admin }) => {
  test.setTimeout(360_000)
  const c = newCandidate({ emailPrefix: 'privasi-nojs' })

  await test.step('sign-up without the privacy tick is refused at its field, keeping what was typed', async () => {
    await page.goto('/daftar-akun')
    await fillSignUp(page, c)
    const form = signUpForm(page)
    await form.consent.uncheck()
    // The browser's own required check would stop the form; the server's message is what counts.
    await page.locator('main form[method="post"]').last().evaluate((el) => el.setAttribute('novalidate', ''))
    await form.submit.click()
    await expect(formAlert(page)).toContainText('Akun belum dibuat.')
    await expectFieldError(form.consent, 'Centang persetujuan ini untuk membuat akun')
    await expect(form.fullName).toHaveValue(c.fullName)
    await expect(form.consent).not.toBeChecked()
    await look(page, `${prefix}-daftar-tanpa-persetujuan`, { shot: true })
  })

  await test.step('the notice is linked from the footer and says what is kept, why, how long and who sees it', async () => {
    await page.getByRole('contentinfo').getByRole('link', { name: 'Pemberitahuan Privasi' }).click()
    await expect(page).toHaveURL(/\/privasi$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pemberitahuan Privasi')
    for (const h of ['Data apa yang kami simpan', 'Untuk apa', 'Siapa yang melihatnya', 'Berapa lama', 'Hak Anda']) {
      await expect(page.getByRole('heading', { level: 2, name: h })).toBeVisible()
    }
    await look(page, `${prefix}-pemberitahuan`, { shot: true })
  })

  await test.step('with the tick the account is created', async () => {
    await signUp(page, c, { js: false, prefix, a11y: false })
  })

  await test.step('"Data saya" downloads the candidate’s own data as JSON and PDF', async () => {
    await page.getByRole('navigation', { name: 'Bagian profil' }).getByRole('link', { name: 'Data saya' }).click()
    await expect(page).toHaveURL(/\/profil\/data-saya$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data saya')
    await expect(page.getByRole('region', { name: 'Persetujuan Anda' })).toContainText('dicentang saat membuat akun')
    await look(page, `${prefix}-data-saya`, { shot: true })

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Unduh JSON/ }).click()])
    const data = JSON.parse(readFileSync(await json.path(), 'utf8')) as { account: { email: string }; profile: { nik: string; fullName: string }; consents: unknown[] }
    expect(data.account.email).toBe(c.email)
    expect(data.profile).toMatchObject({ nik: c.nik, fullName: c.fullName })
    expect(data.consents).toHaveLength(1)

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Unduh PDF/ }).click()])
    const text = await readDownloadedPdf(pdf, `${prefix}-data-saya`)
    expect(text).toContain(c.nik)
    expect(text).toContain('Data pribadi Anda di Latih')
  })

  await test.step('a closure request needs a reason and the confirmation; then it is sent', async () => {
    const reason = page.getByLabel('Alasan menutup akun')
    const confirm = page.getByRole('checkbox', { name: /Saya memahami/ })
    const submit = page.getByRole('button', { name: 'Minta penutupan akun' })
    await page.locator('main form[method="post"]').last().evaluate((el) => el.setAttribute('novalidate', ''))
    await submit.click()
    await expect(formAlert(page)).toContainText('Permintaan belum terkirim.')
    await expectFieldError(reason, 'Tuliskan alasan Anda menutup akun')
    await expectFieldError(confirm, 'Centang bahwa Anda memahami akibat penutupan akun.')
    await look(page, `${prefix}-tutup-akun-salah`, { shot: true })
    await reason.fill('Sudah bekerja di luar daerah')
    await confirm.check()
    await submit.click()
    await expect(page).toHaveURL(/\/profil\/data-saya\?diminta=1$/)
    await expect(page.getByText('Permintaan penutupan akun terkirim.')).toBeVisible()
    await expect(page.getByText(/sedang diproses/)).toContainText('Sudah bekerja di luar daerah')
  })

  await test.step('the administrator completes it; the account cannot sign in any more', async () => {
    await signIn(admin, demoStaff.administrator, DEMO_PASSWORD)
    await expect(admin).toHaveURL(/\/staf$/)
    await admin.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Penutupan akun' }).click()
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Penutupan akun')
    const card = admin.locator('li', { has: admin.getByRole('heading', { name: c.fullName }) })
    await expect(card).toContainText('Sudah bekerja di luar daerah')
    await look(admin, `${prefix}-admin-penutupan`, { shot: true })
    await card.getByRole('button', { name: `Selesaikan penutupan akun ${c.fullName}` }).click()
    await expect(admin.getByText(/Akun ditutup\. Disimpan: tidak ada\./)).toBeVisible()
    await expect(admin.getByRole('heading', { name: c.fullName })).toHaveCount(0)

    await page.context().clearCookies()
    await signIn(page, c.email, c.password)
    await expect(page).toHaveURL(/\/masuk/)
    await signIn(page, c.nik, c.password)
    await expect(page).toHaveURL(/\/masuk/)
  })
})
