import { createHash } from 'node:crypto'

// The plenary snapshot is hashed, so its text must be one and only one for the same
// content: object keys sorted (by UTF-16 code units, as JavaScript compares strings),
// no white space, strings escaped as JSON.stringify does, and no floating-point numbers
// at all — every score and total is written as a fixed-decimal string ("72.50",
// "72.5000") by the payload builder, so only safe integers reach here. A verifier in any
// language re-serialises the parsed payload the same way and compares SHA-256.

export type CanonicalValue = null | boolean | number | string | CanonicalValue[] | { [key: string]: CanonicalValue }

export function canonicalJson(value: CanonicalValue): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`canonicalJson: only safe integers, got ${value}`)
    return String(value)
  }
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort()
    const parts: string[] = []
    for (const key of keys) {
      const v = value[key]
      if (v === undefined) throw new TypeError(`canonicalJson: undefined at "${key}"`)
      parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`)
    }
    return `{${parts.join(',')}}`
  }
  throw new TypeError(`canonicalJson: unsupported value ${String(value)}`)
}

/** SHA-256 of the UTF-8 bytes, lowercase hex: the snapshot's hash. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** A hundredths integer as a fixed two-decimal string: 7250 → "72.50". */
export function fixed2(hundredths: number): string {
  return fixedScaled(hundredths, 2)
}

/** An integer scaled by 10^decimals as a fixed string: (725000, 4) → "72.5000". */
export function fixedScaled(value: number, decimals: number): string {
  if (!Number.isSafeInteger(value)) throw new TypeError(`fixedScaled: not an integer: ${value}`)
  const negative = value < 0
  const digits = String(Math.abs(value)).padStart(decimals + 1, '0')
  return `${negative ? '-' : ''}${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}`
}

/** Reads a fixed-decimal string back into hundredths ("72.50" → 7250). */
export function parseFixed2(text: string): number {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text)
  if (!m) throw new TypeError(`parseFixed2: not a two-decimal string: ${text}`)
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]))
}

/** Reads a fixed-decimal string back into an integer scaled by 10^decimals ("72.5000", 4 → 725000). */
export function parseFixedScaled(text: string, decimals: number): number {
  const m = new RegExp(`^(-?)(\\d+)\\.(\\d{${decimals}})$`).exec(text)
  if (!m) throw new TypeError(`parseFixedScaled: not a ${decimals}-decimal string: ${text}`)
  return (m[1] ? -1 : 1) * (Number(m[2]) * 10 ** decimals + Number(m[3]))
}
