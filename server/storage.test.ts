import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLocalStorage } from './storage'

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
