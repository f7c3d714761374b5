import { z } from 'zod'
import type { UseCaseContext } from '../context'
import { ConflictError } from '../errors'
import { parseInput } from '../validation'
import { ownRegistration } from './access'
import { releasePlace, type ReleaseResult } from './forfeitAndPromote'
import { changesPublicContent } from '../publicContent'

const Input = z.object({
  registrationId: z.unknown(),
  confirm: z.literal('ya', { error: 'Centang kotak ini untuk memastikan Anda benar-benar menolak tempat ini.' }),
  reason: z
    .string({ error: 'Alasan harus berupa teks.' })
    .optional()
    .transform((v) => (v ?? '').replaceAll('\u0000', '').trim())
    .refine((v) => v.length <= 500, 'Alasan paling panjang 500 karakter.'),
})

/**
 * The candidate declines their place (or their place on the reserve list). A place that
 * was held goes at once to the next reserve, in the same transaction (forfeitAndPromote).
 * Declining again after it was done is refused with a clear message, changing nothing.
 */
export async function declinePlace(
  ctx: UseCaseContext,
  input: { registrationId: unknown; confirm?: unknown; reason?: unknown },
): Promise<ReleaseResult> {
  const reg = await ownRegistration(ctx, input.registrationId)
  const { reason } = parseInput(Input, input)
  if (!reg.resultsAnnouncedAt) throw new ConflictError('Hasil seleksi belum diumumkan.')
  if (reg.state !== 'passed' && reg.state !== 'reserve') {
    throw new ConflictError('Tempat ini sudah tidak Anda pegang; tidak ada yang perlu ditolak.')
  }
  return changesPublicContent(ctx.db.transaction((tx) =>
    releasePlace(tx, ctx, {
      registrationId: reg.id,
      action: 'decline_place',
      reason: reason === '' ? 'Menolak tempat (tanpa alasan).' : reason,
      data: { declined: true },
    }),
  ))
}
