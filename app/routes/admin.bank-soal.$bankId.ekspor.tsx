import type { Route } from './+types/admin.bank-soal.$bankId.ekspor'
import { exportBankXlsx, exportFileName } from '../../server/assessments/banks/exportBankXlsx'
import { getBank } from '../../server/assessments/banks/getBank'
import { idParam, requireAdministrator } from './admin.bank-soal.server'
import { loaderFailure } from '../lib/context.server'

// A resource route: GET /admin/bank-soal/:bankId/ekspor downloads the bank as the XLSX template.
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const bankId = idParam(params.bankId, 'Bank soal tidak ditemukan.')
  const { bank } = await getBank(ctx, { bankId }).catch(loaderFailure)
  const bytes = await exportBankXlsx(ctx, { bankId }).catch(loaderFailure)
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${exportFileName(bank.code)}"`,
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': 'private, no-store',
    },
  })
}
