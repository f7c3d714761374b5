// The production server behind a TLS-terminating reverse proxy (issue 8, section 2): a
// small Node https proxy on 127.0.0.1 with a certificate made now by openssl, forwarding
// to a server of its own (demo data, PUBLIC_URL https, TRUST_PROXY naming the proxy's
// address 127.0.0.2). Signing in works with JavaScript on and off, the cookie is Secure,
// HSTS is sent over HTTPS; and X-Forwarded-* from anyone but that proxy count for nothing.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { createServer as createHttpsServer, type Server } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext } from '@playwright/test'
import { expect, test } from './fixtures'
import { demoStaff, DEMO_PASSWORD, newNoJsContext, newPhoneContext } from './helpers'
import { freePort, type OwnServer, startOwnServer } from './ownServer'

const PROXY_ADDRESS = '127.0.0.2'

let app: OwnServer | undefined
let proxy: Server | undefined
let appPort = 0
let proxyPort = 0
let certDir = ''

test.describe.configure({ mode: 'serial' })
test.setTimeout(120_000)

test.beforeAll(async () => {
  test.setTimeout(400_000)
  proxyPort = await freePort()
  certDir = mkdtempSync(join(tmpdir(), 'latih-tls-'))
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'),
  ], { stdio: 'ignore' })

  app = await startOwnServer({
    name: 'https-proxy',
    env: { PUBLIC_URL: `https://localhost:${proxyPort}`, TRUST_PROXY: PROXY_ADDRESS },
  })
  appPort = app.port

  // The reverse proxy: TLS here, plain HTTP to the app from 127.0.0.2, the original Host
  // passed on, the client's address appended to X-Forwarded-For, the scheme in -Proto.
  proxy = createHttpsServer({ key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) }, (req, res) => {
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ')
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: appPort,
        localAddress: PROXY_ADDRESS,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': 'https' },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((r) => proxy!.listen(proxyPort, '127.0.0.1', r))
})

test.afterAll(async () => {
  await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()))
  await app?.stop()
  if (certDir) rmSync(certDir, { recursive: true, force: true })
})

const site = () => `https://localhost:${proxyPort}`

async function signInThroughProxy(browser: Browser, js: boolean): Promise<BrowserContext> {
  const options = { ignoreHTTPSErrors: true, baseURL: site() }
  const context = js ? await newPhoneContext(browser, options) : await newNoJsContext(browser, options)
  const page = await context.newPage()
  const response = await page.goto('/masuk')
  expect(response?.status()).toBe(200)
  expect(response?.headers()['strict-transport-security']).toMatch(/max-age=\d+/)
  await page.getByLabel('E-mail atau NIK').fill(demoStaff.administrator)
  await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  await expect(page).toHaveURL(`${site()}/staf`)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const cookie = (await context.cookies()).find((c) => c.name === 'latih_session')
  expect(cookie, 'the session cookie').toBeDefined()
  expect(cookie!.secure).toBe(true)
  expect(cookie!.httpOnly).toBe(true)
  // Signed in: an administrator's page opens over the proxy.
  expect((await page.goto('/admin/program'))?.status()).toBe(200)
  return context
}

test('behind the TLS proxy, signing in works with JavaScript on and the cookie is Secure', async ({ browser }) => {
  const context = await signInThroughProxy(browser, true)
  await context.close()
})

test('behind the TLS proxy, signing in works with JavaScript off and the cookie is Secure', async ({ browser }) => {
  const context = await signInThroughProxy(browser, false)
  await context.close()
})

test('X-Forwarded-* from anyone but the configured proxy are ignored: scheme and sign-in address', async ({ playwright }) => {
  // Straight to the app, not through the proxy, claiming HTTPS: no HSTS, since the claim
  // does not come from the trusted proxy.
  const direct = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${appPort}` })
  const page = await direct.get('/', { headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'evil.example' } })
  expect(page.status()).toBe(200)
  expect(page.headers()['strict-transport-security']).toBeUndefined()

  // Failed sign-ins for one account, each claiming another address: they all count for
  // the one real address, so a fresh claimed address does not dodge the wait that starts
  // at the fifth failure (decision 018).
  const statuses: number[] = []
  for (let i = 0; i < 6; i += 1) {
    const failed = await direct.post('/masuk', {
      form: { identifier: 'tidak.ada@contoh.test', password: `salah-${i}` },
      headers: { 'X-Forwarded-For': `198.51.100.${i + 1}`, 'X-Real-IP': `198.51.100.${i + 1}` },
      maxRedirects: 0,
    })
    statuses.push(failed.status())
    if (i === 4) expect(await failed.text()).toContain('Tunggu 30 detik sebelum mencoba lagi')
  }
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
  // The wait belongs to that account from that address: everyone else at the address
  // (a kiosk desk, a lab behind one NAT) still signs in.
  const other = await direct.post('/masuk', {
    form: { identifier: demoStaff.kioskOfficer, password: DEMO_PASSWORD },
    headers: { 'X-Forwarded-For': '203.0.113.77' },
    maxRedirects: 0,
  })
  expect(other.status()).toBe(302)
  await direct.dispose()
})
