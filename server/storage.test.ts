import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../tests/db'
import { deploymentKeyIds, fileKeyId, setDeploymentSecretForTests } from './auth/crypto'
import { storedFile } from './db/schema'
import { createBackup } from './backup/backup'
import { restoreBackup } from './backup/restore'
import { EXIT, runCli } from './cli/commands'
import { rotateKeys } from './keys/rotateKeys'
import { createDatabaseStorage, createLocalStorage, rotateDatabaseFiles } from './storage'

// A KTP scan's bytes that must never appear on disk in clear.
const SCAN = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('KTP 7471015508950001 SITI RAHMAWATI KENDARI '.repeat(20))])

describe('documents at rest (decision 021)', () => {
  const uploads = join(mkdtempSync(join(tmpdir(), 'latih-storage-')), 'uploads')
  afterAll(() => rmSync(join(uploads, '..'), { recursive: true, force: true }))
  const storage = createLocalStorage(uploads)

  it('a stored document is encrypted, 0600 in folders 0700, and reads back as it was', async () => {
    await storage.put('documents/calon-1/ktp.jpg', new Uint8Array(SCAN))
    const path = join(uploads, 'documents/calon-1/ktp.jpg')
    const onDisk = readFileSync(path)
    expect(onDisk.includes(Buffer.from('7471015508950001')), 'the NIK on the scan is not on disk').toBe(false)
    expect(onDisk.includes(Buffer.from('SITI RAHMAWATI'))).toBe(false)
    expect(onDisk.subarray(0, 4).equals(SCAN.subarray(0, 4)), 'not even the JPEG signature').toBe(false)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(statSync(join(uploads, 'documents/calon-1')).mode & 0o777).toBe(0o700)
    expect(statSync(uploads).mode & 0o777).toBe(0o700)
    expect(Buffer.from(await storage.get('documents/calon-1/ktp.jpg')).equals(SCAN)).toBe(true)
    // Replacing a file leaves no temporary file behind.
    await storage.put('documents/calon-1/ktp.jpg', new Uint8Array(SCAN))
    expect(readdirSync(join(uploads, 'documents/calon-1'))).toEqual(['ktp.jpg'])
    expect(Buffer.from(await storage.get('documents/calon-1/ktp.jpg')).equals(SCAN)).toBe(true)
    // A file changed on disk is refused, not handed out altered.
    const tampered = Buffer.from(readFileSync(path))
    tampered[tampered.length - 1]! ^= 1
    writeFileSync(join(uploads, 'documents/calon-1/rusak.jpg'), tampered)
    await expect(storage.get('documents/calon-1/rusak.jpg')).rejects.toThrow()
    await storage.delete('documents/calon-1/ktp.jpg')
    await expect(storage.get('documents/calon-1/ktp.jpg')).rejects.toThrow()
  })

  it('a clear file written before encryption still reads', async () => {
    mkdirSync(join(uploads, 'documents/lama'), { recursive: true })
    writeFileSync(join(uploads, 'documents/lama/ijazah.jpg'), SCAN, { mode: 0o644 })
    expect(Buffer.from(await storage.get('documents/lama/ijazah.jpg')).equals(SCAN)).toBe(true)
  })

  it('refuses a key that could leave the storage folder', async () => {
    await expect(storage.put('../aus.jpg', new Uint8Array(SCAN))).rejects.toThrow(/Bad storage key/)
    await expect(storage.get('documents/../../aus.jpg')).rejects.toThrow(/Bad storage key/)
  })
})

// FILE_STORAGE=database (decision 026): the same encrypted bytes, in the stored_file table
// of the database every app process shares. On PGlite here, on PostgreSQL in the postgres step.
describe('documents in the database (decision 026)', async () => {
  const OLD_SECRET = 'test-secret-that-is-long-enough-for-hkdf-0123456789'
  const NEW_SECRET = 'a-new-deployment-secret-after-rotation-9876543210'
  const database = await createTestDatabase()
  const { db } = database
  setDeploymentSecretForTests(OLD_SECRET)
  afterAll(() => setDeploymentSecretForTests(OLD_SECRET))
  const storage = createDatabaseStorage(db)
  const rowOf = async (key: string) => (await db.select().from(storedFile).where(eq(storedFile.key, key)))[0]

  it('put writes the encrypted bytes, get reads them back, put again replaces, delete removes', async () => {
    await storage.put('documents/calon-1/ktp.jpg', new Uint8Array(SCAN))
    const row = await rowOf('documents/calon-1/ktp.jpg')
    const stored = Buffer.from(row!.bytes)
    expect(stored.includes(Buffer.from('7471015508950001')), 'the NIK on the scan is not in the database').toBe(false)
    expect(stored.includes(Buffer.from('SITI RAHMAWATI'))).toBe(false)
    expect(stored.subarray(0, 8).toString('latin1')).toBe('LATIHENC')
    expect(fileKeyId(stored)).toBe(deploymentKeyIds().current)
    expect(row!.size).toBe(stored.length)
    // Not readable in clear through SQL either (what a dump or a replica holds).
    const [asText] = await db.execute(sql`select encode(bytes, 'escape') as t from stored_file where key = 'documents/calon-1/ktp.jpg'`).then(
      (r) => (r as unknown as { rows: Array<{ t: string }> }).rows,
    )
    expect(asText!.t).not.toContain('SITI RAHMAWATI')
    expect(Buffer.from(await storage.get('documents/calon-1/ktp.jpg')).equals(SCAN)).toBe(true)

    const other = Buffer.from('a replaced scan '.repeat(50))
    await storage.put('documents/calon-1/ktp.jpg', new Uint8Array(other))
    expect(Buffer.from(await storage.get('documents/calon-1/ktp.jpg')).equals(other)).toBe(true)
    expect((await db.select().from(storedFile).where(eq(storedFile.key, 'documents/calon-1/ktp.jpg'))).length).toBe(1)

    await storage.delete('documents/calon-1/ktp.jpg')
    expect(await rowOf('documents/calon-1/ktp.jpg')).toBeUndefined()
    await expect(storage.get('documents/calon-1/ktp.jpg')).rejects.toMatchObject({ code: 'ENOENT' })
    // Deleting what is not there is not an error (as with files).
    await storage.delete('documents/calon-1/ktp.jpg')
  })

  it('refuses altered bytes and keys that local storage refuses', async () => {
    await storage.put('documents/calon-2/foto.jpg', new Uint8Array(SCAN))
    const stored = Buffer.from((await rowOf('documents/calon-2/foto.jpg'))!.bytes)
    stored[stored.length - 1]! ^= 1
    await db.update(storedFile).set({ bytes: stored }).where(eq(storedFile.key, 'documents/calon-2/foto.jpg'))
    await expect(storage.get('documents/calon-2/foto.jpg')).rejects.toThrow()
    await expect(storage.put('../aus.jpg', new Uint8Array(SCAN))).rejects.toThrow(/Bad storage key/)
    await expect(storage.get('documents/../../aus.jpg')).rejects.toThrow(/Bad storage key/)
    await storage.delete('documents/calon-2/foto.jpg')
  })

  it('rotation re-encrypts every row under the new key, encrypts a clear one, and a second run changes nothing', async () => {
    await storage.put('documents/calon-3/ktp.jpg', new Uint8Array(SCAN))
    await storage.put('documents/calon-4/ijazah.pdf', new Uint8Array(SCAN))
    // A clear document, as one copied in from before encryption.
    await db.insert(storedFile).values({ key: 'documents/lama/foto.jpg', bytes: SCAN, size: SCAN.length })
    const oldKey = deploymentKeyIds().current

    setDeploymentSecretForTests(NEW_SECRET, [OLD_SECRET])
    const newKey = deploymentKeyIds().current
    expect(newKey).not.toBe(oldKey)
    // Readable under the previous key before rotation.
    expect(Buffer.from(await storage.get('documents/calon-4/ijazah.pdf')).equals(SCAN)).toBe(true)

    // Through `rotate-keys` itself, which takes the disk (here an empty folder) and the table.
    const first = await rotateKeys(db, { uploadsDir: join(tmpdir(), `latih-none-${process.pid}`), now: new Date('2026-12-02T03:00:00Z') })
    expect(first.files).toEqual({ encrypted: 1, reencrypted: 2, unchanged: 0, modesFixed: 0 })
    for (const row of await db.select().from(storedFile)) {
      expect(fileKeyId(Buffer.from(row.bytes)), row.key).toBe(newKey)
    }
    const second = await rotateDatabaseFiles(db)
    expect(second).toEqual({ encrypted: 0, reencrypted: 0, unchanged: 3, modesFixed: 0 })

    // Without the old secret at all, the rotated documents still open.
    setDeploymentSecretForTests(NEW_SECRET)
    for (const key of ['documents/calon-3/ktp.jpg', 'documents/calon-4/ijazah.pdf', 'documents/lama/foto.jpg']) {
      expect(Buffer.from(await storage.get(key)).equals(SCAN), key).toBe(true)
    }
  })
  it('a backup carries the documents kept in the database, still encrypted, and a restore brings them back readable', async () => {
    const work = mkdtempSync(join(tmpdir(), 'latih-storage-backup-'))
    try {
      const emptyUploads = join(work, 'uploads')
      const before = await db.select({ key: storedFile.key, bytes: storedFile.bytes }).from(storedFile).orderBy(storedFile.key)
      expect(before.length).toBeGreaterThan(0)
      const outFile = join(work, 'latih.tar.gz')
      const manifest = await createBackup(database, { outFile, uploadsDir: emptyUploads, now: new Date('2026-12-02T03:00:00Z') })
      expect(manifest.tables.find((t) => t.name === 'stored_file')?.rows).toBe(before.length)
      expect(manifest.uploads.files).toBe(0)
      const archive = readFileSync(outFile)
      expect(archive.includes(Buffer.from('SITI RAHMAWATI'))).toBe(false)

      const target = await createTestDatabase()
      await restoreBackup(target, { inFile: outFile, uploadsDir: join(work, 'target-uploads') })
      const after = await target.db.select({ key: storedFile.key, bytes: storedFile.bytes }).from(storedFile).orderBy(storedFile.key)
      expect(after.map((r) => r.key)).toEqual(before.map((r) => r.key))
      for (const [i, row] of after.entries()) expect(Buffer.from(row.bytes).equals(Buffer.from(before[i]!.bytes)), row.key).toBe(true)
      const restored = createDatabaseStorage(target.db)
      expect(Buffer.from(await restored.get('documents/calon-3/ktp.jpg')).equals(SCAN)).toBe(true)
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  })
  it('files:to-database copies the documents on disk into the table as they are stored; a second run copies nothing', async () => {
    const work = mkdtempSync(join(tmpdir(), 'latih-storage-move-'))
    try {
      const uploads = join(work, 'uploads')
      const local = createLocalStorage(uploads)
      await local.put('documents/pindah-1/ktp.jpg', new Uint8Array(SCAN))
      await local.put('soal/gambar-1.png', new Uint8Array(SCAN))
      mkdirSync(join(uploads, 'documents/pindah-lama'), { recursive: true })
      writeFileSync(join(uploads, 'documents/pindah-lama/foto.jpg'), SCAN)
      const out: string[] = []
      const io = {
        out: (l: string) => out.push(l),
        err: (l: string) => out.push(l),
        now: () => new Date('2026-12-02T03:00:00Z'),
        uploadsDir: () => uploads,
        open: async () => ({ ...database, close: async () => undefined }),
      }
      expect(await runCli(['files:to-database'], io)).toBe(EXIT.ok)
      expect(out.join('\n')).toContain('3 copied into the database, 0 were there already')
      const onDisk = readFileSync(join(uploads, 'documents/pindah-1/ktp.jpg'))
      expect(Buffer.from((await rowOf('documents/pindah-1/ktp.jpg'))!.bytes).equals(onDisk), 'the same encrypted bytes').toBe(true)
      for (const key of ['documents/pindah-1/ktp.jpg', 'soal/gambar-1.png', 'documents/pindah-lama/foto.jpg']) {
        expect(Buffer.from(await storage.get(key)).equals(SCAN), key).toBe(true)
      }
      out.length = 0
      expect(await runCli(['files:to-database'], io)).toBe(EXIT.ok)
      expect(out.join('\n')).toContain('0 copied into the database, 3 were there already')
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  })
})
