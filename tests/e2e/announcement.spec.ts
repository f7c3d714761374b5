// SOP step 9 and the 2024 SOP's registration recap, at phone size: the committee
// finalises the seeded DGR batch 4 plenary (a copy of batch 3; server/db/seedSelectionPlenary.ts: quota 3,
// one reserve), announces it behind a confirmation, and every candidate is told (mail to
// the SMTP peer, Aktivitas with JavaScript on and off); the public results page has no
// framework JavaScript and no NIK; the lookup finds an outcome and refuses a wrong birth
// date without saying whether the number exists; the Instagram ZIP holds 1080×1350 PNGs
// and the caption; the recap page draws its charts on the server, and its XLSX and PDF
// read back. axe once per new page, screenshots at 360 px.
import { readFileSync } from 'node:fs'
import { type Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff, newNoJsContext, newPhoneContext } from './helpers'
import { look, readDownloadedPdf, signIn, waitForHydration } from './journeys/candidate'

const DGR = 'Desain Grafis Muda'
const PASSED = { email: 'calon.dgr23@contoh.test', name: 'Hendra Gunawan', masked: 'Hendra G•••••', birth: '2000-05-05' }
const RESERVE = { email: 'calon.dgr26@contoh.test', name: 'Sri Wahyuni', masked: 'Sri W•••••' }
const prefix = 'announcement'

function pngSize(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

async function finalisePlenary(page: Page): Promise<string> {
  await page.goto('/staf/asesmen')
  await page.getByRole('link', { name: new RegExp(`${DGR} — Gelombang 4/`) }).click()
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
  return hub
}

test('the committee announces the DGR 4 plenary; candidates, the public page, the lookup, the Instagram ZIP and the recap', async ({
  formPage: page,
  browser,
  mailbox,
}) => {
  test.setTimeout(300_000)
  let hub = ''
  let batchId = ''

  await test.step('the plenary is finalised; the announcement page says what will be announced', async () => {
    await signIn(page, demoStaff.selectionCommittee, DEMO_PASSWORD)
    await expect(page).toHaveURL(/\/staf$/)
    hub = await finalisePlenary(page)
    batchId = hub.split('/').at(-1)!
    await page.goto(hub)
    await page.getByRole('link', { name: 'Pengumuman hasil seleksi' }).click()
    await expect(page).toHaveURL(new RegExp(`${hub}/pengumuman$`))
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Pengumuman hasil seleksi')
    await expect(page.getByText('versi 1, 3 lulus, 1 cadangan, 4 tidak lulus')).toBeVisible()
    await expect(page.getByRole('region', { name: 'Cadangan, berurutan' })).toContainText(RESERVE.masked)
    await waitForHydration(page)
    await look(page, `${prefix}-panitia`, { shot: true })
  })

  await test.step('before the announcement the public page shows no names', async () => {
    const anon = await newPhoneContext(browser)
    const p = await anon.newPage()
    await p.goto(`/hasil/${batchId}`)
    await expect(p.getByText(/belum diumumkan/)).toBeVisible()
    await expect(p.locator('body')).not.toContainText(PASSED.masked)
    await anon.close()
  })

  await test.step('announce behind a confirmation; every candidate is told, once', async () => {
    const since = new Date()
    await page.getByRole('link', { name: 'Umumkan sekarang…' }).click()
    await expect(page.getByText('8 calon akan menerima hasilnya: 3 lulus, 1 cadangan, 4 tidak lulus.')).toBeVisible()
    await page.getByRole('button', { name: 'Ya, umumkan sekarang' }).click()
    await expect(page).toHaveURL(/\/pengumuman\?diumumkan=1$/)
    await expect(page.getByText('Hasil seleksi berhasil diumumkan.')).toBeVisible()
    const passedMail = await mailbox.waitForMail({ to: PASSED.email, subjectIncludes: 'Anda lulus seleksi', since, timeoutMs: 30_000 })
    expect(passedMail.text).toMatch(/daftar ulang \(wajib\) paling lambat .+WITA/)
    expect(mailbox.extractLink(passedMail, '/aktivitas/')).toMatch(/^\/aktivitas\/[0-9a-f-]{36}\/daftar-ulang$/)
    const reserveMail = await mailbox.waitForMail({ to: RESERVE.email, subjectIncludes: 'cadangan', since })
    expect(reserveMail.text).toContain('CALON CADANGAN urutan ke-1')
    // Told: 8 of 8 (the worker tells them in chunks; reload until done).
    await expect(async () => {
      await page.reload()
      await expect(page.getByText('Pemberitahuan: 8 dari 8 calon sudah diberi tahu di Aktivitas; 8 e-mail dikirim.')).toBeVisible({ timeout: 1000 })
    }).toPass({ timeout: 30_000 })
    const dgr3 = mailbox.readMailbox().filter((m) => new Date(m.date) >= since && /seleksi/.test(m.subject))
    const perRecipient = new Map<string, number>()
    for (const m of dgr3) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1)
    expect(perRecipient.size).toBe(8)
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true)
    await look(page, `${prefix}-panitia-diumumkan`, { shot: true, a11y: false })
  })

  await test.step('the Instagram ZIP: 1080×1350 PNG pages and the caption; the WhatsApp link', async () => {
    const whatsApp = await page.getByRole('link', { name: 'Bagikan lewat WhatsApp' }).getAttribute('href')
    expect(decodeURIComponent(whatsApp!)).toContain(`/hasil/${batchId}`)
    expect(whatsApp).toMatch(/^https:\/\/wa\.me\/\?text=/)
    const downloading = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Unduh gambar dan caption (ZIP)' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^pengumuman-dgr-\d{4}-4\.zip$/)
    const zip = await JSZip.loadAsync(readFileSync((await download.path())!))
    const names = Object.keys(zip.files).sort()
    expect(names).toEqual(['01-lulus-1.png', '02-cadangan-1.png', 'caption.txt'])
    for (const name of names.filter((n) => n.endsWith('.png'))) {
      expect(pngSize(await zip.file(name)!.async('nodebuffer'))).toEqual({ width: 1080, height: 1350 })
    }
    const caption = await zip.file('caption.txt')!.async('string')
    expect(caption).toContain(`/hasil/${batchId}`)
    expect(caption).toContain('/hasil/cek')
  })

  await test.step('candidates see their outcome in Aktivitas: JavaScript on (passed) and off (reserve)', async () => {
    const on = await newPhoneContext(browser)
    const p = await on.newPage()
    await signIn(p, PASSED.email, DEMO_PASSWORD)
    await p.waitForURL((url) => !url.pathname.startsWith('/masuk'))
    await p.goto('/aktivitas')
    await p.getByRole('link', { name: /Lihat rincian/ }).first().click()
    await expect(p.getByRole('list', { name: /Riwayat pendaftaran/ })).toContainText('Hasil seleksi diumumkan')
    await expect(p.getByText('Anda lulus seleksi.', { exact: true })).toBeVisible()
    await waitForHydration(p)
    await look(p, `${prefix}-aktivitas-lulus`, { shot: true })
    await on.close()

    const off = await newNoJsContext(browser)
    const q = await off.newPage()
    await signIn(q, RESERVE.email, DEMO_PASSWORD)
    await q.waitForURL((url) => !url.pathname.startsWith('/masuk'))
    await q.goto('/aktivitas')
    await q.getByRole('link', { name: /Lihat rincian/ }).first().click()
    await expect(q.getByText('Anda calon cadangan urutan ke-1.', { exact: true })).toBeVisible()
    await look(q, `${prefix}-aktivitas-cadangan-nojs`, { shot: true, a11y: false })
    await off.close()
  })

  let passedNumber = ''
  await test.step('the public page: masked list, no NIK or birth date, no framework JavaScript, light', async () => {
    const anon = await newNoJsContext(browser)
    const p = await anon.newPage()
    const response = await p.goto(`/hasil/${batchId}`)
    const html = await response!.text()
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toContain('modulepreload')
    console.log(`[announcement] public results page: ${Buffer.byteLength(html)} bytes of HTML`)
    expect(Buffer.byteLength(html)).toBeLessThan(20_000)
    const passed = p.getByRole('region', { name: /Lulus seleksi/ }).or(p.locator('section', { has: p.getByRole('heading', { name: /Lulus seleksi/ }) }))
    await expect(passed).toContainText(PASSED.masked)
    await expect(p.locator('body')).toContainText(RESERVE.masked)
    for (const secret of [PASSED.name, RESERVE.name, '747101', PASSED.birth, '05-05-2000']) expect(html).not.toContain(secret)
    passedNumber = (await passed.getByRole('row').filter({ hasText: PASSED.masked }).getByRole('cell').nth(1).textContent())!.trim()
    expect(passedNumber).toMatch(/^KDI-DGR-\d{4}\.4-\d{4}$/)
    await look(p, `${prefix}-publik`, { shot: true })
    await anon.close()
  })

  await test.step('the lookup: the right pair shows the outcome; a wrong birth date reads like an unknown number', async () => {
    const anon = await newNoJsContext(browser)
    const p = await anon.newPage()
    await p.goto('/hasil/cek')
    await look(p, `${prefix}-cek`, { shot: false })
    await p.getByLabel('Nomor pendaftaran').fill(passedNumber)
    await p.getByLabel('Tanggal lahir').fill('2000-05-06')
    await p.getByRole('button', { name: 'Cek hasil' }).click()
    const wrong = (await p.getByRole('alert').first().textContent())!.trim()
    expect(wrong).toContain('tidak cocok')
    await expect(p.getByLabel('Nomor pendaftaran')).toHaveValue(passedNumber)
    await look(p, `${prefix}-cek-salah`, { shot: true, a11y: false })
    await p.getByLabel('Nomor pendaftaran').fill(passedNumber.replace(/\d{4}$/, '9999'))
    await p.getByLabel('Tanggal lahir').fill(PASSED.birth)
    await p.getByRole('button', { name: 'Cek hasil' }).click()
    expect((await p.getByRole('alert').first().textContent())!.trim()).toBe(wrong)
    await p.getByLabel('Nomor pendaftaran').fill(passedNumber)
    await p.getByLabel('Tanggal lahir').fill(PASSED.birth)
    await p.getByRole('button', { name: 'Cek hasil' }).click()
    await expect(p.getByText(/Selamat, Anda LULUS seleksi/)).toBeVisible()
    await expect(p.getByText(`(${PASSED.masked})`)).toBeVisible()
    await look(p, `${prefix}-cek-lulus`, { shot: true })
    await anon.close()
  })

  await test.step('the recap: charts drawn on the server with their tables; XLSX and PDF read back', async () => {
    await page.goto(hub)
    await page.getByRole('link', { name: 'Rekap pendaftaran' }).click()
    await expect(page).toHaveURL(new RegExp(`${hub}/rekap$`))
    await expect(page.getByText('Jumlah pendaftaran: 8.')).toBeVisible()
    expect(await page.locator('section.card svg').count()).toBe(8)
    const funnel = page.getByRole('region', { name: 'Tahapan seleksi (yang mencapai tiap tahap)' })
    await expect(funnel.getByRole('row', { name: /Lulus seleksi/ })).toContainText('3')
    await expect(funnel.getByRole('row', { name: /Diwawancarai/ })).toContainText('7')
    await waitForHydration(page)
    await look(page, `${prefix}-rekap`, { shot: true })

    const xlsxDownload = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Rekap (XLSX)' }).click()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile((await (await xlsxDownload).path())!)
    const sheet = wb.worksheets.find((w) => w.name.startsWith('Tahapan'))!
    expect(sheet.getRow(2).values).toEqual([undefined, 'Mendaftar', 8, 100])
    expect(sheet.getRow(6).values).toEqual([undefined, 'Lulus seleksi', 3, 37.5])

    const pdfDownload = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Rekap (PDF)' }).click()
    const text = await readDownloadedPdf(await pdfDownload, `${prefix}-rekap`)
    expect(text).toContain('REKAP PENDAFTARAN')
    expect(text).toContain('Tahapan seleksi')
    expect(text).toMatch(/Lulus seleksi\s+3/)

    await page.getByRole('link', { name: 'Rekap seluruh lembaga' }).click()
    await expect(page).toHaveURL(/\/staf\/rekap$/)
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Rekap pendaftaran')
    await waitForHydration(page)
    await look(page, `${prefix}-rekap-lembaga`, { shot: true })
  })
})
