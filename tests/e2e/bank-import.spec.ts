// Issue 13: an administrator imports a question bank in two steps. The upload shows a
// preview (what will be added, what changes old → new, every refused row) and stores
// nothing; the confirmation applies it. A file edited through CSV, whose fractions became
// dates, is refused at row and column and cannot be applied. JavaScript on and off; axe
// on the upload page and on the preview.
import { fileURLToPath } from 'node:url'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff } from './helpers'
import { look, signIn, waitForHydration } from './journeys/candidate'

const FIXTURES = fileURLToPath(new URL('../fixtures/spreadsheets/', import.meta.url))

for (const js of [true, false]) {
  test(`an administrator uploads a bank, reads the preview and confirms; a CSV-mangled file is refused (JavaScript ${js ? 'on' : 'off'})`, async ({
    formPage,
    noJsFormPage,
  }) => {
    test.setTimeout(180_000)
    const page = js ? formPage : noJsFormPage
    const hydrated = () => (js ? waitForHydration(page) : Promise.resolve())
    const tag = js ? '' : '-nojs'
    const suffix = `${js ? 1 : 2}${String(Date.now() % 10000).padStart(4, '0')}`

    const bankUrl = await test.step('sign in and create an empty written-test bank', async () => {
      await signIn(page, demoStaff.administrator, DEMO_PASSWORD)
      await expect(page).toHaveURL(/\/staf$/)
      await page.goto('/admin/bank-soal/baru')
      await hydrated()
      await page.getByLabel('Jenis asesmen', { exact: true }).selectOption('written_test')
      await page.getByLabel('Kode bank', { exact: true }).fill(`SL-I${suffix}`)
      await page.getByLabel('Judul', { exact: true }).fill(`Impor uji ${suffix}`)
      await page.getByRole('button', { name: 'Buat bank soal' }).click()
      await expect(page).toHaveURL(/\/admin\/bank-soal\/[0-9a-f-]{36}\?disimpan=bank$/)
      return page.url().split('?')[0]!
    })

    await test.step('the import page explains the two steps', async () => {
      await page.getByRole('link', { name: 'Impor XLSX' }).click()
      await expect(page).toHaveURL(new RegExp(`${bankUrl.replace(/[/.]/g, '\\$&')}/impor$`))
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Impor soal dari XLSX atau CSV')
      await hydrated()
      await look(page, `bank-impor${tag}`, { shot: true, a11y: js })
    })

    await test.step('uploading the file shows a preview and stores nothing', async () => {
      await page.getByLabel('Berkas XLSX atau CSV', { exact: true }).setInputFiles(`${FIXTURES}bank-export.xlsx`)
      await page.getByRole('button', { name: 'Periksa berkas' }).click()
      await expect(page).toHaveURL(/\/impor\?pratinjau=[0-9a-f-]{36}$/)
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Pratinjau impor')
      await expect(page.getByRole('heading', { name: '7 soal akan ditambah, 0 soal akan diubah, 0 soal tidak berubah.' })).toBeVisible()
      await expect(page.getByText('Belum ada yang disimpan.')).toBeVisible()
      const added = page.getByRole('region', { name: 'Akan ditambah (7)' })
      await expect(added.getByRole('row', { name: /SL-UMUM-015/ })).toContainText('Pecahan yang nilainya sama dengan 1/3 adalah …')
      await expect(added.getByRole('row', { name: /SL-UMUM-018/ })).toContainText('-5 + 3 = …')
      await hydrated()
      await look(page, `bank-impor-pratinjau${tag}`, { shot: true, a11y: js })
      // Nothing is stored yet: the bank still has no questions.
      await page.goto(bankUrl)
      await expect(page.getByText('Belum ada soal.', { exact: false })).toBeVisible()
      await page.goBack()
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Pratinjau impor')
    })

    await test.step('confirming applies it', async () => {
      await hydrated()
      await page.getByRole('button', { name: 'Terapkan impor' }).click()
      await expect(page).toHaveURL(/\/admin\/bank-soal\/[0-9a-f-]{36}\?impor=7\.0\.0\.0$/)
      await expect(page.getByText('Impor selesai: 7 soal baru, 0 soal diperbarui (versi baru), 0 tidak berubah.')).toBeVisible()
      await expect(page.getByRole('row', { name: /SL-UMUM-016/ })).toBeVisible()
    })

    await test.step('a file whose fractions became dates through CSV is refused at row and column, with 007 → 7 shown', async () => {
      await page.goto(`${bankUrl}/impor`)
      await hydrated()
      await page.getByLabel('Berkas XLSX atau CSV', { exact: true }).setInputFiles(`${FIXTURES}bank-export.csv-roundtrip.xlsx`)
      await page.getByRole('button', { name: 'Periksa berkas' }).click()
      await expect(page.getByText('4 kesalahan; berkas ini tidak dapat diterapkan.')).toBeVisible()
      await expect(page.getByText('Baris 3, kolom E (opsi_b): berisi tanggal 04/12/2026 — ketik sebagai teks (format sel Teks), bukan tanggal.')).toBeVisible()
      await expect(page.getByText('Lembar "bank-export" dibaca sebagai lembar Soal.', { exact: false })).toBeVisible()
      const change = page.getByRole('table', { name: /SL-UMUM-016/ })
      await expect(change.getByRole('row', { name: /opsi_a/ })).toContainText('007')
      await expect(change.getByRole('row', { name: /opsi_a/ })).toContainText('7')
      await expect(page.getByRole('button', { name: 'Terapkan impor' })).toHaveCount(0)
      await look(page, `bank-impor-ditolak${tag}`, { shot: true, a11y: js })
    })
  })
}
