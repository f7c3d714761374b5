import { redirect } from 'react-router'
import type { Route } from './+types/bahasa'
import { localeCookie } from '../lib/locale.server'
import { safeRedirectTarget } from '../lib/session.server'
import { readFormData } from '../lib/forms.server'
import { requireSameOrigin } from '../lib/sameOrigin.server'

export async function action({ request }: Route.ActionArgs) {
  requireSameOrigin(request)
  const form = await readFormData(request)
  const lang = form.get('lang') === 'en' ? 'en' : 'id'
  return redirect(safeRedirectTarget(form.get('ke'), '/'), {
    headers: { 'Set-Cookie': await localeCookie.serialize(lang) },
  })
}

export function loader() {
  return redirect('/')
}
