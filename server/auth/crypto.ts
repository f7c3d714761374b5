import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { env } from '../env'

let secret: Buffer | undefined

/**
 * The deployment secret. Production sets LATIH_SECRET; a development machine gets one
 * generated once and kept in the data folder, so restarts can still read stored NIKs.
 */
export function deploymentSecret(): Buffer {
  if (secret) return secret
  const configured = env().LATIH_SECRET
  if (configured) {
    secret = Buffer.from(configured, 'utf8')
    return secret
  }
  const dir = env().DATA_DIR
  const file = join(dir, '.secret')
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true })
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 })
  }
  secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8')
  return secret
}

/** Sets the secret directly (tests). */
export function setDeploymentSecretForTests(value: string): void {
  secret = Buffer.from(value, 'utf8')
}

function subkey(purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', deploymentSecret(), Buffer.alloc(0), `latih:${purpose}`, 32))
}

const keys = new Map<string, Buffer>()
function key(purpose: string): Buffer {
  let k = keys.get(purpose)
  if (!k || secret === undefined) {
    k = subkey(purpose)
    keys.set(purpose, k)
  }
  return k
}

/** AES-256-GCM; output is base64url(iv | tag | ciphertext). */
export function encrypt(plain: string, purpose = 'nik-encryption'): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(purpose), iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
}

export function decrypt(token: string, purpose = 'nik-encryption'): string {
  const raw = Buffer.from(token, 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', key(purpose), raw.subarray(0, 12))
  decipher.setAuthTag(raw.subarray(12, 28))
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
}

/** Keyed hash for equality look-ups (NIK uniqueness, sign-in by NIK). */
export function keyedHash(value: string, purpose = 'nik-lookup'): string {
  return createHmac('sha256', key(purpose)).update(value).digest('hex')
}

/** A short unforgeable signature, e.g. for receipt verification links. */
export function sign(value: string, purpose: string): string {
  return createHmac('sha256', key(`sign:${purpose}`)).update(value).digest('base64url').slice(0, 22)
}

export function verifySignature(value: string, signature: string, purpose: string): boolean {
  const expected = Buffer.from(sign(value, purpose))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function sha256(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex')
}
