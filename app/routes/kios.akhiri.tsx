import { redirect, redirectDocument } from 'react-router'
import type { Route } from './+types/kios.akhiri'
import { endAssistedSession } from '../../server/kiosk/endAssistedSession'
import { staffContext } from '../lib/context.server'
import { requireSameOrigin } from '../lib/sameOrigin.server'

export function loader() {
  return redirect('/kios')
}

// Any staff member may end their own open session (even one whose kiosk role was
// withdrawn meanwhile), so a session can never be left open.
export async function action({ request }: Route.ActionArgs) {
  requireSameOrigin(request)
  const { ctx } = await staffContext(request)
  await endAssistedSession(ctx)
  // A full page load, not a client-side navigation: the browser then holds nothing of
  // the candidate (the first page's embedded loader data, the router's memory).
  return redirectDocument('/kios?selesai=1')
}
