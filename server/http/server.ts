import type { AddressInfo } from 'node:net'
import type { ServerBuild } from 'react-router'
import { MAX_IMAGE_BYTES } from '../assessments/banks/images'
import { MAX_IMPORT_BYTES } from '../assessments/banks/limits'
import { env } from '../env'
import { createHttpApp } from './httpApp'
import type { BodyLimits } from './bodyGuard'

/** The largest URL-encoded form a page sends (a question with its options is a few KB). */
export const FORM_BODY_BYTES = 256 * 1024
/** Room for the multipart boundaries, part headers and the text fields beside a file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024

/**
 * Body limits for every action: forms without a file, and forms with one (the largest
 * upload any page takes — documents MAX_UPLOAD_BYTES, question images, bank imports —
 * plus the form around it). Pages still check their own file limit and say so at the
 * field; this is the ceiling past which nothing is read at all.
 */
export function bodyLimits(maxUploadBytes: number): BodyLimits {
  return {
    formBytes: FORM_BODY_BYTES,
    multipartBytes: Math.max(maxUploadBytes, MAX_IMAGE_BYTES, MAX_IMPORT_BYTES) + MULTIPART_OVERHEAD_BYTES,
  }
}

/**
 * Serve the React Router build on PORT (started by server/http/start.mjs, which loads the
 * build and calls this through the build's entry module).
 */
export async function startHttpServer(options: { build: ServerBuild; clientDir: string }): Promise<void> {
  const config = env()
  const app = createHttpApp({
    build: options.build,
    clientDir: options.clientDir,
    trustProxy: config.TRUST_PROXY,
    limits: bodyLimits(config.MAX_UPLOAD_BYTES),
    mode: config.NODE_ENV === 'development' ? 'development' : 'production',
    log: (line) => console.log(line),
  })
  await new Promise<void>((resolve, reject) => {
    const server = app.listen(config.PORT, (error?: Error) => {
      if (error) return reject(error)
      const address = server.address() as AddressInfo
      console.log(`[latih] listening on http://localhost:${address.port} (public address ${config.PUBLIC_URL})`)
      resolve()
    })
    // Headers must arrive promptly; a slow client cannot hold a connection for ever.
    server.headersTimeout = 30_000
    server.requestTimeout = 120_000
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close())
  })
}
