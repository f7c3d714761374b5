import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable } from '@react-router/node'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { ServerRouter, type AppLoadContext, type EntryContext } from 'react-router'
import { runtime } from '../server/runtime'
import { NonceContext } from './lib/nonce'

// The production server (server/http) is compiled into the build through this module,
// so `node server/http/start.mjs` needs no TypeScript loader.
export { startHttpServer } from '../server/http/server'

// Open the database, migrate and seed when the server starts, not on the first request.
await runtime()

export const streamTimeout = 5_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext?: AppLoadContext,
) {
  // The CSP nonce for React Router's inline scripts (absent under the dev server).
  const nonce = loadContext?.cspNonce
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const userAgent = request.headers.get('user-agent')
    // Bots and no-JS clients get the whole document at once.
    const readyOption = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? 'onAllReady' : 'onShellReady'
    const app = (
      <NonceContext.Provider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>
    )
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      [readyOption]() {
        shellRendered = true
        const body = new PassThrough()
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
        // nosniff, Referrer-Policy, framing and the CSP are set for every response by
        // the production server (server/http/securityHeaders.ts), downloads included.
        // Signed-in pages hold personal data: never cache them (a shared kiosk's Back
        // button must not bring a previous candidate's page back).
        if (request.headers.get('Cookie')?.includes('latih_session=')) responseHeaders.set('Cache-Control', 'no-store')
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
        pipe(body)
      },
      onShellError(error: unknown) {
        reject(error)
      },
      onError(error: unknown) {
        responseStatusCode = 500
        if (shellRendered) console.error(error)
      },
    })
    setTimeout(abort, streamTimeout + 1000)
  })
}

/** Client-side navigations fetch loader data; the same no-store rule applies. */
export function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (request.headers.get('Cookie')?.includes('latih_session=')) response.headers.set('Cache-Control', 'no-store')
  return response
}
