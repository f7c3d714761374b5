import { publicOrigin } from '../links'

// The Origin rule of this site's own posts (docs/decisions/019), free of any framework so
// the React Router resource routes (app/lib/sameOrigin.server.ts) and the answer save the
// production server handles before the router (./answerSave.ts) decide alike.

/** What the rule looks at: the request's Sec-Fetch-Site and Origin headers, and its own origin. */
export interface OriginHeaders {
  fetchSite: string | null
  origin: string | null
  /** The origin of the URL the request arrived at (scheme, host, port). */
  requestOrigin: string
}

/**
 * Whether a mutation comes from this site's own pages (or from no browser page at all):
 * React Router's rule for page actions (a missing Origin passes; "null", an unparsable or
 * a foreign origin is refused), plus the public origin (PUBLIC_URL) counts as this site and
 * a browser's Sec-Fetch-Site other than same-origin/none is refused.
 */
export function isSameOrigin({ fetchSite, origin, requestOrigin }: OriginHeaders): boolean {
  // 'none': the user's own action (e.g. a bookmark), not another page.
  if (fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none') return false
  if (origin === null) return true
  let originUrl: URL
  try {
    originUrl = new URL(origin)
  } catch {
    // Includes "null" (a sandboxed frame, a data: page): never this site.
    return false
  }
  return originUrl.origin === requestOrigin || originUrl.origin === publicOrigin()
}

/** The refusal's text (403). */
export const FOREIGN_ORIGIN_MESSAGE = 'Permintaan ini ditolak: dikirim dari situs lain.'
