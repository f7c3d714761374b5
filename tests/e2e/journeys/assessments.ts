// Shared steps of the assessment journeys (SOP step 5): a registered candidate made
// through the UI, the overview and start pages, answering the inventories and the
// written test with JavaScript (background save, "Tersimpan") or without it ("Simpan &
// lanjut"), the review and submission, the time left, and the administrator moving a
// batch's schedule. Locators are what a person sees: labels, headings, button names.
import { type Locator, type Page, expect } from '@playwright/test'
import { DEMO_PASSWORD, demoStaff } from '../helpers'
import {
  type Candidate,
  completeProfile,
  confirmRegistration,
  escapeRegExp,
  look,
  newCandidate,
  openConfirmation,
  signUp,
  verifyEmailFromMail,
  waitForHydration,
} from './candidate'

export { look, waitForHydration }

// ----------------------------------------------------------------------------- kinds

export type Kind = 'self' | 'potential' | 'written'

export const KINDS = {
  self: { slug: 'penilaian-diri', label: 'Asesmen Penilaian Diri', total: 49, pageSize: 7 },
  potential: { slug: 'potensi-diri', label: 'Asesmen Potensi Diri (SPI)', total: 40, pageSize: 7 },
  written: { slug: 'siap-latih', label: 'Asesmen Siap Latih (tes tulis)', total: 40, pageSize: 1 },
} as const satisfies Record<Kind, { slug: string; label: string; total: number; pageSize: number }>

export const pageCount = (kind: Kind) => Math.ceil(KINDS[kind].total / KINDS[kind].pageSize)

/** The demo Likert scale (self-assessment) and interest scale (potential assessment), as shown. */
export const LIKERT = ['Sangat Sesuai', 'Sesuai', 'Ragu-ragu', 'Tidak Sesuai', 'Sangat Tidak Sesuai'] as const
export const INTEREST = ['Sangat suka', 'Suka', 'Biasa saja', 'Kurang suka', 'Tidak suka'] as const

/**
 * The demo interest inventory interleaves its five scales (REA, INV, ART, SOS, KON), so
 * position 1, 6, 11, … is "Realistik". Liking those most and "Investigatif" next gives a
 * known profile: Realistik first, suggesting Las and Otomotif, then Investigatif (TIK).
 */
export function interestAnswer(position: number): (typeof INTEREST)[number] {
  return INTEREST[(position - 1) % 5]!
}
export const EXPECTED_TOP_SCALE = 'Realistik (teknik dan mekanik)'
export const EXPECTED_FIELDS = ['Las', 'Otomotif', 'Teknologi Informasi dan Komunikasi'] as const

/** Mostly "Sesuai", with some variety, as a real respondent would answer. */
export function likertAnswer(position: number): (typeof LIKERT)[number] {
  return position % 7 === 0 ? 'Ragu-ragu' : position % 3 === 0 ? 'Sangat Sesuai' : 'Sesuai'
}

// ------------------------------------------------------------------- the candidate

export interface RegisteredCandidate {
  candidate: Candidate
  number: string
  registrationId: string
  batchId: string
}

/**
 * A candidate made the way a person does it, with JavaScript on: sign up, verify the
 * e-mail from the mailed link, complete every profile section (uploads included), and
 * register for the programme's open demo batch. Leaves the page signed in.
 */
export async function createRegisteredCandidate(
  page: Page,
  options: { programme: string; prefix: string; emailPrefix: string },
): Promise<RegisteredCandidate> {
  const candidate = newCandidate({ emailPrefix: options.emailPrefix })
  const steps = { js: true, prefix: options.prefix }
  await signUp(page, candidate, steps)
  await verifyEmailFromMail(page, candidate, steps)
  await completeProfile(page, steps)
  const { batchId } = await openConfirmation(page, options.programme, steps)
  const { number, registrationId } = await confirmRegistration(page)
  return { candidate, number, registrationId, batchId }
}

/**
 * Sign in on the page the app sent us to (/masuk?ke=…), so it brings us back there;
 * or open /masuk first when `open` is set.
 */
export async function signInHere(page: Page, identifier: string, password: string, options: { open?: boolean } = {}) {
  if (options.open) await page.goto('/masuk')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Masuk/)
  await page.getByLabel('E-mail atau NIK').fill(identifier)
  await page.getByLabel('Kata sandi', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  await expect(page).not.toHaveURL(/\/masuk/)
}

export async function signInAsStaff(page: Page, who: keyof typeof demoStaff) {
  await signInHere(page, demoStaff[who], DEMO_PASSWORD, { open: true })
  await expect(page).toHaveURL(/\/staf/)
}

// ----------------------------------------------------------------- overview, start

/** One assessment's card on /asesmen, by its heading. */
export function kindCard(page: Page, kind: Kind): Locator {
  return page.getByRole('article').filter({ has: page.getByRole('heading', { level: 2, name: KINDS[kind].label, exact: true }) })
}

/** /asesmen: the registration with its deadline, and the three assessments. */
export async function openOverview(page: Page, options: { prefix?: string; name?: string; js?: boolean } = {}) {
  await page.goto('/asesmen')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Asesmen')
  for (const kind of ['self', 'potential', 'written'] as const) await expect(kindCard(page, kind)).toHaveCount(1)
  if (options.js) await waitForHydration(page)
  if (options.prefix) await look(page, `${options.prefix}-${options.name ?? 'asesmen'}`, { shot: true })
}

/** From the overview's "Mulai" to the start page of the kind, with its facts. */
export async function openStartPage(page: Page, kind: Kind, options: { prefix: string; js?: boolean }) {
  const card = kindCard(page, kind)
  await expect(card.getByText('Belum dikerjakan')).toBeVisible()
  await card.getByRole('link', { name: `Mulai ${KINDS[kind].label}` }).click()
  await expect(page).toHaveURL(new RegExp(`/asesmen/${KINDS[kind].slug}$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(KINDS[kind].label)
  const facts = page.getByRole('region', { name: 'Rincian' })
  await expect(fact(facts, 'Jumlah soal')).toHaveText(String(KINDS[kind].total))
  await expect(fact(facts, 'Batas waktu')).toHaveText(kind === 'written' ? '40 menit' : /^Tanpa batas waktu per sesi/)
  if (options.js) await waitForHydration(page)
  await look(page, `${options.prefix}-mulai-${KINDS[kind].slug}`, { shot: true })
}

/** "Mulai sekarang" on the start page: the first page of questions. */
export async function startNow(page: Page, kind: Kind, options: { js?: boolean } = {}) {
  await page.getByRole('button', { name: 'Mulai sekarang' }).click()
  await expect(page).toHaveURL(new RegExp(`/asesmen/${KINDS[kind].slug}/halaman/1$`))
  await expectQuestionPage(page, kind, 1)
  if (options.js) await waitForHydration(page)
}

// ------------------------------------------------------------------ question pages

export function questionHeading(kind: Kind, page: number): string {
  return kind === 'written'
    ? `${KINDS[kind].label} — Soal ${page} dari ${KINDS[kind].total}`
    : `${KINDS[kind].label} — Halaman ${page} dari ${pageCount(kind)}`
}

export async function expectQuestionPage(page: Page, kind: Kind, n: number) {
  await expect(page).toHaveURL(new RegExp(`/asesmen/${KINDS[kind].slug}/halaman/${n}(#q-\\d+)?$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(questionHeading(kind, n))
}

/** The fieldset of the question (or statement) at `position`. */
export function question(page: Page, position: number): Locator {
  return page.locator(`fieldset#q-${position}`)
}

/** The "Tersimpan" line under the questions (a polite live region). */
export function saveStatus(page: Page): Locator {
  return page.locator('#answer-form').getByRole('status')
}

export function questionMap(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Peta soal' })
}

/**
 * A question's entry in the map, which says in words whether it is answered. On a
 * question page the entries are buttons (they save the page first), on the review page links.
 */
export function mapEntry(page: Page, position: number, options: { answered?: boolean; role?: 'button' | 'link' } = {}): Locator {
  const state = options.answered === undefined ? '(terjawab|belum dijawab)' : options.answered ? 'terjawab' : 'belum dijawab'
  return questionMap(page).getByRole(options.role ?? 'button', {
    name: new RegExp(`\\(Soal ${position}, ${state}(, sedang dibuka)?\\)$`),
  })
}

/** The value of a fact (<dt>term</dt><dd>value</dd>) in a list of facts. */
export function fact(scope: Locator, term: string): Locator {
  return scope.locator('dl.facts > dt', { hasText: new RegExp(`^${escapeRegExp(term)}$`) }).locator('xpath=following-sibling::dd[1]')
}

export async function expectMapSummary(page: Page, answered: number, total: number) {
  await expect(questionMap(page)).toContainText(`${answered} dari ${total} terjawab (✓ = terjawab)`)
}

/**
 * With JavaScript: choose an option and see it saved in the background — the POST to
 * /asesmen/simpan succeeds, the page says "Tersimpan", and the map ticks the question —
 * before anything else happens. `option` is the option's label or its index (0-based).
 * Returns the chosen option's key (the radio's value, which the server stores).
 */
export async function chooseAndSeeSaved(page: Page, position: number, option: string | number): Promise<string> {
  const radio = optionRadio(page, position, option)
  const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/asesmen/simpan' && r.request().method() === 'POST')
  await radio.check()
  const response = await saved
  expect(response.status(), `saving question ${position}`).toBe(200)
  expect(await response.json()).toMatchObject({ ok: true, positions: [position] })
  await expect(saveStatus(page)).toHaveText('Tersimpan')
  await expect(radio).toBeChecked()
  await expect(mapEntry(page, position, { answered: true })).toBeVisible()
  return (await radio.getAttribute('value'))!
}

/** Without JavaScript: just choose; the page's own form saves it on submit. */
export async function choose(page: Page, position: number, option: string | number): Promise<string> {
  const radio = optionRadio(page, position, option)
  await radio.check()
  return (await radio.getAttribute('value'))!
}

function optionRadio(page: Page, position: number, option: string | number): Locator {
  const group = question(page, position)
  return typeof option === 'number'
    ? group.getByRole('radio').nth(option)
    : group.getByRole('radio', { name: option, exact: true })
}

/** The key of the checked option of a question on this page, or null when none is. */
export async function checkedKey(page: Page, position: number): Promise<string | null> {
  const checked = question(page, position).locator('input[type=radio]:checked')
  return (await checked.count()) === 0 ? null : checked.getAttribute('value')
}

/** The written test's stem as shown (without the "n. " the legend starts with). */
export async function stemOf(page: Page, position: number): Promise<string> {
  const legend = (await question(page, position).locator('legend').innerText()).trim()
  return legend.replace(/^\d+\.\s*/, '')
}

export async function attemptIdOn(page: Page): Promise<string> {
  return (await page.locator('#answer-form input[name=attemptId]').inputValue())
}

/**
 * An inventory with JavaScript, page by page: every statement answered with
 * `answerOf(position)` and seen saved, axe on each page, then "Simpan & lanjut" (or,
 * on the last page, "Simpan & periksa jawaban"), ending on the review page.
 */
export async function answerInventoryWithJs(
  page: Page,
  kind: Exclude<Kind, 'written'>,
  answerOf: (position: number) => string,
  options: { prefix: string },
) {
  const { total, pageSize } = KINDS[kind]
  const pages = pageCount(kind)
  for (let n = 1; n <= pages; n++) {
    await expectQuestionPage(page, kind, n)
    const first = (n - 1) * pageSize + 1
    const last = Math.min(total, n * pageSize)
    await expect(page.locator('#answer-form fieldset')).toHaveCount(last - first + 1)
    for (let position = first; position <= last; position++) {
      // Each statement carries the scale in order, most agreement first.
      await expect(question(page, position).getByRole('radio')).toHaveCount(5)
      // Its group is named "Pernyataan <n>" and the statement, so a screen reader says which one.
      await expect
        .soft(question(page, position), `the accessible name of statement ${position}`)
        .toHaveAccessibleName(new RegExp(`^Pernyataan ${position}\\b`))
      await chooseAndSeeSaved(page, position, answerOf(position))
    }
    await expectMapSummary(page, last, total)
    await look(page, `${options.prefix}-${KINDS[kind].slug}-halaman-${n}`, { shot: n === 1 })
    if (n < pages) {
      await page.getByRole('button', { name: 'Simpan & lanjut' }).click()
      await expectQuestionPage(page, kind, n + 1)
      // A new page starts without the previous page's "Tersimpan".
      await expect(saveStatus(page)).toHaveText('')
    } else {
      await page.getByRole('button', { name: 'Simpan & periksa jawaban' }).click()
    }
  }
  await expectReviewPage(page, kind)
}

export async function expectReviewPage(page: Page, kind: Kind) {
  await expect(page).toHaveURL(new RegExp(`/asesmen/${KINDS[kind].slug}/periksa$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Periksa jawaban — ${KINDS[kind].label}`)
}

/** On the review page with every question answered: submit, and land on the results. */
export async function submitFromReview(page: Page, kind: Kind, options: { prefix: string; js: boolean }) {
  await expectReviewPage(page, kind)
  await expect(page.getByText(`Semua ${KINDS[kind].total} soal sudah dijawab.`)).toBeVisible()
  await expectMapSummary(page, KINDS[kind].total, KINDS[kind].total)
  if (options.js) await waitForHydration(page)
  await look(page, `${options.prefix}-${KINDS[kind].slug}-periksa`, { shot: true })
  await page.getByRole('button', { name: 'Kumpulkan jawaban' }).click()
  await expect(page).toHaveURL(new RegExp(`/asesmen/hasil\\?selesai=${KINDS[kind].slug}$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hasil asesmen')
  await expect(page.getByText(`Jawaban ${KINDS[kind].label} sudah dikumpulkan. Terima kasih.`)).toBeVisible()
}

// ---------------------------------------------------------------------- time left

/** The countdown ("Sisa waktu: 39 menit", "1 menit 30 detik", …) read as seconds. */
export async function remainingSeconds(page: Page): Promise<number> {
  const text = (await page.getByRole('timer').innerText()).trim()
  if (text === 'Waktu habis') return 0
  const match = /^Sisa waktu: (.+)$/.exec(text)
  expect(match, `the timer reads "${text}"`).toBeTruthy()
  const body = match![1]!
  if (body === 'kurang dari 1 menit') return 30
  let seconds = 0
  for (const [, n, unit] of body.matchAll(/(\d+) (hari|jam|menit|detik)/g)) {
    seconds += Number(n) * { hari: 86_400, jam: 3600, menit: 60, detik: 1 }[unit as 'hari' | 'jam' | 'menit' | 'detik']
  }
  return seconds
}

// ----------------------------------------------------------------- the administrator

/** '2026-11-28T23:05' for an instant, as the batch form's datetime-local reads it (WITA, UTC+8, no DST). */
export function witaDateTimeLocal(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16)
}

/**
 * As the administrator, on /admin/gelombang/:batchId: set the registration close and
 * the assessment deadline (the form keeps the SOP order, so the close may not follow
 * the deadline), and save.
 */
export async function moveBatchSchedule(
  page: Page,
  batchId: string,
  dates: { registrationClosesAt: Date; assessmentDeadline: Date },
  options: { prefix: string },
) {
  await page.goto(`/admin/gelombang/${batchId}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Ubah gelombang /)
  await expect(page.getByText(/^Sudah ada \d+ pendaftar di gelombang ini\./)).toBeVisible()
  await look(page, `${options.prefix}-admin-gelombang`, { shot: true })
  await page.getByLabel('Pendaftaran ditutup', { exact: true }).fill(witaDateTimeLocal(dates.registrationClosesAt))
  await page.getByLabel('Batas asesmen', { exact: true }).fill(witaDateTimeLocal(dates.assessmentDeadline))
  await page.getByRole('button', { name: 'Simpan perubahan' }).click()
  await expect(page).toHaveURL(/\/admin\/program\/[0-9a-f-]{36}\?disimpan=gelombang$/)
  await look(page, `${options.prefix}-admin-program-disimpan`)
}

export { escapeRegExp }
