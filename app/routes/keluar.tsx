import { redirect } from 'react-router'
import type { Route } from './+types/keluar'
import { endAssistedSession } from '../../server/kiosk/endAssistedSession'
import { runtime } from '../../server/runtime'
import { endSession, getActor } from '../lib/session.server'

// Sign-out is a POST (the header's button) so that a link or an image cannot sign anyone out.
export async function action({ request }: Route.ActionArgs) {
  const actor = await getActor(request)
  // An officer leaving the shared desk also ends the assisted session, so the next
  // person to sign in there never lands in a previous candidate's data.
  if (actor?.kind === 'staff' && actor.assisted) {
    const { db } = await runtime()
    await endAssistedSession({ db, actor, now: new Date() })
  }
  return redirect('/', { headers: { 'Set-Cookie': await endSession(request) } })
}

export function loader() {
  return redirect('/')
}
