import type { Route } from './+types/staf_.gelombang.$batchId.asesmen.ekspor'
import { exportBatchAssessments } from '../../server/assessments/exportBatchAssessments'
import { runtime } from '../../server/runtime'
import { requireStaff } from '../lib/session.server'
import { loaderFailure } from './asesmen.server'

/** The batch's assessment report and written-test item statistics as an XLSX download. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requireStaff(request)
  const { db } = await runtime()
  const file = await exportBatchAssessments({ db, actor, now: new Date() }, { batchId: params.batchId }).catch(loaderFailure)
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
