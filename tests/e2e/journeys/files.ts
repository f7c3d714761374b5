// Small, genuine upload files made in memory, and the wrong ones the upload must refuse.
// The server judges a file by its first bytes, so each real file is a complete,
// decodable one (not just a magic number), as a phone camera or scanner would send.
/** What page.setInputFiles accepts for a file made in memory. */
export interface FilePayload {
  name: string
  mimeType: string
  buffer: Buffer
}

/** A 1×1 PNG (a pas foto stand-in). */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

/** A 16×20 baseline JPEG (a KTP photo stand-in), encoded once by Chromium and kept here. */
const JPEG_16X20 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAUABADASIAAhEBAxEB/8QAFwABAAMAAAAAAAAAAAAAAAAAAAIDBf/EACAQAAAFBAMBAAAAAAAAAAAAAAAFERNhAQIDEhUjMUL/xAAVAQEBAAAAAAAAAAAAAAAAAAADBP/EABsRAAIBBQAAAAAAAAAAAAAAAAAREwIDQULh/9oADAMBAAIRAxEAPwCJIW4TB567Ja3qmlaU9WIA7LcJeyzdkuc2XetK+JEisqM+Nd6XHE+kRFiQNTPkmulttfpVVIgOrkr14A6I1kzgABQCf//Z'

/** The upload limit the e2e server runs with (MAX_UPLOAD_BYTES default, shown as "2 MB"). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024

export function pngFile(name = 'pas-foto.png'): FilePayload {
  return { name, mimeType: 'image/png', buffer: Buffer.from(PNG_1X1, 'base64') }
}

export function jpegFile(name = 'ktp.jpg'): FilePayload {
  return { name, mimeType: 'image/jpeg', buffer: Buffer.from(JPEG_16X20, 'base64') }
}

/**
 * A one-page PDF showing `text`, with a correct cross-reference table (so strict
 * readers such as pdftotext accept it).
 */
export function pdfBytes(text: string): Buffer {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`)
  const content = `BT /F1 14 Tf 40 780 Td (${escaped}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ]
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'))
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(pdf, 'latin1')
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}

export function pdfFile(name = 'ijazah.pdf', text = 'Ijazah SMA Negeri 1 Kendari'): FilePayload {
  return { name, mimeType: 'application/pdf', buffer: pdfBytes(text) }
}

/** Plain text dressed up as another type by its name and claimed MIME type. */
export function fakeFile(name: string, mimeType: string): FilePayload {
  return { name, mimeType, buffer: Buffer.from('Ini bukan gambar atau PDF, hanya teks biasa.\n'.repeat(20), 'utf8') }
}

/** A real PNG signature followed by padding: refused for its size alone, not its type. */
export function oversizedPng(name = 'foto-besar.png'): FilePayload {
  const head = Buffer.from(PNG_1X1, 'base64')
  return { name, mimeType: 'image/png', buffer: Buffer.concat([head, Buffer.alloc(MAX_UPLOAD_BYTES + 100 * 1024 - head.length)]) }
}
