/** Question images: JPEG or PNG, recognised by their bytes, stored under questions/. */

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024

const KEY = /^questions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(jpg|png)$/
const NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png)$/

export type ImageExtension = 'jpg' | 'png'

/** 'png' or 'jpg' from the file's first bytes; null for anything else. */
export function sniffImage(bytes: Uint8Array): ImageExtension | null {
  if (
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47 &&
    bytes[4] === 0x0d &&
    bytes[5] === 0x0a &&
    bytes[6] === 0x1a &&
    bytes[7] === 0x0a
  ) {
    return 'png'
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg'
  return null
}

export function isQuestionImageKey(key: string): boolean {
  return KEY.test(key)
}

/** The storage key for a file name taken from the image URL, or null when it is not one of ours. */
export function questionImageKeyFromName(name: string): string | null {
  return NAME.test(name) ? `questions/${name}` : null
}

/** Where pages show a question image (public: images are not personal data). */
export function questionImageUrl(key: string): string {
  return `/gambar-soal/${key.replace(/^questions\//, '')}`
}

export function contentTypeOfImageKey(key: string): string {
  return key.endsWith('.png') ? 'image/png' : 'image/jpeg'
}
