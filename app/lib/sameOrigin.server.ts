import { data } from 'react-router'
import { publicOrigin } from '../../server/links'

// React Router 7 refuses a page action whose Origin header names another origin than the
// request's (throwIfPotentialCSRFAttack in react-router's lib/actions.ts: a missing
// Origin passes, "null" or a foreign one is refused), but only for routes with a page:
// resource routes — a route module without a default component, such as the answer save
// at /asesmen/simpan or sign-out — get no such check. Those call requireSameOrigin
// (docs/decisions/019). Same rule, plus: the site's public origin (PUBLIC_URL, which
// behind a TLS proxy can differ from the URL the request arrives with) is this site too,
// and a browser's Sec-Fetch-Site other than same-origin is refused.

/** Whether a mutation comes from this site's own pages (or from no browser page at all). */
export function isSameOriginRequest(request: Request): boolean {
  const fetchSite = request.headers.get('Sec-Fetch-Site')
  // 'none': the user's own action (e.g. a bookmark), not another page.
  if (fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none') return false
  const origin = request.headers.get('Origin')
  if (origin === null) return true
  let originUrl: URL
  try {
    originUrl = new URL(origin)
  } catch {
    // Includes "null" (a sandboxed frame, a data: page): never this site.
    return false
  }
  return originUrl.origin === new URL(request.url).origin || originUrl.origin === publicOrigin()
}

/** Refuse (403) a post from another site's page. */
export function requireSameOrigin(request: Request): void {
  if (!isSameOriginRequest(request)) {
    throw data('Permintaan ini ditolak: dikirim dari situs lain.', { status: 403 })
  }
}
