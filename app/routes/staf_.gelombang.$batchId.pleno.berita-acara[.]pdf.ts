import type { Route } from './+types/staf_.gelombang.$batchId.pleno.berita-acara[.]pdf'
import { renderPlenaryMinutesPdf } from '../../server/documents/plenaryMinutesPdf'
import { getPlenaryMinutes } from '../../server/plenary/getPlenaryMinutes'
import { loaderFailure, staffContext } from '../lib/context.server'

/** The plenary minutes as a PDF (the latest version, or ?versi=n); for whoever may read the plenary. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const version = new URL(request.url).searchParams.get('versi')
  const minutes = await getPlenaryMinutes(ctx, { batchId: params.batchId, version }).catch(loaderFailure)
  const pdf = await renderPlenaryMinutesPdf({
    payload: minutes.payload,
    hash: minutes.hash,
    institutionAddress: minutes.institutionAddress,
    verificationUrl: minutes.verificationUrl,
  })
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${minutes.filename}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
