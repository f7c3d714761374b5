import type { Route } from './+types/staf_.rekap[.]pdf'
import { recapPdf } from '../../server/recap/recapDownloads'
import { loaderFailure, staffContext } from '../lib/context.server'

/** The registration recap as PDF, with the same server-drawn charts as the page. */
export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const file = await recapPdf(ctx, { year: new URL(request.url).searchParams.get('tahun') ?? undefined }).catch(loaderFailure)
  return new Response(new Uint8Array(file.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
