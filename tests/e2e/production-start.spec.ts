// Issue 8 §1: the demo is not production. A production start (NODE_ENV=production, no
// SEED_DEMO) refuses to start without SMTP; with its settings it seeds nothing and has no
// /dev/mail. The deployment is provisioned with `npm run latih` instead: an institution,
// its first administrator with a one-time link, who then signs in to the staff page.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff, newPhoneContext, uniqueEmail } from './helpers'
import { signIn } from './journeys/candidate'
import { E2E_SMTP_PORT, E2E_SUFFIX } from './phone'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DATA_DIR = resolve(ROOT, `tests/.artifacts/production-start${E2E_SUFFIX}`)
const SECRET = 'production-start-test-secret-0123456789-abcdef'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

function productionEnv(port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, SMTP_URL: _smtp, SEED_DEMO: _seed, LATIH_MODE: _mode, ...env } = process.env
  return {
    ...env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATA_DIR,
    PUBLIC_URL: `http://localhost:${port}`,
    LATIH_SECRET: SECRET,
    JOB_WORKER: 'false',
    ...extra,
  }
}

/** The production build, served by the production server as the README's production start does. */
function startServer(env: NodeJS.ProcessEnv): { child: ChildProcess; log: () => string } {
  const child = spawn(process.execPath, ['server/http/start.mjs', `${process.env.BUILD_DIR ?? 'build'}/server/index.js`], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  return { child, log: () => log }
}

async function waitUntilServing(port: number, server: { child: ChildProcess; log: () => string }) {
  const until = Date.now() + 360_000
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.log()}`)
    try {
      if ((await fetch(`http://localhost:${port}/`)).ok) return
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) throw new Error(`the server did not start:\n${server.log()}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

async function stop(server: { child: ChildProcess }) {
  if (server.child.exitCode !== null) return
  server.child.kill('SIGTERM')
  await new Promise((r) => server.child.once('exit', r))
}

function latih(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/latih.ts', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 })
}

test.describe.configure({ mode: 'serial' })

test.beforeAll(() => rmSync(DATA_DIR, { recursive: true, force: true }))
test.afterAll(() => rmSync(DATA_DIR, { recursive: true, force: true }))

test('a production start without SMTP refuses to start, naming the setting', async () => {
  const port = await freePort()
  const server = startServer(productionEnv(port))
  const code = await new Promise<number | null>((r) => server.child.once('exit', r))
  expect(code).not.toBe(0)
  expect(server.log()).toContain('Invalid configuration for a production start')
  expect(server.log()).toContain('SMTP_URL: required in production')
  // Refused before anything was created.
  expect(existsSync(resolve(DATA_DIR, 'pglite'))).toBe(false)
})

test('a production start seeds nothing and has no mailbox; npm run latih provisions the institution and its administrator', async ({
  browser,
  mailbox,
}) => {
  test.setTimeout(600_000)
  const port = await freePort()
  const env = productionEnv(port, { SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}` })
  let server = startServer(env)
  const context = await newPhoneContext(browser, { baseURL: `http://localhost:${port}` })
  const page = await context.newPage()
  try {
    await test.step('no demo: no staff, no programmes, no /dev/mail', async () => {
      await waitUntilServing(port, server)
      expect(server.log()).toContain('[latih] production mode')
      expect(server.log()).not.toContain('Demo accounts')
      expect((await page.goto('/dev/mail'))?.status()).toBe(404)
      await page.goto('/program')
      await expect(page.getByRole('link', { name: /Pengelasan|Sepeda Motor/ })).toHaveCount(0)
      await signIn(page, demoStaff.administrator, DEMO_PASSWORD)
      await expect(page.getByText('E-mail/NIK atau kata sandi salah.')).toBeVisible()
    })

    await test.step('the command line refuses the embedded database while the server holds it', async () => {
      const busy = latih(['institution:create', '--code', 'KDI', '--name', 'BPVP Kendari', '--time-zone', 'Asia/Makassar'], env)
      expect(busy.status).toBe(1)
      expect(busy.stderr).toContain('The embedded database is in use by process')
    })

    const email = uniqueEmail('kepala-ti')
    const link = await test.step('with the server stopped: institution:create, then admin:create prints and mails the link', async () => {
      await stop(server)
      const made = latih(['institution:create', '--code', 'KDI', '--name', 'BPVP Kendari', '--time-zone', 'Asia/Makassar'], env)
      expect(made.stderr).toBe('')
      expect(made.status).toBe(0)
      const admin = latih(['admin:create', '--institution', 'KDI', '--email', email, '--name', 'Wa Ode Sari'], env)
      expect(admin.status).toBe(0)
      expect(admin.stdout).toContain(`Sent by mail to ${email}.`)
      const printed = /(http:\/\/localhost:\d+\/atur-sandi\?token=[\w-]+)/.exec(admin.stdout)?.[1]
      const mail = await mailbox.waitForMail({ to: email, subjectIncludes: 'Undangan staf Latih BPVP Kendari' })
      expect(mailbox.extractLink(mail, '/atur-sandi')).toBe(new URL(printed!).pathname + new URL(printed!).search)
      return mailbox.extractLink(mail, '/atur-sandi')
    })

    await test.step('started again, the administrator sets a password from the link and reaches the staff page', async () => {
      server = startServer(env)
      await waitUntilServing(port, server)
      await page.goto(link)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buat kata sandi')
      await page.getByLabel('Kata sandi baru', { exact: true }).fill('Anoa-Berlari-Cepat-5')
      await page.getByLabel('Ulangi kata sandi baru').fill('Anoa-Berlari-Cepat-5')
      await page.getByRole('button', { name: 'Simpan kata sandi' }).click()
      await expect(page).toHaveURL(/\/staf$/)
      await page.goto('/admin/staf')
      await expect(page.getByRole('row', { name: /Wa Ode Sari/ })).toContainText('Administrator')
      // Even the administrator of a production start has no /dev/mail.
      expect((await page.goto('/dev/mail'))?.status()).toBe(404)
    })
  } finally {
    await context.close()
    await stop(server)
  }
})
