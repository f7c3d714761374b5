import { data } from 'react-router'
import type { Actor } from '../../server/auth/actor'
import type { UseCaseContext } from '../../server/context'
import { kioskInstitutionId } from '../../server/kiosk/kioskInstitution'
import { staffContext } from '../lib/context.server'

/**
 * The kiosk pages are for kiosk officers only: other staff get 403 (candidates are sent
 * to their own pages by staffContext). Returns the use-case context and the
 * institution whose kiosk this is.
 */
export async function requireKioskOfficer(
  request: Request,
): Promise<{ actor: Actor; institutionId: string; ctx: UseCaseContext }> {
  const { actor, ctx } = await staffContext(request)
  const institutionId = kioskInstitutionId(actor)
  if (!institutionId) throw data('Halaman kios hanya untuk petugas kios.', { status: 403 })
  return { actor, institutionId, ctx }
}
