// archiver 8 ships no type declarations; the little of it used here is typed below.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- untyped ESM package (another module may declare it; either way this compiles)
import { ZipArchive as UntypedZipArchive } from 'archiver'
import type { FileStorage } from '../storage'

// The participants' files (SOP step 11) as one ZIP streamed to the browser: one folder
// per participant named by registration number and name. Files are read from storage
// one at a time and the next is appended only when archiver has written the previous
// one ('entry'), so memory stays the same whatever the number of participants.

export interface ParticipantFolder {
  folder: string
  files: Array<{ name: string; storageKey: string }>
}

interface ZipWriter {
  on(event: 'entry', listener: () => void): void
  on(event: 'error' | 'warning', listener: (error: Error) => void): void
  pipe(out: NodeJS.WritableStream): void
  append(source: Buffer | string, data: { name: string; date?: Date }): void
  finalize(): Promise<void>
  abort(): void
}
const ZipArchive = UntypedZipArchive as unknown as new (options: { zlib?: { level: number } }) => ZipWriter

/** A folder or file name safe in every unzip tool: letters (any script), digits, space and . , ' ( ) -. */
export function safeZipName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} .,'()-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
  return (cleaned === '' ? 'berkas' : cleaned).slice(0, 100)
}

export async function writeParticipantFilesZip(
  folders: readonly ParticipantFolder[],
  storage: FileStorage,
  out: NodeJS.WritableStream,
  options: { date: Date; readme: string },
): Promise<{ files: number; missing: string[] }> {
  const entries: Array<{ name: string; storageKey: string | null; text?: string }> = [
    { name: 'BACA-SAYA.txt', storageKey: null, text: options.readme },
  ]
  for (const f of folders) for (const file of f.files) entries.push({ name: `${f.folder}/${file.name}`, storageKey: file.storageKey })
  // Files already compressed (JPEG, PNG, PDF) gain nothing from a high level.
  const zip = new ZipArchive({ zlib: { level: 1 } })
  const missing: string[] = []
  let written = 0
  const done = new Promise<void>((resolve, reject) => {
    zip.on('error', reject)
    zip.on('warning', reject)
    out.on('error', reject)
    out.on('finish', () => resolve())
    out.on('close', () => resolve())
  })
  zip.pipe(out)
  let next = 0
  const appendNext = async () => {
    const entry = entries[next++]
    if (!entry) {
      void zip.finalize()
      return
    }
    if (entry.storageKey === null) {
      zip.append(entry.text ?? '', { name: entry.name, date: options.date })
      return
    }
    try {
      const bytes = await storage.get(entry.storageKey)
      zip.append(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name: entry.name, date: options.date })
      written++
    } catch {
      // A file gone from storage is named in a note instead of failing the whole download.
      missing.push(entry.name)
      zip.append(`Berkas ${entry.name} tidak ditemukan di penyimpanan.\n`, { name: `${entry.name}.TIDAK-ADA.txt`, date: options.date })
    }
  }
  zip.on('entry', () => void appendNext())
  void appendNext()
  await done
  return { files: written, missing }
}
