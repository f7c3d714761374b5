import type { Route } from './+types/staf_.gelombang.$batchId.asesmen.ekspor'
import { exportBatchAssessments } from '../../server/assessments/exportBatchAssessments'
import { loaderFailure, staffContext } from '../lib/context.server'

/** The batch's assessment report and written-test item statistics as an XLSX download. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const file = await exportBatchAssessments(ctx, { batchId: params.batchId }).catch(loaderFailure)
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
