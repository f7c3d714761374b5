import type { Route } from './+types/profil.data-saya[.]json'
import { exportPersonalData } from '../../server/privacy/exportPersonalData'
import { candidateContext, loaderFailure } from '../lib/context.server'

/** Everything Latih holds about the signed-in candidate, as JSON (decision 023). */
export async function loader({ request }: Route.LoaderArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const data = await exportPersonalData(ctx, { candidateId, format: 'json' }).catch(loaderFailure)
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="data-latih-${data.generatedAt.slice(0, 10)}.json"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
