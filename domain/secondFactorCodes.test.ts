import { describe, expect, it } from 'vitest'
import {
  CODE_MALFORMED,
  CODE_REQUIRED,
  formatRecoveryCode,
  formatSecretForTyping,
  parseSecondFactorCode,
  parseTotpCode,
  RECOVERY_ALPHABET,
  recoveryCodeFromBytes,
  TOTP_MALFORMED,
} from './secondFactorCodes'

describe('parseSecondFactorCode', () => {
  it.each([
    ['123456', '123456'],
    ['123 456', '123456'],
    [' 012345 ', '012345'],
  ])('reads %j as an authenticator code', (raw, code) => {
    expect(parseSecondFactorCode(raw)).toEqual({ ok: true, value: { kind: 'totp', code } })
  })

  it.each([
    ['ABCD-EFGH-JKLM-NPQR', 'ABCDEFGHJKLMNPQR'],
    ['abcd efgh jklm npqr', 'ABCDEFGHJKLMNPQR'],
    ['23456789abcdefgh', '23456789ABCDEFGH'],
  ])('reads %j as a recovery code', (raw, code) => {
    expect(parseSecondFactorCode(raw)).toEqual({ ok: true, value: { kind: 'recovery', code } })
  })

  it('asks for a code when nothing was typed', () => {
    expect(parseSecondFactorCode('  - ')).toEqual({ ok: false, message: CODE_REQUIRED })
  })

  it.each(['12345', '1234567', 'ABCD-EFGH-JKLM-NPQ0', 'ABCD-EFGH-JKLM-NPQRS', 'ABCD-EFGH-JKLM-NPQI', '12345a', '١٢٣٤٥٦'])(
    'refuses %j with a message',
    (raw) => {
      expect(parseSecondFactorCode(raw)).toEqual({ ok: false, message: CODE_MALFORMED })
    },
  )
})

describe('parseTotpCode', () => {
  it('takes six digits, with a space as the apps show them', () => {
    expect(parseTotpCode('654 321')).toEqual({ ok: true, code: '654321' })
  })
  it.each(['', '65432', 'ABCD-EFGH-JKLM-NPQR', '6543210'])('refuses %j', (raw) => {
    expect(parseTotpCode(raw)).toEqual({ ok: false, message: TOTP_MALFORMED })
  })
})

describe('recovery codes', () => {
  it('maps every byte value onto the alphabet evenly (256 = 8 × 32)', () => {
    const counts = new Map<string, number>()
    for (let start = 0; start < 256; start += 16) {
      const bytes = Uint8Array.from({ length: 16 }, (_, i) => start + i)
      for (const c of recoveryCodeFromBytes(bytes)) counts.set(c, (counts.get(c) ?? 0) + 1)
    }
    expect([...counts.keys()].sort().join('')).toBe([...RECOVERY_ALPHABET].sort().join(''))
    expect(new Set(counts.values())).toEqual(new Set([8]))
  })

  it('is 16 symbols, parsed back from its shown form', () => {
    const code = recoveryCodeFromBytes(Uint8Array.from({ length: 16 }, (_, i) => i * 13))
    expect(code).toHaveLength(16)
    const shown = formatRecoveryCode(code)
    expect(shown).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/)
    expect(parseSecondFactorCode(shown)).toEqual({ ok: true, value: { kind: 'recovery', code } })
  })

  it('refuses fewer than 16 bytes', () => {
    expect(() => recoveryCodeFromBytes(new Uint8Array(15))).toThrow()
  })

  it('groups a secret by four for typing', () => {
    expect(formatSecretForTyping('JBSWY3DPEHPK3PXPJBSW')).toBe('JBSW Y3DP EHPK 3PXP JBSW')
  })
})
