/**
 * TRUST_PROXY as Express's 'trust proxy' value. Unset means no proxy is believed: the
 * scheme is the socket's, the host is the Host header, the client is the peer address,
 * and X-Forwarded-* headers are ignored (anyone can send them). A hop count or a list of
 * addresses/subnets (or proxy-addr's names loopback, linklocal, uniquelocal) makes
 * Express read them from that proxy only. "true" (believe anyone) is refused: with it
 * the client chooses its own address and escapes the per-address sign-in limit.
 */
export function trustProxySetting(value: string | undefined): false | number | string[] {
  const trimmed = value?.trim() ?? ''
  if (trimmed === '' || trimmed === 'false' || trimmed === '0') return false
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  if (trimmed === 'true') {
    throw new Error(
      'Invalid configuration:\n  - TRUST_PROXY: "true" would believe X-Forwarded-For from anyone; give the hop count (1) or the proxy\'s address (e.g. 127.0.0.1)',
    )
  }
  return trimmed.split(',').map((part) => part.trim()).filter(Boolean)
}
