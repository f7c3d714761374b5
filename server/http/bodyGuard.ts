import type { NextFunction, Request, Response } from 'express'
import { sendRefusal } from './refusal'

/**
 * One guard in front of every page action and upload, so no route has to remember:
 * - a body over its limit gets 413 at once, from Content-Length or by counting a chunked
 *   body; nothing more is kept, and the connection is cut a moment later;
 * - a body that is not a form (JSON, text/plain, no type) gets 415, a form that does not
 *   parse (broken multipart) 400;
 * - a NUL byte in any field name, value or file name, or in the address, gets 400
 *   (PostgreSQL refuses NUL in text, which would otherwise surface as a 500).
 * The accepted body is kept (it is small: at most the limit) and replayed to React
 * Router as the request body.
 */
export interface BodyLimits {
  /** URL-encoded forms: every page form without a file. */
  formBytes: number
  /** multipart/form-data: forms with a file (the largest upload limit plus form overhead). */
  multipartBytes: number
}

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The accepted body of this request, for the React Router handler. */
export function acceptedBody(res: Response): Uint8Array | undefined {
  const body: unknown = res.locals.acceptedBody
  return body instanceof Uint8Array ? body : undefined
}

/**
 * The accepted body as the guard parsed it (URLSearchParams for a URL-encoded form,
 * FormData for multipart), for a handler before React Router (the answer save).
 */
export function acceptedForm(res: Response): FormData | URLSearchParams | undefined {
  const form: unknown = res.locals.acceptedForm
  return form instanceof FormData || form instanceof URLSearchParams ? form : undefined
}

/** %00 anywhere in the path or query, raw or percent-encoded. */
export function addressHasNul(originalUrl: string): boolean {
  return originalUrl.includes('\0') || /%00/i.test(originalUrl)
}

/** A NUL in any name, value or file name of the form. */
export function formHasNul(form: FormData | URLSearchParams): boolean {
  for (const [name, value] of form as Iterable<[string, FormDataEntryValue]>) {
    if (name.includes('\0')) return true
    if (typeof value === 'string' ? value.includes('\0') : value.name.includes('\0')) return true
  }
  return false
}

export function bodyGuard(limits: BodyLimits) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (addressHasNul(req.originalUrl)) return sendRefusal(res, 'badAddress')
    if (BODYLESS.has(req.method)) return next()

    const contentType = req.headers['content-type'] ?? ''
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
    if (!FORM_TYPES.has(mediaType)) return refuseAndClose(req, res, 'notAForm')
    const limit = mediaType === 'multipart/form-data' ? limits.multipartBytes : limits.formBytes

    const declared = req.headers['content-length']
    if (declared !== undefined && Number(declared) > limit) return refuseAndClose(req, res, 'tooLarge')

    const chunks: Buffer[] = []
    let total = 0
    let done = false
    const onData = (chunk: Buffer) => {
      if (done) return
      total += chunk.length
      if (total > limit) {
        done = true
        chunks.length = 0
        cleanup()
        refuseAndClose(req, res, 'tooLarge')
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      if (done) return
      done = true
      cleanup()
      const body = new Uint8Array(total)
      let offset = 0
      for (const chunk of chunks) {
        body.set(chunk, offset)
        offset += chunk.length
      }
      void checkForm(body, contentType, mediaType).then((checked) => {
        if (checked.problem) return sendRefusal(res, checked.problem)
        res.locals.acceptedBody = body
        res.locals.acceptedForm = checked.form
        next()
      }, next)
    }
    const onError = () => {
      // The client went away mid-body: nothing to answer.
      done = true
      cleanup()
    }
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  }
}

type CheckedForm = { problem: 'malformed' | 'badCharacter'; form?: undefined } | { problem: null; form: FormData | URLSearchParams }

async function checkForm(body: Uint8Array<ArrayBuffer>, contentType: string, mediaType: string): Promise<CheckedForm> {
  let form: FormData | URLSearchParams
  if (mediaType === 'application/x-www-form-urlencoded') {
    // What Response.formData() does for this type (UTF-8 without BOM, then the URL-encoded
    // parser, which never fails), without building a Response and a FormData for it.
    form = new URLSearchParams(new TextDecoder().decode(body))
  } else {
    try {
      form = await new Response(body, { headers: { 'Content-Type': contentType } }).formData()
    } catch {
      return { problem: 'malformed' }
    }
  }
  return formHasNul(form) ? { problem: 'badCharacter' } : { problem: null, form }
}

/** How long a refused body is still read (and dropped) before the connection is cut. */
const LINGER_MS = 1_000

/**
 * Answer now, keep nothing of what the client is still sending, and cut the connection
 * shortly after. Closing at once would reset the connection while the client is still
 * writing, and a reset makes the client drop the answer unread; so the rest is read and
 * thrown away for a moment (memory stays flat) and then the socket is destroyed.
 */
function refuseAndClose(req: Request, res: Response, kind: 'tooLarge' | 'notAForm') {
  sendRefusal(res, kind)
  req.resume()
  const cut = setTimeout(() => req.socket.destroy(), LINGER_MS)
  cut.unref()
  req.once('end', () => clearTimeout(cut))
}
