// Issue 9 §3: sessions for a shared desk. A candidate signed in on two devices sees both at
// /akun/sesi (this device marked) and ends the other without JavaScript: the other device
// is sent to sign-in. Sign-in says when a session ended for inactivity. An administrator's
// idle periods are checked at the field. A cross-origin POST to the answer save, carrying
// the session cookie, gets 403 from the production server; this site's own does not.
import { request } from '@playwright/test'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff, expectFitsPhoneWidth, newNoJsContext, newPhoneContext } from './helpers'
import { look, signIn } from './journeys/candidate'
import { BASE_URL } from './phone'

// A demo candidate no other journey signs in as (ending "all others" touches only theirs).
const CANDIDATE = 'calon.tsm05@contoh.test'

test('a candidate sees their sessions and ends the other device’s, without JavaScript', async ({ browser }) => {
  // Two sign-ins, axe and a screenshot on a loaded 2-core machine.
  test.setTimeout(300_000)
  const laptop = await newPhoneContext(browser, {
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  })
  const other = await laptop.newPage()
  await signIn(other, CANDIDATE, DEMO_PASSWORD)
  await expect(other).toHaveURL(/\/aktivitas/)

  const context = await newNoJsContext(browser)
  const page = await context.newPage()
  await signIn(page, CANDIDATE, DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/aktivitas/)
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Sesi masuk' }).click()
  await expect(page).toHaveURL(/\/akun\/sesi$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sesi masuk Anda')
  await expect(page.getByText('· Perangkat ini')).toHaveCount(1)
  await expect(page.getByRole('heading', { name: 'Chrome di Windows' })).toBeVisible()
  // The sign-in address only as its network (localhost here: 127.0.0.0/24 or ::/48).
  await expect(page.getByText(/\/(24|48)$/).first()).toBeVisible()
  await expectFitsPhoneWidth(page)
  await look(page, 'akun-sesi', { shot: true })

  await page.getByRole('button', { name: 'Akhiri semua sesi lain' }).click()
  await expect(page).toHaveURL(/\/akun\/sesi\?diakhiri=\d+$/)
  await expect(page.getByText('Sesi diakhiri: 1.')).toBeVisible()
  await expect(page.getByText('Tidak ada sesi lain')).toBeVisible()

  // The other device is signed out; this one is not.
  await other.goto('/aktivitas')
  await expect(other).toHaveURL(/\/masuk\?ke=%2Faktivitas$/)
  await page.goto('/aktivitas')
  await expect(page).toHaveURL(/\/aktivitas$/)
  await laptop.close()
  await context.close()
})

test('sign-in says a session ended for inactivity, and returns to the page', async ({ page }) => {
  await page.goto('/masuk?ke=%2Fstaf&sesi=berakhir')
  await expect(page.getByRole('status')).toContainText('Sesi berakhir karena tidak ada aktivitas')
  await look(page, 'masuk-sesi-berakhir')
  await page.getByLabel('E-mail atau NIK').fill(demoStaff.interviewer)
  await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  await expect(page).toHaveURL(/\/staf$/)
})

test('an administrator’s idle periods are checked at the field, what was typed kept', async ({ noJsFormPage: page }) => {
  await signIn(page, demoStaff.administrator, DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/staf$/)
  await page.getByRole('link', { name: 'Batas tidak aktif sesi staf dan petugas kios' }).click()
  await expect(page).toHaveURL(/\/admin\/keamanan$/)
  const staff = page.getByLabel('Batas tidak aktif untuk staf (menit)')
  const kiosk = page.getByLabel('Batas tidak aktif untuk petugas kios (menit)')
  await expect(staff).toHaveValue('30')
  await expect(kiosk).toHaveValue('10')
  await staff.fill('2')
  await kiosk.fill('10m')
  await page.getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByText('Batas tidak aktif untuk staf paling singkat 5 menit.')).toBeVisible()
  await expect(page.getByText('ditulis sebagai bilangan bulat menit')).toBeVisible()
  await expect(staff).toHaveValue('2')
  await expect(kiosk).toHaveValue('10m')
  await look(page, 'admin-keamanan-salah')
  // The demo's own periods, saved again (other journeys rely on them).
  await staff.fill('30')
  await kiosk.fill('10')
  await page.getByRole('button', { name: 'Simpan' }).click()
  await expect(page).toHaveURL(/\/admin\/keamanan\?disimpan=1$/)
  await expect(page.getByRole('status')).toContainText('Batas tidak aktif disimpan')
})

test('a cross-origin POST to the answer save with the session cookie gets 403; this site’s own does not', async () => {
  const context = await request.newContext({ baseURL: BASE_URL })
  const signedIn = await context.post('/masuk', {
    form: { identifier: CANDIDATE, password: DEMO_PASSWORD },
    headers: { Origin: BASE_URL },
    maxRedirects: 0,
  })
  expect(signedIn.status()).toBe(302)
  const form = { attemptId: '00000000-0000-4000-8000-000000000000', q1: 'A' }
  const foreign = await context.post('/asesmen/simpan', { form, headers: { Origin: 'https://jahat.example' }, maxRedirects: 0 })
  expect(foreign.status()).toBe(403)
  const crossSite = await context.post('/asesmen/simpan', { form, headers: { 'Sec-Fetch-Site': 'cross-site' }, maxRedirects: 0 })
  expect(crossSite.status()).toBe(403)
  // Same origin: reaches the save, which answers about the (unknown) attempt, not 403.
  const own = await context.post('/asesmen/simpan', { form, headers: { Origin: BASE_URL, 'Sec-Fetch-Site': 'same-origin' }, maxRedirects: 0 })
  expect(own.status()).not.toBe(403)
  expect(own.status()).toBeLessThan(500)
  expect(await own.json()).toMatchObject({ ok: false })
  // Sign-out from another site is refused too: the session still works.
  expect((await context.post('/keluar', { form: { x: '1' }, headers: { Origin: 'https://jahat.example' }, maxRedirects: 0 })).status()).toBe(403)
  expect((await context.get('/aktivitas', { maxRedirects: 0 })).status()).toBe(200)
  await context.dispose()
})
