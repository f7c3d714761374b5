import { z } from 'zod'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { NotFoundError } from '../errors'
import { loadRegistrationView, type RegistrationView } from './registrationView'

const Input = z.object({ registrationId: z.string() })

/** One registration with its programme, batch, institution and timeline (newest first). */
export async function getRegistration(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<RegistrationView> {
  const { registrationId } = Input.parse(input)
  // A malformed id in a URL is simply not found (and never reaches the uuid column).
  if (!z.uuid().safeParse(registrationId).success) throw new NotFoundError('Pendaftaran tidak ditemukan.')
  const view = await loadRegistrationView(ctx.db, registrationId)
  if (!view) throw new NotFoundError('Pendaftaran tidak ditemukan.')
  authorize(ctx.actor, 'registration.read', {
    candidateId: view.registration.candidateId,
    institutionId: view.registration.institutionId,
  })
  return view
}
