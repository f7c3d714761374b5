import type { Route } from './+types/penyelenggara.$handoverId.berkas[.]zip'
import { participantFilesResponse } from '../../server/handover/downloads'
import { getHandoverParticipantFiles } from '../../server/handover/getParticipantFiles'
import { runtime } from '../../server/runtime'
import { loaderFailure, staffContext } from '../lib/context.server'

/** The handover's participants' files as one ZIP, streamed (an audited export). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const files = await getHandoverParticipantFiles(ctx, { handoverId: params.handoverId }).catch(loaderFailure)
  const { storage } = await runtime()
  return participantFilesResponse(files, storage, ctx.now)
}
