// SOP steps 5–6 with JavaScript on, on a phone: a registered candidate takes the three
// assessments — each answer saved in the background with a visible "Tersimpan" — reviews
// and submits each, reads the results (the interest profile suggesting vocational
// fields that link to the catalogue; the written-test score hidden until the committee
// publishes it), and finds the registration complete ("Asesmen selesai") on Aktivitas.
// Every page visited is checked with axe.
import { expect, test } from './fixtures'
import { expectFitsPhoneWidth } from './helpers'
import {
  EXPECTED_FIELDS,
  EXPECTED_TOP_SCALE,
  KINDS,
  answerInventoryWithJs,
  chooseAndSeeSaved,
  createRegisteredCandidate,
  expectMapSummary,
  expectQuestionPage,
  expectReviewPage,
  fact,
  interestAnswer,
  kindCard,
  likertAnswer,
  look,
  mapEntry,
  openOverview,
  openStartPage,
  question,
  saveStatus,
  startNow,
  submitFromReview,
  waitForHydration,
} from './journeys/assessments'

const PROGRAMME = 'Pengelasan SMAW Posisi 3G'
const prefix = 'asesmen-js'

test('a candidate takes all three assessments with JavaScript on and completes the registration', async ({ page }) => {
  // Slow on a busy 2-core machine: 129 answers, each seen saved, and axe on every page.
  test.setTimeout(900_000)
  let number = ''

  await test.step('a registered candidate (sign-up, verified e-mail, complete profile, registration)', async () => {
    ;({ number } = await createRegisteredCandidate(page, { programme: PROGRAMME, prefix, emailPrefix: 'asesmen-js' }))
  })

  await test.step('Aktivitas leads to the three assessments, each not taken yet, with the deadline', async () => {
    await page.goto('/aktivitas')
    const card = page.getByRole('article').filter({ hasText: number })
    await expect(card.getByText('Terdaftar', { exact: true })).toBeVisible()
    await expect(card.getByText(/^Kerjakan tiga asesmen \(Penilaian Diri, Potensi Diri, Siap Latih\) sebelum /)).toBeVisible()
    await look(page, `${prefix}-aktivitas-terdaftar`)
    await card.getByRole('link', { name: 'Asesmen: kerjakan dan lihat hasil' }).click()
    await expect(page).toHaveURL(/\/asesmen$/)
    await openOverview(page, { prefix, js: true })
    const registration = page.getByRole('region', { name: new RegExp(`^${PROGRAMME}`) })
    await expect(fact(registration, 'Pendaftaran')).toHaveText(number)
    await expect(fact(registration, 'Status')).toHaveText('Terdaftar')
    await expect(fact(registration, 'Batas asesmen')).toHaveText(/^\d{1,2} \w+ \d{4} (pukul )?\d{2}[.:]\d{2} WITA$/)
    for (const kind of ['self', 'potential', 'written'] as const) {
      await expect(kindCard(page, kind).getByText('Belum dikerjakan')).toBeVisible()
    }
    await expect(kindCard(page, 'self')).toContainText('49 soal, tanpa batas waktu per sesi.')
    await expect(kindCard(page, 'potential')).toContainText('40 soal, tanpa batas waktu per sesi.')
    await expect(kindCard(page, 'written')).toContainText('40 soal, waktu 40 menit.')
    await expectFitsPhoneWidth(page)
  })

  await test.step('the self-assessment: 49 statements on 7 pages, each choice saved in the background', async () => {
    await openStartPage(page, 'self', { prefix, js: true })
    await startNow(page, 'self', { js: true })
    // Before any choice the status line is empty (with JavaScript it says "Tersimpan" only after a save).
    await expect(saveStatus(page)).toHaveText('')
    await expectMapSummary(page, 0, 49)
    await expectFitsPhoneWidth(page)
    // Changing one's mind is saved too: the latest choice is what counts.
    await chooseAndSeeSaved(page, 1, 'Tidak Sesuai')
    await answerInventoryWithJs(page, 'self', likertAnswer, { prefix })
    await submitFromReview(page, 'self', { prefix, js: true })
    const self = page.getByRole('region', { name: KINDS.self.label })
    await expect(self.getByText(/^Rata-rata keseluruhan: \d(,\d+)? dari 5$/)).toBeVisible()
    await expect(self.getByRole('heading', { level: 3, name: 'Skor per aspek' })).toBeVisible()
    await look(page, `${prefix}-hasil-penilaian-diri`, { shot: true })
  })

  await test.step('the potential assessment: 40 items on 6 pages, each choice saved in the background', async () => {
    await openOverview(page, { js: true })
    await expect(kindCard(page, 'self').getByText('Selesai', { exact: true })).toBeVisible()
    await look(page, `${prefix}-asesmen-1-selesai`)
    await openStartPage(page, 'potential', { prefix, js: true })
    await startNow(page, 'potential', { js: true })
    await answerInventoryWithJs(page, 'potential', interestAnswer, { prefix })
    await submitFromReview(page, 'potential', { prefix, js: true })
  })

  await test.step('the results: an interest profile whose suggested fields link to the catalogue', async () => {
    const potential = page.getByRole('region', { name: KINDS.potential.label })
    await expect(potential.getByRole('heading', { level: 3, name: 'Profil minat Anda' })).toBeVisible()
    // The answers decide the profile: Realistik was liked most.
    const ranked = potential.getByRole('list').first().getByRole('listitem')
    await expect(ranked).toHaveCount(5)
    await expect(ranked.first()).toContainText(`${EXPECTED_TOP_SCALE} — 5 dari 5`)
    await expect(ranked.nth(1)).toContainText('Investigatif (analisis dan pemecahan masalah) — 4 dari 5')
    await expect(potential.getByRole('heading', { level: 3, name: 'Bidang pelatihan yang disarankan' })).toBeVisible()
    const links = potential.getByRole('link', { name: /^Lihat program bidang / })
    await expect(links).toHaveCount(EXPECTED_FIELDS.length)
    for (const field of EXPECTED_FIELDS) {
      await expect(potential.getByRole('link', { name: `Lihat program bidang ${field}` })).toHaveAttribute(
        'href',
        `/program?bidang=${encodeURIComponent(field)}`,
      )
    }
    await expectFitsPhoneWidth(page)
    await look(page, `${prefix}-hasil-potensi-diri`, { shot: true })

    await potential.getByRole('link', { name: 'Lihat program bidang Las' }).click()
    await expect(page).toHaveURL(/\/program\?bidang=Las$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Program pelatihan')
    await expect(page.getByLabel('Kejuruan', { exact: true })).toHaveValue('Las')
    await expect(page.getByRole('heading', { name: PROGRAMME })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Menjahit Pakaian Wanita' })).toHaveCount(0)
    await look(page, `${prefix}-program-bidang-las`, { shot: true })
  })

  await test.step('the written test: one question per screen, a timer, the map, a skipped question found on review', async () => {
    await openOverview(page, { js: true })
    await openStartPage(page, 'written', { prefix, js: true })
    const facts = page.getByRole('region', { name: 'Rincian' })
    await expect(fact(facts, 'Jika mulai sekarang, waktu berakhir')).toHaveText(/WITA$/)
    // A 40-minute test well before the deadline is not cut short.
    await expect(page.getByText(/^Perhatian: batas asesmen gelombang ini jatuh pada/)).toHaveCount(0)
    await startNow(page, 'written', { js: true })
    await expect(page.getByRole('timer')).toHaveText(/^Sisa waktu: (39|40) menit$/)
    await expectFitsPhoneWidth(page)
    for (let n = 1; n <= 40; n++) {
      await expectQuestionPage(page, 'written', n)
      // One question, four or five options, never the answer key.
      await expect(page.locator('#answer-form fieldset')).toHaveCount(1)
      const options = question(page, n).getByRole('radio')
      expect(await options.count()).toBeGreaterThanOrEqual(4)
      await expect(mapEntry(page, n)).toHaveAttribute('aria-current', 'step')
      if (n === 7) {
        // Skipped on purpose: the review must point back to it.
        await look(page, `${prefix}-siap-latih-soal-${n}`)
        await page.getByRole('button', { name: 'Simpan & lanjut' }).click()
        continue
      }
      await chooseAndSeeSaved(page, n, n % 4)
      await look(page, `${prefix}-siap-latih-soal-${n}`, { shot: n === 1 || n === 40 })
      await page.getByRole('button', { name: n < 40 ? 'Simpan & lanjut' : 'Simpan & periksa jawaban' }).click()
    }
    await expectReviewPage(page, 'written')
    await waitForHydration(page)
    await expect(page.getByText('Ada 1 soal yang belum dijawab:')).toBeVisible()
    await expectMapSummary(page, 39, 40)
    await expect(mapEntry(page, 7, { answered: false, role: 'link' })).toBeVisible()
    await look(page, `${prefix}-siap-latih-periksa-belum-lengkap`, { shot: true })
    await page.getByRole('link', { name: 'Soal 7', exact: true }).click()
    await expectQuestionPage(page, 'written', 7)
    await chooseAndSeeSaved(page, 7, 0)
    await page.getByRole('button', { name: 'Periksa & kumpulkan' }).click()
    await submitFromReview(page, 'written', { prefix, js: true })
  })

  await test.step('the written-test score stays hidden until the committee publishes it', async () => {
    const written = page.getByRole('region', { name: KINDS.written.label })
    await expect(written.getByText(/^Hasil tes tulis diumumkan oleh panitia setelah .+ WITA\.$/)).toBeVisible()
    await expect(written.getByText(/^Nilai:/)).toHaveCount(0)
    await expect(written.getByText(/benar dari 40 soal/)).toHaveCount(0)
    await expectFitsPhoneWidth(page)
    await look(page, `${prefix}-hasil-semua`, { shot: true })
  })

  await test.step('the overview says all three are done; none can be started again for six months', async () => {
    await openOverview(page, { prefix, name: 'asesmen-selesai', js: true })
    await expect(page.getByText('Ketiga asesmen sudah selesai. Pendaftaran Anda lengkap; pantau hasil tes tulis di Aktivitas.')).toBeVisible()
    for (const kind of ['self', 'potential', 'written'] as const) {
      const card = kindCard(page, kind)
      await expect(card.getByText('Selesai', { exact: true })).toBeVisible()
      await expect(fact(card, 'Berlaku sampai')).toHaveText(/WITA$/)
      await expect(card.getByRole('link', { name: 'Mulai', exact: false })).toHaveCount(0)
    }
    await expect(fact(kindCard(page, 'written'), 'Nilai')).toHaveCount(0)
    await page.goto(`/asesmen/${KINDS.self.slug}`)
    await expect(page.getByText(/^Anda sudah menyelesaikan asesmen ini pada .+\. Hasilnya berlaku sampai .+\.$/)).toBeVisible()
    await expect(page.getByText(/^Asesmen ini dapat diikuti lagi mulai .+ WITA\.$/)).toBeVisible()
    await expect(page.getByRole('button', { name: 'Mulai sekarang' })).toHaveCount(0)
    await look(page, `${prefix}-penilaian-diri-selesai`, { shot: true })
  })

  await test.step('Aktivitas shows the registration complete ("Asesmen selesai") and the submissions', async () => {
    await page.goto('/aktivitas')
    const card = page.getByRole('article').filter({ hasText: number })
    await expect(card.getByText('Asesmen selesai', { exact: true })).toBeVisible()
    await expect(card.getByText(/^Tunggu pengumuman hasil tes tulis di Aktivitas\./)).toBeVisible()
    await look(page, `${prefix}-aktivitas-asesmen-selesai`, { shot: true })
    await card.getByRole('link', { name: `Lihat rincian dan tanda pendaftaran untuk ${number}` }).click()
    const timeline = page.getByRole('list', { name: 'Riwayat pendaftaran, terbaru di atas' })
    for (const label of [
      `${KINDS.self.label} dikumpulkan`,
      `${KINDS.potential.label} dikumpulkan`,
      `${KINDS.written.label} dikumpulkan`,
      'Selesaikan asesmen',
      'Mendaftar',
    ]) {
      await expect(timeline.getByRole('listitem').filter({ hasText: label })).toHaveCount(1)
    }
    await look(page, `${prefix}-aktivitas-rincian`, { shot: true })
  })
})
