import { PassThrough, Readable } from 'node:stream'
import { renderHandoverMinutesPdf } from '../documents/handoverMinutesPdf'
import { renderNominativeListPdf } from '../documents/nominativeListPdf'
import { writeParticipantFilesZip } from '../documents/participantFilesZip'
import type { FileStorage } from '../storage'
import type { NominativeList } from './getNominativeList'
import type { HandoverView } from './getHandover'
import type { ParticipantFiles } from './getParticipantFiles'
import { renderNominativeListXlsx } from './nominativeListXlsx'

// The downloads of SOP step 11 as HTTP responses, shared by the committee's and the
// organiser's routes. Personal data (full NIK): never cached by a proxy or the browser.

const PRIVATE = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' }

export async function nominativePdfResponse(list: NominativeList): Promise<Response> {
  const pdf = await renderNominativeListPdf(list)
  return new Response(new Uint8Array(pdf), {
    headers: { ...PRIVATE, 'Content-Type': 'application/pdf', 'Content-Length': String(pdf.length), 'Content-Disposition': `attachment; filename="${list.filename}.pdf"` },
  })
}

export async function nominativeXlsxResponse(list: NominativeList): Promise<Response> {
  const bytes = (await renderNominativeListXlsx(list))!
  return new Response(new Uint8Array(bytes), {
    headers: {
      ...PRIVATE,
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="${list.filename}.xlsx"`,
    },
  })
}

export async function minutesPdfResponse(view: HandoverView): Promise<Response> {
  const pdf = await renderHandoverMinutesPdf(view)
  const name = `berita-acara-serah-terima-${view.programmeCode}-${view.batchLabel}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-')
  return new Response(new Uint8Array(pdf), {
    headers: { ...PRIVATE, 'Content-Type': 'application/pdf', 'Content-Length': String(pdf.length), 'Content-Disposition': `attachment; filename="${name}.pdf"` },
  })
}

/** The ZIP streamed as it is written: nothing of it is held whole in memory. */
export function participantFilesResponse(files: ParticipantFiles, storage: FileStorage, now: Date): Response {
  const out = new PassThrough()
  writeParticipantFilesZip(files.folders, storage, out, { date: now, readme: files.readme }).catch((error: unknown) => {
    console.error('[latih] participant files ZIP failed', error)
    out.destroy(error instanceof Error ? error : new Error(String(error)))
  })
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
    headers: { ...PRIVATE, 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${files.filename}.zip"` },
  })
}
