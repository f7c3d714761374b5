import type { Route } from './+types/aktivitas.$registrationId.wawancara[.]ics'
import { getInterviewCalendar } from '../../server/interviews/getInterviewCall'
import { candidateContext, loaderFailure } from '../lib/context.server'

// The interview call as an iCalendar file (/aktivitas/:id/wawancara.ics), with the
// current slot: the same event (UID) the mail carried, updated after a switch.
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await candidateContext(request)
  const { filename, content } = await getInterviewCalendar(ctx, { registrationId: params.registrationId }).catch(loaderFailure)
  return new Response(content, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
