/**
 * What an uploaded file really is, judged by its first bytes. The file name and the
 * type the browser claims are never trusted: a renamed .exe must not become a "PDF".
 */
export type UploadFileType = 'jpeg' | 'png' | 'pdf'

export const UPLOAD_FILE_TYPES: Record<UploadFileType, { contentType: string; extension: string; label: string }> = {
  jpeg: { contentType: 'image/jpeg', extension: 'jpg', label: 'JPG' },
  png: { contentType: 'image/png', extension: 'png', label: 'PNG' },
  pdf: { contentType: 'application/pdf', extension: 'pdf', label: 'PDF' },
}

const SIGNATURES: ReadonlyArray<{ type: UploadFileType; bytes: readonly number[] }> = [
  { type: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // '%PDF-'
  { type: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
]

export function detectUploadFileType(bytes: Uint8Array): UploadFileType | null {
  for (const s of SIGNATURES) {
    if (bytes.length >= s.bytes.length && s.bytes.every((b, i) => bytes[i] === b)) return s.type
  }
  return null
}

/** '2 MB' for 2 097 152 bytes; whole megabytes stay whole. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace('.', ',')} MB`
}

export function uploadTooLargeMessage(maxBytes: number): string {
  return `Ukuran berkas maksimal ${formatMegabytes(maxBytes)}.`
}

/** A stored original name: the last path part, printable, at most 120 characters. */
export function cleanOriginalName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 120)
}
