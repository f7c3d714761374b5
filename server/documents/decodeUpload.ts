import { PDFDocument } from 'pdf-lib'
import sharp from 'sharp'
import { detectUploadFileType, type UploadFileType } from './uploadContent'

/**
 * An upload is judged by decoding it, not by its first bytes (decision 023):
 * - an image (JPEG or PNG) is decoded with sharp, turned upright by its EXIF orientation,
 *   scaled to at most IMAGE_MAX_EDGE pixels on its long side and re-encoded as JPEG, so
 *   what is stored is pixels only — no EXIF (GPS, camera serial), no comments, nothing
 *   appended after the image;
 * - a PDF is parsed with pdf-lib, must have at least one page and no scripts, launch
 *   actions or embedded files, and is saved again, which drops anything after the
 *   document (a "PDF+HTML" tail);
 * - either way, raw bytes that carry HTML or script markup (a polyglot that a browser
 *   would run if the file were ever served as a page) are refused before decoding.
 * Anything that fails is refused with one Indonesian message that says what to do.
 */

/** A decompression bomb (a small file that unpacks to gigapixels) is refused above this. */
export const IMAGE_MAX_INPUT_PIXELS = 50_000_000
/** The long side of a stored image: a KTP, diploma or pas foto stays legible well below it. */
export const IMAGE_MAX_EDGE = 2400
const JPEG_QUALITY = 85

export type DecodedUpload = { ok: true; type: UploadFileType; bytes: Uint8Array } | { ok: false; message: string }

export const UNREADABLE_IMAGE =
  'Gambar ini tidak dapat dibaca sebagai foto JPG atau PNG yang utuh. Foto atau pindai ulang dokumen Anda, lalu unggah lagi.'
export const UNREADABLE_PDF =
  'Berkas PDF ini rusak atau tidak berisi halaman. Simpan ulang dokumen sebagai PDF dari aplikasi pemindai, atau unggah fotonya (JPG).'
export const MARKUP_INSIDE =
  'Berkas ini berisi kode (HTML atau skrip) selain gambar/dokumen, sehingga ditolak. Unggah hasil foto atau pindaian aslinya.'
export const PDF_ACTIVE_CONTENT =
  'PDF ini berisi skrip, tautan peluncur, atau berkas sisipan, sehingga ditolak. Cetak ulang dokumen ke PDF biasa atau unggah fotonya (JPG).'

// What a browser sniffing the bytes would take for a page, wherever it sits in the file.
// Long enough markers that compressed image data practically never contains them by chance.
const MARKUP = [
  '<script',
  '<html',
  '<!doctype',
  '<iframe',
  '<body',
  '<object',
  '<embed',
  '<svg ',
  '<svg>',
  '<meta',
  '<form',
  'javascript:',
  'onload=',
  'onerror=',
]
const MARKUP_RE = new RegExp(MARKUP.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i')

/** True when the bytes carry HTML/script markup anywhere (read as Latin-1, so every byte is one character). */
export function containsMarkup(bytes: Uint8Array): boolean {
  return MARKUP_RE.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'))
}

// PDF names that run code or carry other files; a scan or a printed diploma has none.
const PDF_ACTIVE = /\/(?:JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|XFA)(?=[\s/<>[\]()]|$)/

/** Decode and re-encode an upload whose first bytes say it is one of `accepted`. */
export async function decodeUpload(bytes: Uint8Array, accepted: readonly UploadFileType[]): Promise<DecodedUpload | null> {
  const type = detectUploadFileType(bytes)
  if (!type || !accepted.includes(type)) return null
  if (containsMarkup(bytes)) return { ok: false, message: MARKUP_INSIDE }
  return type === 'pdf' ? decodePdf(bytes) : decodeImage(bytes, type)
}

async function decodeImage(bytes: Uint8Array, type: 'jpeg' | 'png'): Promise<DecodedUpload> {
  try {
    const input = sharp(bytes, { limitInputPixels: IMAGE_MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true })
    const meta = await input.metadata()
    if (meta.format !== (type === 'jpeg' ? 'jpeg' : 'png') || !meta.width || !meta.height) return { ok: false, message: UNREADABLE_IMAGE }
    const out = await input
      .rotate()
      .resize({ width: IMAGE_MAX_EDGE, height: IMAGE_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      // A transparent PNG becomes white where it was see-through, as on paper.
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
      .toBuffer()
    return { ok: true, type: 'jpeg', bytes: new Uint8Array(out) }
  } catch {
    // Truncated data, a decompression bomb over the pixel limit, a corrupt header.
    return { ok: false, message: UNREADABLE_IMAGE }
  }
}

async function decodePdf(bytes: Uint8Array): Promise<DecodedUpload> {
  if (PDF_ACTIVE.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'))) {
    return { ok: false, message: PDF_ACTIVE_CONTENT }
  }
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true })
    if (doc.getPageCount() < 1) return { ok: false, message: UNREADABLE_PDF }
    // Every page must resolve to a real page dictionary with a size.
    for (const page of doc.getPages()) {
      const { width, height } = page.getSize()
      if (!(width > 0 && height > 0)) return { ok: false, message: UNREADABLE_PDF }
    }
    const out = await doc.save({ useObjectStreams: false, addDefaultPage: false })
    // Names hidden in compressed object streams show up once written out plainly.
    if (PDF_ACTIVE.test(Buffer.from(out).toString('latin1'))) return { ok: false, message: PDF_ACTIVE_CONTENT }
    return { ok: true, type: 'pdf', bytes: new Uint8Array(out) }
  } catch {
    return { ok: false, message: UNREADABLE_PDF }
  }
}

/**
 * A question image (staff upload, served publicly): decoded and written again in its own
 * format, so a diagram stays a sharp PNG, with the same markup and pixel checks.
 */
export async function decodeQuestionImage(bytes: Uint8Array, ext: 'jpg' | 'png'): Promise<Uint8Array | null> {
  if (containsMarkup(bytes)) return null
  try {
    const input = sharp(bytes, { limitInputPixels: IMAGE_MAX_INPUT_PIXELS, failOn: 'error' })
    const meta = await input.metadata()
    if (meta.format !== (ext === 'jpg' ? 'jpeg' : 'png')) return null
    const upright = input.rotate()
    const out = ext === 'png' ? await upright.png().toBuffer() : await upright.jpeg({ quality: 90, mozjpeg: true }).toBuffer()
    return new Uint8Array(out)
  } catch {
    return null
  }
}
