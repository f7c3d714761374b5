import type { Route } from './+types/staf_.gelombang.$batchId.serah-terima.berkas[.]zip'
import { participantFilesResponse } from '../../server/handover/downloads'
import { getParticipantFiles } from '../../server/handover/getParticipantFiles'
import { runtime } from '../../server/runtime'
import { loaderFailure, staffContext } from '../lib/context.server'

/** The re-registered participants' files as one ZIP, streamed (an audited export). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const files = await getParticipantFiles(ctx, { batchId: params.batchId }).catch(loaderFailure)
  const { storage } = await runtime()
  return participantFilesResponse(files, storage, ctx.now)
}
