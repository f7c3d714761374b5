// SOP step 10 at phone size: the committee finalises and announces the seeded DGR batch 5
// (server/db/seedSelectionPlenary.ts: quota 6, two reserves — Dewi Lestari first); two
// who passed confirm their re-registration online, one with JavaScript on and one with it
// off; at the desk the kiosk officer finds the first by registration number, checks the
// documents (the diploma invalid, with a reason), the candidate re-uploads it (a wrong
// file refused at its field), and the officer's second check completes re-registration;
// a third declines (JavaScript off, the confirmation box first refused) and the first
// reserve is promoted at once, told by mail and on her own page. axe once per new page,
// screenshots at 360 px.
import { type Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff, newNoJsContext, newPhoneContext } from './helpers'
import { expectFieldError, look, signIn, waitForHydration } from './journeys/candidate'

const DGR = 'Desain Grafis Muda'
const prefix = 'daftar-ulang'
const A = { email: 'calon.dgr31@contoh.test', name: 'Andi Saputra' }
const B = { email: 'calon.dgr32@contoh.test', name: 'Wa Ode Nurhaliza' }
const C = { email: 'calon.dgr33@contoh.test', name: 'Muh. Rizky Pratama' }
const RESERVE_1 = { email: 'calon.dgr37@contoh.test', name: 'Dewi Lestari' }
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

async function announceBatch2(page: Page): Promise<string> {
  await page.goto('/staf/asesmen')
  await page.getByRole('link', { name: new RegExp(`${DGR} — Gelombang 5/`) }).click()
  await expect(page).toHaveURL(/\/staf\/gelombang\/[0-9a-f-]{36}$/)
  const hub = new URL(page.url()).pathname
  await page.goto(`${hub}/pleno`)
  await page.getByLabel('Panitia Seleksi Andi', { exact: true }).check()
  await page.getByLabel('Peran Panitia Seleksi Andi').fill('Ketua')
  await page.getByLabel('Tempat', { exact: true }).fill('Ruang Rapat BPVP Kendari')
  await page.getByRole('button', { name: 'Buka pleno' }).click()
  await expect(page.getByText('Data pleno disimpan.')).toBeVisible()
  await page.getByRole('link', { name: 'Periksa dan finalkan…' }).click()
  await page.getByRole('button', { name: 'Ya, finalkan pleno' }).click()
  await expect(page.getByText('Sudah difinalkan')).toBeVisible()
  await page.goto(`${hub}/pengumuman`)
  await page.getByRole('link', { name: 'Umumkan sekarang…' }).click()
  await page.getByRole('button', { name: 'Ya, umumkan sekarang' }).click()
  await expect(page.getByText('Hasil seleksi berhasil diumumkan.')).toBeVisible()
  return hub
}

/** Signed in as the candidate, on their re-registration page (through Aktivitas). */
async function openReRegistration(page: Page, email: string): Promise<{ registrationId: string; number: string }> {
  await signIn(page, email, DEMO_PASSWORD)
  await page.waitForURL((url) => !url.pathname.startsWith('/masuk'))
  await page.goto('/aktivitas')
  await page.getByRole('link', { name: /Lihat rincian/ }).first().click()
  await page.getByRole('link', { name: 'Daftar ulang', exact: true }).click()
  await expect(page).toHaveURL(/\/aktivitas\/[0-9a-f-]{36}\/daftar-ulang$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Daftar ulang')
  const registrationId = new URL(page.url()).pathname.split('/')[2]!
  const number = (await page.locator('dl.facts dd').first().textContent())!.trim()
  return { registrationId, number }
}

test('re-registration: confirm (JavaScript on and off), the desk check with a re-upload, a decline that promotes the first reserve', async ({
  formPage: page,
  browser,
  mailbox,
}) => {
  test.setTimeout(300_000)
  let hub = ''
  await test.step('the committee finalises and announces DGR batch 5', async () => {
    await signIn(page, demoStaff.selectionCommittee, DEMO_PASSWORD)
    await expect(page).toHaveURL(/\/staf$/)
    hub = await announceBatch2(page)
  })

  const candidate = await newPhoneContext(browser)
  const a = await candidate.newPage()
  let aReg = { registrationId: '', number: '' }
  await test.step('A confirms with JavaScript on: the page has no framework JavaScript and says what to bring', async () => {
    aReg = await openReRegistration(a, A.email)
    expect(await a.locator('script[type="module"]').count()).toBe(0)
    await expect(a.getByText('Fotokopi KTP', { exact: true })).toBeVisible()
    await look(a, `${prefix}-calon`, { shot: true })
    await a.getByLabel(/Saya menyatakan bersedia/).check()
    await a.getByRole('button', { name: 'Konfirmasi daftar ulang' }).click()
    await expect(a.getByText(/kesediaan Anda tercatat/)).toBeVisible()
    await expect(a.getByText(/Sudah dikonfirmasi pada/)).toBeVisible()
    await look(a, `${prefix}-calon-dikonfirmasi`, { shot: true, a11y: false })
  })

  await test.step('B confirms with JavaScript off; the statement box is required', async () => {
    const off = await newNoJsContext(browser)
    const b = await off.newPage()
    await openReRegistration(b, B.email)
    // Without the box ticked (the browser's `required` bypassed, as an old browser might).
    await b.locator('input[name="commitment"]').evaluate((el) => el.removeAttribute('required')).catch(() => undefined)
    await b.getByRole('button', { name: 'Konfirmasi daftar ulang' }).click()
    const box = b.getByLabel(/Saya menyatakan bersedia/)
    if (await b.getByText('Daftar ulang belum dapat dikonfirmasi.').isVisible()) {
      await expectFieldError(box, 'Centang pernyataan kesediaan')
    }
    await box.check()
    await b.getByRole('button', { name: 'Konfirmasi daftar ulang' }).click()
    await expect(b.getByText(/Sudah dikonfirmasi pada/)).toBeVisible()
    await look(b, `${prefix}-calon-nojs`, { shot: true })
    await off.close()
  })

  const desk = await newPhoneContext(browser)
  const officer = await desk.newPage()
  await test.step('at the desk: find A by registration number, start the check, the diploma is not valid', async () => {
    await signIn(officer, demoStaff.kioskOfficer, DEMO_PASSWORD)
    await expect(officer).toHaveURL(/\/staf$/)
    await officer.getByRole('link', { name: 'Daftar ulang di meja' }).click()
    await expect(officer).toHaveURL(/\/kios\/daftar-ulang$/)
    await waitForHydration(officer)
    await look(officer, `${prefix}-meja-cari`, { shot: true })
    await officer.getByLabel('Nomor pendaftaran atau NIK').fill('bukan nomor')
    await officer.getByRole('button', { name: 'Cari', exact: true }).click()
    await expectFieldError(officer.getByLabel('Nomor pendaftaran atau NIK'), 'Ketik nomor pendaftaran')
    await officer.getByLabel('Nomor pendaftaran atau NIK').fill(aReg.number.toLowerCase())
    await officer.getByRole('button', { name: 'Cari', exact: true }).click()
    await expect(officer.getByRole('heading', { name: A.name })).toBeVisible()
    await look(officer, `${prefix}-meja-ditemukan`, { shot: true })
    await officer.getByRole('button', { name: /Mulai pemeriksaan dokumen/ }).click()
    await expect(officer).toHaveURL(new RegExp(`/kios/daftar-ulang/${aReg.registrationId}$`))
    await waitForHydration(officer)
    await look(officer, `${prefix}-meja-periksa`, { shot: true })
    const ktp = officer.locator('section', { has: officer.getByRole('heading', { name: 'Fotokopi KTP' }) })
    await ktp.getByRole('button', { name: /Nyatakan sah/ }).click()
    await expect(officer.getByText('Hasil pemeriksaan tersimpan.')).toBeVisible()
    const receipt = officer.locator('section', { has: officer.getByRole('heading', { name: /Tanda pendaftaran/ }) })
    await receipt.getByRole('button', { name: /Nyatakan sah/ }).click()
    const diploma = officer.locator('section', { has: officer.getByRole('heading', { name: 'Fotokopi ijazah terakhir' }) })
    // No reason: refused at its field, nothing saved.
    await diploma.getByRole('button', { name: /Nyatakan tidak sah/ }).click()
    await expectFieldError(diploma.getByLabel(/Alasan tidak sah/), 'Tuliskan mengapa dokumen ini tidak sah')
    await diploma.getByLabel(/Alasan tidak sah/).fill('Fotokopi buram, nama tidak terbaca.')
    await diploma.getByRole('button', { name: /Nyatakan tidak sah/ }).click()
    await expect(officer.getByText('Hasil pemeriksaan tersimpan.')).toBeVisible()
    await expect(officer.locator('section', { has: officer.getByRole('heading', { name: 'Fotokopi ijazah terakhir' }) })).toContainText('Tidak sah')
  })

  await test.step('A sees why and re-uploads the diploma; a wrong file is refused at its field', async () => {
    await a.reload()
    const diploma = a.locator('li', { has: a.getByRole('heading', { name: 'Fotokopi ijazah terakhir' }) })
    await expect(diploma).toContainText('Fotokopi buram, nama tidak terbaca.')
    await diploma.getByLabel(/Berkas baru/).setInputFiles({ name: 'ijazah.txt', mimeType: 'text/plain', buffer: Buffer.from('bukan gambar') })
    await diploma.getByRole('button', { name: /Unggah ulang/ }).click()
    const again = a.locator('li', { has: a.getByRole('heading', { name: 'Fotokopi ijazah terakhir' }) })
    await expectFieldError(again.getByLabel(/Berkas baru/), 'Ijazah harus berupa berkas JPG, PNG, atau PDF.')
    await look(a, `${prefix}-calon-unggah-salah`, { shot: true, a11y: false })
    await again.getByLabel(/Berkas baru/).setInputFiles({ name: 'ijazah.png', mimeType: 'image/png', buffer: PNG })
    await again.getByRole('button', { name: /Unggah ulang/ }).click()
    await expect(a.getByText('Berkas tersimpan. Petugas akan memeriksanya lagi.')).toBeVisible()
  })

  await test.step('the officer views the new file and marks it valid: re-registration is complete', async () => {
    await officer.reload()
    const diploma = officer.locator('section', { has: officer.getByRole('heading', { name: 'Fotokopi ijazah terakhir' }) })
    await expect(diploma).toContainText('Belum diperiksa')
    const href = await diploma.getByRole('link', { name: /Lihat berkas/ }).getAttribute('href')
    const file = await officer.request.get(href!)
    expect(file.status()).toBe(200)
    // Uploads are decoded and re-encoded as JPEG before they are stored (decision 023).
    expect(file.headers()['content-type']).toBe('image/jpeg')
    await diploma.getByRole('button', { name: /Nyatakan sah/ }).click()
    await expect(officer.getByText(/Semua dokumen sah: daftar ulang selesai/)).toBeVisible()
    await look(officer, `${prefix}-meja-selesai`, { shot: true, a11y: false })
    await officer.getByRole('button', { name: 'Akhiri sesi bantuan' }).click()
    await expect(officer).toHaveURL(/\/kios\?selesai=1$/)
    await a.reload()
    await expect(a.getByText('Daftar ulang selesai', { exact: true })).toBeVisible()
    await expect(a.getByText('Sudah daftar ulang')).toBeVisible()
  })

  await test.step('C declines with JavaScript off; the first reserve is promoted at once and told', async () => {
    const since = new Date()
    const off = await newNoJsContext(browser)
    const c = await off.newPage()
    await openReRegistration(c, C.email)
    await c.getByLabel('Alasan (tidak wajib)').fill('Diterima bekerja di Makassar.')
    await c.getByRole('button', { name: 'Tolak tempat ini' }).click()
    await expectFieldError(c.getByLabel(/Ya, saya menolak tempat ini/), 'Centang kotak ini')
    await expect(c.getByLabel('Alasan (tidak wajib)')).toHaveValue('Diterima bekerja di Makassar.')
    await look(c, `${prefix}-tolak-nojs`, { shot: true })
    await c.getByLabel(/Ya, saya menolak tempat ini/).check()
    await c.getByRole('button', { name: 'Tolak tempat ini' }).click()
    await expect(c.getByText('Anda telah menolak tempat ini.')).toBeVisible()
    await off.close()

    const mail = await mailbox.waitForMail({ to: RESERVE_1.email, subjectIncludes: 'naik dari cadangan', since, timeoutMs: 30_000 })
    expect(mail.text).toMatch(/Daftar ulang \(wajib\) paling lambat .+WITA/)
    const r = await newPhoneContext(browser)
    const p = await r.newPage()
    await openReRegistration(p, RESERVE_1.email)
    await expect(p.getByText(/Anda naik dari calon cadangan menjadi lulus/)).toBeVisible()
    await r.close()
  })

  await test.step('the committee sees who confirmed, re-registered, declined and was promoted', async () => {
    await page.goto(hub)
    await page.getByRole('link', { name: 'Daftar ulang', exact: true }).click()
    await expect(page).toHaveURL(new RegExp(`${hub}/daftar-ulang$`))
    await expect(page.getByText(/1 sudah daftar ulang/)).toBeVisible()
    await expect(page.getByText(/1 menolak/)).toBeVisible()
    await expect(page.getByText(/1 cadangan naik/)).toBeVisible()
    await expect(page.getByRole('row', { name: new RegExp(RESERVE_1.name) })).toContainText('Cadangan naik')
    await waitForHydration(page)
    await look(page, `${prefix}-panitia`, { shot: true })
  })
  await candidate.close()
  await desk.close()
})
