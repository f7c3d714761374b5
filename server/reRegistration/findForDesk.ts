import { and, eq, inArray } from 'drizzle-orm'
import { parseNik } from '../../domain/nik'
import type { RegistrationState } from '../../domain/registrationStates'
import { keyedHash } from '../auth/crypto'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { batch, candidateProfile, programme, registration, reRegistration } from '../db/schema'
import { ForbiddenError, ValidationError } from '../errors'
import { findOpenSession, finishOtherSessionFirst } from '../kiosk/assistedSessionStore'
import { issueSearchToken } from '../kiosk/searchToken'
import { batchLabel } from '../registrations/batchLabel'

export interface DeskMatch {
  registrationId: string
  candidateId: string
  number: string
  fullName: string
  nikMasked: string
  birthDate: string | null
  programmeName: string
  batchLabel: string
  state: RegistrationState
  deadline: Date
  confirmedAt: Date | null
  completedAt: Date | null
  /** Lets this officer start the assisted session for this candidate (server/kiosk/searchToken.ts). */
  startToken: string
}

const NUMBER = /^[A-Z0-9]{2,10}(-[A-Z0-9.]{1,12}){2,5}$/

/**
 * The desk's look-up for re-registration (SOP step 10): by registration number or by
 * the NIK on the KTP, among this centre's registrations with a re-registration. Shows
 * what the check needs (masked NIK); audited, found or not, like the kiosk's NIK search.
 * One candidate at a time: refused while the officer helps someone else.
 */
export async function findForDesk(ctx: UseCaseContext, input: { institutionId: string; query: unknown }): Promise<DeskMatch[]> {
  authorize(ctx.actor, 'reRegistration.checkDocuments', { institutionId: input.institutionId })
  const officer = ctx.actor
  if (officer.kind !== 'staff') throw new ForbiddenError()
  const raw = typeof input.query === 'string' ? input.query.replaceAll('\u0000', '').trim() : ''
  const compact = raw.replace(/\s+/g, '')
  let where
  if (/^\d+$/.test(compact)) {
    const nik = parseNik(compact, { today: ctx.now })
    if (!nik.ok) throw new ValidationError({ query: [nik.message] })
    where = eq(candidateProfile.nikHash, keyedHash(nik.value.nik))
  } else if (NUMBER.test(compact.toUpperCase())) {
    where = eq(registration.number, compact.toUpperCase())
  } else {
    throw new ValidationError({ query: ['Ketik nomor pendaftaran (mis. KDI-LAS-2026.1-0001) atau NIK 16 digit.'] })
  }
  return ctx.db.transaction(async (tx) => {
    const open = await findOpenSession(tx, officer.userId)
    if (open) throw finishOtherSessionFirst(open)
    const rows = await tx
      .select({
        registrationId: registration.id,
        candidateId: registration.candidateId,
        number: registration.number,
        fullName: candidateProfile.fullName,
        nikMasked: candidateProfile.nikMasked,
        birthDate: candidateProfile.birthDate,
        programmeName: programme.name,
        batchNumber: batch.number,
        batchYear: batch.year,
        state: registration.state,
        deadline: reRegistration.deadline,
        confirmedAt: reRegistration.confirmedAt,
        completedAt: reRegistration.completedAt,
      })
      .from(registration)
      .innerJoin(reRegistration, eq(reRegistration.registrationId, registration.id))
      .innerJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
      .innerJoin(batch, eq(batch.id, registration.batchId))
      .innerJoin(programme, eq(programme.id, batch.programmeId))
      .where(and(where, eq(registration.institutionId, input.institutionId), inArray(registration.state, ['passed', 're_registered', 'forfeited', 'handed_over'])))
    await recordAudit(tx, officer, ctx.now, {
      action: 'reRegistration.desk.lookup',
      entityType: 'registration',
      entityId: rows[0]?.registrationId ?? null,
      institutionId: input.institutionId,
      onBehalfOfId: rows[0]?.candidateId ?? null,
      after: { found: rows.length, by: /^\d+$/.test(compact) ? 'nik' : 'number' },
    })
    return rows.map((r) => ({
      ...r,
      state: r.state as RegistrationState,
      batchLabel: batchLabel({ number: r.batchNumber, year: r.batchYear }),
      startToken: issueSearchToken({ officerId: officer.userId, candidateId: r.candidateId, now: ctx.now }),
    }))
  })
}
