import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { batch, candidateProfile, institution, programme, registration, userAccount } from '../db/schema'
import { NotFoundError } from '../errors'
import { renderMail } from '../mail/render'
import { enqueueMail } from '../mail/sendMail'
import { batchLabel } from './batchLabel'
import { transitionRegistration } from './transitionRegistration'
import { parseInput } from '../validation'

export const WithdrawInput = z.object({
  registrationId: z.uuid('Pendaftaran tidak dikenal.'),
  reason: z
    .string()
    .trim()
    .max(500, 'Alasan paling banyak 500 karakter.')
    .optional()
    .transform((v) => (v ? v : undefined)),
})

/**
 * The candidate (or a kiosk officer for them) withdraws from a registration, which
 * frees them to register for another programme. Withdrawing twice (a repeated submit)
 * answers with the already withdrawn registration.
 */
export async function withdrawRegistration(
  ctx: UseCaseContext,
  input: z.input<typeof WithdrawInput>,
): Promise<{ registration: typeof registration.$inferSelect; changed: boolean }> {
  const { registrationId, reason } = parseInput(WithdrawInput, input)
  const [found] = await ctx.db
    .select({
      registration,
      programmeName: programme.name,
      batchNumber: batch.number,
      batchYear: batch.year,
      institutionName: institution.name,
    })
    .from(registration)
    .innerJoin(batch, eq(batch.id, registration.batchId))
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .innerJoin(institution, eq(institution.id, registration.institutionId))
    .where(eq(registration.id, registrationId))
  if (!found) throw new NotFoundError('Pendaftaran tidak ditemukan.')
  authorize(ctx.actor, 'registration.withdraw', { candidateId: found.registration.candidateId })
  if (found.registration.state === 'withdrawn') return { registration: found.registration, changed: false }

  const updated = await ctx.db.transaction(async (tx) => {
    const result = await transitionRegistration(tx, ctx, {
      registrationId,
      action: 'withdraw',
      data: reason ? { reason } : {},
    })
    const [candidate] = await tx
      .select({ email: userAccount.email, fullName: candidateProfile.fullName, displayName: userAccount.displayName })
      .from(userAccount)
      .leftJoin(candidateProfile, eq(candidateProfile.userId, userAccount.id))
      .where(eq(userAccount.id, found.registration.candidateId))
    if (candidate) {
      // Tells the candidate, too, when an officer did it for them.
      await enqueueMail(
        tx,
        renderMail({
          to: candidate.email,
          subject: `Pengunduran diri tercatat: ${found.registration.number}`,
          greeting: `Halo ${candidate.fullName ?? candidate.displayName},`,
          paragraphs: [
            `Anda telah mengundurkan diri dari pendaftaran ${found.registration.number} (${found.programmeName}, ${batchLabel({ number: found.batchNumber, year: found.batchYear })}).`,
            `Anda sekarang dapat mendaftar program pelatihan lain yang sedang dibuka. Bila Anda tidak merasa mengundurkan diri, hubungi ${found.institutionName}.`,
          ],
        }),
        ctx.now,
        { institutionId: found.registration.institutionId, registrationId, batchId: found.registration.batchId },
      )
    }
    return result.registration
  })
  return { registration: updated, changed: true }
}
