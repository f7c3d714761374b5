// Journey 1 with JavaScript on: a candidate signs up on their phone, verifies the
// e-mail from the mailed link, completes every profile section (the region cascade
// loading each level by itself, three real uploads), registers for a batch, downloads
// the receipt and reads it back, checks it on the verification page (the QR target),
// and follows the registration on Aktivitas. Every page visited is checked with axe.
import { expect, test } from './fixtures'
import { expectFitsPhoneWidth } from './helpers'
import {
  completeProfile,
  confirmRegistration,
  expectActivity,
  expectGenuineReceipt,
  expectProfileComplete,
  expectReceiptText,
  look,
  newCandidate,
  openConfirmation,
  readDownloadedPdf,
  signUp,
  verificationPathFrom,
  verifyEmailFromMail,
} from './journeys/candidate'

const PROGRAMME = 'Pengelasan SMAW Posisi 3G'
const prefix = 'js'

test('a candidate signs up, completes the profile, registers and gets the receipt (JavaScript on)', async ({ page }) => {
  test.setTimeout(240_000)
  const candidate = newCandidate({ emailPrefix: 'kandidat-js' })

  await test.step('sign up and verify the e-mail from the mailed link', async () => {
    await signUp(page, candidate, { js: true, prefix })
    await expectFitsPhoneWidth(page)
    // Before anything else the overview lists what is missing, each linking to its section.
    await expect(page.getByRole('progressbar', { name: 'Kelengkapan profil' })).not.toHaveAttribute('aria-valuenow', '100')
    await expect(page.getByText('Yang belum dilengkapi:')).toBeVisible()
    await expect(page.getByRole('link', { name: 'Tempat lahir' })).toHaveAttribute('href', '/profil/identitas')
    await look(page, `${prefix}-profil-baru`, { shot: true })
    await verifyEmailFromMail(page, candidate, { prefix })
  })

  await test.step('complete every profile section, with the region cascade and three uploads', async () => {
    await completeProfile(page, { js: true, prefix })
    await expectProfileComplete(page, { prefix })
    await expectFitsPhoneWidth(page)
  })

  let number = ''
  await test.step('choose a programme and register for its open batch', async () => {
    await page.getByRole('link', { name: 'Pilih program pelatihan' }).click()
    await expect(page).toHaveURL(/\/program$/)
    await openConfirmation(page, PROGRAMME, { js: true, prefix })
    await expectFitsPhoneWidth(page)
    ;({ number } = await confirmRegistration(page))
    expect(number).toMatch(/^KDI-LAS-\d{4}\.1-\d{4}$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(PROGRAMME)
    await look(page, `${prefix}-pendaftaran-berhasil`, { shot: true })
    await expectFitsPhoneWidth(page)
  })

  let verificationPath = ''
  await test.step('download the receipt and read it back', async () => {
    const downloading = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Unduh tanda pendaftaran (PDF)' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe(`tanda-pendaftaran-${number}.pdf`)
    const text = await readDownloadedPdf(download, `${prefix}-tanda-pendaftaran`)
    expectReceiptText(text, candidate, number)
    expect(text).toContain(PROGRAMME)
    verificationPath = verificationPathFrom(text, number)
  })

  await test.step('the verification address printed on the receipt says it is genuine', async () => {
    await expectGenuineReceipt(page, verificationPath, candidate, number, { prefix })
    // A tampered signature is not genuine.
    await page.goto(verificationPath.replace(/s=([\w-])/, (_, c: string) => `s=${c === 'A' ? 'B' : 'A'}`))
    await expect(page.getByText('Tanda pendaftaran tidak dapat diverifikasi.')).toBeVisible()
    await expect(page.locator('dl.facts')).toHaveCount(0)
    await look(page, `${prefix}-verifikasi-palsu`)
  })

  await test.step('Aktivitas shows the registration and its timeline', async () => {
    await expectActivity(page, number, { prefix, viaKiosk: false })
  })
})
