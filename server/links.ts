import { env } from './env'

// The one way to build an absolute link to a page of the app, for mails, PDFs, QR codes
// and pages that show an address to copy. PUBLIC_URL is normalised once, when the
// configuration is parsed (server/env.ts: no trailing slash), and may carry a path
// (https://host/latih) when the app is served below one.

/** The normalised public base, e.g. "https://latih.bpvp-kendari.go.id" (no trailing slash). */
export function publicBase(): string {
  return env().PUBLIC_URL
}

/**
 * An absolute link to `path` (which starts with "/"), with query parameters encoded.
 * publicLink('/atur-sandi', { token }) → "https://…/atur-sandi?token=…".
 */
export function publicLink(path: string, query?: Record<string, string | number | undefined>): string {
  if (!path.startsWith('/')) throw new Error(`publicLink: the path must start with "/": ${path}`)
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(name, String(value))
  }
  const search = params.size > 0 ? `?${params.toString()}` : ''
  return `${publicBase()}${path}${search}`
}

/** The public origin (scheme, host and port), e.g. for cookies' Secure flag. */
export function publicOrigin(): string {
  return new URL(publicBase()).origin
}
