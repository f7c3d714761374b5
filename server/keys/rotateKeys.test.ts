import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../tests/db'
import { findAccountByNik } from '../accounts/accountLookup'
import {
  decrypt,
  deploymentKeyIds,
  encrypt,
  fileKeyId,
  keyedHash,
  setDeploymentSecretForTests,
  sign,
  verifySignature,
} from '../auth/crypto'
import { createBackup } from '../backup/backup'
import { restoreBackup } from '../backup/restore'
import { EXIT, runCli, type CliIo } from '../cli/commands'
import { queryRows } from '../db/client'
import { createCandidate, nextNik } from '../db/factories'
import { auditEvent, candidateProfile } from '../db/schema'
import { parseEnv } from '../env'
import { createLocalStorage } from '../storage'
import { rotateKeys } from './rotateKeys'

const NOW = new Date('2026-12-02T03:00:00Z')
// The secret tests/setup gives every test file, and the one rotated to.
const OLD_SECRET = 'test-secret-that-is-long-enough-for-hkdf-0123456789'
const NEW_SECRET = 'a-new-deployment-secret-after-rotation-9876543210'

// A KTP scan's bytes that must never appear on disk in clear.
const SCAN = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('KTP 7471015508950001 SITI RAHMAWATI KENDARI '.repeat(20))])

/** What encrypt() wrote before key versions: base64url(iv | tag | ciphertext), no version. */
function unversionedCiphertext(plain: string, secret: string, purpose = 'nik-encryption'): string {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `latih:${purpose}`, 32))
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
}

describe('personal data at rest and key rotation', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const work = mkdtempSync(join(tmpdir(), 'latih-keys-'))
  const uploads = join(work, 'uploads')
  afterAll(() => {
    setDeploymentSecretForTests(OLD_SECRET)
    rmSync(work, { recursive: true, force: true })
  })
  setDeploymentSecretForTests(OLD_SECRET)
  const storage = createLocalStorage(uploads)

  it('a clear file from before encryption and an unversioned NIK ciphertext still read', async () => {
    mkdirSync(join(uploads, 'documents/lama'), { recursive: true })
    writeFileSync(join(uploads, 'documents/lama/ijazah.jpg'), SCAN, { mode: 0o644 })
    expect(Buffer.from(await storage.get('documents/lama/ijazah.jpg')).equals(SCAN)).toBe(true)
    const legacy = unversionedCiphertext('7471015508950001', OLD_SECRET)
    expect(decrypt(legacy)).toBe('7471015508950001')
    // New values name their key; an unknown key says which secret is missing.
    const value = encrypt('7471015508950001')
    expect(value).toMatch(new RegExp(`^v1\\.${deploymentKeyIds().current}\\.`))
    expect(decrypt(value)).toBe('7471015508950001')
    expect(() => decrypt(`v1.00000000.${value.split('.')[2]}`)).toThrow(/LATIH_SECRET_PREVIOUS/)
  })

  it('rotate-keys moves every NIK, TOTP secret, keyed hash and document to the new secret; twice changes nothing', async () => {
    // Under the old secret: candidates (one with a NIK stored before key versions), a staff
    // member's TOTP secret, documents (one clear from before encryption).
    const niks = Array.from({ length: 7 }, () => nextNik())
    const users: string[] = []
    for (const nik of niks) users.push((await createCandidate(db, { nik })).user.id)
    await db.update(candidateProfile).set({ nikCiphertext: unversionedCiphertext(niks[0]!, OLD_SECRET) }).where(eq(candidateProfile.userId, users[0]!))
    const hasSecondFactor = (await queryRows<{ t: string | null }>(db, sql`select to_regclass('second_factor')::text as t`))[0]?.t
    if (hasSecondFactor) {
      await db.execute(
        sql`insert into second_factor (user_id, secret_encrypted, created_at) values (${users[1]!}::uuid, ${encrypt('JBSWY3DPEHPK3PXP', 'totp-secret')}, ${NOW})`,
      )
    }
    // Two profiles whose NIK was released (reassigned at the kiosk, decision 022): an empty
    // ciphertext and a marker instead of a keyed hash, which rotation must leave alone.
    for (const userId of [users[5]!, users[6]!]) {
      await db.update(candidateProfile).set({ nikCiphertext: encrypt(''), nikHash: `released:${userId}` }).where(eq(candidateProfile.userId, userId))
    }
    await storage.put('documents/calon-1/ktp.jpg', new Uint8Array(SCAN))
    await storage.put('documents/calon-2/foto.png', new Uint8Array(SCAN))
    const receipt = sign('KDI-2026-0001', 'receipt')
    const oldKey = deploymentKeyIds().current

    // The operator sets the new secret and moves the old one to LATIH_SECRET_PREVIOUS.
    setDeploymentSecretForTests(NEW_SECRET, [OLD_SECRET])
    const newKey = deploymentKeyIds().current
    expect(newKey).not.toBe(oldKey)
    // Everything still reads before rotation; receipts printed before still verify.
    const [stored] = await db.select().from(candidateProfile).where(eq(candidateProfile.userId, users[2]!))
    expect(decrypt(stored!.nikCiphertext)).toBe(niks[2])
    expect(Buffer.from(await storage.get('documents/calon-2/foto.png')).equals(SCAN)).toBe(true)
    expect(verifySignature('KDI-2026-0001', receipt, 'receipt')).toBe(true)

    const first = await rotateKeys(db, { uploadsDir: uploads, now: NOW, batchSize: 3 })
    const nikColumn = first.columns.find((c) => c.column === 'candidate_profile.nik_ciphertext')!
    const total = (await db.select().from(candidateProfile)).length
    expect(nikColumn).toEqual({ column: 'candidate_profile.nik_ciphertext', rotated: total, unreadable: [] })
    if (hasSecondFactor) expect(first.columns.find((c) => c.column === 'second_factor.secret_encrypted')?.rotated).toBe(1)
    expect(first.files).toMatchObject({ encrypted: 1, reencrypted: 2, unchanged: 0 })
    expect(first.files.modesFixed).toBeGreaterThan(0)

    // Nothing under the old key remains in any text column of any table.
    const textColumns = await queryRows<{ table_name: string; column_name: string }>(
      db,
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public' and data_type = 'text'`,
    )
    for (const c of textColumns) {
      const [left] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from ${sql.identifier(c.table_name)} where ${sql.identifier(c.column_name)} like ${`v1.${oldKey}.%`}`,
      )
      expect(left?.n, `${c.table_name}.${c.column_name}`).toBe(0)
    }
    for (const file of filesUnder(uploads)) {
      expect(fileKeyId(readFileSync(file)), file).toBe(newKey)
      expect(statSync(file).mode & 0o777).toBe(0o600)
    }

    // The new secret alone now reads everything, and the NIK look-up finds each candidate.
    setDeploymentSecretForTests(NEW_SECRET)
    for (const userId of [users[5]!, users[6]!]) {
      const [released] = await db.select().from(candidateProfile).where(eq(candidateProfile.userId, userId))
      expect(released).toMatchObject({ nikHash: `released:${userId}` })
      expect(decrypt(released!.nikCiphertext)).toBe('')
    }
    for (const [i, nik] of niks.slice(0, 5).entries()) {
      expect((await findAccountByNik(db, nik))?.id).toBe(users[i])
      const [row] = await db.select().from(candidateProfile).where(eq(candidateProfile.userId, users[i]!))
      expect(row!.nikHash).toBe(keyedHash(nik))
      expect(decrypt(row!.nikCiphertext)).toBe(nik)
    }
    if (hasSecondFactor) {
      const [tf] = await queryRows<{ s: string }>(db, sql`select secret_encrypted as s from second_factor where user_id = ${users[1]!}::uuid`)
      expect(decrypt(tf!.s, 'totp-secret')).toBe('JBSWY3DPEHPK3PXP')
    }
    expect(Buffer.from(await storage.get('documents/lama/ijazah.jpg')).equals(SCAN)).toBe(true)
    expect(Buffer.from(await storage.get('documents/calon-1/ktp.jpg')).equals(SCAN)).toBe(true)

    // A second run: nothing to do, nothing written, not even an audit row.
    setDeploymentSecretForTests(NEW_SECRET, [OLD_SECRET])
    const snapshot = async () => ({
      profiles: await db.select().from(candidateProfile).orderBy(candidateProfile.userId),
      files: filesUnder(uploads).map((f) => [f, readFileSync(f).toString('base64'), statSync(f).mtimeMs]),
      audits: (await db.select().from(auditEvent).where(eq(auditEvent.action, 'keys.rotate'))).length,
    })
    const before = await snapshot()
    expect(before.audits).toBe(1)
    const second = await rotateKeys(db, { uploadsDir: uploads, now: NOW, batchSize: 3 })
    expect(second.columns.every((c) => c.rotated === 0 && c.unreadable.length === 0)).toBe(true)
    expect(second.files).toEqual({ encrypted: 0, reencrypted: 0, unchanged: before.files.length, modesFixed: 0 })
    expect(await snapshot()).toEqual(before)
  })

  it('npm run latih -- rotate-keys prints what it did, and a backup from before the rotation restores', async () => {
    setDeploymentSecretForTests(OLD_SECRET)
    const nik = nextNik()
    const { user } = await createCandidate(db, { nik })
    await storage.put(`documents/${user.id}/ktp.jpg`, new Uint8Array(SCAN))
    const backupFile = join(work, 'sebelum-rotasi.tar.gz')
    await createBackup(database, { outFile: backupFile, uploadsDir: uploads, now: NOW })

    setDeploymentSecretForTests(NEW_SECRET, [OLD_SECRET])
    const out: string[] = []
    const err: string[] = []
    const io: CliIo = {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      now: () => NOW,
      uploadsDir: () => uploads,
      open: async () => ({ ...database, close: async () => undefined }),
    }
    expect(await runCli(['rotate-keys', '--batch', '2'], io)).toBe(EXIT.ok)
    const text = out.join('\n')
    expect(text).toContain(`Current key ${deploymentKeyIds().current}; previous keys: ${deploymentKeyIds().all[1]}`)
    expect(text).toMatch(/candidate_profile\.nik_ciphertext: 1 re-encrypted\./)
    expect(text).toMatch(/Documents: 0 encrypted \(were clear\), 1 re-encrypted, \d+ already under the current key/)
    expect(err).toEqual([])
    out.length = 0
    expect(await runCli(['rotate-keys'], io)).toBe(EXIT.ok)
    expect(out.join('\n')).toMatch(/candidate_profile\.nik_ciphertext: 0 re-encrypted\.[\s\S]*Documents: 0 encrypted \(were clear\), 0 re-encrypted/)
    expect(await runCli(['rotate-keys', '--batch', 'many'], io)).toBe(EXIT.usage)

    // The backup made under the old secret restores under the new one with the old in
    // LATIH_SECRET_PREVIOUS; its documents and NIKs read, and rotate-keys brings them over.
    const target = await createTestDatabase()
    const targetUploads = join(work, 'restored/uploads')
    await restoreBackup(target, { inFile: backupFile, uploadsDir: targetUploads })
    for (const file of filesUnder(targetUploads)) expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(join(targetUploads, 'documents', user.id)).mode & 0o777).toBe(0o700)
    const restored = createLocalStorage(targetUploads)
    expect(Buffer.from(await restored.get(`documents/${user.id}/ktp.jpg`)).equals(SCAN)).toBe(true)
    await rotateKeys(target.db, { uploadsDir: targetUploads, now: NOW })
    expect((await findAccountByNik(target.db, nik))?.id).toBe(user.id)
    // Under a secret it never knew, the restore is refused.
    setDeploymentSecretForTests(NEW_SECRET)
    const other = await createTestDatabase()
    await expect(restoreBackup(other, { inFile: backupFile, uploadsDir: join(work, 'other/uploads') })).rejects.toThrow(/LATIH_SECRET_PREVIOUS/)
  })

  it('LATIH_SECRET_PREVIOUS takes comma-separated secrets of at least 32 characters', () => {
    const base = { NODE_ENV: 'test', LATIH_SECRET: NEW_SECRET }
    expect(parseEnv({ ...base, LATIH_SECRET_PREVIOUS: `${OLD_SECRET}, ${'x'.repeat(40)}` }).LATIH_SECRET_PREVIOUS).toContain(OLD_SECRET)
    expect(() => parseEnv({ ...base, LATIH_SECRET_PREVIOUS: `${OLD_SECRET},kort` })).toThrow(/LATIH_SECRET_PREVIOUS must list secrets of at least 32 characters/)
  })

  it('a value no key of the ring opens is reported, not lost, and the command fails', async () => {
    setDeploymentSecretForTests(NEW_SECRET)
    const { user } = await createCandidate(db, { nik: nextNik() })
    const foreign = unversionedCiphertext('7471015508950009', 'a-secret-nobody-listed-in-the-ring-000000000')
    await db.update(candidateProfile).set({ nikCiphertext: foreign }).where(eq(candidateProfile.userId, user.id))
    const result = await rotateKeys(db, { uploadsDir: uploads, now: NOW })
    expect(result.columns[0]!.unreadable).toEqual([user.id])
    const [row] = await db.select().from(candidateProfile).where(eq(candidateProfile.userId, user.id))
    expect(row!.nikCiphertext).toBe(foreign)
    await db.delete(candidateProfile).where(eq(candidateProfile.userId, user.id))
  })
})
