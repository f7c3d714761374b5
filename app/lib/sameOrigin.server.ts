import { data } from 'react-router'
import { FOREIGN_ORIGIN_MESSAGE, isSameOrigin } from '../../server/http/sameOrigin'

// React Router 7 refuses a page action whose Origin header names another origin than the
// request's (throwIfPotentialCSRFAttack in react-router's lib/actions.ts: a missing
// Origin passes, "null" or a foreign one is refused), but only for routes with a page:
// resource routes — a route module without a default component, such as the answer save
// at /asesmen/simpan or sign-out — get no such check. Those call requireSameOrigin
// (docs/decisions/019). Same rule, plus: the site's public origin (PUBLIC_URL, which
// behind a TLS proxy can differ from the URL the request arrives with) is this site too,
// and a browser's Sec-Fetch-Site other than same-origin is refused. The rule itself is in
// server/http/sameOrigin.ts, shared with the answer save the production server handles.

/** Whether a mutation comes from this site's own pages (or from no browser page at all). */
export function isSameOriginRequest(request: Request): boolean {
  return isSameOrigin({
    fetchSite: request.headers.get('Sec-Fetch-Site'),
    origin: request.headers.get('Origin'),
    requestOrigin: new URL(request.url).origin,
  })
}

/** Refuse (403) a post from another site's page. */
export function requireSameOrigin(request: Request): void {
  if (!isSameOriginRequest(request)) {
    throw data(FOREIGN_ORIGIN_MESSAGE, { status: 403 })
  }
}
