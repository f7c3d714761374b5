import { eq, inArray } from 'drizzle-orm'
import type { UseCaseContext } from '../context'
import { candidateProfile, registration, reRegistrationDocumentCheck, userAccount } from '../db/schema'
import { batchLabel } from '../registrations/batchLabel'
import { readableHandover } from './access'

export interface HandoverView {
  id: string
  batchId: string
  number: string
  handingSection: string
  receivingSection: string
  receiverName: string | null
  programmeName: string
  programmeCode: string
  batchLabel: string
  institutionName: string
  institutionAddress: string
  timeZone: string
  createdAt: Date
  createdByName: string | null
  acknowledgedAt: Date | null
  acknowledgedByName: string | null
  acknowledgementNote: string | null
  asOrganiser: boolean
  /** Without the NIK: the page shows names and completeness; the full list is an audited download. */
  participants: Array<{ registrationId: string; number: string; fullName: string; state: string; documents: { ktp: boolean; diploma: boolean; receipt: boolean } }>
}

export async function getHandover(ctx: UseCaseContext, input: { handoverId: unknown }): Promise<HandoverView> {
  const { handover: h, batch: b, asOrganiser } = await readableHandover(ctx, input.handoverId)
  const ids = h.registrationIds.length ? h.registrationIds : ['00000000-0000-0000-0000-000000000000']
  const rows = await ctx.db
    .select({ id: registration.id, number: registration.number, state: registration.state, fullName: candidateProfile.fullName })
    .from(registration)
    .innerJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
    .where(inArray(registration.id, ids))
    .orderBy(candidateProfile.fullName)
  const checks = await ctx.db.select().from(reRegistrationDocumentCheck).where(inArray(reRegistrationDocumentCheck.registrationId, ids))
  const people = [h.receiverId, h.createdBy, h.acknowledgedBy].filter((x): x is string => !!x)
  const names = people.length
    ? await ctx.db.select({ id: userAccount.id, name: userAccount.displayName }).from(userAccount).where(inArray(userAccount.id, people))
    : []
  const nameOf = (id: string | null) => names.find((n) => n.id === id)?.name ?? null
  const valid = (id: string, d: string) => checks.some((c) => c.registrationId === id && c.document === d && c.status === 'valid')
  return {
    id: h.id,
    batchId: h.batchId,
    number: h.number,
    handingSection: h.handingSection,
    receivingSection: h.receivingSection,
    receiverName: nameOf(h.receiverId),
    programmeName: b.programme.name,
    programmeCode: b.programme.code,
    batchLabel: batchLabel(b.batch),
    institutionName: b.institution.name,
    institutionAddress: b.institution.address,
    timeZone: b.institution.timeZone,
    createdAt: h.createdAt,
    createdByName: nameOf(h.createdBy),
    acknowledgedAt: h.acknowledgedAt,
    acknowledgedByName: nameOf(h.acknowledgedBy),
    acknowledgementNote: h.acknowledgementNote,
    asOrganiser,
    participants: rows.map((r) => ({
      registrationId: r.id,
      number: r.number,
      fullName: r.fullName,
      state: r.state,
      documents: { ktp: valid(r.id, 'ktp'), diploma: valid(r.id, 'diploma'), receipt: valid(r.id, 'receipt') },
    })),
  }
}
