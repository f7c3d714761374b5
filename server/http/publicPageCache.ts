import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib'
import type { NextFunction, Request, Response } from 'express'
import { onPublicContentChanged } from '../publicContent'

// The public pages everyone opens at once — the home page, the catalogue, a batch page on
// registration day, a results page on announcement day — are the same for every
// anonymous visitor of one language. They are rendered once through React Router,
// compressed once (brotli and gzip), and served from memory for a short time
// (decision 025). Anything personal or unusual goes past the cache untouched.

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** How long a rendered page is served; also what bounds staleness across app processes. */
export const PUBLIC_PAGE_TTL_MS = 10_000
const MAX_ENTRIES = 500

export type Render = (request: globalThis.Request) => Promise<globalThis.Response>

export interface PublicPageCacheOptions {
  /** React Router's request handler; called without a CSP nonce (the page gets hashes). */
  render: Render
  /** The origin the rendering request is addressed to (the page never shows the Host). */
  origin: string
  ttlMs?: number
  maxEntries?: number
  /** Milliseconds; a test moves it. */
  clock?: () => number
}

interface Rendered {
  status: number
  headers: Array<[string, string]>
  body: Buffer
  /** 'sha256-…' sources of the page's inline scripts, for its script-src. */
  scriptHashes: string[]
}

interface Entry extends Rendered {
  expiresAt: number
  br: Buffer
  gzip: Buffer
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const PAGE_PATHS = new RegExp(`^(?:/|/program|/gelombang/${UUID}|/hasil/${UUID})$`)
// The catalogue's own filter form, submitted unchanged ("?q=&bidang=&lokasi=&status=open"):
// a bounded set. Keywords, fields and locations are typed or chosen freely and are not kept.
const CATALOGUE_STATUS = new Set(['open', 'upcoming', 'closed', 'all'])
const CATALOGUE_EMPTY = new Set(['q', 'bidang', 'lokasi'])

/** app/lib/locale.server.ts's cookie, as React Router serialises "id" and "en". */
const LOCALE_COOKIE = 'latih_lang'
const LOCALE_VALUES = new Set(['ImlkIg==', 'ImVuIg=='])

/**
 * The cache key of a request the cache may answer, or null: a GET of a known public page,
 * no query it does not know, no cookie of ours but the language.
 */
export function publicPageKey(req: Pick<Request, 'method' | 'path' | 'originalUrl' | 'headers'>): { key: string; cookie: string | null } | null {
  if (req.method !== 'GET') return null
  if (!PAGE_PATHS.test(req.path)) return null
  const at = req.originalUrl.indexOf('?')
  const search = at === -1 ? '' : req.originalUrl.slice(at + 1)
  if (search !== '' && !(req.path === '/program' && knownCatalogueQuery(search))) return null
  let locale: string | null = null
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    const name = (eq === -1 ? part : part.slice(0, eq)).trim()
    if (!name.startsWith('latih_')) continue // another site's cookie on a shared domain says nothing about us
    if (name !== LOCALE_COOKIE || locale !== null) return null // a session, a sign-in challenge, or two languages
    const value = part.slice(eq + 1).trim()
    let decoded: string
    try {
      decoded = decodeURIComponent(value)
    } catch {
      return null
    }
    if (!LOCALE_VALUES.has(decoded)) return null
    locale = decoded
  }
  return { key: `${locale ?? '-'} ${req.originalUrl}`, cookie: locale === null ? null : `${LOCALE_COOKIE}=${encodeURIComponent(locale)}` }
}

function knownCatalogueQuery(search: string): boolean {
  const seen = new Set<string>()
  for (const pair of search.split('&')) {
    const eq = pair.indexOf('=')
    const name = eq === -1 ? pair : pair.slice(0, eq)
    const value = eq === -1 ? '' : pair.slice(eq + 1)
    if (seen.has(name)) return false
    seen.add(name)
    if (name === 'status' ? !CATALOGUE_STATUS.has(value) : !(CATALOGUE_EMPTY.has(name) && value === '')) return false
  }
  return true
}

/** The 'sha256-…' source of every inline script in the HTML (those with src= are 'self'). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(` ${match[1]}`)) continue
    hashes.add(`'sha256-${createHash('sha256').update(match[2]!, 'utf8').digest('base64')}'`)
  }
  return [...hashes]
}

/**
 * The response's CSP with its nonce replaced by the page's script hashes: a page rendered
 * once carries no nonce (one shared by every visitor would be no nonce at all), and the
 * browser runs exactly the inline scripts it was rendered with.
 */
function withScriptHashes(policy: string, hashes: string[]): string {
  return policy.replace(/\s*'nonce-[^']*'/, hashes.length > 0 ? ` ${hashes.join(' ')}` : '')
}

export function createPublicPageCache(options: PublicPageCacheOptions) {
  const ttlMs = options.ttlMs ?? PUBLIC_PAGE_TTL_MS
  const maxEntries = options.maxEntries ?? MAX_ENTRIES
  const clock = options.clock ?? Date.now
  const entries = new Map<string, Entry>()
  const pending = new Map<string, Promise<Rendered | Entry>>()
  // Bumped by every change: a render that started before it is served but not kept.
  let generation = 0

  const unsubscribe = onPublicContentChanged(() => {
    generation += 1
    entries.clear()
    pending.clear()
  })

  async function renderOnce(key: string, url: string, cookie: string | null): Promise<Rendered | Entry> {
    const started = generation
    const headers = new Headers({ accept: 'text/html' })
    if (cookie) headers.set('cookie', cookie)
    const response = await options.render(new globalThis.Request(new URL(url, options.origin), { headers }))
    const body = Buffer.from(await response.arrayBuffer())
    const rendered: Rendered = {
      status: response.status,
      headers: [...response.headers].filter(([name]) => !['content-length', 'content-encoding'].includes(name)),
      body,
      scriptHashes: inlineScriptHashes(body.toString('utf8')),
    }
    const cacheable =
      response.status === 200 &&
      response.headers.getSetCookie().length === 0 &&
      (response.headers.get('content-type') ?? '').startsWith('text/html') &&
      !/no-store|private/i.test(response.headers.get('cache-control') ?? '')
    if (!cacheable) return rendered
    const [br, gz] = await Promise.all([
      brotli(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      gzipAsync(body, { level: 9 }),
    ])
    const entry: Entry = { ...rendered, br, gzip: gz, expiresAt: clock() + ttlMs }
    if (started === generation) {
      entries.delete(key)
      entries.set(key, entry)
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
    }
    return entry
  }

  function send(req: Request, res: Response, page: Rendered | Entry, state: 'hit' | 'miss' | 'bypass') {
    res.status(page.status)
    for (const [name, value] of page.headers) res.append(name, value)
    const policy = res.getHeader('Content-Security-Policy')
    if (typeof policy === 'string') res.setHeader('Content-Security-Policy', withScriptHashes(policy, page.scriptHashes))
    res.setHeader('X-Cache', state)
    if (!('br' in page)) return res.end(page.body)
    // The page differs by our cookie (language, signed in) and by the encoding chosen.
    res.vary('Accept-Encoding')
    res.vary('Cookie')
    // Brotli whenever accepted (smaller; browsers list it last but mean it), else gzip.
    const encoding = req.acceptsEncodings('br') === 'br' ? 'br' : req.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : 'identity'
    const body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.body
    if (encoding === 'br' || encoding === 'gzip') res.setHeader('Content-Encoding', encoding)
    res.setHeader('Content-Length', String(body.length))
    res.end(body)
  }

  async function middleware(req: Request, res: Response, next: NextFunction) {
    const found = publicPageKey(req)
    if (!found) return next()
    const { key, cookie } = found
    const entry = entries.get(key)
    if (entry && entry.expiresAt > clock()) return send(req, res, entry, 'hit')
    if (entry) entries.delete(key)
    let rendering = pending.get(key)
    if (!rendering) {
      rendering = renderOnce(key, req.originalUrl, cookie).finally(() => {
        if (pending.get(key) === rendering) pending.delete(key)
      })
      pending.set(key, rendering)
    }
    try {
      const page = await rendering
      send(req, res, page, 'br' in page ? 'miss' : 'bypass')
    } catch (error) {
      next(error)
    }
  }

  return {
    middleware,
    /** Entries held now (expired ones included until asked for). */
    size: () => entries.size,
    close: unsubscribe,
  }
}
