import { redirect } from 'react-router'
import type { Route } from './+types/keluar'
import { endSession } from '../lib/session.server'

// Sign-out is a POST (the header's button) so that a link or an image cannot sign anyone out.
export async function action({ request }: Route.ActionArgs) {
  return redirect('/', { headers: { 'Set-Cookie': await endSession(request) } })
}

export function loader() {
  return redirect('/')
}
