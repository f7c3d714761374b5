// Shared steps of the candidate journeys: who the candidate is, signing up, the profile
// sections, uploads, registering for a batch and reading the receipt back. Each step
// uses the labels and button names a person sees (accessible locators), so a page that
// loses its labels fails here too. `js` says whether the page runs with JavaScript; the
// JavaScript-off path uses the forms' fallbacks (e.g. "Tampilkan pilihan wilayah").
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Download, type Locator, type Page, expect } from '@playwright/test'
import { checkA11y, screenshot, uniqueEmail, uniqueNik } from '../helpers'
import { waitForMail, extractLink } from '../mailbox'
import { jpegFile, pdfFile, pngFile } from './files'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
/** Receipts the journeys downloaded, kept beside the screenshots for a look afterwards. */
export const RECEIPT_DIR = resolve(ROOT, 'tests/.artifacts/receipts')

export interface Candidate {
  nik: string
  fullName: string
  email: string
  phone: string
  password: string
}

const FIRST = ['Andi', 'Wa Ode', 'La Ode', 'Sitti', 'Rahmat', 'Nurhayati', 'Haerul', 'Marlina', 'Asrul', 'Yuliani']
const LAST = ['Saputra', 'Lestari', 'Mandala', 'Rauf', 'Tamburaka', 'Lakidende', 'Hidayat', 'Pratiwi']
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!

/** A random made-up family name (letters only: the name field refuses digits). */
function randomSurname(): string {
  const syllables = ['ka', 'la', 'mu', 'ri', 'sa', 'to', 'wa', 'ne', 'bo', 'di', 'ga', 'pu']
  const word = Array.from({ length: 4 }, () => pick(syllables)).join('')
  return word[0]!.toUpperCase() + word.slice(1)
}

/**
 * A new candidate nobody has used yet. The name ends in a random made-up surname so a
 * page can be searched for it; the password avoids the name, e-mail and NIK.
 */
export function newCandidate(options: { nik?: string; emailPrefix?: string } = {}): Candidate {
  return {
    nik: options.nik ?? uniqueNik(),
    fullName: `${pick(FIRST)} ${pick(LAST)} ${randomSurname()}`,
    email: uniqueEmail(options.emailPrefix ?? 'kandidat'),
    phone: `0812${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    password: `Ombak-Teluk-${1000 + Math.floor(Math.random() * 9000)}`,
  }
}

/** A NIK whose holder turns about 40 (born within the 40th year before today). */
export function nikAgedAbout40(): string {
  const today = new Date()
  return uniqueNik({ today: new Date(Date.UTC(today.getUTCFullYear() - 15, today.getUTCMonth(), today.getUTCDate())) })
}

/** '7471010101990001' → '7471••••••••0001' (domain/nik.ts maskNik). */
export function maskedNik(nik: string): string {
  return `${nik.slice(0, 4)}${'•'.repeat(8)}${nik.slice(-4)}`
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Axe on the page as it is now (unless `a11y: false`: a page already checked in the
 * same rendering) and, for the main pages, a screenshot.
 */
export async function look(page: Page, name: string, options: { shot?: boolean; a11y?: boolean } = {}): Promise<void> {
  if (options.a11y !== false) await checkA11y(page, name)
  if (options.shot) await screenshot(page, name)
}

/**
 * Wait until React has hydrated the page (it marks the elements it owns), so a click
 * runs the enhanced behaviour rather than racing it. Pages work without it; the
 * journeys with JavaScript on mean to exercise the enhanced path.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const heading = document.querySelector('h1')
    return !!heading && Object.keys(heading).some((key) => key.startsWith('__reactFiber'))
  })
}

/** The field's message is shown with the field itself: invalid, and in its description. */
export async function expectFieldError(field: Locator, message: string | RegExp): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toHaveAccessibleDescription(typeof message === 'string' ? new RegExp(escapeRegExp(message)) : message)
}

export async function expectNoFieldError(field: Locator): Promise<void> {
  await expect(field).not.toHaveAttribute('aria-invalid', 'true')
}

// ------------------------------------------------------------------------ accounts

export function signUpForm(page: Page) {
  return {
    nik: page.getByLabel('NIK', { exact: true }),
    fullName: page.getByLabel('Nama lengkap', { exact: true }),
    email: page.getByLabel('E-mail', { exact: true }),
    phone: page.getByLabel('Nomor HP', { exact: true }),
    password: page.getByLabel('Kata sandi', { exact: true }),
    passwordConfirm: page.getByLabel('Ulangi kata sandi', { exact: true }),
    consent: page.getByRole('checkbox', { name: /Pemberitahuan Privasi/ }),
    submit: page.getByRole('button', { name: 'Buat akun' }),
  }
}

export async function fillSignUp(page: Page, c: Candidate, overrides: Partial<Record<keyof Candidate | 'passwordConfirm', string>> = {}) {
  const form = signUpForm(page)
  await form.nik.fill(overrides.nik ?? c.nik)
  await form.fullName.fill(overrides.fullName ?? c.fullName)
  await form.email.fill(overrides.email ?? c.email)
  await form.phone.fill(overrides.phone ?? c.phone)
  await form.password.fill(overrides.password ?? c.password)
  await form.passwordConfirm.fill(overrides.passwordConfirm ?? overrides.password ?? c.password)
  // The privacy notice's consent (decision 023).
  await form.consent.check()
}

/** /daftar-akun → signed in on /profil?baru=1 with the "account created" notice. */
export async function signUp(page: Page, c: Candidate, options: { js: boolean; prefix: string; a11y?: boolean }): Promise<void> {
  await page.goto('/daftar-akun')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buat akun Latih')
  if (options.js) await waitForHydration(page)
  await look(page, `${options.prefix}-daftar-akun`, { shot: true, a11y: options.a11y })
  await fillSignUp(page, c)
  await signUpForm(page).submit.click()
  await expect(page).toHaveURL(/\/profil\?baru=1$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profil saya')
  await expect(page.getByText('Akun dibuat. Kami mengirim tautan verifikasi ke e-mail Anda.')).toBeVisible()
  await expect(page.getByText('E-mail belum diverifikasi')).toBeVisible()
}

/** Open the verification link from the mail the sign-up sent. */
export async function verifyEmailFromMail(page: Page, c: Candidate, options: { prefix: string; a11y?: boolean }): Promise<void> {
  const mail = await waitForMail({ to: c.email, subjectIncludes: 'Verifikasi e-mail' })
  const link = extractLink(mail, '/verifikasi-email')
  expect(link).toMatch(/^\/verifikasi-email\?token=/)
  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E-mail terverifikasi')
  await expect(page.getByText(`Alamat ${c.email} sudah terverifikasi`)).toBeVisible()
  await look(page, `${options.prefix}-verifikasi-email`, { a11y: options.a11y })
  await page.getByRole('link', { name: 'Lanjut lengkapi profil' }).click()
  await expect(page).toHaveURL(/\/profil$/)
  await expect(page.getByText('E-mail belum diverifikasi')).toHaveCount(0)
}

export async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.goto('/masuk')
  await page.getByLabel('E-mail atau NIK').fill(identifier)
  await page.getByLabel('Kata sandi', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('button', { name: 'Keluar' }).click()
  await expect(page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Masuk' })).toBeVisible()
}

// ------------------------------------------------------------------------- profile

export async function openProfileSection(page: Page, section: 'Ringkasan' | 'Identitas' | 'Alamat' | 'Pendidikan' | 'Lainnya' | 'Dokumen') {
  await page.getByRole('navigation', { name: 'Bagian profil' }).getByRole('link', { name: section, exact: true }).click()
}

async function expectSaved(page: Page) {
  await expect(page).toHaveURL(/\/profil\?tersimpan=\w+$/)
  await expect(page.getByText('Perubahan tersimpan.')).toBeVisible()
}

/** Identity: the birth date and sex come from the NIK; add the birth place and marital status. */
export async function completeIdentity(page: Page, options: { js: boolean; prefix: string; a11y?: boolean }) {
  await openProfileSection(page, 'Identitas')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Identitas')
  if (options.js) await waitForHydration(page)
  await look(page, `${options.prefix}-profil-identitas`, { a11y: options.a11y })
  // Shown from the NIK, not typed (decision 028): no field to fill, two facts to read.
  await expect(page.getByRole('region', { name: 'Dari NIK' }).locator('dd')).toHaveCount(2)
  await expect(page.getByLabel('Tanggal lahir')).toHaveCount(0)
  await expect(page.getByLabel('Jenis kelamin')).toHaveCount(0)
  await page.getByLabel('Tempat lahir').fill('Kendari')
  await page.getByLabel('Status perkawinan').selectOption({ label: 'Belum kawin' })
  await page.getByRole('button', { name: 'Simpan identitas' }).click()
  await expectSaved(page)
}

export const KTP_ADDRESS = {
  province: 'Sulawesi Tenggara',
  regency: 'Kota Kendari',
  district: 'Mandonga',
  village: 'Korumba',
  street: 'Jl. Bunga Kamboja No. 12, RT 003/RW 002',
  postalCode: '93111',
}

/**
 * The KTP address through the four region selects, domicile "same as KTP". With
 * JavaScript each choice loads the next list by itself; without it, "Tampilkan pilihan
 * wilayah" re-renders the form with the next list, keeping what was typed.
 */
export async function completeAddress(page: Page, options: { js: boolean; prefix: string; a11y?: boolean }) {
  await openProfileSection(page, 'Alamat')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alamat')
  const ktp = page.getByRole('group', { name: 'Alamat sesuai KTP' })
  const refresh = ktp.getByRole('button', { name: 'Tampilkan pilihan wilayah' })
  if (options.js) {
    await waitForHydration(page)
    // Once hydrated, the fallback button goes away: the lists load by themselves.
    await expect(refresh).toHaveCount(0)
  } else {
    await expect(refresh).toBeVisible()
  }
  await look(page, `${options.prefix}-profil-alamat`, { shot: true, a11y: options.a11y })

  // Typed first, so the JavaScript-off refreshes prove they keep it.
  await ktp.getByLabel('Jalan, nomor rumah, RT/RW').fill(KTP_ADDRESS.street)
  await ktp.getByLabel('Kode pos').fill(KTP_ADDRESS.postalCode)
  const same = page.getByLabel('Domisili sama dengan alamat KTP')
  await same.check()

  const levels: Array<[string, string]> = [
    ['Provinsi', KTP_ADDRESS.province],
    ['Kabupaten/kota', KTP_ADDRESS.regency],
    ['Kecamatan', KTP_ADDRESS.district],
    ['Desa/kelurahan', KTP_ADDRESS.village],
  ]
  for (const [index, [label, name]] of levels.entries()) {
    // selectOption waits until the option is in the list (loaded by fetch or re-render).
    await ktp.getByLabel(label, { exact: true }).selectOption({ label: name })
    if (!options.js && index < levels.length - 1) {
      await refresh.click()
      await expect(ktp.getByLabel(levels[index + 1]![0], { exact: true }).locator('option', { hasText: levels[index + 1]![1] })).toHaveCount(1)
      // What was chosen and typed so far survives the round trip.
      await expect(ktp.getByLabel(label, { exact: true }).locator('option:checked')).toHaveText(name)
      await expect(ktp.getByLabel('Jalan, nomor rumah, RT/RW')).toHaveValue(KTP_ADDRESS.street)
      await expect(ktp.getByLabel('Kode pos')).toHaveValue(KTP_ADDRESS.postalCode)
      await expect(same).toBeChecked()
    }
  }
  if (!options.js && options.a11y !== false) await look(page, `${options.prefix}-profil-alamat-wilayah`)
  await page.getByRole('button', { name: 'Simpan alamat' }).click()
  await expectSaved(page)
  const address = page.getByRole('region', { name: 'Alamat' })
  await expect(address).toContainText(KTP_ADDRESS.street)
  await expect(address).toContainText(`${KTP_ADDRESS.village}, ${KTP_ADDRESS.district}, ${KTP_ADDRESS.regency}, ${KTP_ADDRESS.province} ${KTP_ADDRESS.postalCode}`)
  await expect(address).toContainText('Sama dengan alamat KTP')
}

export async function completeEducation(
  page: Page,
  options: { js: boolean; prefix: string; a11y?: boolean; level?: string; school?: string; major?: string; year?: string },
) {
  await openProfileSection(page, 'Pendidikan')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pendidikan')
  if (options.js) await waitForHydration(page)
  await look(page, `${options.prefix}-profil-pendidikan`, { a11y: options.a11y })
  await page.getByLabel('Pendidikan terakhir').selectOption({ label: options.level ?? 'SMA/MA/sederajat' })
  await page.getByLabel('Nama sekolah/perguruan tinggi').fill(options.school ?? 'SMA Negeri 1 Kendari')
  await page.getByLabel('Jurusan/program studi').fill(options.major ?? 'IPA')
  await page.getByLabel('Tahun lulus').fill(options.year ?? '2018')
  await page.getByRole('button', { name: 'Simpan pendidikan' }).click()
  await expectSaved(page)
}

export async function completeOther(page: Page, options: { js: boolean; prefix: string; a11y?: boolean }) {
  await openProfileSection(page, 'Lainnya')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data lainnya')
  if (options.js) await waitForHydration(page)
  await look(page, `${options.prefix}-profil-lainnya`, { a11y: options.a11y })
  await page.getByLabel('Status pekerjaan saat ini').selectOption({ label: 'Belum bekerja' })
  await page.getByLabel('Disabilitas').selectOption({ label: 'Tidak ada' })
  await page.getByRole('button', { name: 'Simpan', exact: true }).click()
  await expectSaved(page)
}

/** One document's card on /profil/dokumen, by its heading (Pas foto, Foto/pindaian KTP, Ijazah terakhir). */
export function documentCard(page: Page, label: 'Pas foto' | 'Foto/pindaian KTP' | 'Ijazah terakhir') {
  const card = page.getByRole('region', { name: label, exact: true })
  return {
    card,
    file: card.getByLabel(`Pilih berkas (${label})`),
    upload: card.getByRole('button', { name: new RegExp(`^(Unggah|Ganti berkas) ${escapeRegExp(label)}$`) }),
  }
}

/** Photo (PNG), KTP (JPEG) and diploma (PDF), each checked by content on the server. */
export async function uploadDocuments(page: Page, options: { js: boolean; prefix: string; a11y?: boolean }) {
  await openProfileSection(page, 'Dokumen')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dokumen')
  if (options.js) await waitForHydration(page)
  await look(page, `${options.prefix}-profil-dokumen`, { shot: true, a11y: options.a11y })
  const files = [
    ['Pas foto', pngFile()],
    ['Foto/pindaian KTP', jpegFile()],
    ['Ijazah terakhir', pdfFile()],
  ] as const
  for (const [label, file] of files) {
    const doc = documentCard(page, label)
    await expect(doc.card.getByText('Belum diunggah')).toBeVisible()
    await doc.file.setInputFiles(file)
    await doc.upload.click()
    await expect(page).toHaveURL(/\/profil\/dokumen\?tersimpan=\w+$/)
    await expect(page.getByText('Berkas tersimpan.')).toBeVisible()
    await expect(documentCard(page, label).card.getByText('Sudah diunggah')).toBeVisible()
    if (options.js) await waitForHydration(page)
  }
  await look(page, `${options.prefix}-profil-dokumen-lengkap`, { a11y: options.a11y })
}

/** The overview says 100 % and nothing is missing. */
export async function expectProfileComplete(page: Page, options: { prefix: string; a11y?: boolean }) {
  await openProfileSection(page, 'Ringkasan')
  const meter = page.getByRole('progressbar', { name: 'Kelengkapan profil' })
  await expect(meter).toHaveAttribute('aria-valuenow', '100')
  await expect(page.getByText('100% lengkap')).toBeVisible()
  await expect(page.getByText('Profil Anda sudah lengkap.')).toBeVisible()
  await expect(page.getByText('Yang belum dilengkapi:')).toHaveCount(0)
  await look(page, `${options.prefix}-profil-lengkap`, { shot: true, a11y: options.a11y })
}

/** Every section filled in, in the order a person would follow the overview's list. */
export async function completeProfile(page: Page, options: { js: boolean; prefix: string; a11y?: boolean; level?: string }) {
  await completeIdentity(page, options)
  await completeAddress(page, options)
  await completeEducation(page, options)
  await completeOther(page, options)
  await uploadDocuments(page, options)
}

// ---------------------------------------------------------------------- registration

/** From /program to the confirmation page of the programme's open batch. */
export async function openConfirmation(page: Page, programme: string, options: { js: boolean; prefix: string; a11y?: boolean }) {
  await page.goto('/program')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Program pelatihan')
  await look(page, `${options.prefix}-program`, { shot: true, a11y: options.a11y })
  await page.getByRole('heading', { name: programme }).getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(programme)
  await expect(page).toHaveURL(/\/gelombang\/[0-9a-f-]{36}$/)
  const batchId = page.url().split('/').at(-1)!
  await look(page, `${options.prefix}-gelombang`, { shot: true, a11y: options.a11y })
  await page.getByRole('link', { name: 'Daftar', exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`/gelombang/${batchId}/daftar$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Konfirmasi pendaftaran')
  if (options.js) await waitForHydration(page)
  await look(page, `${options.prefix}-konfirmasi`, { shot: true, a11y: options.a11y })
  return { batchId }
}

export const REGISTRATION_NUMBER = /KDI-[A-Z]+-\d{4}\.\d+-\d{4}/

/** Confirm on /gelombang/:id/daftar and land on the new registration with its number. */
export async function confirmRegistration(page: Page) {
  await expect(page.getByText('Anda memenuhi syarat program ini.')).toBeVisible()
  await page.getByRole('button', { name: 'Konfirmasi pendaftaran' }).click()
  await expect(page).toHaveURL(/\/aktivitas\/[0-9a-f-]{36}\?baru=1$/)
  const notice = page.getByText(/^Pendaftaran berhasil\. Nomor pendaftaran Anda: /)
  await expect(notice).toBeVisible()
  const number = (await notice.textContent())!.match(REGISTRATION_NUMBER)?.[0]
  expect(number, 'the success notice shows the registration number').toBeTruthy()
  const registrationId = new URL(page.url()).pathname.split('/').at(-1)!
  return { number: number!, registrationId }
}

// --------------------------------------------------------------------------- receipt

/** Save a downloaded receipt under tests/.artifacts/receipts and return its text (pdftotext). */
export async function readDownloadedPdf(download: Download, name: string): Promise<string> {
  const path = await download.path()
  return readPdf(readFileSync(path), name)
}

export function readPdf(bytes: Buffer, name: string): string {
  expect(bytes.subarray(0, 5).toString('latin1'), 'the receipt is a PDF').toBe('%PDF-')
  mkdirSync(RECEIPT_DIR, { recursive: true })
  const file = resolve(RECEIPT_DIR, `${name}.pdf`)
  writeFileSync(file, bytes)
  return execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

/** What a receipt must say, and must not: the number, the masked NIK, never the whole NIK. */
export function expectReceiptText(text: string, c: Pick<Candidate, 'nik' | 'fullName'>, number: string) {
  expect(text).toContain(number)
  expect(text).toContain(maskedNik(c.nik))
  expect(text.replace(/\s+/g, '')).not.toContain(c.nik)
  expect(text).toContain(c.fullName)
}

/** The verification address printed on the receipt (the QR code's target), as a path. */
export function verificationPathFrom(text: string, number: string): string {
  const match = text.match(new RegExp(`https?://[^\\s]+/verifikasi/${escapeRegExp(number)}\\?s=[\\w%-]+`))
  expect(match, `the receipt prints its verification address:\n${text}`).toBeTruthy()
  const url = new URL(match![0])
  return `${url.pathname}${url.search}`
}

/** The public verification page says the receipt is genuine and shows no more than it. */
export async function expectGenuineReceipt(
  page: Page,
  path: string,
  c: Candidate,
  number: string,
  options: { prefix: string; a11y?: boolean },
) {
  const response = await page.goto(path)
  expect(response?.status()).toBe(200)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verifikasi tanda pendaftaran')
  await expect(page.getByText('Tanda pendaftaran ini asli.')).toBeVisible()
  const facts = page.locator('dl.facts')
  await expect(facts).toContainText(number)
  // No digit of the NIK on a public page, not even masked (decision 022).
  await expect(facts).toContainText('Nama')
  const html = await page.content()
  expect(html).not.toContain(maskedNik(c.nik))
  expect(html).not.toContain(c.nik)
  expect(html).not.toContain(c.email)
  await look(page, `${options.prefix}-verifikasi-tanda-pendaftaran`, { shot: true, a11y: options.a11y })
}

/** Aktivitas lists the registration, and its page shows the timeline with the registration. */
export async function expectActivity(page: Page, number: string, options: { prefix: string; viaKiosk?: boolean; a11y?: boolean }) {
  await page.goto('/aktivitas')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aktivitas')
  const card = page.getByRole('article').filter({ hasText: number })
  await expect(card).toHaveCount(1)
  await expect(card.getByText('Terdaftar', { exact: true })).toBeVisible()
  await expect(card.getByRole('heading', { level: 3, name: 'Langkah berikutnya' })).toBeVisible()
  await look(page, `${options.prefix}-aktivitas`, { shot: true, a11y: options.a11y })
  await card.getByRole('link', { name: `Lihat rincian dan tanda pendaftaran untuk ${number}` }).click()
  await expect(page).toHaveURL(/\/aktivitas\/[0-9a-f-]{36}$/)
  const timeline = page.getByRole('list', { name: 'Riwayat pendaftaran, terbaru di atas' })
  await expect(timeline.getByRole('listitem')).toHaveCount(1)
  const registered = timeline.getByRole('listitem').filter({ hasText: 'Mendaftar' })
  await expect(registered).toHaveCount(1)
  await expect(registered.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/)
  if (options.viaKiosk !== undefined) {
    await expect(registered.getByText('(oleh petugas kios)')).toHaveCount(options.viaKiosk ? 1 : 0)
  }
  await look(page, `${options.prefix}-aktivitas-rincian`, { shot: true, a11y: options.a11y })
}
