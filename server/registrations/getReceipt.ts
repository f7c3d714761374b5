import { eq } from 'drizzle-orm'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { candidateProfile, userAccount } from '../db/schema'
import type { ReceiptData } from '../documents/receiptPdf'
import { getRegistration } from './getRegistration'
import { receiptVerificationUrl } from './receiptLink'

/**
 * What the registration receipt prints, for the candidate or the kiosk officer assisting
 * them (docs/decisions/022). Only
 * reads: the caller renders the PDF afterwards, outside any transaction.
 */
export async function getReceipt(ctx: UseCaseContext, input: { registrationId: string }): Promise<ReceiptData> {
  const view = await getRegistration(ctx, input)
  // Narrower than reading the registration: the candidate, or the officer assisting them.
  authorize(ctx.actor, 'registration.receipt', {
    candidateId: view.registration.candidateId,
    institutionId: view.registration.institutionId,
  })
  const [candidate] = await ctx.db
    .select({ fullName: candidateProfile.fullName, nikMasked: candidateProfile.nikMasked, displayName: userAccount.displayName })
    .from(userAccount)
    .leftJoin(candidateProfile, eq(candidateProfile.userId, userAccount.id))
    .where(eq(userAccount.id, view.registration.candidateId))
  const b = view.batch
  return {
    institution: { name: view.institution.name, address: view.institution.address, timeZone: view.institution.timeZone },
    number: view.registration.number,
    candidate: { fullName: candidate?.fullName ?? candidate?.displayName ?? '', nikMasked: candidate?.nikMasked ?? '' },
    programme: {
      name: view.programme.name,
      location: view.programme.location,
      requiredDocuments: view.programme.requiredDocuments,
    },
    batch: {
      number: b.number,
      year: b.year,
      assessmentDeadline: b.assessmentDeadline,
      interviewStartsAt: b.interviewStartsAt,
      interviewEndsAt: b.interviewEndsAt,
      plenaryAt: b.plenaryAt,
      announcementAt: b.announcementAt,
      reRegistrationDeadline: b.reRegistrationDeadline,
      trainingStartsOn: b.trainingStartsOn,
      trainingEndsOn: b.trainingEndsOn,
    },
    registeredAt: view.registration.createdAt,
    // A withdrawn registration's receipt is marked as such (docs/decisions/022).
    withdrawnAt:
      view.registration.state === 'withdrawn'
        ? (view.events.find((e) => e.toState === 'withdrawn')?.at ?? view.registration.updatedAt)
        : null,
    verificationUrl: receiptVerificationUrl(view.registration.number),
  }
}
