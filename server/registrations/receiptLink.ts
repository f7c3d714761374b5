import { sign, verifySignature } from '../auth/crypto'
import { publicLink } from '../links'

// The receipt's QR code points to a public page that confirms it. The number alone is
// guessable (it counts up), so the link carries an HMAC of it: only a real receipt
// has a link that verifies.

const PURPOSE = 'receipt'

export function receiptSignature(number: string): string {
  return sign(number, PURPOSE)
}

export function isValidReceiptSignature(number: string, signature: string): boolean {
  return verifySignature(number, signature, PURPOSE)
}

export function receiptVerificationUrl(number: string): string {
  return publicLink(`/verifikasi/${encodeURIComponent(number)}`, { s: receiptSignature(number) })
}
