// Issue 8 §1: an administrator's staff page. The administrator invites a staff member
// (refused first with a bad e-mail and no role, keeping what was typed), the invitee sets
// a password through the link in the mail and signs in to the role's pages; the
// administrator deactivates them, which ends their session at once. With JavaScript on
// and off for the administrator; axe on every new page.
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff, expectFitsPhoneWidth, newPhoneContext, uniqueEmail } from './helpers'
import { look, signIn, waitForHydration } from './journeys/candidate'
import { guardPage } from './journeys/guard'

const PASSWORD = 'Anoa-Berlari-Cepat-5'

for (const js of [true, false]) {
  test(`an administrator invites a kiosk officer, who sets a password from the mail and works; deactivated, their session ends (JavaScript ${js ? 'on' : 'off'})`, async ({
    formPage,
    noJsFormPage,
    browser,
    mailbox,
  }) => {
    test.setTimeout(180_000)
    const page = js ? formPage : noJsFormPage
    const tag = js ? 'staf' : 'staf-nojs'
    const hydrated = () => (js ? waitForHydration(page) : Promise.resolve())
    const email = uniqueEmail(js ? 'petugas-baru' : 'petugas-baru-nojs')
    const name = js ? 'Rina Petugas Kios' : 'Rudi Petugas Kios'

    await test.step('the administrator opens the staff page from the navigation', async () => {
      await signIn(page, demoStaff.administrator, DEMO_PASSWORD)
      await expect(page).toHaveURL(/\/staf$/)
      await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Staf', exact: true }).click()
      await expect(page).toHaveURL(/\/admin\/staf$/)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staf lembaga')
      await expect(page.getByRole('row', { name: /Admin BPVP Kendari/ })).toContainText('Administrator')
      await expectFitsPhoneWidth(page)
      await look(page, `${tag}-daftar`, { shot: true })
    })

    await test.step('a bad e-mail and no role are refused at their fields; the name stays', async () => {
      await page.getByRole('link', { name: 'Undang staf' }).click()
      await expect(page).toHaveURL(/\/admin\/staf\/undang$/)
      await hydrated()
      await page.getByLabel('E-mail', { exact: true }).fill('rina.kios@')
      await page.getByLabel('Nama lengkap').fill(name)
      await page.getByRole('button', { name: 'Kirim undangan' }).click()
      await expect(page.getByText('Undangan belum dikirim.')).toBeVisible()
      await expect(page.getByLabel('E-mail', { exact: true })).toHaveAttribute('aria-invalid', 'true')
      await expect(page.getByLabel('E-mail', { exact: true })).toHaveAccessibleDescription(/Alamat e-mail tidak valid/)
      await expect(page.getByRole('group', { name: 'Peran' })).toContainText('Pilih setidaknya satu peran.')
      await expect(page.getByLabel('E-mail', { exact: true })).toHaveValue('rina.kios@')
      await expect(page.getByLabel('Nama lengkap')).toHaveValue(name)
      await look(page, `${tag}-undang-salah`, { shot: true })
    })

    await test.step('corrected, with the kiosk role, the invitation is sent', async () => {
      await page.getByLabel('E-mail', { exact: true }).fill(email)
      await page.getByLabel(/^Petugas kios/).check()
      await page.getByRole('button', { name: 'Kirim undangan' }).click()
      await expect(page).toHaveURL(/\/admin\/staf\?diundang=/)
      await expect(page.getByText(`Undangan dikirim ke ${email}.`)).toBeVisible()
      await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Belum membuat kata sandi')
    })

    // The invitee, on their own phone.
    const phoneContext = await newPhoneContext(browser)
    const phone = await phoneContext.newPage()
    const phoneProblems = guardPage(phone)
    try {
      await test.step('the invitee sets a password through the link in the mail and opens the kiosk', async () => {
        const mail = await mailbox.waitForMail({ to: email, subjectIncludes: 'Undangan staf Latih' })
        expect(mail.text).toContain('Petugas kios')
        await phone.goto(mailbox.extractLink(mail, '/atur-sandi'))
        await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Buat kata sandi')
        await phone.getByLabel('Kata sandi baru', { exact: true }).fill(PASSWORD)
        await phone.getByLabel('Ulangi kata sandi baru').fill(PASSWORD)
        await phone.getByRole('button', { name: 'Simpan kata sandi' }).click()
        await expect(phone).toHaveURL(/\/staf$/)
        await phone.getByRole('link', { name: 'Kios pendaftaran' }).click()
        await expect(phone).toHaveURL(/\/kios$/)
        await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Bantu pendaftaran calon peserta')
        // Not an administrator.
        expect((await phone.goto('/admin/staf'))?.status()).toBe(403)
        await phone.goto('/kios')
      })

      await test.step('the administrator sees them active, and asking to deactivate without ticking is refused', async () => {
        await page.goto('/admin/staf')
        await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Aktif')
        await page.getByRole('link', { name }).click()
        await expect(page).toHaveURL(/\/admin\/staf\/[0-9a-f-]{36}$/)
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
        await hydrated()
        await look(page, `${tag}-anggota`, { shot: true })
        await page.getByRole('button', { name: 'Nonaktifkan staf' }).click()
        await expect(page.getByText('Staf belum dinonaktifkan.')).toBeVisible()
        await expect(page.getByLabel(`Ya, nonaktifkan ${name}`)).toHaveAccessibleDescription(/Centang kotak ini/)
      })

      await test.step('deactivated, the staff member is signed out on their next click', async () => {
        await page.getByLabel(`Ya, nonaktifkan ${name}`).check()
        await page.getByRole('button', { name: 'Nonaktifkan staf' }).click()
        await expect(page).toHaveURL(/\/admin\/staf\?dinonaktifkan=/)
        await expect(page.getByText(`${name} dinonaktifkan`)).toBeVisible()
        await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0)

        await phone.reload()
        await expect(phone).toHaveURL(/\/masuk\?ke=%2Fkios$/)
        // Signing in again leads to a home without any role.
        await signIn(phone, email, PASSWORD)
        await expect(phone).toHaveURL(/\/staf$/)
        await expect(phone.getByText('Akun Anda belum diberi peran di lembaga mana pun.')).toBeVisible()
        expect((await phone.goto('/kios'))?.status()).toBe(403)
      })
    } finally {
      await phoneContext.close()
    }
    expect(phoneProblems).toEqual([])
  })
}
