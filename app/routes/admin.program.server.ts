import { data } from 'react-router'
import type { Actor } from '../../server/auth/actor'
import { hasRole } from '../../server/auth/permissions'
import type { UseCaseContext } from '../../server/context'
import { isUuid } from '../../server/programmes/input'
import { listAdministeredInstitutions } from '../../server/programmes/listProgrammesForAdmin'
import { staffContext } from '../lib/context.server'

// Shared by the administrator's pages (programmes, batches, question banks).

/** The signed-in administrator's use-case context; other staff get a 403 page. */
export async function requireAdministrator(request: Request): Promise<{ actor: Actor; ctx: UseCaseContext }> {
  const { actor, ctx } = await staffContext(request)
  if (!hasRole(actor, 'administrator')) {
    throw data('Halaman ini hanya untuk administrator lembaga.', { status: 403 })
  }
  return { actor, ctx }
}

/** A route parameter that must be an id; anything else is a 404, never a database error. */
export function idParam(value: string | undefined, message: string): string {
  if (!isUuid(value)) throw data(message, { status: 404 })
  return value
}

/** The institution the page is about: ?lembaga= among the administrator's, else the first. */
export async function currentInstitution(ctx: UseCaseContext, request: Request) {
  const institutions = await listAdministeredInstitutions(ctx)
  const wanted = new URL(request.url).searchParams.get('lembaga')
  const current = institutions.find((i) => i.id === wanted) ?? institutions[0]
  if (!current) throw data('Halaman ini hanya untuk administrator lembaga.', { status: 403 })
  return { institutions, current }
}
