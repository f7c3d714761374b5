import { PassThrough, Readable } from 'node:stream'
import type { Route } from './+types/staf_.gelombang.$batchId.pengumuman.gambar[.]zip'
import { getResultsImages } from '../../server/announcements/getResultsImages'
import { writeResultsZip } from '../../server/documents/resultsImages'
import { loaderFailure, staffContext } from '../lib/context.server'

/** The Instagram pages (PNG, 1080×1350) and the caption as one ZIP, streamed. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const images = await getResultsImages(ctx, { batchId: params.batchId }).catch(loaderFailure)
  const body = new PassThrough()
  const files = [...images.pages.map((p) => ({ name: p.fileName, content: p.png })), { name: 'caption.txt', content: images.caption }]
  // Errors after the headers went out can only end the download early.
  writeResultsZip(files, body, ctx.now).catch((error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))))
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${images.zipName}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
