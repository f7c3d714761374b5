import { spawnSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLocalStorage } from '../storage'
import { writeParticipantFilesZip } from './participantFilesZip'

// The handover's files ZIP reads documents through the encrypted storage (decision 021):
// the organiser gets the files as uploaded — a file stored before encryption too — never
// the ciphertext on disk.
describe('the participants’ files ZIP over encrypted storage', () => {
  const work = mkdtempSync(join(tmpdir(), 'latih-zip-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('holds each document decrypted, one file at a time', async () => {
    const storage = createLocalStorage(join(work, 'uploads'))
    const ktp = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('KTP PESERTA SATU '.repeat(50))])
    const diploma = Buffer.from('%PDF-1.4 IJAZAH PESERTA DUA '.repeat(40), 'latin1')
    await storage.put('documents/satu/ktp.jpg', new Uint8Array(ktp))
    // A diploma stored in clear before encryption existed.
    await storage.put('documents/dua/placeholder.pdf', new Uint8Array(diploma))
    writeFileSync(join(work, 'uploads/documents/dua/ijazah.pdf'), diploma)
    expect(readFileSync(join(work, 'uploads/documents/satu/ktp.jpg')).includes(Buffer.from('KTP PESERTA SATU'))).toBe(false)

    const zipFile = join(work, 'berkas.zip')
    const result = await writeParticipantFilesZip(
      [
        { folder: 'KDI-0001 Satu', files: [{ name: 'KTP.jpg', storageKey: 'documents/satu/ktp.jpg' }] },
        { folder: 'KDI-0002 Dua', files: [{ name: 'Ijazah.pdf', storageKey: 'documents/dua/ijazah.pdf' }] },
      ],
      storage,
      createWriteStream(zipFile),
      { date: new Date('2026-12-02T03:00:00Z'), readme: 'Berkas peserta.\n' },
    )
    expect(result).toEqual({ files: 2, missing: [] })
    const read = (name: string) => spawnSync('unzip', ['-p', zipFile, name], { maxBuffer: 1 << 20 }).stdout
    expect(read('KDI-0001 Satu/KTP.jpg').equals(ktp)).toBe(true)
    expect(read('KDI-0002 Dua/Ijazah.pdf').equals(diploma)).toBe(true)
  })
})
