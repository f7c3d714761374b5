import { and, desc, eq, isNull, notInArray } from 'drizzle-orm'
import { profileCompleteness, type MissingProfileField } from '../../domain/profileCompleteness'
import { TERMINAL_STATES, type RegistrationState } from '../../domain/registrationStates'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { assistedSession, batch, candidateProfile, programme, registration, userAccount } from '../db/schema'
import { getProfileSnapshot } from '../profiles/getProfileSnapshot'
import { loadCandidateRegistrationView } from '../registrations/candidateRegistrationView'
import { maskEmail } from './maskEmail'

export interface AssistedCandidatePanel {
  sessionId: string
  startedAt: Date
  candidateId: string
  fullName: string
  nikMasked: string
  emailMasked: string
  hasPassword: boolean
  emailVerified: boolean
  completeness: { percent: number; complete: boolean; missing: MissingProfileField[] }
  activeRegistration: {
    id: string
    number: string
    state: RegistrationState
    programmeName: string
    batchNumber: number
    batchYear: number
  } | null
}

/**
 * What the kiosk screen shows about the candidate being helped: only what assisted
 * registration needs (masked NIK and e-mail, what the profile still lacks, the active
 * registration). Null when the officer has no open session. Page views are not audited:
 * the officer sees what the candidate beside them would see on their own pages.
 */
export async function getAssistedCandidate(ctx: UseCaseContext): Promise<AssistedCandidatePanel | null> {
  const actor = ctx.actor
  if (actor.kind !== 'staff' || !actor.assisted) return null
  const { candidateId, sessionId } = actor.assisted
  authorize(actor, 'profile.read', { candidateId })

  const [row] = await ctx.db
    .select({
      startedAt: assistedSession.startedAt,
      fullName: candidateProfile.fullName,
      nikMasked: candidateProfile.nikMasked,
      email: userAccount.email,
      passwordHash: userAccount.passwordHash,
      emailVerifiedAt: userAccount.emailVerifiedAt,
    })
    .from(assistedSession)
    .innerJoin(userAccount, eq(userAccount.id, assistedSession.candidateId))
    .innerJoin(candidateProfile, eq(candidateProfile.userId, userAccount.id))
    .where(and(eq(assistedSession.id, sessionId), eq(assistedSession.officerId, actor.userId), isNull(assistedSession.endedAt)))
  const snapshot = await getProfileSnapshot(ctx.db, candidateId)
  if (!row || !snapshot) return null

  const [active] = await ctx.db
    .select({
      id: registration.id,
      number: registration.number,
      state: registration.state,
      programmeName: programme.name,
      batchNumber: batch.number,
      batchYear: batch.year,
      writtenTestPublishedAt: batch.writtenTestPublishedAt,
      resultsAnnouncedAt: batch.resultsAnnouncedAt,
    })
    .from(registration)
    .innerJoin(batch, eq(batch.id, registration.batchId))
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .where(and(eq(registration.candidateId, candidateId), notInArray(registration.state, [...TERMINAL_STATES])))
    .orderBy(desc(registration.createdAt))
    .limit(1)

  // The desk shows what the candidate would see on their own pages, never the raw state:
  // a plenary outcome stays hidden until the results are announced.
  const seen = active ? await loadCandidateRegistrationView(ctx.db, { registrationId: active.id, state: active.state, batch: active }) : null

  const completeness = profileCompleteness(snapshot)
  return {
    sessionId,
    startedAt: row.startedAt,
    candidateId,
    fullName: row.fullName,
    nikMasked: row.nikMasked,
    emailMasked: maskEmail(row.email),
    hasPassword: row.passwordHash !== null,
    emailVerified: row.emailVerifiedAt !== null,
    completeness: { percent: completeness.percent, complete: completeness.complete, missing: completeness.missing },
    activeRegistration:
      active && seen
        ? {
            id: active.id,
            number: active.number,
            state: seen.state,
            programmeName: active.programmeName,
            batchNumber: active.batchNumber,
            batchYear: active.batchYear,
          }
        : null,
  }
}
