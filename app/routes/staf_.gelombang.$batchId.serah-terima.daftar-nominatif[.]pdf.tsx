import type { Route } from './+types/staf_.gelombang.$batchId.serah-terima.daftar-nominatif[.]pdf'
import { nominativePdfResponse } from '../../server/handover/downloads'
import { getNominativeList } from '../../server/handover/getNominativeList'
import { loaderFailure, staffContext } from '../lib/context.server'

/** The nominative list of the re-registered as PDF (full NIK: an audited export). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const list = await getNominativeList(ctx, { batchId: params.batchId, format: 'pdf' }).catch(loaderFailure)
  return nominativePdfResponse(list)
}
