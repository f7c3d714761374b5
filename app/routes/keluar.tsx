import { redirect } from 'react-router'
import type { Route } from './+types/keluar'
import { endAssistedSession } from '../../server/kiosk/endAssistedSession'
import { endSession, getActor } from '../lib/session.server'
import { contextOf } from '../lib/context.server'
import { requireSameOrigin } from '../lib/sameOrigin.server'

// Sign-out is a POST (the header's button) so that a link or an image cannot sign anyone out.
export async function action({ request }: Route.ActionArgs) {
  requireSameOrigin(request)
  const actor = await getActor(request)
  // An officer leaving the shared desk also ends the assisted session, so the next
  // person to sign in there never lands in a previous candidate's data.
  if (actor?.kind === 'staff' && actor.assisted) {
    await endAssistedSession(await contextOf(actor))
  }
  return redirect('/', { headers: { 'Set-Cookie': await endSession(request) } })
}

export function loader() {
  return redirect('/')
}
