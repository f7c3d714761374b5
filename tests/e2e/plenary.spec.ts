// SOP step 8, the selection plenary (issue 6 part 3), on the two seeded DGR batches whose
// interviews are done: the committee opens the plenary and records who is present (a
// missing place refused first), tries a what-if (weights not summing to 100 refused at
// the field, then someone changes outcome), adds an override (refused first without a
// reason) and finalises through the confirmation page — with JavaScript off on batch 3,
// on on batch 2 — then downloads the minutes PDF and reads it back (the ranked list and
// the hash), and the hash verifies on the public page (an unknown one is a friendly 404).
// axe on every page, screenshots at 360 px.
import { type Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff } from './helpers'
import { expectFieldError, look, readDownloadedPdf, signIn, waitForHydration } from './journeys/candidate'
import { phone } from './phone'

const prefix = 'plenary'
const DGR = 'Desain Grafis Muda'

async function openPlenaryPage(page: Page, batchNumber: number): Promise<string> {
  await signIn(page, demoStaff.selectionCommittee, DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/staf$/)
  await page.goto('/staf/asesmen')
  await page.getByRole('link', { name: new RegExp(`${DGR} — Gelombang ${batchNumber}/`) }).click()
  await expect(page).toHaveURL(/\/staf\/gelombang\/[0-9a-f-]{36}$/)
  const base = `${new URL(page.url()).pathname}/pleno`
  await page.goto(base)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Pleno hasil seleksi')
  return base
}

/** The value of the candidate's option in a "Calon" list. */
async function candidateOption(page: Page, name: string): Promise<string> {
  const value = await page.getByLabel('Calon', { exact: true }).locator('option', { hasText: name }).getAttribute('value')
  expect(value).toBeTruthy()
  return value!
}

for (const js of [false, true]) {
  const batchNumber = js ? 2 : 3
  const tag = js ? '' : '-nojs'
  test(`the committee runs the DGR ${batchNumber} plenary: attendees, what-if, an override, finalise, minutes, verification (JavaScript ${js ? 'on' : 'off'})`, async ({
    formPage,
    noJsFormPage,
    browser,
  }) => {
    test.setTimeout(240_000)
    const page = js ? formPage : noJsFormPage
    const hydrated = () => (js ? waitForHydration(page) : Promise.resolve())
    const base = await openPlenaryPage(page, batchNumber)

    await test.step('the proposal: ranked with the published chain, the absent candidate not ranked', async () => {
      await expect(page.getByText('Belum dibuka')).toBeVisible()
      await expect(page.getByRole('listitem').filter({ hasText: 'Nilai tes tulis lebih tinggi' })).toBeVisible()
      await expect(page.getByText(/Undian: SHA-256/)).toBeVisible()
      const table = page.getByRole('region', { name: 'Usulan peringkat' })
      if (js) {
        await expect(page.getByText('Lulus 6 · cadangan 2 · tidak lulus 6')).toBeVisible()
        await expect(table.getByRole('row', { name: /Dewi Lestari/ })).toContainText('diputus oleh nilai tes tulis')
      } else {
        await expect(page.getByText('Lulus 3 · cadangan 1 · tidak lulus 4')).toBeVisible()
      }
      await expect(table.getByRole('row', { name: js ? /Yusran Tamburaka/ : /Asmaul Husna/ })).toContainText('Tidak hadir wawancara.')
      await hydrated()
      await look(page, `${prefix}${tag}-usulan`, { shot: true })
    })

    await test.step('opening: a missing place is refused at its field, what was typed stays; then the plenary opens', async () => {
      await page.getByLabel('Panitia Seleksi Andi', { exact: true }).check()
      await page.getByLabel('Peran Panitia Seleksi Andi').fill('Ketua')
      await page.getByLabel('Nama yang hadir (tanpa akun) 1').fill('Drs. Hasan Basri')
      await page.getByLabel('Peran 1', { exact: true }).fill('Sekretaris')
      await page.getByLabel('Tempat', { exact: true }).fill('')
      await page.getByRole('button', { name: 'Buka pleno' }).click()
      await expect(page.getByText('Isian belum dapat disimpan.')).toBeVisible()
      await expectFieldError(page.getByLabel('Tempat', { exact: true }), 'Isi tempat pleno (3 sampai 200 karakter).')
      await expect(page.getByLabel('Nama yang hadir (tanpa akun) 1')).toHaveValue('Drs. Hasan Basri')
      await expect(page.getByLabel('Peran Panitia Seleksi Andi')).toHaveValue('Ketua')
      await expect(page.getByLabel('Panitia Seleksi Andi', { exact: true })).toBeChecked()
      await look(page, `${prefix}${tag}-buka-salah`, { shot: true })
      await page.getByLabel('Tempat', { exact: true }).fill('Ruang Rapat BPVP Kendari')
      await page.getByRole('button', { name: 'Buka pleno' }).click()
      await expect(page).toHaveURL(new RegExp(`${base}\\?ok=dibuka$`))
      await expect(page.getByText('Data pleno disimpan.')).toBeVisible()
      await expect(page.getByText('Panitia Seleksi Andi (Ketua); Drs. Hasan Basri (Sekretaris)')).toBeVisible()
    })

    await test.step('what-if: weights not summing to 100 are refused at the field; other weights show who changes', async () => {
      await page.getByLabel('Bobot tes tulis (%)').fill('70')
      await page.getByLabel('Bobot wawancara (%)').fill('20')
      await page.getByRole('button', { name: 'Coba', exact: true }).click()
      await expectFieldError(page.getByLabel('Bobot tes tulis (%)'), 'Jumlah bobot harus 100 (sekarang 90).')
      await expect(page.getByLabel('Bobot wawancara (%)')).toHaveValue('20')
      await page.getByLabel('Bobot tes tulis (%)').fill(js ? '50' : '20')
      await page.getByLabel('Bobot wawancara (%)').fill(js ? '50' : '80')
      await page.getByRole('button', { name: 'Coba', exact: true }).click()
      const changes = page.getByRole('region', { name: 'Yang berubah' })
      await expect(changes).toBeVisible()
      if (js) {
        await expect(changes.getByRole('row', { name: /Dewi Lestari/ })).toContainText('Lulus')
        await expect(changes.getByRole('row', { name: /La Ode Hamzah/ })).toContainText('Cadangan')
      } else {
        await expect(changes.getByRole('row', { name: /Sri Wahyuni/ })).toContainText('Lulus')
        await expect(changes.getByRole('row', { name: /Arif Rahman/ })).toContainText('Cadangan')
      }
      await look(page, `${prefix}${tag}-bagaimana-jika`, { shot: true })
      // Nothing was stored: the proposal is unchanged.
      await page.getByRole('link', { name: 'Kembali ke ketentuan gelombang' }).click()
      await expect(page.getByText(js ? 'Lulus 6 · cadangan 2 · tidak lulus 6' : 'Lulus 3 · cadangan 1 · tidak lulus 4')).toBeVisible()
    })

    const who = js ? 'Dewi Lestari' : 'Baharuddin'
    const reason = js ? 'Kuota tambahan dari mitra industri (surat nomor 12/2026).' : 'Satu-satunya calon dari Kecamatan Wawonii.'
    await test.step('an override without a reason is refused at the reason; with one it is saved with the name', async () => {
      await hydrated()
      await page.getByLabel('Calon', { exact: true }).selectOption(await candidateOption(page, who))
      await page.getByLabel('Keputusan', { exact: true }).selectOption({ label: js ? 'Lulus' : 'Cadangan' })
      await page.getByRole('button', { name: 'Simpan perubahan keputusan' }).click()
      await expectFieldError(page.getByLabel('Alasan (wajib)'), /Tuliskan alasan perubahan keputusan/)
      await expect(page.getByLabel('Keputusan', { exact: true })).toHaveValue(js ? 'passed' : 'reserve')
      await look(page, `${prefix}${tag}-perubahan-salah`, { shot: true })
      await page.getByLabel('Alasan (wajib)').fill(reason)
      await page.getByRole('button', { name: 'Simpan perubahan keputusan' }).click()
      await expect(page.getByText('Perubahan keputusan disimpan.')).toBeVisible()
      await expect(page.locator('#perubahan').getByText(reason)).toBeVisible()
      await expect(page.locator('#perubahan').getByText(/oleh Panitia Seleksi Andi/)).toBeVisible()
    })

    await test.step('finalise through the confirmation page', async () => {
      await page.getByRole('link', { name: 'Periksa dan finalkan…' }).click()
      await expect(page).toHaveURL(new RegExp(`${base}/finalkan$`))
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Finalkan pleno?')
      await expect(page.getByText(js ? 'Lulus 7 · Cadangan 1 · Tidak lulus 6' : 'Lulus 3 · Cadangan 2 · Tidak lulus 3')).toBeVisible()
      await hydrated()
      await look(page, `${prefix}${tag}-finalkan`, { shot: true })
      await page.getByRole('button', { name: 'Ya, finalkan pleno' }).click()
      await expect(page).toHaveURL(new RegExp(`${base}\\?ok=final$`))
      await expect(page.getByText('Sudah difinalkan')).toBeVisible()
      await expect(page.getByText(/Pleno difinalkan/)).toBeVisible()
      await expect(page.getByRole('region', { name: 'Keputusan pleno' }).getByRole('row', { name: new RegExp(who) })).toContainText(reason)
      await look(page, `${prefix}${tag}-final`, { shot: true })
    })

    const hash = (await page.locator('#riwayat code').first().textContent())!.trim()
    expect(hash).toMatch(/^[0-9a-f]{64}$/)

    if (js) {
      await test.step('the minutes PDF holds the ranked list, the override and the hash', async () => {
        const downloading = page.waitForEvent('download')
        await page.getByRole('link', { name: 'Unduh berita acara (PDF)' }).click()
        const download = await downloading
        expect(download.suggestedFilename()).toMatch(/^berita-acara-pleno-dgr-2-\d{4}-v1\.pdf$/)
        const text = await readDownloadedPdf(download, `${prefix}-berita-acara`)
        expect(text).toContain('BERITA ACARA PLENO HASIL SELEKSI')
        for (const name of ['Andi Saputra', 'Wa Ode Nurhaliza', 'La Ode Hamzah', 'Dewi Lestari', 'Agus Salim', 'Yusran Tamburaka']) expect(text).toContain(name)
        expect(text).toContain(reason)
        expect(text).toContain('Drs. Hasan Basri')
        expect(text.replace(/\s+/g, '')).toContain(hash)
        const xlsx = page.waitForEvent('download')
        await page.getByRole('link', { name: 'Unduh berita acara (XLSX)' }).click()
        expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/)
      })
    }

    await test.step('the hash verifies on the public page, without names; an unknown hash is a friendly 404', async () => {
      const visitor = await browser.newContext({ ...phone, javaScriptEnabled: js })
      const v = await visitor.newPage()
      const response = await v.goto(`/verifikasi/pleno/${hash}`)
      expect(response!.status()).toBe(200)
      await expect(v.getByText('Sidik ini milik keputusan pleno hasil seleksi yang sudah difinalkan.')).toBeVisible()
      await expect(v.getByText(`Gelombang ${batchNumber}/`)).toBeVisible()
      await expect(v.locator('dd').filter({ hasText: js ? '7 orang' : '3 orang' }).first()).toBeVisible()
      expect(await v.content()).not.toContain(who)
      if (js) {
        await look(v, `${prefix}-verifikasi`, { shot: true })
        const unknown = await v.goto(`/verifikasi/pleno/${'0'.repeat(64)}`)
        expect(unknown!.status()).toBe(404)
        await expect(v.getByText('Sidik ini tidak dikenal.')).toBeVisible()
        await look(v, `${prefix}-verifikasi-tidak-dikenal`, { shot: true })
      }
      await visitor.close()
    })
  })
}
