import { eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { batch, candidateProfile, institution, programme, registration, userAccount } from '../db/schema'
import { batchLabel } from './batchLabel'
import { isValidReceiptSignature } from './receiptLink'

export interface VerifiedReceipt {
  number: string
  fullName: string
  nikMasked: string
  programmeName: string
  batchLabel: string
  institutionName: string
  registeredAt: Date
  timeZone: string
}

/**
 * The public check behind the receipt's QR code: exactly what the receipt prints, or
 * null. No actor and no permission: anyone holding the receipt may check it, and a
 * wrong signature and an unknown number give the same null, so the page cannot be
 * used to find out which numbers exist. The registration's state is not shown.
 */
export async function verifyReceipt(
  ctx: { db: Db },
  input: { number: string; signature: string | null | undefined },
): Promise<VerifiedReceipt | null> {
  const number = input.number.trim()
  const signature = input.signature?.trim() ?? ''
  if (number === '' || number.length > 64 || signature === '' || !isValidReceiptSignature(number, signature)) return null
  const [row] = await ctx.db
    .select({
      number: registration.number,
      fullName: candidateProfile.fullName,
      displayName: userAccount.displayName,
      nikMasked: candidateProfile.nikMasked,
      programmeName: programme.name,
      batchNumber: batch.number,
      batchYear: batch.year,
      institutionName: institution.name,
      registeredAt: registration.createdAt,
      timeZone: institution.timeZone,
    })
    .from(registration)
    .innerJoin(batch, eq(batch.id, registration.batchId))
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .innerJoin(institution, eq(institution.id, registration.institutionId))
    .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
    .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
    .where(eq(registration.number, number))
  if (!row) return null
  return {
    number: row.number,
    fullName: row.fullName ?? row.displayName,
    nikMasked: row.nikMasked ?? '',
    programmeName: row.programmeName,
    batchLabel: batchLabel({ number: row.batchNumber, year: row.batchYear }),
    institutionName: row.institutionName,
    registeredAt: row.registeredAt,
    timeZone: row.timeZone,
  }
}
