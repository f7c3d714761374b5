// Nothing is lost mid-test: a candidate answers part of the written test, reloads the
// page (every answer is still there, the time left has not reset), then picks up
// another phone — a new browser context with nothing shared — signs in again and finds
// the same attempt: every answer, the same end time, the same time left. An answer given
// on the second phone shows on the first, and the start page resumes rather than
// starting a second attempt. Every page visited is checked with axe.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { expectFitsPhoneWidth } from './helpers'
import {
  KINDS,
  checkedKey,
  chooseAndSeeSaved,
  createRegisteredCandidate,
  expectMapSummary,
  expectQuestionPage,
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
  waitForHydration,
} from './journeys/assessments'
import { openGuardedPage } from './journeys/guard'

const PROGRAMME = 'Desain Grafis Muda'
const prefix = 'asesmen-lanjut'
/** The countdown shows whole minutes, and the two readings are a few seconds apart. */
const CLOCK_SLACK_SECONDS = 60

async function expectAnswers(page: Page, answers: ReadonlyMap<number, string>, name: string) {
  for (const [position, key] of answers) {
    await mapEntry(page, position, { answered: true }).click()
    await expectQuestionPage(page, 'written', position)
    expect(await checkedKey(page, position), `${name}: the answer to question ${position}`).toBe(key)
  }
}

test('reloading and switching phones mid-test keep every answer and the same time left', async ({ page, browser }) => {
  test.setTimeout(300_000)
  const answers = new Map<number, string>()

  const { candidate } = await test.step('a registered candidate', () =>
    createRegisteredCandidate(page, { programme: PROGRAMME, prefix, emailPrefix: 'asesmen-lanjut' }),
  )

  await test.step('start the written test and answer questions 1–6 (6 only saved in the background)', async () => {
    await openOverview(page, { js: true })
    await openStartPage(page, 'written', { prefix, js: true })
    await startNow(page, 'written', { js: true })
    for (let n = 1; n <= 6; n++) {
      await expectQuestionPage(page, 'written', n)
      answers.set(n, await chooseAndSeeSaved(page, n, (n + 2) % 4))
      if (n < 6) {
        await look(page, `${prefix}-siap-latih-soal-${n}`)
        await page.getByRole('button', { name: 'Simpan & lanjut' }).click()
      }
    }
    await expectMapSummary(page, 6, 40)
  })

  await test.step('offline: a changed answer waits, the page says so, and it is sent when back online', async () => {
    await page.context().setOffline(true)
    const radio = question(page, 6).getByRole('radio').nth(3)
    await radio.check()
    await expect(saveStatus(page)).toHaveText(/^Tidak ada koneksi\. Jawaban Anda akan dikirim otomatis saat tersambung lagi/)
    await look(page, `${prefix}-tanpa-koneksi`, { shot: true })
    const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/asesmen/simpan' && r.request().method() === 'POST')
    await page.context().setOffline(false)
    expect((await sent).status()).toBe(200)
    await expect(saveStatus(page)).toHaveText('Tersimpan')
    answers.set(6, (await radio.getAttribute('value'))!)
  })

  let endsAt = ''
  await test.step('reload: every answer is kept and the time left carries on', async () => {
    const before = await remainingSeconds(page)
    await page.reload()
    await expectQuestionPage(page, 'written', 6)
    await waitForHydration(page)
    expect(await checkedKey(page, 6), 'the answer saved in the background survives a reload').toBe(answers.get(6))
    await expectMapSummary(page, 6, 40)
    await expect(saveStatus(page)).toHaveText('')
    const after = await remainingSeconds(page)
    expect(after, 'the time left does not reset on reload').toBeLessThanOrEqual(before)
    expect(after).toBeGreaterThanOrEqual(before - CLOCK_SLACK_SECONDS)
    await expectFitsPhoneWidth(page)
    await look(page, `${prefix}-setelah-muat-ulang`, { shot: true })
    await expectAnswers(page, answers, 'after the reload')

    await openOverview(page, { prefix, name: 'asesmen-sedang-dikerjakan', js: true })
    const card = kindCard(page, 'written')
    await expect(card.getByText('Sedang dikerjakan')).toBeVisible()
    await expect(card.getByText('6 dari 40 terjawab')).toBeVisible()
    endsAt = (await fact(card, 'Waktu berakhir').innerText()).trim()
    expect(endsAt).toMatch(/WITA$/)
  })

  const other = await openGuardedPage(browser, { js: true })
  const second = other.page
  try {
    await test.step('another phone: sign in again and land on the question asked for', async () => {
      await second.goto(`/asesmen/${KINDS.written.slug}/halaman/4`)
      await expect(second).toHaveURL(/\/masuk\?ke=/)
      await look(second, `${prefix}-masuk-lagi`, { shot: true })
      await signInHere(second, candidate.nik, candidate.password)
      await expectQuestionPage(second, 'written', 4)
      await waitForHydration(second)
      expect(await checkedKey(second, 4)).toBe(answers.get(4))
      await expectMapSummary(second, 6, 40)
      await look(second, `${prefix}-hp-lain-soal-4`, { shot: true })
    })

    await test.step('the same time left on both phones, and the same end time', async () => {
      await page.goto(`/asesmen/${KINDS.written.slug}/halaman/4`)
      await waitForHydration(page)
      const first = await remainingSeconds(page)
      const onSecond = await remainingSeconds(second)
      expect(Math.abs(first - onSecond), `time left: ${first}s on the first phone, ${onSecond}s on the second`).toBeLessThanOrEqual(
        CLOCK_SLACK_SECONDS,
      )
      expect(onSecond).toBeGreaterThan(30 * 60)
      await openOverview(second, { prefix, name: 'hp-lain-asesmen', js: true })
      const card = kindCard(second, 'written')
      await expect(card.getByText('6 dari 40 terjawab')).toBeVisible()
      await expect(fact(card, 'Waktu berakhir')).toHaveText(endsAt)
    })

    await test.step('every answer is on the second phone; "Lanjutkan" resumes at the first unanswered question', async () => {
      await kindCard(second, 'written').getByRole('link', { name: `Lanjutkan ${KINDS.written.label}` }).click()
      await expectQuestionPage(second, 'written', 7)
      await waitForHydration(second)
      await expectAnswers(second, answers, 'on the second phone')
      await mapEntry(second, 7, { answered: false }).click()
      await expectQuestionPage(second, 'written', 7)
      answers.set(7, await chooseAndSeeSaved(second, 7, 1))
      await look(second, `${prefix}-hp-lain-soal-7`)
    })

    await test.step('back on the first phone: the answer given on the second is there', async () => {
      await page.goto(`/asesmen/${KINDS.written.slug}/halaman/7`)
      await expectQuestionPage(page, 'written', 7)
      await waitForHydration(page)
      expect(await checkedKey(page, 7)).toBe(answers.get(7))
      await expectMapSummary(page, 7, 40)
      await look(page, `${prefix}-soal-7-dari-hp-lain`)
    })

    await test.step('the start page resumes the same attempt instead of starting another', async () => {
      await page.goto(`/asesmen/${KINDS.written.slug}`)
      await expect(page.getByText('Asesmen ini sedang Anda kerjakan.')).toBeVisible()
      await expect(fact(page.locator('main'), 'Waktu berakhir')).toHaveText(endsAt)
      await expect(page.getByText('7 dari 40 terjawab')).toBeVisible()
      await expect(page.getByRole('button', { name: 'Mulai sekarang' })).toHaveCount(0)
      await look(page, `${prefix}-mulai-sedang-dikerjakan`, { shot: true })
      await page.getByRole('button', { name: 'Lanjutkan mengerjakan' }).click()
      await expectQuestionPage(page, 'written', 8)
      await expectMapSummary(page, 7, 40)
      // Still the same end: the attempt was not started again.
      await openOverview(page, { js: true })
      await expect(fact(kindCard(page, 'written'), 'Waktu berakhir')).toHaveText(endsAt)
      await expect(kindCard(page, 'written').getByText('7 dari 40 terjawab')).toBeVisible()
    })
  } finally {
    await other.context.close()
  }
  expect(other.problems, `the second phone reported errors:\n${other.problems.join('\n')}`).toEqual([])
})
