import { createHash } from 'node:crypto'
import { request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { publicContentChanged } from '../publicContent'
import { createPublicPageCache, inlineScriptHashes, publicPageKey, type Render } from './publicPageCache'
import { cspNonce, securityHeaders } from './securityHeaders'

// Decision 025: the public page cache in front of React Router. The render function
// stands where React Router's request handler stands in production (server/http/httpApp.ts);
// the page's hydration in a browser under the hashed CSP is checked by
// tests/e2e/public-cache.spec.ts against the real build.

const BATCH = '0b0f6c2e-5d1a-4c5e-9a77-1f2e3d4c5b6a'
const SCRIPT = 'window.__ctx = {"page":1};'

interface Raw {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

const html = (title: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1>${'<p>Program pelatihan berbasis kompetensi.</p>'.repeat(50)}` +
  `<script>${SCRIPT}</script><script type="module" src="/assets/entry.js"></script></body></html>`

let servers: Server[] = []
let closers: Array<() => void> = []
afterEach(async () => {
  for (const close of closers) close()
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
  servers = []
  closers = []
})

/** The production middleware order: nonce, headers (CSP), the cache, then "React Router". */
async function serve(options: { render: Render; ttlMs?: number; clock?: () => number }) {
  const seen: Array<{ url: string; cookie: string | null }> = []
  const render: Render = (request) => {
    seen.push({ url: request.url, cookie: request.headers.get('cookie') })
    return options.render(request)
  }
  const cache = createPublicPageCache({ render, origin: 'http://latih.test', ttlMs: options.ttlMs, clock: options.clock })
  closers.push(cache.close)
  const app = express()
  app.use(cspNonce)
  app.use(securityHeaders())
  app.use(cache.middleware)
  let passedOn = 0
  app.use((_req, res) => {
    passedOn += 1
    res.type('html').send('<p>dirender per permintaan</p>')
  })
  const server = app.listen(0)
  servers.push(server)
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, cache, passedOn: () => passedOn }
}

const page = (title: string, init: ResponseInit = {}) => async () =>
  new Response(html(title), { status: 200, ...init, headers: { 'content-type': 'text/html; charset=utf-8', ...(init.headers ?? {}) } })

describe('the public page cache', () => {
  it('renders a page once and serves later visitors from memory, under a CSP with the hashes of its inline scripts', async () => {
    const app = await serve({ render: page('Program pelatihan') })
    const first = await get(app.base, '/program')
    const second = await get(app.base, '/program')
    expect([first.status, second.status]).toEqual([200, 200])
    expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['miss', 'hit'])
    expect(app.seen).toEqual([{ url: 'http://latih.test/program', cookie: null }])
    expect(second.body.toString()).toBe(html('Program pelatihan'))
    expect(second.headers['content-type']).toBe('text/html; charset=utf-8')

    const policy = String(second.headers['content-security-policy'])
    const hash = createHash('sha256').update(SCRIPT).digest('base64')
    expect(policy).toContain(`script-src 'self' 'sha256-${hash}'`)
    expect(policy).not.toContain('nonce-')
    // The other headers of every response are kept.
    expect(second.headers['x-frame-options']).toBe('DENY')
    expect(second.headers['permissions-policy']).toBeDefined()
  })

  it('compresses once and sends the encoding the visitor accepts, varying by it and by cookie', async () => {
    const app = await serve({ render: page('Gelombang') })
    const br = await get(app.base, `/gelombang/${BATCH}`, { 'accept-encoding': 'gzip, deflate, br' })
    const gz = await get(app.base, `/gelombang/${BATCH}`, { 'accept-encoding': 'gzip' })
    const plain = await get(app.base, `/gelombang/${BATCH}`, { 'accept-encoding': 'identity' })
    expect(app.seen).toHaveLength(1)
    expect(br.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(br.body).toString()).toBe(html('Gelombang'))
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(html('Gelombang'))
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(html('Gelombang'))
    expect(br.body.length).toBeLessThan(plain.body.length / 4)
    expect(Number(br.headers['content-length'])).toBe(br.body.length)
    for (const r of [br, gz, plain]) expect(String(r.headers.vary)).toMatch(/Accept-Encoding.*Cookie/)
  })

  it('goes past the cache with a session or a sign-in challenge, and keeps the languages apart', async () => {
    const app = await serve({ render: page('Beranda') })
    for (const cookie of ['latih_session=abc', 'latih_2fa=xyz', 'latih_lang=ImVuIg%3D%3D; latih_session=abc', 'latih_lang=rusak']) {
      const r = await get(app.base, '/', { cookie })
      expect(r.headers['x-cache']).toBeUndefined()
      expect(r.body.toString()).toBe('<p>dirender per permintaan</p>')
    }
    expect(app.seen).toHaveLength(0)
    expect(app.passedOn()).toBe(4)

    const english = await get(app.base, '/', { cookie: 'latih_lang=ImVuIg%3D%3D' })
    const indonesian = await get(app.base, '/', { cookie: 'latih_lang=ImlkIg%3D%3D' })
    const none = await get(app.base, '/', { cookie: 'analytics=1' })
    const englishAgain = await get(app.base, '/', { cookie: 'other=2; latih_lang=ImVuIg==' })
    expect([english, indonesian, none, englishAgain].map((r) => r.headers['x-cache'])).toEqual(['miss', 'miss', 'miss', 'hit'])
    // The language is the only cookie the rendering request carries.
    expect(app.seen.map((s) => s.cookie)).toEqual(['latih_lang=ImVuIg%3D%3D', 'latih_lang=ImlkIg%3D%3D', null])
  })

  it('keeps only the pages and queries it knows', async () => {
    expect(publicPageKey({ method: 'GET', path: '/program', originalUrl: '/program?q=&bidang=&lokasi=&status=open', headers: {} })?.key).toBe(
      '- /program?q=&bidang=&lokasi=&status=open',
    )
    const app = await serve({ render: page('Program') })
    for (const path of [
      '/program?q=las',
      '/program?bidang=Las',
      '/program?status=open&status=all',
      '/program?status=semua',
      '/program?utm_source=wa',
      `/gelombang/${BATCH}?x=1`,
      `/gelombang/${BATCH.toUpperCase()}`,
      `/gelombang/${BATCH}/daftar`,
      '/hasil/cek',
      '/masuk',
      '/program.data',
    ]) {
      const r = await get(app.base, path)
      expect(r.headers['x-cache'], path).toBeUndefined()
    }
    expect((await get(app.base, '/program', {}, 'POST')).headers['x-cache']).toBeUndefined()
    expect(app.seen).toHaveLength(0)
    for (const path of ['/program?status=all', '/program?q=&status=closed', `/hasil/${BATCH}`, '/']) {
      expect((await get(app.base, path)).headers['x-cache'], path).toBe('miss')
    }
  })

  it('keeps no response with a cookie, and no error or redirect', async () => {
    let n = 0
    const app = await serve({
      render: async (request) => {
        n += 1
        if (request.url.endsWith('/')) return page('Beranda', { headers: { 'set-cookie': `x=${n}; Path=/` } })()
        if (request.url.includes('/hasil/')) return new Response(null, { status: 302, headers: { location: '/program' } })
        return page('Tidak ditemukan', { status: 404 })()
      },
    })
    const a = await get(app.base, '/')
    const b = await get(app.base, '/')
    expect([a.headers['x-cache'], b.headers['x-cache']]).toEqual(['bypass', 'bypass'])
    expect([a.headers['set-cookie'], b.headers['set-cookie']]).toEqual([['x=1; Path=/'], ['x=2; Path=/']])
    const missing = await get(app.base, `/gelombang/${BATCH}`)
    expect(missing.status).toBe(404)
    // Rendered without a nonce, so it too is served under its script hashes.
    expect(String(missing.headers['content-security-policy'])).toContain("'sha256-")
    await get(app.base, `/gelombang/${BATCH}`)
    const moved = await get(app.base, `/hasil/${BATCH}`)
    expect([moved.status, moved.headers.location]).toEqual([302, '/program'])
    await get(app.base, `/hasil/${BATCH}`)
    expect(app.seen).toHaveLength(6)
    expect(app.cache.size()).toBe(0)
  })

  it('drops every page when public content changes, and does not keep a render that began before the change', async () => {
    let title = 'Menjahit'
    let release: (() => void) | null = null
    const app = await serve({
      render: async () => {
        const t = title
        if (release === null && t === 'Lambat') await new Promise<void>((r) => (release = r))
        return page(t)()
      },
    })
    expect((await get(app.base, '/program')).body.toString()).toContain('Menjahit')
    title = 'Las listrik'
    expect((await get(app.base, '/program')).body.toString()).toContain('Menjahit')
    publicContentChanged()
    const after = await get(app.base, '/program')
    expect([after.headers['x-cache'], after.body.toString().includes('Las listrik')]).toEqual(['miss', true])

    // A render that read the old content before a change finishes after it: served, not kept.
    title = 'Lambat'
    const slow = get(app.base, `/hasil/${BATCH}`)
    while (release === null) await new Promise((r) => setTimeout(r, 5))
    title = 'Pengumuman'
    publicContentChanged()
    ;(release as () => void)()
    expect((await slow).body.toString()).toContain('Lambat')
    const next = await get(app.base, `/hasil/${BATCH}`)
    expect([next.headers['x-cache'], next.body.toString().includes('Pengumuman')]).toEqual(['miss', true])
  })

  it('serves a page for its lifetime only, and renders once for many visitors arriving together', async () => {
    let now = 1_000_000
    let release: (() => void) | null = null
    const app = await serve({
      ttlMs: 10_000,
      clock: () => now,
      render: async () => {
        await new Promise<void>((r) => (release = r))
        return page('Program')()
      },
    })
    const together = Array.from({ length: 20 }, () => get(app.base, '/program'))
    while (release === null) await new Promise((r) => setTimeout(r, 5))
    // Every request has arrived and waits for the one render.
    await new Promise((r) => setTimeout(r, 100))
    ;(release as () => void)()
    const answers = await Promise.all(together)
    expect(answers.every((a) => a.status === 200 && a.headers['x-cache'] === 'miss')).toBe(true)
    expect(app.seen).toHaveLength(1)

    now += 9_999
    expect((await get(app.base, '/program')).headers['x-cache']).toBe('hit')
    now += 1
    release = null
    const expired = get(app.base, '/program')
    while (release === null) await new Promise((r) => setTimeout(r, 5))
    ;(release as () => void)()
    expect((await expired).headers['x-cache']).toBe('miss')
    expect(app.seen).toHaveLength(2)
  })
})

describe('inline script hashes', () => {
  it('hashes the inline scripts exactly as written and skips scripts with a source', () => {
    const body = '<script nonce="x">a()</script><script type="module" src="/e.js"></script><script>\n b()\n</script><script>a()</script>'
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`
    expect(inlineScriptHashes(body)).toEqual([sha('a()'), sha('\n b()\n')])
  })
})
