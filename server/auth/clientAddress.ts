import { isIPv4, isIPv6 } from 'node:net'

// What Latih keeps of a client's address (decision 021): never the address itself, but its
// network — an IPv4 address truncated to its /24, an IPv6 one to its /48 — enough to tell a
// desk's network or a flood's origin apart, not to single out one person's device.

/**
 * "203.0.113.0/24" for 203.0.113.77, "2001:db8:1::/48" for 2001:db8:1:2::5; an IPv4
 * address inside IPv6 ("::ffff:203.0.113.77") as IPv4. Anything that is not an address → null.
 */
export function truncateAddress(address: string | null | undefined): string | null {
  if (typeof address !== 'string') return null
  let value = address.trim()
  // Already a network of ours (stored before, passed again): kept as it is.
  const network = /^(.+)\/(24|48)$/.exec(value)
  if (network) return truncateAddress(network[1]) === value ? value : null
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value)
  if (mapped) value = mapped[1]!
  if (isIPv4(value)) {
    const [a, b, c] = value.split('.')
    return `${a}.${b}.${c}.0/24`
  }
  // A zone index ("fe80::1%eth0") is not part of the address.
  value = value.replace(/%.*$/, '')
  if (isIPv6(value)) {
    const groups = expandIPv6(value).slice(0, 3).map((g) => g.replace(/^0+(?=.)/, ''))
    while (groups.length > 0 && groups.at(-1) === '0') groups.pop()
    return `${groups.join(':')}::/48`
  }
  return null
}

/** The eight 16-bit groups of an IPv6 address, as hex (an embedded IPv4 tail converted). */
function expandIPv6(value: string): string[] {
  let text = value.toLowerCase()
  const v4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text)
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number]
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined]
  const left = head ? head.split(':') : []
  const right = tail === undefined ? [] : tail ? tail.split(':') : []
  const missing = tail === undefined ? 0 : 8 - left.length - right.length
  return [...left, ...Array<string>(missing).fill('0'), ...right]
}

/** Keys under which a client's address may be handed to recordAudit. */
const ADDRESS_KEYS = new Set(['ip', 'ipAddress', 'clientAddress', 'remoteAddress'])

/**
 * A copy of an audit detail with every client address (under the keys above, at any
 * depth) truncated: recordAudit passes `before` and `after` through it, so no use case can
 * store a full address by mistake.
 */
export function withoutFullAddresses(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => withoutFullAddresses(v, depth + 1))
  // Only plain objects are walked; a Date or any other class instance is stored as it serialises.
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    out[k] = ADDRESS_KEYS.has(k) && typeof v === 'string' ? (truncateAddress(v) ?? null) : withoutFullAddresses(v, depth + 1)
  }
  return out
}
