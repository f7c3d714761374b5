// What a person types at the second sign-in step (docs/decisions/020): the six digits
// of their authenticator app, or one of their recovery codes. Pure rules, no I/O.

/** 32 symbols without the look-alikes 0/O and 1/I: each symbol carries 5 bits. */
export const RECOVERY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
/** 16 symbols = 80 bits: too many to guess, and to search offline from a stolen hash. */
export const RECOVERY_CODE_LENGTH = 16
export const RECOVERY_CODE_COUNT = 10

export type SecondFactorCode = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string }

export const CODE_REQUIRED = 'Isi kode dari aplikasi autentikator atau salah satu kode pemulihan Anda.'
export const CODE_MALFORMED =
  'Kode tidak dikenali. Isi 6 angka dari aplikasi autentikator, atau kode pemulihan 16 karakter (contoh: ABCD-EFGH-JKLM-NPQR).'
export const TOTP_MALFORMED = 'Isi 6 angka yang tampil di aplikasi autentikator Anda.'

/**
 * Reads what was typed: 6 digits (spaces allowed, as apps show "123 456") is an
 * authenticator code; 16 symbols of the recovery alphabet, in any case and with dashes
 * or spaces, is a recovery code. Anything else is refused with a message.
 */
export function parseSecondFactorCode(raw: string): { ok: true; value: SecondFactorCode } | { ok: false; message: string } {
  const compact = raw.replace(/[\s-]+/g, '')
  if (compact === '') return { ok: false, message: CODE_REQUIRED }
  if (/^\d{6}$/.test(compact)) return { ok: true, value: { kind: 'totp', code: compact } }
  const upper = compact.toUpperCase()
  if (upper.length === RECOVERY_CODE_LENGTH && [...upper].every((c) => RECOVERY_ALPHABET.includes(c))) {
    return { ok: true, value: { kind: 'recovery', code: upper } }
  }
  return { ok: false, message: CODE_MALFORMED }
}

/** Only an authenticator code (enrolment's confirmation, where no recovery code exists yet). */
export function parseTotpCode(raw: string): { ok: true; code: string } | { ok: false; message: string } {
  const compact = raw.replace(/\s+/g, '')
  return /^\d{6}$/.test(compact) ? { ok: true, code: compact } : { ok: false, message: TOTP_MALFORMED }
}

/** A recovery code from 16 random bytes (256 is a multiple of 32: every symbol equally likely). */
export function recoveryCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < RECOVERY_CODE_LENGTH) throw new Error(`recoveryCodeFromBytes needs ${RECOVERY_CODE_LENGTH} bytes`)
  let code = ''
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) code += RECOVERY_ALPHABET[bytes[i]! % 32]
  return code
}

/** Shown in groups of four: ABCD-EFGH-JKLM-NPQR. */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code
}

/** A base32 secret in groups of four, easier to type into an app by hand. */
export function formatSecretForTyping(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret
}
