import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { env } from '../env'

// Key material (decision 021). Every key is an HKDF subkey of a deployment secret; the
// secrets form a ring: LATIH_SECRET (current: everything new is encrypted, hashed and
// signed with it) and LATIH_SECRET_PREVIOUS (older secrets, comma-separated, still read).
// Each secret has a key id (8 hex digits derived from it, never the secret), written into
// every ciphertext, so a value names the key that opens it and `npm run latih --
// rotate-keys` finds what is not yet under the current one.

export interface DeploymentKey {
  /** 8 hex digits derived from the secret (HKDF), safe to store and print. */
  id: string
  secret: Buffer
}

interface KeyRing {
  current: DeploymentKey
  /** Current first, then the previous ones in the order configured. */
  all: DeploymentKey[]
}

let ring: KeyRing | undefined
const subkeys = new Map<string, Buffer>()

function keyOf(secretText: string): DeploymentKey {
  const secret = Buffer.from(secretText, 'utf8')
  const id = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'latih:key-id', 4)).toString('hex')
  return { id, secret }
}

function makeRing(current: string, previous: readonly string[]): KeyRing {
  const currentKey = keyOf(current)
  const all = [currentKey]
  for (const p of previous) {
    const k = keyOf(p)
    if (!all.some((a) => a.id === k.id)) all.push(k)
  }
  subkeys.clear()
  return { current: currentKey, all }
}

function keyRing(): KeyRing {
  if (ring) return ring
  const config = env()
  const previous = (config.LATIH_SECRET_PREVIOUS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  ring = makeRing(config.LATIH_SECRET ?? localSecretFile(config.DATA_DIR), previous)
  return ring
}

/**
 * The embedded setup without LATIH_SECRET: a secret generated once and kept in
 * DATA_DIR/.secret (mode 0600, the data folder 0700) — in the data folder's root, never in
 * DATA_DIR/uploads, and not in backups (they copy the database and the uploads only).
 */
function localSecretFile(dir: string): string {
  const file = join(dir, '.secret')
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' })
    } catch (error) {
      // Another process (the CLI beside a starting server) made it first: read theirs.
      if ((error as { code?: string }).code !== 'EEXIST') throw error
    }
  } else if ((statSync(file).mode & 0o077) !== 0) {
    // A key file from before (or copied with a loose mode): readable by the server's user only.
    chmodSync(file, 0o600)
  }
  return readFileSync(file, 'utf8').trim()
}

/** The current deployment secret. */
export function deploymentSecret(): Buffer {
  return keyRing().current.secret
}

/** The key ids of the ring: the current one first, then the previous ones. */
export function deploymentKeyIds(): { current: string; all: string[] } {
  const r = keyRing()
  return { current: r.current.id, all: r.all.map((k) => k.id) }
}

/** Sets the secrets directly (tests): the current one and, optionally, previous ones. */
export function setDeploymentSecretForTests(value: string, previous: readonly string[] = []): void {
  ring = makeRing(value, previous)
}

function subkey(key: DeploymentKey, purpose: string): Buffer {
  const cacheKey = `${key.id}:${purpose}`
  let k = subkeys.get(cacheKey)
  if (!k) {
    k = Buffer.from(hkdfSync('sha256', key.secret, Buffer.alloc(0), `latih:${purpose}`, 32))
    subkeys.set(cacheKey, k)
  }
  return k
}

/** A string value: "v1.<key id>.<base64url(iv | tag | ciphertext)>". */
const VALUE_PREFIX = 'v1.'
const VALUE = /^v1\.([0-9a-f]{8})\.([A-Za-z0-9_-]+)$/

function gcmEncrypt(key: Buffer, plain: Buffer, aad?: Buffer): { iv: Buffer; tag: Buffer; body: Buffer } {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  if (aad) cipher.setAAD(aad)
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  return { iv, tag: cipher.getAuthTag(), body }
}

function gcmDecrypt(key: Buffer, iv: Buffer, tag: Buffer, body: Buffer, aad?: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv)
  if (aad) decipher.setAAD(aad)
  decipher.setAuthTag(tag)
  return Buffer.concat([decipher.update(body), decipher.final()])
}

export class UnknownKeyError extends Error {
  constructor(keyId: string) {
    super(
      `Encrypted with key ${keyId}, which is neither LATIH_SECRET nor one of LATIH_SECRET_PREVIOUS; ` +
        'add the secret it was encrypted with to LATIH_SECRET_PREVIOUS.',
    )
    this.name = 'UnknownKeyError'
  }
}

function keyById(id: string): DeploymentKey {
  const k = keyRing().all.find((a) => a.id === id)
  if (!k) throw new UnknownKeyError(id)
  return k
}

/** AES-256-GCM under the current key; output is "v1.<key id>.<base64url(iv | tag | ciphertext)>". */
export function encrypt(plain: string, purpose = 'nik-encryption'): string {
  const current = keyRing().current
  const { iv, tag, body } = gcmEncrypt(subkey(current, purpose), Buffer.from(plain, 'utf8'))
  return `${VALUE_PREFIX}${current.id}.${Buffer.concat([iv, tag, body]).toString('base64url')}`
}

/**
 * Opens a value written by encrypt(): under the key its id names, or — an unversioned value
 * from before key versions (base64url(iv | tag | ciphertext), "version 0") — under each key
 * of the ring in turn until one authenticates it.
 */
export function decrypt(token: string, purpose = 'nik-encryption'): string {
  const versioned = VALUE.exec(token)
  if (versioned) {
    const raw = Buffer.from(versioned[2]!, 'base64url')
    return gcmDecrypt(subkey(keyById(versioned[1]!), purpose), raw.subarray(0, 12), raw.subarray(12, 28), raw.subarray(28)).toString('utf8')
  }
  const raw = Buffer.from(token, 'base64url')
  let failure: unknown
  for (const k of keyRing().all) {
    try {
      return gcmDecrypt(subkey(k, purpose), raw.subarray(0, 12), raw.subarray(12, 28), raw.subarray(28)).toString('utf8')
    } catch (error) {
      failure = error
    }
  }
  throw failure instanceof Error ? failure : new Error('Cannot decrypt the value')
}

/** The key id a value from encrypt() names, or null for an unversioned value (before key versions). */
export function encryptedKeyId(token: string): string | null {
  return VALUE.exec(token)?.[1] ?? null
}

/** True when the value is encrypted under the current key (nothing for rotation to do). */
export function isUnderCurrentKey(token: string): boolean {
  return encryptedKeyId(token) === keyRing().current.id
}

/** The prefix every value encrypted under the current key starts with (for SQL `not like`). */
export function currentValuePrefix(): string {
  return `${VALUE_PREFIX}${keyRing().current.id}.`
}

// Files (documents at rest): "LATIHENC" | format 0x01 | key id (4 bytes) | iv (12) | tag (16) | ciphertext.
// The header (magic, format, key id) is authenticated as additional data.
const FILE_MAGIC = Buffer.from('LATIHENC', 'ascii')
const FILE_FORMAT = 0x01
const FILE_HEADER = FILE_MAGIC.length + 1 + 4
const FILE_PREFIX = FILE_HEADER + 12 + 16

/** Whether the bytes are a file written by encryptFile (else a clear file from before). */
export function isEncryptedFile(bytes: Uint8Array): boolean {
  return bytes.length >= FILE_PREFIX && FILE_MAGIC.equals(Buffer.from(bytes.buffer, bytes.byteOffset, FILE_MAGIC.length))
}

/** The key id of an encrypted file, or null for a clear one. */
export function fileKeyId(bytes: Uint8Array): string | null {
  if (!isEncryptedFile(bytes)) return null
  return Buffer.from(bytes.buffer, bytes.byteOffset + FILE_MAGIC.length + 1, 4).toString('hex')
}

export function encryptFile(plain: Uint8Array, purpose = 'document-encryption'): Buffer {
  const current = keyRing().current
  const header = Buffer.concat([FILE_MAGIC, Buffer.from([FILE_FORMAT]), Buffer.from(current.id, 'hex')])
  const { iv, tag, body } = gcmEncrypt(subkey(current, purpose), Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength), header)
  return Buffer.concat([header, iv, tag, body])
}

/** Opens a file from encryptFile; a clear file (no header, from before encryption) is returned as it is. */
export function decryptFile(stored: Uint8Array, purpose = 'document-encryption'): Buffer {
  const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength)
  if (!isEncryptedFile(bytes)) return bytes
  const format = bytes[FILE_MAGIC.length]
  if (format !== FILE_FORMAT) throw new Error(`Unknown encrypted file format ${format}`)
  const header = bytes.subarray(0, FILE_HEADER)
  const key = keyById(header.subarray(FILE_MAGIC.length + 1).toString('hex'))
  return gcmDecrypt(
    subkey(key, purpose),
    bytes.subarray(FILE_HEADER, FILE_HEADER + 12),
    bytes.subarray(FILE_HEADER + 12, FILE_PREFIX),
    bytes.subarray(FILE_PREFIX),
    header,
  )
}

/** Keyed hash for equality look-ups (NIK uniqueness, sign-in by NIK), under the current key. */
export function keyedHash(value: string, purpose = 'nik-lookup'): string {
  return createHmac('sha256', subkey(keyRing().current, purpose)).update(value).digest('hex')
}

/** The keyed hash under every key of the ring (current first), e.g. to find a value not yet rotated. */
export function keyedHashes(value: string, purpose = 'nik-lookup'): string[] {
  return keyRing().all.map((k) => createHmac('sha256', subkey(k, purpose)).update(value).digest('hex'))
}

function signWith(key: DeploymentKey, value: string, purpose: string): string {
  return createHmac('sha256', subkey(key, `sign:${purpose}`)).update(value).digest('base64url').slice(0, 22)
}

/** A short unforgeable signature, e.g. for receipt verification links (current key). */
export function sign(value: string, purpose: string): string {
  return signWith(keyRing().current, value, purpose)
}

/** The signature under every key of the ring (current first). */
export function signatures(value: string, purpose: string): string[] {
  return keyRing().all.map((k) => signWith(k, value, purpose))
}

/** Checks a signature under any key of the ring: receipts printed before a rotation still verify. */
export function verifySignature(value: string, signature: string, purpose: string): boolean {
  const given = Buffer.from(signature)
  let ok = false
  for (const candidate of signatures(value, purpose)) {
    const expected = Buffer.from(candidate)
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true
  }
  return ok
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function sha256(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex')
}
