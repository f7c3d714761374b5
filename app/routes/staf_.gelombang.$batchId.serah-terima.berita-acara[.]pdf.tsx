import { data } from 'react-router'
import type { Route } from './+types/staf_.gelombang.$batchId.serah-terima.berita-acara[.]pdf'
import { minutesPdfResponse } from '../../server/handover/downloads'
import { getHandoverPage } from '../../server/handover/getHandoverPage'
import { loaderFailure, staffContext } from '../lib/context.server'

/** The handover minutes (Berita Acara Serah Terima) of the batch, once the handover is made. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const page = await getHandoverPage(ctx, { batchId: params.batchId }).catch(loaderFailure)
  if (!page.handover) throw data('Serah terima gelombang ini belum dibuat.', { status: 404 })
  return minutesPdfResponse(page.handover)
}
