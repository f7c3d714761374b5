import type { Route } from './+types/penyelenggara.$handoverId.berita-acara[.]pdf'
import { minutesPdfResponse } from '../../server/handover/downloads'
import { getHandover } from '../../server/handover/getHandover'
import { loaderFailure, staffContext } from '../lib/context.server'

/** The handover minutes (Berita Acara Serah Terima) as PDF. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const view = await getHandover(ctx, { handoverId: params.handoverId }).catch(loaderFailure)
  return minutesPdfResponse(view)
}
