import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { batch, candidateProfile, institution, programme, registration, registrationEvent, userAccount } from '../db/schema'
import { batchLabel } from './batchLabel'
import { isValidReceiptSignature } from './receiptLink'

export interface VerifiedReceipt {
  number: string
  fullName: string
  programmeName: string
  batchLabel: string
  institutionName: string
  registeredAt: Date
  timeZone: string
  /** The registration was withdrawn: the receipt no longer stands. */
  withdrawn: boolean
  /** When it was withdrawn (from its timeline). */
  withdrawnAt: Date | null
}

/**
 * The public check behind the receipt's QR code: exactly what the receipt prints, or
 * null. No actor and no permission: anyone holding the receipt may check it, and a
 * wrong signature and an unknown number give the same null, so the page cannot be
 * used to find out which numbers exist. Of the registration's state only a withdrawal
 * is told (the receipt no longer stands), with its date; and no digit of the NIK is
 * shown to whoever holds the paper (docs/decisions/022).
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
      id: registration.id,
      state: registration.state,
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
  let withdrawnAt: Date | null = null
  if (row.state === 'withdrawn') {
    const [event] = await ctx.db
      .select({ at: registrationEvent.at })
      .from(registrationEvent)
      .where(and(eq(registrationEvent.registrationId, row.id), eq(registrationEvent.toState, 'withdrawn')))
      .orderBy(desc(registrationEvent.at))
      .limit(1)
    withdrawnAt = event?.at ?? null
  }
  return {
    number: row.number,
    fullName: row.fullName ?? row.displayName,
    programmeName: row.programmeName,
    batchLabel: batchLabel({ number: row.batchNumber, year: row.batchYear }),
    institutionName: row.institutionName,
    registeredAt: row.registeredAt,
    timeZone: row.timeZone,
    withdrawn: row.state === 'withdrawn',
    withdrawnAt,
  }
}
