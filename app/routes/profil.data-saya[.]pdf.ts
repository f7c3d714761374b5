import type { Route } from './+types/profil.data-saya[.]pdf'
import { exportPersonalData } from '../../server/privacy/exportPersonalData'
import { renderPersonalDataPdf } from '../../server/privacy/personalDataPdf'
import { candidateContext, loaderFailure } from '../lib/context.server'

/** Everything Latih holds about the signed-in candidate, as a readable PDF (decision 023). */
export async function loader({ request }: Route.LoaderArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const data = await exportPersonalData(ctx, { candidateId, format: 'pdf' }).catch(loaderFailure)
  const pdf = await renderPersonalDataPdf(data)
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="data-latih-${data.generatedAt.slice(0, 10)}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
