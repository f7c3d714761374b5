import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import { eq } from 'drizzle-orm'
import { PDFDocument } from 'pdf-lib'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import {
  JPEG_HTML_POLYGLOT,
  JPEG_MAGIC_ONLY,
  jpegWithGps,
  onePagePdf,
  PDF_HTML_POLYGLOT,
  PDF_SHELL,
  REAL_JPEG,
  REAL_PNG,
} from '../../tests/fixtures/uploads'
import { loadActor } from '../auth/sessions'
import { createCandidate } from '../db/factories'
import { candidateDocument } from '../db/schema'
import { ValidationError } from '../errors'
import { uploadDocument } from '../profiles/uploadDocument'
import { createLocalStorage } from '../storage'
import { decodeQuestionImage, decodeUpload, IMAGE_MAX_EDGE, MARKUP_INSIDE, PDF_ACTIVE_CONTENT, UNREADABLE_IMAGE, UNREADABLE_PDF } from './decodeUpload'

const NOW = new Date('2026-12-02T02:00:00Z')
const ALL = ['jpeg', 'png', 'pdf'] as const

function pngOfZeros(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(8 + data.length + 4)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), 8 + data.length)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 0, 0, 0, 0], 8) // 8-bit greyscale
  const raw = Buffer.alloc((width + 1) * height) // filter byte 0 and zero pixels on every row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1')

describe('decodeUpload (decision 023)', () => {
  it('refuses the bare 3-byte JPEG magic number that the first-bytes check took for a KTP', async () => {
    expect(await decodeUpload(JPEG_MAGIC_ONLY, ALL)).toEqual({ ok: false, message: UNREADABLE_IMAGE })
  })

  it('refuses a JPEG+HTML and a PDF+HTML polyglot', async () => {
    expect(await decodeUpload(JPEG_HTML_POLYGLOT, ALL)).toEqual({ ok: false, message: MARKUP_INSIDE })
    expect(await decodeUpload(PDF_HTML_POLYGLOT, ALL)).toEqual({ ok: false, message: MARKUP_INSIDE })
    // Markup in the middle (a JPEG comment segment) is found as well.
    const comment = Buffer.concat([
      Buffer.from(REAL_JPEG.subarray(0, 2)),
      Buffer.from([0xff, 0xfe, 0x00, 0x20]),
      Buffer.from('<SCRIPT>alert(1)</SCRIPT>   '),
      Buffer.from(REAL_JPEG.subarray(2)),
    ])
    expect(await decodeUpload(comment, ALL)).toEqual({ ok: false, message: MARKUP_INSIDE })
  })

  it('refuses a PDF without pages, a truncated PDF, and one with JavaScript', async () => {
    expect(await decodeUpload(PDF_SHELL, ALL)).toEqual({ ok: false, message: UNREADABLE_PDF })
    const noPages = await (await PDFDocument.create()).save({ addDefaultPage: false })
    expect(await decodeUpload(noPages, ALL)).toEqual({ ok: false, message: UNREADABLE_PDF })
    expect(await decodeUpload(onePagePdf().subarray(0, 60), ALL)).toEqual({ ok: false, message: UNREADABLE_PDF })
    const scripted = await PDFDocument.create()
    scripted.addPage()
    scripted.addJavaScript('hello', 'app.alert("x")')
    expect(await decodeUpload(await scripted.save(), ALL)).toEqual({ ok: false, message: PDF_ACTIVE_CONTENT })
  })

  it('accepts a valid PDF and saves it again without what followed its end', async () => {
    const pdf = onePagePdf('Ijazah SMK')
    const withTail = Buffer.concat([Buffer.from(pdf), Buffer.from('\n%% trailing junk after the end of file %%\n')])
    const result = await decodeUpload(withTail, ALL)
    expect(result?.ok).toBe(true)
    if (!result?.ok) return
    expect(result.type).toBe('pdf')
    expect(latin1(result.bytes)).not.toContain('trailing junk')
    expect((await PDFDocument.load(result.bytes)).getPageCount()).toBe(1)
  })

  it('a phone JPEG with GPS EXIF comes back upright and without any EXIF', async () => {
    const phone = await jpegWithGps()
    const before = await sharp(phone).metadata()
    expect(before.exif && latin1(before.exif)).toContain('PonselUji')
    expect(before.orientation).toBe(6)

    const result = await decodeUpload(phone, ALL)
    expect(result?.ok).toBe(true)
    if (!result?.ok) return
    const after = await sharp(result.bytes).metadata()
    expect(after.format).toBe('jpeg')
    expect(after.exif).toBeUndefined()
    expect(after.orientation).toBeUndefined()
    // Turned upright by the orientation tag: 64×48 stored as 48×64.
    expect([after.width, after.height]).toEqual([48, 64])
    expect(latin1(result.bytes)).not.toContain('PonselUji')
    expect(latin1(result.bytes)).not.toContain('Exif')
  })

  it('re-encodes a PNG as JPEG and scales a large image down', async () => {
    const png = await decodeUpload(REAL_PNG, ALL)
    expect(png).toMatchObject({ ok: true, type: 'jpeg' })
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#888' } }).png().toBuffer()
    const result = await decodeUpload(big, ALL)
    if (!result?.ok) throw new Error('expected ok')
    const meta = await sharp(result.bytes).metadata()
    expect([meta.width, meta.height]).toEqual([IMAGE_MAX_EDGE, 1800])
  })

  it('refuses a decompression bomb over the pixel limit', async () => {
    // 8,000 × 7,000 grey pixels of zero: ~60 KB of PNG, 56 megapixels once decoded.
    const bomb = pngOfZeros(8000, 7000)
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024)
    expect(await decodeUpload(bomb, ALL)).toEqual({ ok: false, message: UNREADABLE_IMAGE })
  })

  it('answers null (not its business) for types the field does not take', async () => {
    expect(await decodeUpload(onePagePdf(), ['jpeg', 'png'])).toBeNull()
    expect(await decodeUpload(Buffer.from('MZ\x90\x00'), ALL)).toBeNull()
  })

  it('question images: written again in their own format, polyglots and stubs refused', async () => {
    const png = await decodeQuestionImage(REAL_PNG, 'png')
    expect(png && (await sharp(png).metadata()).format).toBe('png')
    expect(await decodeQuestionImage(JPEG_HTML_POLYGLOT, 'jpg')).toBeNull()
    expect(await decodeQuestionImage(JPEG_MAGIC_ONLY, 'jpg')).toBeNull()
  })
})

describe('profile upload decodes before it stores', async () => {
  const database = await createTestDatabase()
  const root = mkdtempSync(join(tmpdir(), 'latih-decode-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const storage = createLocalStorage(root)
  const candidate = await createCandidate(database.db, {})
  const actor = await loadActor(database.db, { userId: candidate.user.id, kind: 'candidate', email: candidate.user.email, displayName: candidate.user.displayName })
  const ctx = contextFor(database, actor, NOW)
  const filesOf = () => {
    const dir = join(root, 'documents', candidate.user.id)
    return existsSync(dir) ? readdirSync(dir) : []
  }
  const rows = () => database.db.select().from(candidateDocument).where(eq(candidateDocument.userId, candidate.user.id))

  it('refuses the 3-byte file and both polyglots at the file field; nothing is stored', async () => {
    for (const [kind, bytes, message] of [
      ['ktp', JPEG_MAGIC_ONLY, UNREADABLE_IMAGE],
      ['ktp', JPEG_HTML_POLYGLOT, MARKUP_INSIDE],
      ['diploma', PDF_HTML_POLYGLOT, MARKUP_INSIDE],
      ['diploma', PDF_SHELL, UNREADABLE_PDF],
    ] as const) {
      const error = await uploadDocument(ctx, { candidateId: candidate.user.id, kind, fileName: 'x', bytes, storage }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fieldErrors).toEqual({ file: [message] })
    }
    expect(await rows()).toHaveLength(0)
    expect(filesOf()).toEqual([])
  })

  it('stores the phone photo without its GPS position, and a valid PDF', async () => {
    await uploadDocument(ctx, { candidateId: candidate.user.id, kind: 'ktp', fileName: 'IMG_0001.jpg', bytes: await jpegWithGps(), storage })
    await uploadDocument(ctx, { candidateId: candidate.user.id, kind: 'diploma', fileName: 'ijazah.pdf', bytes: onePagePdf(), storage })
    const byKind = Object.fromEntries((await rows()).map((r) => [r.kind, r]))
    const stored = Buffer.from(await storage.get(byKind.ktp!.storageKey))
    expect(byKind.ktp).toMatchObject({ contentType: 'image/jpeg', byteSize: stored.byteLength })
    expect((await sharp(stored).metadata()).exif).toBeUndefined()
    expect(stored.toString('latin1')).not.toContain('PonselUji')
    const pdf = await storage.get(byKind.diploma!.storageKey)
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1)
  })
})
