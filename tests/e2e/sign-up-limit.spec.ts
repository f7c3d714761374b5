// Sign-up per address (issue 9 §2, decision 018), on a server of its own so the shared
// journeys (all from 127.0.0.1) keep their own count: SIGN_UPS_PER_ADDRESS_HOUR=3 here.
// The fourth sign-up from the address is refused at the top of the form, in Indonesian,
// with what was typed kept and nothing created; the first three worked as usual.
import { expect, test } from './fixtures'
import { newNoJsContext } from './helpers'
import { fillSignUp, newCandidate, signUpForm } from './journeys/candidate'
import { type OwnServer, startOwnServer } from './ownServer'

let app: OwnServer | undefined

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(400_000)
  app = await startOwnServer({ name: 'sign-up-limit', env: { SIGN_UPS_PER_ADDRESS_HOUR: '3' } })
})

test.afterAll(async () => {
  await app?.stop()
})

test('the fourth sign-up in an hour from one address is refused at the top of the form, and nothing is created', async ({ browser }) => {
  test.setTimeout(120_000)
  const baseURL = `http://127.0.0.1:${app!.port}`
  const context = await newNoJsContext(browser, { baseURL })
  const page = await context.newPage()

  for (let i = 0; i < 3; i++) {
    await context.clearCookies()
    await page.goto('/daftar-akun')
    await fillSignUp(page, newCandidate({ emailPrefix: `batas-${i}` }))
    await signUpForm(page).submit.click()
    await expect(page).toHaveURL(/\/profil\?baru=1$/)
  }

  await context.clearCookies()
  const fourth = newCandidate({ emailPrefix: 'batas-keempat' })
  await page.goto('/daftar-akun')
  await fillSignUp(page, fourth)
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), signUpForm(page).submit.click()])
  expect(response.status()).toBe(429)
  await expect(page).toHaveURL(/\/daftar-akun$/)
  const alert = page.locator('main').getByRole('alert')
  await expect(alert).toContainText('Akun belum dibuat.')
  await expect(alert).toContainText(
    /Terlalu banyak akun dibuat dari jaringan Anda dalam satu jam terakhir\. Tunggu \d+ menit, lalu coba lagi — atau datangi kios pendaftaran BPVP Kendari/,
  )
  // What was typed is kept (never the password).
  await expect(signUpForm(page).nik).toHaveValue(fourth.nik)
  await expect(signUpForm(page).email).toHaveValue(fourth.email)
  await expect(signUpForm(page).password).toHaveValue('')

  // Nothing was created: that e-mail cannot sign in.
  await page.goto('/masuk')
  await page.getByLabel('E-mail atau NIK').fill(fourth.email)
  await page.getByLabel('Kata sandi', { exact: true }).fill(fourth.password)
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  await expect(page.locator('main').getByRole('alert')).toContainText('E-mail/NIK atau kata sandi salah.')
  await context.close()
})
