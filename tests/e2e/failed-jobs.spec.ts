// The administrators' page of failed jobs (issue 8, section 5), on a server of its own
// whose mail server refuses the administrator's address for good (550): the reset mail
// fails at once (not retried for ever), shows on /admin/antrean with the recipient
// masked, and once the mail server accepts it again, "Ulangi sekarang" delivers it.
import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { expect, test } from './fixtures'
import { checkA11y, demoStaff, DEMO_PASSWORD, newPhoneContext, screenshot } from './helpers'
import { type OwnServer, startOwnServer } from './ownServer'

let smtp: SMTPServer
let app: OwnServer
let refusing = true
const delivered: Array<{ to: string; subject: string }> = []

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(400_000)
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refusing && address.address === demoStaff.administrator) {
        return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }))
      }
      callback()
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          for (const r of session.envelope.rcptTo) delivered.push({ to: r.address, subject: mail.subject ?? '' })
          callback()
        },
        (error: Error) => callback(error),
      )
    },
  })
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r))
  const smtpPort = (smtp.server.address() as AddressInfo).port
  app = await startOwnServer({ name: 'failed-jobs', env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, JOB_WORKER: 'true' } })
})

test.afterAll(async () => {
  await app?.stop()
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()))
})

test('a mail the server refuses fails at once, is listed for administrators, and their retry delivers it', async ({ browser }) => {
  test.setTimeout(180_000)
  const context = await newPhoneContext(browser, { baseURL: `http://localhost:${app.port}` })
  const page = await context.newPage()

  // A password reset for the administrator: the mail server refuses the address.
  await page.goto('/lupa-sandi')
  await page.getByLabel(/E-mail atau NIK/).fill(demoStaff.administrator)
  await page.getByRole('button', { name: /Kirim/ }).click()

  await page.goto('/masuk')
  await page.getByLabel('E-mail atau NIK').fill(demoStaff.administrator)
  await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  await expect(page).toHaveURL(/\/staf/)

  // Failed after one attempt (a 5xx is not retried), shown with the address masked.
  const card = page.getByRole('listitem').filter({ hasText: 'a***@bpvp-kendari.test' })
  await expect(async () => {
    await page.goto('/admin/antrean')
    await expect(card).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 30_000 })
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrean tugas: yang gagal')
  await expect(card).toContainText('Atur ulang kata sandi')
  await expect(card).toContainText('1 / 8')
  await expect(card).toContainText('550')
  await expect(card).not.toContainText(demoStaff.administrator)
  expect(await page.content()).not.toContain('/atur-sandi')
  await checkA11y(page, 'admin-antrean')
  await screenshot(page, 'admin-antrean-gagal')

  // The address works again; the administrator retries and the mail arrives.
  refusing = false
  await card.getByRole('button', { name: 'Ulangi sekarang' }).click()
  await expect(page.getByRole('status').filter({ hasText: /masuk antrean lagi/ })).toBeVisible()
  await expect.poll(() => delivered.filter((m) => m.to === demoStaff.administrator).length, { timeout: 30_000 }).toBe(1)
  expect(delivered.find((m) => m.to === demoStaff.administrator)?.subject).toContain('Atur ulang kata sandi')
  await page.goto('/admin/antrean')
  await expect(page.getByRole('listitem').filter({ hasText: 'a***@bpvp-kendari.test' })).toHaveCount(0)
  await expect(page.getByText('Tidak ada tugas yang gagal.')).toBeVisible()
  await screenshot(page, 'admin-antrean-kosong')
  await context.close()
})
