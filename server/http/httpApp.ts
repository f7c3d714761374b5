import { Readable } from 'node:stream'
import { createRequestHandler } from '@react-router/express'
import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import { readdirSync, statSync } from 'node:fs'
import { createRequestHandler as createFetchHandler, type ServerBuild } from 'react-router'
import { env } from '../env'
import { publicOrigin } from '../links'
import { ANSWER_SAVE_PATH, answerSave } from './answerSave'
import { acceptedBody, bodyGuard, type BodyLimits } from './bodyGuard'
import { loadContext } from './loadContext'
import { createPublicPageCache } from './publicPageCache'
import { sendRefusal } from './refusal'
import { cspNonce, securityHeaders } from './securityHeaders'
import { trustProxySetting } from './trustProxy'

export interface HttpAppOptions {
  build: ServerBuild
  /** build/client: hashed assets under /assets, public files at the root. */
  clientDir: string
  trustProxy: string | undefined
  limits: BodyLimits
  mode?: string
  /** Where request lines go; never with the query string (it carries what people typed). */
  log?: (line: string) => void
  /** Lifetime of the public page cache; 0 turns it off. Default: PUBLIC_PAGE_CACHE_SECONDS. */
  publicPageTtlMs?: number
}

/**
 * The production server (decision 014): Express around React Router, adding what
 * react-router-serve cannot — TRUST_PROXY, security headers with a CSP nonce, one body
 * guard for every action and upload — with no body parser in front of the router.
 */
export function createHttpApp(options: HttpAppOptions) {
  const app = express()
  app.disable('x-powered-by')
  // Throws at start for a value proxy-addr cannot read.
  app.set('trust proxy', trustProxySetting(options.trustProxy))

  const log = options.log
  if (log) {
    app.use((req, res, next) => {
      const started = performance.now()
      res.on('finish', () => {
        log(`${req.method} ${req.path} ${res.statusCode} ${Math.round(performance.now() - started)} ms`)
      })
      next()
    })
  }

  app.use(cspNonce)
  app.use(securityHeaders())
  app.use(compression())

  // Fingerprinted assets never change; other public files (favicon) may. Only the paths
  // of files that exist reach the file system: a page URL costs no stat (decision 025).
  app.use('/assets', express.static(`${options.clientDir}/assets`, { immutable: true, maxAge: '1y', index: false }))
  const publicFiles = listPublicFiles(options.clientDir)
  const serveFile = express.static(options.clientDir, { maxAge: '1h', index: false })
  app.use((req, res, next) => (publicFiles.has(req.path) ? serveFile(req, res, next) : next()))

  const pageTtlMs = options.publicPageTtlMs ?? env().PUBLIC_PAGE_CACHE_SECONDS * 1000
  if (pageTtlMs > 0) {
    const render = createFetchHandler(options.build, options.mode)
    // Rendered with no nonce and no client address: what every anonymous visitor gets.
    const cache = createPublicPageCache({ render: (request) => render(request, {}), origin: publicOrigin(), ttlMs: pageTtlMs })
    app.use(cache.middleware)
  }

  app.use(bodyGuard(options.limits))
  // Test day's busiest request, answered without React Router's pipeline (decision 027).
  app.post(ANSWER_SAVE_PATH, answerSave())

  const handler = createRequestHandler({ build: options.build, mode: options.mode, getLoadContext: loadContext })
  app.all('/{*path}', (req, res, next) => {
    const body = acceptedBody(res)
    return handler(body ? withReplayedBody(req, body) : req, res, next)
  })

  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error)
    if (error instanceof URIError) return sendRefusal(res, 'badAddress')
    console.error(`[http] ${req.method} ${req.path} failed`, error)
    res.status(500).type('text/plain; charset=utf-8').send('Terjadi kesalahan di server. / Something went wrong on the server.\n')
  })
  return app
}

/** URL paths of the files in build/client outside /assets (public/: the favicon), read once at start. */
function listPublicFiles(clientDir: string): Set<string> {
  let names: string[]
  try {
    names = readdirSync(clientDir, { recursive: true, encoding: 'utf8' })
  } catch {
    return new Set()
  }
  const paths = names.map((name) => name.split('\\').join('/')).filter((name) => name !== 'assets' && !name.startsWith('assets/'))
  return new Set(paths.filter((name) => statSync(`${clientDir}/${name}`).isFile()).map((name) => `/${name}`))
}

// What @react-router/express reads of the request as a stream (StreamPump in
// @react-router/node 7.18): the body it builds the Fetch Request from.
const STREAM_MEMBERS = new Set<PropertyKey>([
  'on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners', 'emit',
  'pause', 'resume', 'read', 'pipe', 'unpipe', 'destroy', 'destroyed',
  'readable', 'readableEnded', 'readableHighWaterMark', 'isPaused', Symbol.asyncIterator,
])

/**
 * The request with its stream members taken from the body the guard already read, so
 * the React Router adapter (unchanged) reads that instead of the consumed socket.
 */
function withReplayedBody(req: Request, body: Uint8Array): Request {
  const replay = Readable.from([Buffer.from(body.buffer, body.byteOffset, body.byteLength)])
  return new Proxy(req, {
    get(target, property) {
      if (!STREAM_MEMBERS.has(property)) return Reflect.get(target, property, target)
      const value: unknown = Reflect.get(replay, property, replay)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(replay) : value
    },
  })
}
