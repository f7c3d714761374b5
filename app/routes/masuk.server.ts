import type { AppLoadContext } from 'react-router'

/**
 * The client's address for the per-address sign-in limit, as the production server
 * determined it (server/http/loadContext.ts): the connection's peer, or what a proxy
 * named in TRUST_PROXY reported. Request headers are never read here — without a trusted
 * proxy anyone can send X-Forwarded-For and pick a fresh address for every attempt.
 * Under the dev server there is none, and only the per-identifier limit applies.
 */
export function clientAddress(context: AppLoadContext | undefined): string | null {
  const address = context?.clientAddress
  return typeof address === 'string' && address.length > 0 ? address.slice(0, 100) : null
}
