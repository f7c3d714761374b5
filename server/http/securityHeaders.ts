import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import helmet from 'helmet'

/** A fresh nonce per response, for the inline scripts React Router renders. */
export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString('base64')
  next()
}

/**
 * What the browser may do with our pages, set once here for every response: pages,
 * downloads (PDF, XLSX, .ics), static files, 404s and the guard's refusals alike.
 * Scripts only from this site or inline with this response's nonce; style attributes
 * stay allowed (several components set widths inline); no framing; no sniffing.
 */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()'
export const HSTS = 'max-age=15552000'

export function securityHeaders() {
  const base = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
      },
    },
    // Only over HTTPS (below): on plain HTTP the header means nothing, and sent from a
    // development machine it would pin localhost to HTTPS.
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // Cross-origin isolation would also block the PDF viewer and the QR image in some
    // browsers for no gain here.
    crossOriginEmbedderPolicy: false,
  })
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY)
    // req.secure is the socket's TLS, or X-Forwarded-Proto from a trusted proxy.
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS)
    base(req, res, next)
  }
}
