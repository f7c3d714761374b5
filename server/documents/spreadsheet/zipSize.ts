/**
 * What a ZIP (an XLSX is one) says its entries unpack to, read from its central directory
 * without unpacking anything: the sum of the declared uncompressed sizes and the number
 * of entries. Null when the bytes are not a ZIP we can read this way (no end record, a
 * ZIP64 archive, a directory that runs past the end): the caller refuses those too.
 * A 300 KB upload can declare 300 MB of XML; the reader refuses by this figure before
 * ExcelJS inflates a byte.
 */
export function declaredUnpackedSize(bytes: Uint8Array): { bytes: number; entries: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535 bytes.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff)
  let end = -1
  for (let i = bytes.length - 22; i >= earliest; i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) return null
  const entries = view.getUint16(end + 10, true)
  const directorySize = view.getUint32(end + 12, true)
  const directoryOffset = view.getUint32(end + 16, true)
  if (entries === 0xffff || directoryOffset === 0xffffffff || directoryOffset + directorySize > end) return null
  let total = 0
  let at = directoryOffset
  for (let n = 0; n < entries; n += 1) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) return null
    const uncompressed = view.getUint32(at + 24, true)
    if (uncompressed === 0xffffffff) return null
    total += uncompressed
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return { bytes: total, entries }
}
