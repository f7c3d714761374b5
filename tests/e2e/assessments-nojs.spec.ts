// The written test with JavaScript off, on a phone: every "Simpan & lanjut" is a plain
// form post that saves the answer; the question map (buttons of the same form) saves
// and jumps; the review lists what was skipped, with links back; submitting is a plain
// post too. Every page visited is checked with axe (its HTML, scripts removed).
import { expect, test } from './fixtures'
import {
  KINDS,
  checkedKey,
  choose,
  createRegisteredCandidate,
  expectMapSummary,
  expectQuestionPage,
  expectReviewPage,
  fact,
  kindCard,
  look,
  mapEntry,
  openOverview,
  openStartPage,
  question,
  remainingSeconds,
  saveStatus,
  signInHere,
  startNow,
  submitFromReview,
} from './journeys/assessments'

const PROGRAMME = 'Perawatan dan Perbaikan Sepeda Motor Injeksi'
const prefix = 'asesmen-nojs'

test('a candidate takes the written test with JavaScript off', async ({ page, noJsPage }) => {
  test.setTimeout(600_000)
  const phone = noJsPage
  const answers = new Map<number, string>()

  /** Questions 1–5 and 10 answered: the overview and the start page show the attempt and where to go on. */
  const expectInProgressElsewhere = () =>
    test.step('meanwhile the overview shows the test in progress and resumes at the first unanswered question', async () => {
      await openOverview(phone, { prefix, name: 'asesmen-sedang-dikerjakan' })
      const card = kindCard(phone, 'written')
      await expect(card.getByText('Sedang dikerjakan')).toBeVisible()
      await expect(card.getByText('6 dari 40 terjawab')).toBeVisible()
      // The first question left is 6, where the start page's "Lanjutkan mengerjakan" goes too.
      await expect
        .soft(card.getByRole('link', { name: `Lanjutkan ${KINDS.written.label}` }), '"Lanjutkan" on the overview')
        .toHaveAttribute('href', `/asesmen/${KINDS.written.slug}/halaman/6`)
      await phone.goto(`/asesmen/${KINDS.written.slug}`)
      await expect(phone.getByText('Asesmen ini sedang Anda kerjakan.')).toBeVisible()
      await expect(phone.getByText('6 dari 40 terjawab')).toBeVisible()
      await look(phone, `${prefix}-mulai-sedang-dikerjakan`)
      await phone.getByRole('button', { name: 'Lanjutkan mengerjakan' }).click()
      await expectQuestionPage(phone, 'written', 6)
      expect(await checkedKey(phone, 6)).toBeNull()
    })

  const { candidate } = await test.step('a registered candidate (made with JavaScript on)', () =>
    createRegisteredCandidate(page, { programme: PROGRAMME, prefix, emailPrefix: 'asesmen-nojs' }),
  )

  await test.step('sign in without JavaScript and start the written test', async () => {
    await signInHere(phone, candidate.email, candidate.password, { open: true })
    await expect(phone).toHaveURL(/\/aktivitas$/)
    await openOverview(phone, { prefix })
    await expect(kindCard(phone, 'written')).toContainText('40 soal, waktu 40 menit.')
    await openStartPage(phone, 'written', { prefix })
    await startNow(phone, 'written')
    // The server renders the time left; without JavaScript it is what the page says.
    await expect(phone.getByRole('timer')).toHaveText(/^Sisa waktu: (39|40) menit$/)
    expect(await remainingSeconds(phone)).toBeGreaterThan(38 * 60)
    await expect(saveStatus(phone)).toHaveText('Pilih jawaban, lalu tekan "Simpan & lanjut". Jawaban tersimpan saat tombol ditekan.')
    await expectMapSummary(phone, 0, 40)
  })

  await test.step('questions 1–5 with "Simpan & lanjut", then the map from 5 to 10 (saving 5)', async () => {
    for (let n = 1; n <= 5; n++) {
      await expectQuestionPage(phone, 'written', n)
      await expect(phone.locator('#answer-form fieldset')).toHaveCount(1)
      answers.set(n, await choose(phone, n, n % 4))
      await look(phone, `${prefix}-siap-latih-soal-${n}`, { shot: n === 1 })
      if (n < 5) {
        await phone.getByRole('button', { name: 'Simpan & lanjut' }).click()
        await expectMapSummary(phone, n, 40)
        await expect(mapEntry(phone, n, { answered: true })).toBeVisible()
      }
    }
    // The map's entries are buttons of the answer form: they save this page, then jump.
    await mapEntry(phone, 10, { answered: false }).click()
    await expectQuestionPage(phone, 'written', 10)
    await expectMapSummary(phone, 5, 40)
    await expect(mapEntry(phone, 5, { answered: true })).toBeVisible()
    await expect(mapEntry(phone, 10)).toHaveAttribute('aria-current', 'step')
  })

  await test.step('questions 10–40 (looking at the overview after 10), then the review lists 6–9 as not answered', async () => {
    for (let n = 10; n <= 40; n++) {
      await expectQuestionPage(phone, 'written', n)
      answers.set(n, await choose(phone, n, (n + 1) % 4))
      await look(phone, `${prefix}-siap-latih-soal-${n}`, { shot: n === 40 })
      await phone.getByRole('button', { name: n < 40 ? 'Simpan & lanjut' : 'Simpan & periksa jawaban' }).click()
      if (n === 10) {
        await expectQuestionPage(phone, 'written', 11)
        await expectInProgressElsewhere()
        await phone.goto(`/asesmen/${KINDS.written.slug}/halaman/11`)
      }
    }
    await expectReviewPage(phone, 'written')
    await expect(phone.getByText('Ada 4 soal yang belum dijawab:')).toBeVisible()
    for (const n of [6, 7, 8, 9]) await expect(phone.getByRole('link', { name: `Soal ${n}`, exact: true })).toBeVisible()
    await expectMapSummary(phone, 36, 40)
    await look(phone, `${prefix}-siap-latih-periksa-belum-lengkap`, { shot: true })
  })

  await test.step('back to question 6 from the review; 6–9 answered; 10 still holds its saved answer', async () => {
    await phone.getByRole('link', { name: 'Soal 6', exact: true }).click()
    for (let n = 6; n <= 9; n++) {
      await expectQuestionPage(phone, 'written', n)
      expect(await checkedKey(phone, n), `question ${n} was never answered`).toBeNull()
      answers.set(n, await choose(phone, n, 3 - (n % 4)))
      await look(phone, `${prefix}-siap-latih-soal-${n}`)
      await phone.getByRole('button', { name: 'Simpan & lanjut' }).click()
    }
    await expectQuestionPage(phone, 'written', 10)
    await expect(question(phone, 10).locator('input:checked')).toHaveCount(1)
    expect(await checkedKey(phone, 10)).toBe(answers.get(10))
    await look(phone, `${prefix}-siap-latih-soal-10-tersimpan`)
    await phone.getByRole('button', { name: 'Periksa & kumpulkan' }).click()
  })

  await test.step('with all 40 answered, "Lanjutkan" on the overview and on the start page lead to the review', async () => {
    await expectReviewPage(phone, 'written')
    await openOverview(phone, { prefix, name: 'asesmen-semua-terjawab' })
    const card = kindCard(phone, 'written')
    await expect(card.getByText('40 dari 40 terjawab')).toBeVisible()
    await card.getByRole('link', { name: `Lanjutkan ${KINDS.written.label}` }).click()
    await expectReviewPage(phone, 'written')
    await phone.goto(`/asesmen/${KINDS.written.slug}`)
    await phone.getByRole('button', { name: 'Lanjutkan mengerjakan' }).click()
    await expectReviewPage(phone, 'written')
  })

  await test.step('submit all 40 answers and see the results page', async () => {
    expect(answers.size).toBe(40)
    await submitFromReview(phone, 'written', { prefix, js: false })
    const written = phone.getByRole('region', { name: KINDS.written.label })
    await expect(written.getByText(/^Hasil tes tulis diumumkan oleh panitia setelah .+ WITA\.$/)).toBeVisible()
    await expect(written.getByText(/^Nilai:/)).toHaveCount(0)
    await look(phone, `${prefix}-hasil`, { shot: true })
  })

  await test.step('the overview and the start page say it is done; the questions are closed', async () => {
    await openOverview(phone, { prefix, name: 'asesmen-selesai' })
    const card = kindCard(phone, 'written')
    await expect(card.getByText('Selesai', { exact: true })).toBeVisible()
    await expect(fact(card, 'Selesai pada')).toHaveText(/WITA$/)
    await expect(fact(card, 'Selesai pada')).not.toContainText('waktu habis')
    // The two inventories are still to do: the registration is not complete yet.
    await expect(kindCard(phone, 'self').getByText('Belum dikerjakan')).toBeVisible()
    await expect(phone.getByText(/^Ketiga asesmen sudah selesai\./)).toHaveCount(0)
    // A submitted attempt's questions lead back to the start page, which says it is done.
    await phone.goto(`/asesmen/${KINDS.written.slug}/halaman/3`)
    await expect(phone).toHaveURL(new RegExp(`/asesmen/${KINDS.written.slug}$`))
    await expect(phone.getByText(/^Anda sudah menyelesaikan asesmen ini pada /)).toBeVisible()
    await expect(phone.getByRole('button', { name: 'Mulai sekarang' })).toHaveCount(0)
    await look(phone, `${prefix}-siap-latih-selesai`, { shot: true })
  })
})
