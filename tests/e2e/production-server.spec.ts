// The production server (server/http) as an attacker and an operator meet it (issue 8,
// sections 2–4): the security headers on every kind of response, a 100 MB body refused
// at once with memory flat, no redirect off the site, and malformed bodies answered 4xx.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import type { APIResponse } from '@playwright/test'
import { expect, test } from './fixtures'
import { demoStaff, DEMO_PASSWORD, newNoJsContext } from './helpers'
import { createRegisteredCandidate } from './journeys/assessments'
import { E2E_PORT } from './phone'

const PROGRAMME = 'Pengelasan SMAW Posisi 3G'
const EVIL_TARGET = '/\t/evil.example/phish'
const EVIL_QUERY = '/masuk?ke=%2F%09%2Fevil.example%2Fphish'

function expectSecurityHeaders(headers: Record<string, string>, what: string, scripts: 'nonce' | 'hashes' = 'nonce') {
  expect(headers['content-security-policy'], `${what}: CSP`).toContain("frame-ancestors 'none'")
  // A page rendered once for every anonymous visitor names its inline scripts by hash (decision 025).
  expect(headers['content-security-policy'], `${what}: CSP`).toMatch(
    scripts === 'nonce' ? /script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/ : /script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/,
  )
  expect(headers['x-content-type-options'], `${what}: nosniff`).toBe('nosniff')
  expect(headers['referrer-policy'], `${what}: Referrer-Policy`).toBe('same-origin')
  expect(headers['permissions-policy'], `${what}: Permissions-Policy`).toContain('camera=()')
  expect(headers['x-frame-options'], `${what}: X-Frame-Options`).toBe('DENY')
  // Plain HTTP here: HSTS only over HTTPS (tests/e2e/https-proxy.spec.ts).
  expect(headers['strict-transport-security'], `${what}: no HSTS over HTTP`).toBeUndefined()
}

/** The app server's resident memory (the process listening on the e2e port), in MB. */
function serverRssMb(): number {
  const listing = execFileSync('ss', ['-ltnpH', `sport = :${E2E_PORT}`], { encoding: 'utf8' })
  const pid = /pid=(\d+)/.exec(listing)?.[1]
  if (!pid) throw new Error(`no process listens on ${E2E_PORT}: ${listing}`)
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Number(rss) / 1024
}

/**
 * POST `bytes` of form body to the server as fast as it takes them, as a real client
 * would (declared length, or chunked); resolves with the status and how long it took.
 */
function hugePost(path: string, bytes: number, options: { chunked?: boolean } = {}): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const headers: Record<string, string | number> = { 'Content-Type': 'application/x-www-form-urlencoded' }
    if (!options.chunked) headers['Content-Length'] = bytes
    let answered = false
    const req = httpRequest({ host: '127.0.0.1', port: E2E_PORT, path, method: 'POST', headers }, (res) => {
      answered = true
      res.resume()
      resolve({ status: res.statusCode ?? 0, ms: performance.now() - started })
      req.destroy()
    })
    // Once answered, the server cuts the connection: writes still under way then fail.
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length
        if (!req.write(chunk)) return req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

test.describe('the production server', () => {
  test('every response carries the security headers: a page, a PDF download, a static asset, a 404, a refusal', async ({ page }) => {
    test.setTimeout(240_000)
    // A page rendered per request (the public home page is cached: decision 025, below).
    const home = await page.request.get('/masuk')
    expect(home.status()).toBe(200)
    expectSecurityHeaders(home.headers(), 'page')
    // Every inline script of React Router carries this response's nonce, and only it.
    const nonce = /'nonce-([^']+)'/.exec(home.headers()['content-security-policy']!)![1]!
    const html = await home.text()
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!)
    expect(scripts.length).toBeGreaterThan(0)
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`)
    const again = await page.request.get('/masuk')
    expect(again.headers()['content-security-policy']).not.toContain(nonce)

    // The cached public home page: the same headers, its inline scripts named by hash, no nonce.
    const cached = await page.request.get('/')
    expect(cached.status()).toBe(200)
    expectSecurityHeaders(cached.headers(), 'cached page', 'hashes')
    expect(cached.headers()['content-security-policy']).not.toContain('nonce-')
    expect(await cached.text()).not.toContain('nonce=')

    const asset = /\/assets\/[^"]+\.js/.exec(html)![0]
    const script = await page.request.get(asset)
    expect(script.status()).toBe(200)
    expectSecurityHeaders(script.headers(), 'static asset')
    expect(script.headers()['cache-control']).toContain('immutable')

    const missing = await page.request.get('/tidak-ada-halaman-ini')
    expect(missing.status()).toBe(404)
    expectSecurityHeaders(missing.headers(), '404')

    const refused = await page.request.post('/masuk', { headers: { 'Content-Type': 'application/json' }, data: '{"identifier":"x"}' })
    expect(refused.status()).toBe(415)
    expectSecurityHeaders(refused.headers(), 'refusal')

    // A PDF download: a candidate's receipt (signed up, verified, profile with uploads —
    // multipart through the body guard — and registered, with JavaScript on).
    const registered = await createRegisteredCandidate(page, { programme: PROGRAMME, prefix: 'prod-server', emailPrefix: 'prodserver' })
    const pdf = await page.request.get(`/aktivitas/${registered.registrationId}/tanda-pendaftaran`)
    expect(pdf.status()).toBe(200)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    expectSecurityHeaders(pdf.headers(), 'PDF download')

    // The page guard of this test fails on any console error: a CSP violation by an
    // inline script would be one. The client took over (a navigation without reload).
    await page.goto('/')
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Program' }).first().click()
    await expect(page).toHaveURL(/\/program$/)
  })

  test('a 100 MB POST gets 413 at once and the server’s memory stays flat; other pages stay fast', async ({ request }) => {
    const before = serverRssMb()
    const declared = await hugePost('/masuk', 100 * 1024 * 1024)
    expect(declared.status).toBe(413)
    expect(declared.ms).toBeLessThan(2_000)

    const chunked = await hugePost('/masuk', 100 * 1024 * 1024, { chunked: true })
    expect(chunked.status).toBe(413)
    expect(chunked.ms).toBeLessThan(2_000)

    // Eight at once, as measured in the issue (5.7 GB, 44 s for other pages).
    const eight = await Promise.all(Array.from({ length: 8 }, (_, i) => hugePost(i % 2 ? '/daftar-akun' : '/masuk', 100 * 1024 * 1024, { chunked: i % 3 === 0 })))
    expect(eight.map((r) => r.status)).toEqual(Array(8).fill(413))
    const started = performance.now()
    expect((await request.get('/program')).status()).toBe(200)
    expect(performance.now() - started).toBeLessThan(5_000)

    const after = serverRssMb()
    expect(after - before, `RSS ${before.toFixed(0)} MB → ${after.toFixed(0)} MB`).toBeLessThan(64)

    // An upload over its ceiling too (multipart: the largest upload limit plus the form).
    const upload = await request.post('/profil/dokumen?jenis=photo', {
      multipart: { kind: 'photo', file: { name: 'foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(12 * 1024 * 1024, 1) } },
    })
    expect(upload.status()).toBe(413)
  })

  test('no redirect off the site: /masuk?ke= with a tab, signed in and signing in, with JavaScript on and off; POST /bahasa', async ({ browser, page }) => {
    // Signing in from the crafted link, JavaScript on, then following it again signed in.
    await page.goto(EVIL_QUERY)
    await page.getByLabel('E-mail atau NIK').fill(demoStaff.administrator)
    await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Masuk', exact: true }).click()
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/staf/)
    await page.goto(EVIL_QUERY)
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/staf/)

    // The same with JavaScript off: the sign-in form carries no evil target.
    const noJs = await newNoJsContext(browser)
    const plain = await noJs.newPage()
    await plain.goto(EVIL_QUERY)
    expect(await plain.locator('form[action="/masuk"] input[name="ke"]').count()).toBe(0)
    await plain.getByLabel('E-mail atau NIK').fill(demoStaff.administrator)
    await plain.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
    await plain.getByRole('button', { name: 'Masuk', exact: true }).click()
    await expect(plain).toHaveURL(/^http:\/\/localhost:\d+\/staf/)
    await plain.goto(EVIL_QUERY)
    await expect(plain).toHaveURL(/^http:\/\/localhost:\d+\/staf/)
    await noJs.close()

    // The sign-in action itself, posted with the target in the hidden field.
    const posted = await page.request.post('/masuk', {
      form: { identifier: demoStaff.administrator, password: DEMO_PASSWORD, ke: EVIL_TARGET },
      maxRedirects: 0,
    })
    expect(posted.status()).toBe(302)
    expect(posted.headers().location).toBe('/staf')

    for (const ke of [EVIL_TARGET, '/\\evil.example', '//evil.example', '/\n/evil.example', 'https://evil.example/', '/profil\r\nSet-Cookie: x=1']) {
      const response: APIResponse = await page.request.post('/bahasa', { form: { lang: 'en', ke }, maxRedirects: 0 })
      expect(response.status(), JSON.stringify(ke)).toBe(302)
      const location = response.headers().location!
      expect(location.startsWith('/') && !location.startsWith('//') && !location.startsWith('/\\'), `${JSON.stringify(ke)} → ${location}`).toBe(true)
      expect(new URL(location, 'http://localhost').host).toBe('localhost')
    }
    // A target on the site still works.
    const local = await page.request.post('/bahasa', { form: { lang: 'id', ke: '/program?q=las' }, maxRedirects: 0 })
    expect(local.headers().location).toBe('/program?q=las')
  })

  test('malformed bodies get a 4xx with a message, never a 500', async ({ request }) => {
    const cases: Array<[string, { headers?: Record<string, string>; data?: string | Buffer }, number]> = [
      ['JSON', { headers: { 'Content-Type': 'application/json' }, data: '{"identifier":"a","password":"b"}' }, 415],
      ['text/plain', { headers: { 'Content-Type': 'text/plain' }, data: 'identifier=a&password=b' }, 415],
      ['no content type', { data: Buffer.from('identifier=a') }, 415],
      ['broken multipart', { headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' }, data: '--xyz\r\nContent-Disposition: form-data; name="identifier"\r\n\r\nab' }, 400],
      ['multipart without boundary', { headers: { 'Content-Type': 'multipart/form-data' }, data: 'identifier=a' }, 400],
      ['a NUL byte in a field', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, data: 'identifier=a%00b&password=x' }, 400],
      ['a raw NUL byte', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, data: Buffer.from('identifier=a\0b&password=x') }, 400],
      ['a NUL byte in a field name', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, data: 'ident%00ifier=a&password=x' }, 400],
    ]
    for (const path of ['/masuk', '/daftar-akun', '/lupa-sandi', '/bahasa']) {
      for (const [name, init, status] of cases) {
        const response = await request.post(path, { ...init, maxRedirects: 0 })
        expect(response.status(), `${path}: ${name}`).toBe(status)
        expect(await response.text(), `${path}: ${name}`).toMatch(/Isian|formulir|karakter/)
      }
    }
    // A NUL in the address.
    expect((await request.get('/program?q=las%00')).status()).toBe(400)
    expect((await request.get('/gelombang/%00')).status()).toBe(400)
    expect((await request.get('/masuk?ke=%2F%00')).status()).toBe(400)
  })
})
