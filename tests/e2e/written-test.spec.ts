// SOP step 6 for the committee and a candidate: the selection hub of the seeded LAS batch
// (server/db/seedSelectionWrittenTest.ts: its assessment deadline has passed, twelve
// candidates are assessed around the 60 % pass mark, two never sat the test), the
// selection settings refused first with weights that do not add up to 100, the
// written-test results, and publication behind a confirmation step. The batch can be
// published once per server, so the JavaScript-on run stops at the confirmation and the
// JavaScript-off run publishes; then a seeded candidate sees their score in Aktivitas.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { BASE_URL } from './phone'
import { DEMO_PASSWORD, demoStaff, expectFitsPhoneWidth, newNoJsContext, newPhoneContext } from './helpers'
import { witaDateTimeLocal } from './journeys/assessments'
import { look, signIn, waitForHydration } from './journeys/candidate'

const LAS_BATCH = /Pengelasan SMAW Posisi 3G — Gelombang 2\/\d{4}/
const CANDIDATE = 'calon.las01@contoh.test' // Andi Saputra: 34 of 40, 85
const DAY = 86_400_000

async function openHub(page: Page, js: boolean): Promise<string> {
  await signIn(page, demoStaff.selectionCommittee, DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/staf$/)
  await page.getByRole('link', { name: 'Seleksi per gelombang' }).click()
  await expect(page).toHaveURL(/\/staf\/asesmen$/)
  await page.getByRole('link', { name: LAS_BATCH }).click()
  await expect(page).toHaveURL(/\/staf\/gelombang\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Seleksi')
  if (js) await waitForHydration(page)
  const steps = page.getByRole('list', { name: 'Langkah seleksi' })
  await expect(steps.getByRole('link')).toHaveText([
    'Asesmen',
    'Hasil tes tulis',
    'Wawancara',
    'Pleno hasil seleksi',
    'Pengaturan seleksi',
  ])
  await expect(page.getByRole('region', { name: 'Pendaftar menurut status' })).toContainText('Asesmen selesai')
  return new URL(page.url()).pathname
}

async function changeSettings(page: Page, js: boolean, prefix: string) {
  await page.getByRole('link', { name: 'Pengaturan seleksi' }).click()
  await expect(page).toHaveURL(/\/pengaturan$/)
  await expect(page.getByText('Batas lulus: 60.')).toBeVisible()
  if (js) await waitForHydration(page)
  await look(page, `${prefix}-pengaturan`, { shot: true })
  const written = page.getByLabel('Tes tulis (%)')
  const interview = page.getByLabel('Wawancara (%)')
  const self = page.getByLabel('Penilaian diri (%)')
  const cutoff = witaDateTimeLocal(new Date(Date.now() + 5 * DAY)).slice(0, 11) + '17:00'

  // Weights that add up to 90: refused at the weights, everything typed stays.
  await written.fill('50')
  await interview.fill('30')
  await self.fill('10')
  await page.getByLabel('Jumlah yang diundang wawancara').fill('18')
  await page.getByLabel('Batas pindah jadwal wawancara (WITA)').fill(cutoff)
  await page.getByLabel('Yang dibawa saat wawancara').fill('KTP asli, ijazah asli, dan alat tulis.')
  await page.getByRole('button', { name: 'Simpan pengaturan seleksi' }).click()
  await expect(page.getByText('Pengaturan belum dapat disimpan.')).toBeVisible()
  await expect(page.getByText('Jumlah ketiga bobot harus 100 %; sekarang 90 %.')).toBeVisible()
  await expect(written).toHaveAttribute('aria-invalid', 'true')
  await expect(written).toHaveValue('50')
  await expect(interview).toHaveValue('30')
  await expect(self).toHaveValue('10')
  await expect(page.getByLabel('Jumlah yang diundang wawancara')).toHaveValue('18')
  await expect(page.getByLabel('Yang dibawa saat wawancara')).toHaveValue('KTP asli, ijazah asli, dan alat tulis.')
  await look(page, `${prefix}-pengaturan-salah`, { shot: true })

  await interview.fill('40')
  await page.getByRole('button', { name: 'Simpan pengaturan seleksi' }).click()
  await expect(page).toHaveURL(/\/pengaturan\?disimpan=1$/)
  await expect(page.getByText('Pengaturan seleksi tersimpan.')).toBeVisible()
  await expect(interview).toHaveValue('40')
  await expect(page.getByLabel('Batas pindah jadwal wawancara (WITA)')).toHaveValue(cutoff)
  await page.getByRole('link', { name: 'Kembali ke seleksi gelombang' }).click()
}

async function openResults(page: Page, js: boolean, prefix: string) {
  await page.getByRole('link', { name: 'Hasil tes tulis' }).click()
  await expect(page).toHaveURL(/\/tes-tulis$/)
  if (js) await waitForHydration(page)
  await expect(page.getByText('12 peserta dinilai: 7 lulus, 5 di bawah batas lulus; 2 tidak mengikuti tes.')).toBeVisible()
  const assessed = page.getByRole('table', { name: 'Peserta yang dinilai' })
  await expect(assessed.getByRole('row')).toHaveCount(13)
  await expect(assessed.getByRole('row').nth(1)).toContainText('Andi Saputra')
  await expect(assessed.getByRole('row').nth(1)).toContainText('85')
  await expect(page.getByRole('table', { name: 'Di bawah batas lulus' }).getByRole('row')).toHaveCount(6)
  await expect(page.getByRole('heading', { name: 'Tidak mengikuti tes tulis' })).toBeVisible()
  await look(page, `${prefix}-tes-tulis`, { shot: true })
  if (js) await expectFitsPhoneWidth(page)

  // A confirmation step first (a link and a page: it works without JavaScript).
  await page.getByRole('link', { name: 'Umumkan hasil tes tulis…' }).click()
  await expect(page).toHaveURL(/\/tes-tulis\?konfirmasi=1/)
  await expect(page.getByRole('heading', { name: 'Konfirmasi pengumuman' })).toBeVisible()
  await expect(page.getByText('12 calon akan menerima hasilnya (7 lulus, 5 tidak lulus) dengan batas lulus 60.')).toBeVisible()
  await look(page, `${prefix}-tes-tulis-konfirmasi`, { shot: true, a11y: false })
}

test.describe.serial('written-test results (SOP step 6)', () => {
  test('the committee opens the hub, changes the settings and reaches the confirmation (JavaScript on)', async ({ formPage }) => {
    test.setTimeout(180_000)
    const page = formPage
    await openHub(page, true)
    await look(page, 'tes-tulis-hub', { shot: true })
    await changeSettings(page, true, 'tes-tulis')
    await openResults(page, true, 'tes-tulis')
    // Cancelled: nothing published.
    await page.getByRole('link', { name: 'Batal' }).click()
    await expect(page).toHaveURL(/\/tes-tulis$/)
    await expect(page.getByText('Belum diumumkan: calon belum melihat nilai.', { exact: false })).toBeVisible()
  })

  test('the committee publishes, once, with JavaScript off', async ({ noJsFormPage, mailbox }) => {
    test.setTimeout(180_000)
    const page = noJsFormPage
    const hub = await openHub(page, false)
    await look(page, 'tes-tulis-nojs-hub', { shot: true })
    await changeSettings(page, false, 'tes-tulis-nojs')
    await openResults(page, false, 'tes-tulis-nojs')
    const since = new Date()
    await page.getByRole('button', { name: 'Ya, umumkan sekarang' }).click()
    await expect(page).toHaveURL(/\/tes-tulis\?diumumkan=1$/)
    await expect(page.getByText('Hasil tes tulis berhasil diumumkan.')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Ya, umumkan sekarang' })).toHaveCount(0)
    await expect(page.getByRole('table', { name: 'Peserta yang dinilai' }).getByRole('row').nth(1)).toContainText('Lulus')
    await look(page, 'tes-tulis-nojs-diumumkan', { shot: true })

    // The same confirmation posted again (a second click, a resent form) changes nothing.
    const url = `${BASE_URL}${hub}/tes-tulis`
    const again = await page.request.post(url, { form: { intent: 'publish', confirm: 'yes' }, headers: { Origin: BASE_URL } })
    expect(again.status()).toBe(409)
    expect(await again.text()).toContain('sudah diumumkan')
    const malformed: Array<Record<string, string>> = [{ intent: 'hapus' }, { intent: 'publish' }, { intent: 'publish\u0000', confirm: 'yes' }, {}]
    for (const form of malformed) {
      const bad = await page.request.post(url, { form, headers: { Origin: BASE_URL } })
      expect(bad.status(), JSON.stringify(form)).toBe(400)
    }

    // One e-mail per candidate: the result, the score against the pass mark, a link to Aktivitas.
    const mail = await mailbox.waitForMail({ to: CANDIDATE, subjectIncludes: 'Hasil tes tulis', since, timeoutMs: 60_000 })
    expect(mail.text).toContain('Nilai tes tulis (Asesmen Siap Latih) Anda: 85. Nilai batas lulus: 60.')
    expect(mail.text).toContain('/aktivitas/')
    await mailbox.waitForMail({ to: 'calon.las12@contoh.test', subjectIncludes: 'Hasil tes tulis', since, timeoutMs: 60_000 })
    await page.waitForTimeout(2_000)
    const results = mailbox.readMailbox().filter((m) => m.subject.startsWith('Hasil tes tulis') && m.to.some((to) => to.startsWith('calon.las')))
    expect(results).toHaveLength(12)
    expect(new Set(results.flatMap((m) => m.to)).size).toBe(12)
  })

  test('a seeded candidate sees their score and result in Aktivitas (JavaScript on and off)', async ({ browser }) => {
    test.setTimeout(120_000)
    for (const js of [true, false]) {
      const context = js ? await newPhoneContext(browser) : await newNoJsContext(browser)
      const page = await context.newPage()
      await signIn(page, CANDIDATE, DEMO_PASSWORD)
      await expect(page).toHaveURL(/\/aktivitas$/)
      const card = page.getByRole('article', { name: 'Pengelasan SMAW Posisi 3G' })
      await expect(card).toContainText('Lulus tes tulis')
      await card.getByRole('link', { name: /Lihat rincian/ }).click()
      await expect(page).toHaveURL(/\/aktivitas\/[0-9a-f-]{36}$/)
      await expect(page.getByText('Lulus tes tulis').first()).toBeVisible()
      const history = page.getByRole('list', { name: 'Riwayat pendaftaran, terbaru di atas' })
      await expect(history.getByRole('listitem').first()).toContainText('Hasil tes tulis diumumkan')
      await expect(history.getByRole('listitem').first()).toContainText('Nilai tes tulis 85, batas lulus 60: lulus.')
      await look(page, `tes-tulis${js ? '' : '-nojs'}-aktivitas`, { shot: true })
      await context.close()
    }
  })
})
