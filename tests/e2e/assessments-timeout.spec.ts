// The time runs out. The shortest written-test limit the batch form allows is 5 minutes,
// too long to wait for in a journey, so the administrator instead moves the test batch's
// assessment deadline (and, to keep the SOP order, its registration close) to 2–3
// minutes from now, after the candidate has registered and taken the two inventories.
// The start page warns that the deadline cuts the written test short; the candidate
// answers four questions (the last only saved in the background) and keeps the page open.
// At the deadline the page finds the attempt submitted from the saved answers; a late
// answer is refused and changes nothing; the registration is complete; and the
// committee's item statistics show exactly the four saved answers, scored.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  KINDS,
  answerInventoryWithJs,
  attemptIdOn,
  chooseAndSeeSaved,
  createRegisteredCandidate,
  expectMapSummary,
  expectQuestionPage,
  fact,
  interestAnswer,
  kindCard,
  likertAnswer,
  look,
  moveBatchSchedule,
  openOverview,
  openStartPage,
  remainingSeconds,
  signInAsStaff,
  startNow,
  stemOf,
  submitFromReview,
  waitForHydration,
  witaDateTimeLocal,
} from './journeys/assessments'
import { openGuardedPage } from './journeys/guard'

const PROGRAMME = 'Menjahit Pakaian Wanita'
const prefix = 'asesmen-waktu-habis'

/** '23[.:]05 WITA': how a date shown on a page ('28 November 2026 pukul 23.05 WITA') gives the time. */
function wallClock(instant: Date): string {
  const [hh, mm] = witaDateTimeLocal(instant).slice(11).split(':')
  return `${hh}[.:]${mm} WITA`
}
const wallClockPattern = (instant: Date) => new RegExp(`${wallClock(instant)}$`)

async function takeInventory(page: Page, kind: 'self' | 'potential') {
  await openOverview(page, { js: true })
  await openStartPage(page, kind, { prefix, js: true })
  await startNow(page, kind, { js: true })
  await answerInventoryWithJs(page, kind, kind === 'self' ? likertAnswer : interestAnswer, { prefix })
  await submitFromReview(page, kind, { prefix, js: true })
}

test('when the time runs out, the attempt is submitted with the saved answers', async ({ page, browser }) => {
  test.setTimeout(720_000)

  const registered = await test.step('a registered candidate takes the two untimed inventories first', async () => {
    const r = await createRegisteredCandidate(page, { programme: PROGRAMME, prefix, emailPrefix: 'asesmen-waktu' })
    await takeInventory(page, 'self')
    await takeInventory(page, 'potential')
    return r
  })

  // Whole minutes (the form's datetime-local), 2–3 minutes ahead: time to start and answer a few.
  const deadline = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 3 * 60_000)

  await test.step('the administrator moves the batch deadline (and registration close) to a few minutes from now', async () => {
    const admin = await openGuardedPage(browser, { js: true })
    try {
      await signInAsStaff(admin.page, 'administrator')
      await moveBatchSchedule(
        admin.page,
        registered.batchId,
        { registrationClosesAt: deadline, assessmentDeadline: deadline },
        { prefix },
      )
    } finally {
      await admin.context.close()
    }
    expect(admin.problems, admin.problems.join('\n')).toEqual([])
  })

  const saved: Array<{ position: number; key: string; stem: string }> = []
  let attemptId = ''
  await test.step('the start page warns that the deadline shortens the time', async () => {
    await openOverview(page, { prefix, name: 'asesmen-batas-dekat', js: true })
    const registration = page.getByRole('region', { name: new RegExp(`^${PROGRAMME}`) })
    await expect(fact(registration, 'Batas asesmen')).toHaveText(wallClockPattern(deadline))
    await openStartPage(page, 'written', { prefix, js: true })
    const facts = page.getByRole('region', { name: 'Rincian' })
    await expect(fact(facts, 'Batas asesmen')).toHaveText(wallClockPattern(deadline))
    await expect(fact(facts, 'Jika mulai sekarang, waktu berakhir')).toHaveText(wallClockPattern(deadline))
    const warning = page.getByText(
      /^Perhatian: batas asesmen gelombang ini jatuh pada .+ WITA\. Jika mulai sekarang, waktu Anda hanya [0-2] menit, bukan 40 menit penuh\.$/,
    )
    await expect(warning).toBeVisible()
    await look(page, `${prefix}-mulai-dengan-peringatan`, { shot: true })
  })

  await test.step('start, and answer four questions (the fourth only saved in the background)', async () => {
    await startNow(page, 'written', { js: true })
    const left = await remainingSeconds(page)
    expect(left, 'the attempt ends at the deadline, not after 40 minutes').toBeLessThanOrEqual(180)
    expect(left).toBeGreaterThan(30)
    attemptId = await attemptIdOn(page)
    for (let n = 1; n <= 4; n++) {
      await expectQuestionPage(page, 'written', n)
      saved.push({ position: n, key: await chooseAndSeeSaved(page, n, n % 3), stem: await stemOf(page, n) })
      await look(page, `${prefix}-siap-latih-soal-${n}`, { shot: n === 4 })
      if (n < 4) await page.getByRole('button', { name: 'Simpan & lanjut' }).click()
    }
    await expectMapSummary(page, 4, 40)
    expect(Date.now(), 'the four answers were given before the deadline').toBeLessThan(deadline.getTime())
  })

  await test.step('the page stays open until the time is over, then shows the attempt submitted', async () => {
    await expect(page).toHaveURL(new RegExp(`/asesmen/${KINDS.written.slug}$`), {
      timeout: deadline.getTime() - Date.now() + 60_000,
    })
    expect(Date.now()).toBeGreaterThanOrEqual(deadline.getTime())
    await expect(page.getByText('Waktu asesmen sudah habis. Jawaban yang tersimpan sebelum waktu habis sudah dikumpulkan.')).toBeVisible()
    // Submitted as of its end, the deadline, however late the job or the page noticed.
    await expect(page.getByText(/^Anda sudah menyelesaikan asesmen ini pada /)).toHaveText(
      new RegExp(`pada .+${wallClock(deadline)}\\. Hasilnya berlaku sampai .+\\.$`),
    )
    await waitForHydration(page)
    await look(page, `${prefix}-siap-latih-waktu-habis`, { shot: true })
  })

  await test.step('an answer sent after the end is refused with a clear message', async () => {
    const late = await page.request.post('/asesmen/simpan', {
      form: { attemptId, q5: saved[0]!.key },
      headers: { Accept: 'application/json' },
    })
    expect(late.status()).toBe(409)
    const body = (await late.json()) as { ok: boolean; closed?: boolean; message: string }
    expect(body.ok).toBe(false)
    expect(body.closed).toBe(true)
    expect(body.message).toMatch(/^(Waktu asesmen sudah habis pada .+\. Jawaban ini tidak disimpan|Asesmen ini sudah dikumpulkan\. Jawaban tidak dapat diubah lagi\.)/)
    // And the question pages are closed: they lead back to the start page.
    await page.goto(`/asesmen/${KINDS.written.slug}/halaman/5`)
    await expect(page).toHaveURL(new RegExp(`/asesmen/${KINDS.written.slug}$`))
  })

  await test.step('the overview, the results and Aktivitas: submitted when time ran out, registration complete', async () => {
    await openOverview(page, { prefix, name: 'asesmen-setelah-batas', js: true })
    const written = kindCard(page, 'written')
    await expect(written.getByText('Selesai', { exact: true })).toBeVisible()
    await expect(fact(written, 'Selesai pada')).toHaveText(new RegExp(`${wallClock(deadline)} \\(dikumpulkan otomatis saat waktu habis\\)$`))
    await expect(page.getByText('Ketiga asesmen sudah selesai. Pendaftaran Anda lengkap; pantau hasil tes tulis di Aktivitas.')).toBeVisible()

    await page.goto('/asesmen/hasil')
    const result = page.getByRole('region', { name: KINDS.written.label })
    await expect(result.getByText('Dikumpulkan otomatis saat waktu habis.')).toBeVisible()
    await expect(result.getByText(/^Nilai:/)).toHaveCount(0)
    await look(page, `${prefix}-hasil`, { shot: true })

    await page.goto('/aktivitas')
    const card = page.getByRole('article').filter({ hasText: registered.number })
    await expect(card.getByText('Asesmen selesai', { exact: true })).toBeVisible()
    await look(page, `${prefix}-aktivitas`, { shot: true })
  })

  await test.step('the committee sees the attempt scored from exactly the four saved answers', async () => {
    const committee = await openGuardedPage(browser, { js: true })
    try {
      const staff = committee.page
      await signInAsStaff(staff, 'selectionCommittee')
      await staff.goto(`/staf/gelombang/${registered.batchId}/asesmen/soal`)
      await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Statistik soal tes tulis')
      await expect(staff.getByText('Dihitung dari 1 tes tulis yang sudah dikumpulkan di gelombang ini.', { exact: false })).toBeVisible()
      const rows = staff.locator('tbody tr')
      await expect(rows).toHaveCount(40)
      let correct = 0
      for (const s of saved) {
        const row = rows.filter({ hasText: s.stem.length > 140 ? s.stem.slice(0, 140) : s.stem })
        await expect(row, `the statistics row of question ${s.position}`).toHaveCount(1)
        const choices = (await row.locator('td').nth(4).innerText()).split('\n').map((l) => l.trim())
        // The saved option was chosen once; no other option was, and the question is not blank.
        expect(choices, `question ${s.position}`).toContainEqual(expect.stringMatching(new RegExp(`^${s.key}: 1( \\(kunci\\))?$`)))
        expect(choices.filter((c) => /: 1( \(kunci\))?$/.test(c)), `question ${s.position}`).toHaveLength(1)
        if (choices.some((c) => c === `${s.key}: 1 (kunci)`)) correct++
      }
      // The other 36 questions were left blank.
      await expect(rows.filter({ hasText: 'kosong: 1' })).toHaveCount(36)
      await look(staff, `${prefix}-staf-statistik-soal`, { shot: true })

      await staff.getByRole('link', { name: 'Kembali ke asesmen gelombang' }).click()
      await expect(staff).toHaveURL(new RegExp(`/staf/gelombang/${registered.batchId}/asesmen$`))
      const row = staff.getByRole('row').filter({ hasText: registered.number })
      await expect(row).toHaveCount(1)
      await expect(row).toContainText('Asesmen selesai')
      // Cells: number, state, then the three assessments (the name is the row header).
      const writtenCell = row.getByRole('cell').nth(4)
      await expect(writtenCell).toContainText('waktu habis')
      await expect(writtenCell).toContainText(`(${correct}/40)`)
      await expect(writtenCell).toContainText(`nilai ${String(correct * 2.5).replace('.', ',')}`)
      await expect(writtenCell).toContainText(new RegExp(`${wallClock(deadline)}, waktu habis`))
      await look(staff, `${prefix}-staf-asesmen-gelombang`, { shot: true })
    } finally {
      await committee.context.close()
    }
    expect(committee.problems, committee.problems.join('\n')).toEqual([])
  })
})
