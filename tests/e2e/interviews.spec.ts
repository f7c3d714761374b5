// SOP step 7, interviews (issue 6 part 2): the committee creates slots for the seeded
// TSM batch (a wrong one refused first at its field) and invites; seeded candidates see
// the call, download the .ics and switch slot (JavaScript on, and off for another); the
// interviewer scores candidates (JavaScript on and off), a bad score refused first; the
// committee moves a candidate and reopens a scorecard with a reason. axe on every page.
import { readFileSync } from 'node:fs'
import { type Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff } from './helpers'
import { expectFieldError, look, signIn, waitForHydration } from './journeys/candidate'

const prefix = 'interviews'
const TSM = 'Perawatan dan Perbaikan Sepeda Motor Injeksi'
const candidate = (n: number) => `calon.tsm${String(n).padStart(2, '0')}@contoh.test`

let base = ''
/** The WITA date of the first interview day (the slot form's suggestion), 'YYYY-MM-DD'. */
let firstDay = ''

/** '2027-03-04' + '09:00' WITA as the .ics writes it in UTC: '20270304T010000Z'. */
function icsUtc(date: string, time: string): string {
  const instant = new Date(`${date}T${time}:00+08:00`)
  return `${instant.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`
}

async function openCall(page: Page, who: string) {
  await signIn(page, who, DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/aktivitas/)
  await page.goto('/aktivitas')
  await page.getByRole('article').filter({ hasText: TSM }).getByRole('link', { name: /Lihat rincian/ }).click()
  await page.getByRole('link', { name: 'Lihat panggilan wawancara' }).click()
  await expect(page).toHaveURL(/\/aktivitas\/[0-9a-f-]{36}\/wawancara$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Panggilan wawancara')
}

test.describe.serial('interviews', () => {
  test('the committee adds slots (a wrong one refused at its field) and invites the TSM batch', async ({ formPage: page }) => {
    test.setTimeout(180_000)
    await signIn(page, demoStaff.selectionCommittee, DEMO_PASSWORD)
    await expect(page).toHaveURL(/\/staf$/)
    await page.goto('/staf/asesmen')
    await page.getByRole('link', { name: new RegExp(`${TSM} — Gelombang 2/`) }).click()
    await expect(page).toHaveURL(/\/staf\/gelombang\/[0-9a-f-]{36}$/)
    base = `${new URL(page.url()).pathname}/wawancara`
    await page.goto(base)
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Wawancara')
    await expect(page.getByText('12 calon lulus tes tertulis belum diundang')).toBeVisible()
    await waitForHydration(page)
    await look(page, `${prefix}-panitia-awal`, { shot: true })

    await page.goto(`${base}/rubrik`)
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Rubrik penilaian wawancara')
    await expect(page.getByLabel('Nama kriteria').first()).toHaveValue('Motivasi')
    await look(page, `${prefix}-rubrik`, { shot: true })

    await page.goto(base)
    await page.getByRole('link', { name: 'Tambah slot' }).click()
    await expect(page).toHaveURL(new RegExp(`${base}/slot$`))
    await waitForHydration(page)
    firstDay = await page.getByLabel('Tanggal', { exact: true }).inputValue()
    expect(firstDay).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    await look(page, `${prefix}-slot-baru`, { shot: true })

    // Ending before it starts.
    await page.getByLabel('Jam mulai').fill('10:00')
    await page.getByLabel('Jam selesai').fill('09:00')
    await page.getByLabel('Ruang', { exact: true }).fill('Ruang Wawancara 1')
    await page.getByLabel('Kapasitas (orang)').fill('6')
    await page.getByLabel('Pewawancara Rahmat').check()
    await page.getByRole('button', { name: 'Simpan slot' }).click()
    await expect(page.getByText('Slot belum dapat disimpan.')).toBeVisible()
    await expectFieldError(page.getByLabel('Jam selesai'), 'Jam selesai harus sesudah jam mulai.')
    await expect(page.getByLabel('Ruang', { exact: true })).toHaveValue('Ruang Wawancara 1')
    await expect(page.getByLabel('Kapasitas (orang)')).toHaveValue('6')
    await expect(page.getByLabel('Pewawancara Rahmat')).toBeChecked()
    await look(page, `${prefix}-slot-salah`, { shot: true })

    await page.getByLabel('Jam mulai').fill('09:00')
    await page.getByLabel('Jam selesai').fill('11:00')
    await page.getByRole('button', { name: 'Simpan slot' }).click()
    await expect(page).toHaveURL(new RegExp(`${base}\\?ok=slot$`))
    await expect(page.getByText('Slot disimpan.')).toBeVisible()

    // The same interviewer at an overlapping time is refused at the interviewer field.
    await page.getByRole('link', { name: 'Tambah slot' }).click()
    await page.getByLabel('Jam mulai').fill('10:30')
    await page.getByLabel('Jam selesai').fill('12:00')
    await page.getByLabel('Ruang', { exact: true }).fill('Ruang Wawancara 2')
    await page.getByLabel('Kapasitas (orang)').fill('6')
    await page.getByLabel('Pewawancara Rahmat').check()
    await page.getByRole('button', { name: 'Simpan slot' }).click()
    await expect(page.getByText(/Pewawancara Rahmat sudah punya slot wawancara yang bertabrakan/)).toBeVisible()
    await expect(page.getByLabel('Ruang', { exact: true })).toHaveValue('Ruang Wawancara 2')
    await page.getByLabel('Jam mulai').fill('13:00')
    await page.getByLabel('Jam selesai').fill('15:00')
    await page.getByLabel('Kapasitas (orang)').fill('8')
    await page.getByRole('button', { name: 'Simpan slot' }).click()
    await expect(page.getByText('Slot disimpan.')).toBeVisible()

    // A small online slot, for switching.
    await page.getByRole('link', { name: 'Tambah slot' }).click()
    await page.getByLabel('Jam mulai').fill('15:00')
    await page.getByLabel('Jam selesai').fill('16:00')
    await page.getByLabel('Tautan wawancara daring').fill('https://meet.example.test/tsm-2')
    await page.getByLabel('Kapasitas (orang)').fill('2')
    await page.getByLabel('Pewawancara Rahmat').check()
    await page.getByRole('button', { name: 'Simpan slot' }).click()
    await expect(page.getByText('Slot disimpan.')).toBeVisible()

    await page.getByRole('button', { name: 'Undang wawancara dan bagi ke slot' }).click()
    await expect(page.getByText('12 calon diundang dan dibagi ke slot; 0 calon tidak diundang')).toBeVisible()
    await expect(page.getByText('6 dari 6 tempat terisi')).toBeVisible()
    await expect(page.getByText('6 dari 8 tempat terisi')).toBeVisible()
    await expect(page.getByText('0 dari 2 tempat terisi')).toBeVisible()
    await look(page, `${prefix}-panitia-diundang`, { shot: true })
  })

  test('a candidate sees the call, downloads the .ics and switches slot (JavaScript on)', async ({ formPage: page, mailbox }) => {
    const mail = await mailbox.waitForMail({ to: candidate(1), subjectIncludes: 'Panggilan wawancara' })
    expect(mail.text).toContain('Yang dibawa: KTP asli')
    expect(mailbox.extractLink(mail, '/aktivitas/')).toMatch(/\/wawancara$/)

    await openCall(page, candidate(1))
    await waitForHydration(page)
    await expect(page.getByText(/09\.00–11\.00 WITA/)).toBeVisible()
    await expect(page.getByText('Ruang Wawancara 1, BPVP Kendari')).toBeVisible()
    await look(page, `${prefix}-panggilan`, { shot: true })

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh jadwal (.ics)' }).click()])
    expect(download.suggestedFilename()).toMatch(/^wawancara-KDI-TSM-\d{4}\.2-0001\.ics$/)
    const ics = readFileSync((await download.path())!, 'utf8')
    expect(ics).toContain('BEGIN:VEVENT')
    expect(ics).toContain(`DTSTART:${icsUtc(firstDay, '09:00')}`)
    expect(ics).toContain(`DTEND:${icsUtc(firstDay, '11:00')}`)
    expect(ics).toContain('SUMMARY:Wawancara seleksi Perawatan dan Perbaikan Sepeda Motor Injeksi')

    await page.getByLabel(/15\.00–16\.00 WITA — Wawancara daring/).check()
    await page.getByRole('button', { name: 'Pindah ke jadwal ini' }).click()
    await expect(page.getByText('Jadwal wawancara Anda sudah dipindah.')).toBeVisible()
    await expect(page.getByText(/15\.00–16\.00 WITA/)).toBeVisible()
    await expect(page.getByRole('link', { name: 'https://meet.example.test/tsm-2' })).toBeVisible()
    const changed = await mailbox.waitForMail({ to: candidate(1), subjectIncludes: 'Jadwal wawancara berubah' })
    expect(changed.text).toContain('https://meet.example.test/tsm-2')
    const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh jadwal (.ics)' }).click()])
    const updated = readFileSync((await again.path())!, 'utf8')
    expect(updated).toContain(`DTSTART:${icsUtc(firstDay, '15:00')}`)
    expect(updated).toContain('SEQUENCE:1')
  })

  test('another candidate switches slot with JavaScript off; the full slot is no longer offered', async ({ noJsFormPage: page }) => {
    await openCall(page, candidate(2))
    await look(page, `${prefix}-nojs-panggilan`, { shot: true })
    await page.getByLabel(/15\.00–16\.00 WITA — Wawancara daring/).check()
    await page.getByRole('button', { name: 'Pindah ke jadwal ini' }).click()
    await expect(page.getByText('Jadwal wawancara Anda sudah dipindah.')).toBeVisible()
    await expect(page.getByText(/15\.00–16\.00 WITA/)).toBeVisible()
    // The online slot is now full (2 of 2): only the other room slot is offered.
    await expect(page.getByLabel(/15\.00–16\.00 WITA — Wawancara daring/)).toHaveCount(0)
  })

  for (const js of [true, false]) {
    test(`the interviewer scores a candidate, a bad score refused first (JavaScript ${js ? 'on' : 'off'})`, async ({ formPage, noJsFormPage }) => {
      const page = js ? formPage : noJsFormPage
      const tag = js ? '' : '-nojs'
      const name = js ? 'La Ode Syamsul' : 'Ikhsan Maulana'
      await signIn(page, demoStaff.interviewer, DEMO_PASSWORD)
      await expect(page).toHaveURL(/\/staf$/)
      await page.getByRole('link', { name: 'Jadwal wawancara saya' }).click()
      await expect(page).toHaveURL(/\/wawancara$/)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jadwal wawancara saya')
      if (js) await look(page, `${prefix}-pewawancara`, { shot: true })
      await page.getByRole('link', { name }).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
      await expect(page.getByText(/^7471•+\d{4}$/)).toBeVisible()
      await expect(page.getByText('Kota Kendari', { exact: false }).first()).toBeVisible()
      if (js) await waitForHydration(page)
      await look(page, `${prefix}${tag}-calon`, { shot: true })

      const field = (label: RegExp) => page.getByRole('spinbutton', { name: label })
      await field(/^Motivasi/).fill('6')
      await field(/^Bakat/).fill('4')
      await field(/^Komitmen/).fill('4')
      await field(/^Komunikasi/).fill('3')
      await page.getByLabel('Catatan').fill('Pernah membantu di bengkel paman dua tahun.')
      await page.getByRole('button', { name: 'Kirim penilaian' }).click()
      await expect(page.getByText('Penilaian belum dapat dikirim.')).toBeVisible()
      await expectFieldError(field(/^Motivasi/), 'Nilai harus antara 1 dan 5.')
      await expect(field(/^Bakat/)).toHaveValue('4')
      await expect(page.getByLabel('Catatan')).toHaveValue('Pernah membantu di bengkel paman dua tahun.')
      await look(page, `${prefix}${tag}-nilai-salah`, { shot: true })

      await field(/^Motivasi/).fill('5')
      await page.getByRole('button', { name: 'Kirim penilaian' }).click()
      await expect(page.getByText('Penilaian terkirim dan terkunci.')).toBeVisible()
      // (30·4 + 30·3 + 25·3 + 15·2) / 4 = 78,75
      await expect(page.getByText(/Total 78,75 dari 100/)).toBeVisible()
      await expect(page.getByRole('button', { name: 'Kirim penilaian' })).toHaveCount(0)
    })
  }

  test('the committee moves a candidate and reopens a scorecard only with a reason', async ({ formPage: page }) => {
    await signIn(page, demoStaff.selectionCommittee, DEMO_PASSWORD)
    await expect(page).toHaveURL(/\/staf$/)
    await page.goto(base)
    await expect(page.getByRole('heading', { name: 'Sebaran nilai per pewawancara' })).toBeVisible()
    await expect(page.getByRole('row', { name: /Pewawancara Rahmat 2 78,75 0/ })).toBeVisible()

    await page.getByRole('link', { name: 'Pindahkan: Nurul Hikmah' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pindahkan ke slot lain')
    await waitForHydration(page)
    await look(page, `${prefix}-pindah`, { shot: true })
    await page.getByLabel('Alasan (tidak wajib)').fill('Bentrok dengan ujian sekolah.')
    await page.getByRole('button', { name: 'Pindahkan dan beri tahu calon' }).click()
    await expect(page.getByText('Calon dipindahkan')).toBeVisible()

    await page.getByRole('link', { name: 'Buka kembali: Pewawancara Rahmat, La Ode Syamsul' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buka kembali lembar penilaian')
    await waitForHydration(page)
    await look(page, `${prefix}-buka`, { shot: true })
    await page.getByRole('button', { name: 'Buka kembali' }).click()
    await expectFieldError(page.getByLabel('Alasan membuka kembali'), 'Alasan membuka kembali wajib diisi, minimal 10 karakter.')
    await page.getByLabel('Alasan membuka kembali').fill('Nilai komunikasi tertukar dengan calon lain.')
    await page.getByRole('button', { name: 'Buka kembali' }).click()
    await expect(page.getByText('Lembar penilaian dibuka kembali')).toBeVisible()
    await expect(page.getByText('Pewawancara Rahmat: (dibuka kembali)')).toBeVisible()
    await look(page, `${prefix}-panitia-akhir`, { shot: true, a11y: false })
  })
})
