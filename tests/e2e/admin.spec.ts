// The administrator's side (issues 2 and 3): a new programme and its batch, then a new
// question bank with a question, each refused first with wrong input at its field (what
// was typed stays), and the new batch in the public catalogue. Every page gets axe.
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff } from './helpers'
import { witaDateTimeLocal } from './journeys/assessments'
import { look, signIn, waitForHydration } from './journeys/candidate'

const prefix = 'admin'
for (const js of [true, false]) {
  test(`an administrator adds a programme, its batch and a question bank; wrong input is refused at its field (JavaScript ${js ? 'on' : 'off'})`, async ({
    formPage,
    noJsFormPage,
  }) => {
    test.setTimeout(360_000)
    const page = js ? formPage : noJsFormPage
    const hydrated = () => (js ? waitForHydration(page) : Promise.resolve())
    // Codes are unique per institution, and a CI retry runs on the same server.
    const suffix = `${js ? 1 : 2}${String(Date.now() % 10000).padStart(4, '0')}`
    const code = `E${suffix}`
    const name = `Operator Forklift ${suffix}`
    const invalid = (label: string) => expect(page.getByLabel(label, { exact: true })).toHaveAttribute('aria-invalid', 'true')

    await test.step('sign in and open the new-programme form', async () => {
      await signIn(page, demoStaff.administrator, DEMO_PASSWORD)
      await expect(page).toHaveURL(/\/staf$/)
      await page.goto('/admin/program')
      await page.getByRole('link', { name: 'Tambah program' }).click()
      await expect(page).toHaveURL(/\/admin\/program\/baru$/)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tambah program')
      await hydrated()
      await look(page, `${prefix}${js ? '' : '-nojs'}-program-baru`, { shot: true })
    })

    await test.step('a bad code, no name and an age range the wrong way round are refused at their fields', async () => {
      await page.getByLabel('Kode program', { exact: true }).fill('e!')
      await page.getByLabel('Kejuruan', { exact: true }).fill('Alat Berat')
      await page.getByLabel('Durasi (jam pelajaran)', { exact: true }).fill('160')
      await page.getByLabel('Lokasi pelatihan', { exact: true }).fill('BPVP Kendari')
      await page.getByLabel('Usia minimal (tahun)', { exact: true }).fill('40')
      await page.getByLabel('Usia maksimal (tahun)', { exact: true }).fill('20')
      await page.getByRole('button', { name: 'Simpan program' }).click()
      await expect(page.getByText('Program belum dapat disimpan.')).toBeVisible()
      await expect(page).toHaveURL(/\/admin\/program\/baru$/)
      await invalid('Kode program')
      await invalid('Nama program')
      await invalid('Usia maksimal (tahun)')
      // What was typed stays.
      await expect(page.getByLabel('Lokasi pelatihan', { exact: true })).toHaveValue('BPVP Kendari')
      await expect(page.getByLabel('Durasi (jam pelajaran)', { exact: true })).toHaveValue('160')
      await look(page, `${prefix}${js ? '' : '-nojs'}-program-baru-salah`, { shot: true })
    })

    const programmeId = await test.step('corrected, the programme is saved', async () => {
      await page.getByLabel('Kode program', { exact: true }).fill(code)
      await page.getByLabel('Nama program', { exact: true }).fill(name)
      await page.getByLabel('Usia maksimal (tahun)', { exact: true }).fill('45')
      await page.getByLabel('Usia minimal (tahun)', { exact: true }).fill('18')
      await page.getByRole('button', { name: 'Simpan program' }).click()
      await expect(page).toHaveURL(/\/admin\/program\/[0-9a-f-]{36}\?disimpan=baru$/)
      await expect(page.getByRole('heading', { level: 1 })).toContainText(name)
      await look(page, `${prefix}${js ? '' : '-nojs'}-program-tersimpan`)
      return page.url().split('/').at(-1)!.split('?')[0]!
    })

    await test.step('a batch whose registration closes before it opens is refused; corrected, it is saved', async () => {
      await page.getByRole('link', { name: 'Tambah gelombang' }).click()
      await expect(page).toHaveURL(new RegExp(`/admin/program/${programmeId}/gelombang/baru$`))
      await hydrated()
      await look(page, `${prefix}${js ? '' : '-nojs'}-gelombang-baru`, { shot: true })
      // The SOP schedule from tomorrow: each step after the one before.
      const DAY = 86_400_000
      const from = (days: number) => new Date(Date.now() + days * DAY)
      const schedule: Array<[string, string]> = [
        ['Pendaftaran dibuka', witaDateTimeLocal(from(1))],
        ['Pendaftaran ditutup', witaDateTimeLocal(from(10))],
        ['Batas asesmen', witaDateTimeLocal(from(12))],
        ['Wawancara mulai', witaDateTimeLocal(from(13))],
        ['Wawancara selesai', witaDateTimeLocal(from(15))],
        ['Pleno hasil seleksi', witaDateTimeLocal(from(16))],
        ['Pengumuman', witaDateTimeLocal(from(17))],
        ['Batas daftar ulang', witaDateTimeLocal(from(20))],
        ['Pelatihan mulai', witaDateTimeLocal(from(24)).slice(0, 10)],
        ['Pelatihan selesai', witaDateTimeLocal(from(60)).slice(0, 10)],
      ]
      for (const [label, value] of schedule) await page.getByLabel(label, { exact: true }).fill(value)
      // Registration closing a day before it opens.
      const closes = page.getByLabel('Pendaftaran ditutup', { exact: true })
      await closes.fill(witaDateTimeLocal(from(0)))
      await page.getByLabel('Kuota peserta', { exact: true }).fill('16')
      await page.getByRole('button', { name: 'Simpan gelombang' }).click()
      await expect(page.getByText('Gelombang belum dapat disimpan.')).toBeVisible()
      await invalid('Pendaftaran ditutup')
      await expect(page.getByLabel('Kuota peserta', { exact: true })).toHaveValue('16')
      await look(page, `${prefix}${js ? '' : '-nojs'}-gelombang-baru-salah`)
      await closes.fill(schedule[1]![1])
      await page.getByRole('button', { name: 'Simpan gelombang' }).click()
      await expect(page).toHaveURL(new RegExp(`/admin/program/${programmeId}\\?disimpan=gelombang$`))
      await look(page, `${prefix}${js ? '' : '-nojs'}-gelombang-tersimpan`)
    })

    await test.step('the new programme is in the public catalogue', async () => {
      await page.goto('/program?status=all')
      await expect(page.getByRole('heading', { name })).toBeVisible()
    })

    await test.step('a question bank: a missing kind and a bad code are refused; corrected, it is saved', async () => {
      await page.goto('/admin/bank-soal/baru')
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await hydrated()
      await look(page, `${prefix}${js ? '' : '-nojs'}-bank-baru`, { shot: true })
      await page.getByLabel('Kode bank', { exact: true }).fill('kode salah!')
      await page.getByLabel('Judul', { exact: true }).fill(`Tes tulis forklift ${suffix}`)
      await page.getByRole('button', { name: 'Buat bank soal' }).click()
      await expect(page.getByText('Bank soal belum dapat disimpan.')).toBeVisible()
      await invalid('Jenis asesmen')
      await invalid('Kode bank')
      await expect(page.getByLabel('Judul', { exact: true })).toHaveValue(`Tes tulis forklift ${suffix}`)
      await page.getByLabel('Jenis asesmen', { exact: true }).selectOption('written_test')
      await page.getByLabel('Kode bank', { exact: true }).fill(`SL-F${suffix}`)
      await page.getByLabel('Bidang kejuruan (khusus tes tertulis)', { exact: true }).fill('Alat Berat')
      await page.getByRole('button', { name: 'Buat bank soal' }).click()
      await expect(page).toHaveURL(/\/admin\/bank-soal\/[0-9a-f-]{36}\?disimpan=bank$/)
      await expect(page.getByRole('heading', { level: 1 })).toContainText(`Tes tulis forklift ${suffix}`)
      await look(page, `${prefix}${js ? '' : '-nojs'}-bank-tersimpan`)
    })

    await test.step('a question without a key is refused; corrected, it is saved and opens for editing', async () => {
      await page.getByRole('link', { name: 'Tambah soal' }).click()
      await expect(page).toHaveURL(/\/soal\/baru$/)
      await hydrated()
      await look(page, `${prefix}${js ? '' : '-nojs'}-soal-baru`, { shot: true })
      const stem = 'Alat pelindung diri yang wajib dipakai operator forklift adalah …'
      await page.getByLabel('Pertanyaan', { exact: true }).fill(stem)
      for (const [key, text] of [
        ['A', 'Helm, rompi reflektif dan sepatu keselamatan'],
        ['B', 'Sandal dan kaus'],
        ['C', 'Kacamata hitam saja'],
        ['D', 'Tidak perlu apa-apa'],
      ] as const) {
        await page.getByLabel(`Opsi ${key}`, { exact: true }).fill(text)
      }
      await page.getByRole('button', { name: 'Simpan soal', exact: true }).click()
      await expect(page.getByText('Soal belum dapat disimpan.')).toBeVisible()
      await invalid('Kunci jawaban')
      await expect(page.getByLabel('Pertanyaan', { exact: true })).toHaveValue(stem)
      await page.getByLabel('Kunci jawaban', { exact: true }).selectOption('A')
      await page.getByRole('button', { name: 'Simpan soal', exact: true }).click()
      await expect(page).toHaveURL(/\/admin\/bank-soal\/[0-9a-f-]{36}\?disimpan=soal$/)
      await expect(page.getByText(stem)).toBeVisible()
      // Question codes start with the bank's code.
      await page.getByRole('link', { name: new RegExp(`^Ubah SL-F${suffix}`) }).click()
      await expect(page).toHaveURL(/\/soal\/[0-9a-f-]{36}$/)
      await expect(page.getByLabel('Pertanyaan', { exact: true })).toHaveValue(stem)
      await hydrated()
      await look(page, `${prefix}${js ? '' : '-nojs'}-soal-ubah`, { shot: true })
    })
  })
}
