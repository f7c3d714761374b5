// Journey 1 with JavaScript off (a failed or slow script load, an old phone): the same
// candidate journey must work with plain HTML forms only — the region cascade through
// "Tampilkan pilihan wilayah", multipart uploads, the registration POST, the receipt as
// a download. Axe checks the JavaScript-off rendering where it differs from the hydrated
// page candidate-js.spec.ts checks: the sign-up entry and the address form's fallback
// (refresh buttons, the domicile fieldset shown, the form re-rendered by a refresh); the
// refusals a no-JavaScript POST answers with are checked in wrong-input.spec.ts. The
// other pages' server HTML is the same with JavaScript on or off.
import { expect, test } from './fixtures'
import {
  completeAddress,
  completeEducation,
  completeIdentity,
  completeOther,
  confirmRegistration,
  expectActivity,
  expectGenuineReceipt,
  expectProfileComplete,
  expectReceiptText,
  look,
  newCandidate,
  openConfirmation,
  readDownloadedPdf,
  readPdf,
  signUp,
  uploadDocuments,
  verificationPathFrom,
  verifyEmailFromMail,
} from './journeys/candidate'
import { guardPage } from './journeys/guard'

const PROGRAMME = 'Perawatan dan Perbaikan Sepeda Motor Injeksi'
const prefix = 'nojs'

test('a candidate signs up, completes the profile, registers and gets the receipt (JavaScript off)', async ({ noJsPage: page }) => {
  test.setTimeout(240_000)
  const problems = guardPage(page)
  const candidate = newCandidate({ emailPrefix: 'kandidat-nojs' })

  await test.step('sign up and verify the e-mail from the mailed link', async () => {
    await signUp(page, candidate, { js: false, prefix })
    await look(page, `${prefix}-profil-baru`, { shot: true, a11y: false })
    await verifyEmailFromMail(page, candidate, { prefix, a11y: false })
  })

  await test.step('complete every profile section: regions through the refresh button, uploads as plain forms', async () => {
    const same = { js: false, prefix, a11y: false }
    await completeIdentity(page, same)
    await completeAddress(page, { js: false, prefix })
    await completeEducation(page, same)
    await completeOther(page, same)
    await uploadDocuments(page, same)
    await expectProfileComplete(page, same)
  })

  let number = ''
  let registrationId = ''
  await test.step('choose a programme and register for its open batch', async () => {
    await page.getByRole('link', { name: 'Pilih program pelatihan' }).click()
    await expect(page).toHaveURL(/\/program$/)
    await openConfirmation(page, PROGRAMME, { js: false, prefix, a11y: false })
    ;({ number, registrationId } = await confirmRegistration(page))
    expect(number).toMatch(/^KDI-TSM-\d{4}\.1-\d{4}$/)
    await look(page, `${prefix}-pendaftaran-berhasil`, { shot: true, a11y: false })
  })

  let verificationPath = ''
  await test.step('download the receipt (a plain link) and read it back', async () => {
    const downloading = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Unduh tanda pendaftaran (PDF)' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe(`tanda-pendaftaran-${number}.pdf`)
    const text = await readDownloadedPdf(download, `${prefix}-tanda-pendaftaran`)
    expectReceiptText(text, candidate, number)
    expect(text).toContain(PROGRAMME)
    verificationPath = verificationPathFrom(text, number)

    // The same file over the candidate's own session, as a browser without a download
    // manager would fetch it: an attachment that is never cached.
    const response = await page.request.get(`/aktivitas/${registrationId}/tanda-pendaftaran`)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toBe('application/pdf')
    expect(response.headers()['content-disposition']).toBe(`attachment; filename="tanda-pendaftaran-${number}.pdf"`)
    expect(response.headers()['cache-control']).toContain('no-store')
    expectReceiptText(readPdf(await response.body(), `${prefix}-tanda-pendaftaran-request`), candidate, number)
  })

  await test.step('the verification address printed on the receipt says it is genuine', async () => {
    await expectGenuineReceipt(page, verificationPath, candidate, number, { prefix, a11y: false })
  })

  await test.step('Aktivitas shows the registration and its timeline', async () => {
    await expectActivity(page, number, { prefix, viaKiosk: false, a11y: false })
  })

  expect(problems, `the JavaScript-off pages reported errors:\n${problems.join('\n')}`).toEqual([])
})
