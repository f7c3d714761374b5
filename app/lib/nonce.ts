import { createContext, useContext } from 'react'

/**
 * This response's CSP nonce (server/http/securityHeaders.ts), provided by entry.server
 * around the router so the root layout can give it to React Router's inline scripts.
 * Undefined in the browser: browsers hide nonces from the DOM, and hydration does not
 * compare them.
 */
export const NonceContext = createContext<string | undefined>(undefined)

export function useNonce(): string | undefined {
  return useContext(NonceContext)
}
