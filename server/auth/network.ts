import { isIPv4, isIPv6 } from 'node:net'

/**
 * An address truncated to its network, to show roughly where a session was started
 * without keeping the address: IPv4 to its /24, IPv6 to its /48 (an IPv4-mapped IPv6
 * address as IPv4). Null for none or something that is not an address.
 */
export function networkOf(address: string | null | undefined): string | null {
  if (!address) return null
  let value = address.trim()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value)
  if (mapped) value = mapped[1]!
  if (isIPv4(value)) {
    const [a, b, c] = value.split('.')
    return `${a}.${b}.${c}.0/24`
  }
  // A zone index (fe80::1%eth0) says nothing about the network.
  value = value.replace(/%.*$/, '')
  if (isIPv6(value)) {
    const groups = expandIPv6(value)
    return `${groups.slice(0, 3).join(':')}::/48`
  }
  return null
}

function expandIPv6(value: string): string[] {
  const [head, tail] = value.includes('::') ? value.split('::') : [value, undefined]
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const missing = tail === undefined ? 0 : 8 - left.length - right.length
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => (g.includes('.') ? g : String(parseInt(g, 16).toString(16))))
}
