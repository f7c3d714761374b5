import type { Request, Response } from 'express'

// What the production server hands React Router with each request (`context` in
// loaders and actions, the fifth argument of entry.server's handleRequest). Under the
// Vite dev server and in tests both are absent: no CSP nonce is needed without the CSP,
// and without a client address only the per-identifier sign-in limit applies.
declare module 'react-router' {
  interface AppLoadContext {
    /** The nonce of this response's Content-Security-Policy. */
    cspNonce?: string
    /** The client's address: the peer, or what a trusted proxy (TRUST_PROXY) reported. */
    clientAddress?: string | null
  }
}

export function loadContext(req: Request, res: Response) {
  return {
    cspNonce: typeof res.locals.cspNonce === 'string' ? res.locals.cspNonce : undefined,
    // req.ip follows 'trust proxy': the socket's peer unless TRUST_PROXY names the proxy.
    clientAddress: req.ip ?? req.socket.remoteAddress ?? null,
  }
}
