import type { Route } from './+types/staf_.gelombang.$batchId.pleno.berita-acara[.]xlsx'
import { getPlenaryMinutes } from '../../server/plenary/getPlenaryMinutes'
import { renderPlenaryMinutesXlsx } from '../../server/plenary/plenaryMinutesXlsx'
import { loaderFailure, staffContext } from '../lib/context.server'

/** The plenary minutes as a workbook (the latest version, or ?versi=n). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { actor, ctx } = await staffContext(request)
  const version = new URL(request.url).searchParams.get('versi')
  const minutes = await getPlenaryMinutes(ctx, { batchId: params.batchId, version }).catch(loaderFailure)
  const bytes = await renderPlenaryMinutesXlsx(minutes, actor.displayName, ctx.now)
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${minutes.filename}.xlsx"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
