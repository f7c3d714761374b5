import type { Route } from './+types/penyelenggara.$handoverId.daftar-nominatif[.]pdf'
import { nominativePdfResponse } from '../../server/handover/downloads'
import { getHandoverNominativeList } from '../../server/handover/getNominativeList'
import { loaderFailure, staffContext } from '../lib/context.server'

/** The handover's nominative list (full NIK: an audited export), for the organiser it is addressed to. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const list = await getHandoverNominativeList(ctx, { handoverId: params.handoverId, format: 'pdf' }).catch(loaderFailure)
  return nominativePdfResponse(list)
}
