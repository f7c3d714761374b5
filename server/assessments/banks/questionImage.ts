import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { FileStorage } from '../../storage'
import { ValidationError } from '../../errors'
import { decodeQuestionImage } from '../../documents/decodeUpload'
import { MAX_IMAGE_BYTES, sniffImage } from './images'

/** An image uploaded with a question form: the bytes and where to keep them. */
export const ImageUpload = z.object({
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Berkas tidak terbaca.'),
  storage: z.custom<FileStorage>((v) => typeof v === 'object' && v !== null && 'put' in v),
})
export type ImageUpload = z.infer<typeof ImageUpload>

import { IMAGE_FIELD } from './limits'

export { IMAGE_FIELD }

/** Check the upload is a JPEG or PNG (by its bytes, not its name) within the size limit. */
export function checkImageUpload(upload: ImageUpload): 'jpg' | 'png' {
  if (upload.bytes.byteLength > MAX_IMAGE_BYTES) {
    throw new ValidationError({ [IMAGE_FIELD]: [`Gambar paling besar ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`] })
  }
  const ext = sniffImage(upload.bytes)
  if (!ext) throw new ValidationError({ [IMAGE_FIELD]: ['Gambar harus berkas JPEG atau PNG.'] })
  return ext
}

/** Store a checked image under questions/<uuid>.<ext>; images never change once stored. */
export async function storeImage(upload: ImageUpload, ext: 'jpg' | 'png'): Promise<string> {
  // Decoded and written again (decision 023): nothing but pixels is served from /gambar-soal.
  const clean = await decodeQuestionImage(upload.bytes, ext)
  if (!clean) throw new ValidationError({ [IMAGE_FIELD]: ['Gambar tidak dapat dibaca sebagai JPEG atau PNG yang utuh, atau berisi kode HTML/skrip.'] })
  const key = `questions/${randomUUID()}.${ext}`
  await upload.storage.put(key, clean)
  return key
}
