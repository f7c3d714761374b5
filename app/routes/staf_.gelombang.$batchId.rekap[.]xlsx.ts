import { PassThrough, Readable } from 'node:stream'
import type { Route } from './+types/staf_.gelombang.$batchId.rekap[.]xlsx'
import { openRecapXlsx } from '../../server/recap/recapDownloads'
import { loaderFailure, staffContext } from '../lib/context.server'

/** The registration recap as XLSX (through the one writer), streamed. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const file = await openRecapXlsx(ctx, { batchId: params.batchId }).catch(loaderFailure)
  const body = new PassThrough()
  // Errors after the headers went out can only end the download early.
  file.write(body).catch((error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))))
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
