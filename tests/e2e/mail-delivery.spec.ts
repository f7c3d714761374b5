// The batch's mail delivery view (issue 14, decision 017) at phone size: the committee
// reaches it from the batch hub, reads the summary, switches between "needs action" and
// every registration, with JavaScript on and off; axe once, a screenshot at 360 px.
// Failed mails, the relay's answer and the resend are covered against a refusing SMTP
// peer in tests/integration/mailDelivery.test.ts.
import { expect, test } from './fixtures'
import { checkA11y, DEMO_PASSWORD, demoStaff, expectFitsPhoneWidth, newNoJsContext, screenshot } from './helpers'
import { signIn } from './journeys/candidate'

const LAS_BATCH = /Pengelasan SMAW Posisi 3G — Gelombang 2\/\d{4}/

test('the committee reads a batch\'s mail delivery from the hub', async ({ formPage: page, browser }) => {
  await signIn(page, demoStaff.selectionCommittee, DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/staf$/)
  await page.goto('/staf/asesmen')
  await page.getByRole('link', { name: LAS_BATCH }).first().click()
  await expect(page).toHaveURL(/\/staf\/gelombang\/[0-9a-f-]{36}$/)
  const hub = new URL(page.url()).pathname
  await page.getByRole('link', { name: 'Pengiriman e-mail' }).click()
  await expect(page).toHaveURL(new RegExp(`${hub}/surat$`))
  await expect(page.getByRole('heading', { level: 1, name: /Pengiriman e-mail/ })).toBeVisible()
  await expect(page.getByText('Gagal, belum dikirim ulang')).toBeVisible()
  await expect(page.getByText('Tidak ada yang perlu ditindaklanjuti')).toBeVisible()

  await page.getByRole('link', { name: 'Semua pendaftar' }).click()
  await expect(page).toHaveURL(new RegExp(`${hub}/surat\\?tampil=semua$`))
  await expect(page.getByRole('heading', { level: 3 }).first()).toBeVisible()
  await expectFitsPhoneWidth(page)
  await checkA11y(page, 'mail delivery')
  await screenshot(page, 'mail-delivery-360')

  // Without JavaScript: the same page and links.
  const context = await newNoJsContext(browser)
  try {
    const noJs = await context.newPage()
    await signIn(noJs, demoStaff.administrator, DEMO_PASSWORD)
    await noJs.goto(`${hub}/surat`)
    await expect(noJs.getByText('Tanpa e-mail', { exact: true }).first()).toBeVisible()
    await noJs.getByRole('link', { name: 'Semua pendaftar' }).click()
    await expect(noJs).toHaveURL(new RegExp(`${hub}/surat\\?tampil=semua$`))
  } finally {
    await context.close()
  }
})
