import { and, eq, isNull } from 'drizzle-orm'
import type { Actor } from '../auth/actor'
import { recordAudit } from '../audit'
import type { DbOrTx } from '../db/client'
import { assistedSession, candidateProfile, userAccount } from '../db/schema'
import { ConflictError, isUniqueViolation } from '../errors'

// Shared by the kiosk use cases (not a use case itself): reading and opening an
// officer's assisted session inside the caller's transaction.

export interface OpenAssistedSession {
  id: string
  candidateId: string
  candidateName: string
  institutionId: string
  startedAt: Date
}

/** The officer's open assisted session, if any (at most one: partial unique index). */
export async function findOpenSession(db: DbOrTx, officerId: string): Promise<OpenAssistedSession | null> {
  const [row] = await db
    .select({
      id: assistedSession.id,
      candidateId: assistedSession.candidateId,
      profileName: candidateProfile.fullName,
      displayName: userAccount.displayName,
      institutionId: assistedSession.institutionId,
      startedAt: assistedSession.startedAt,
    })
    .from(assistedSession)
    .innerJoin(userAccount, eq(userAccount.id, assistedSession.candidateId))
    .leftJoin(candidateProfile, eq(candidateProfile.userId, assistedSession.candidateId))
    .where(and(eq(assistedSession.officerId, officerId), isNull(assistedSession.endedAt)))
  if (!row) return null
  return {
    id: row.id,
    candidateId: row.candidateId,
    candidateName: row.profileName ?? row.displayName,
    institutionId: row.institutionId,
    startedAt: row.startedAt,
  }
}

export function finishOtherSessionFirst(open: OpenAssistedSession): ConflictError {
  return new ConflictError(`Akhiri sesi bantuan untuk ${open.candidateName} terlebih dahulu.`)
}

/**
 * Open a session for this candidate, or return the one already open for them. An open
 * session for someone else is refused: an officer helps one candidate at a time.
 */
export async function ensureAssistedSession(
  tx: DbOrTx,
  officer: Actor,
  now: Date,
  input: { institutionId: string; candidateId: string },
): Promise<{ sessionId: string; candidateId: string; startedAt: Date; started: boolean }> {
  const open = await findOpenSession(tx, officer.userId)
  if (open) {
    if (open.candidateId !== input.candidateId) throw finishOtherSessionFirst(open)
    return { sessionId: open.id, candidateId: open.candidateId, startedAt: open.startedAt, started: false }
  }
  const [row] = await tx
    .insert(assistedSession)
    .values({
      officerId: officer.userId,
      candidateId: input.candidateId,
      institutionId: input.institutionId,
      startedAt: now,
      // It ends with the officer's sign-in session (server/auth/sessions.ts).
      authSessionId: officer.authSessionId ?? null,
    })
    .returning({ id: assistedSession.id })
  await recordAudit(tx, officer, now, {
    action: 'kiosk.session.start',
    entityType: 'assisted_session',
    entityId: row!.id,
    institutionId: input.institutionId,
    // The officer's actor has no session yet; name the candidate explicitly.
    onBehalfOfId: input.candidateId,
    after: { candidateId: input.candidateId, startedAt: now.toISOString() },
  })
  return { sessionId: row!.id, candidateId: input.candidateId, startedAt: now, started: true }
}

/**
 * Run a write; if it lost a race on a unique index (a double submit on PostgreSQL),
 * run it once more, when its own checks see the winner's row and answer accordingly.
 */
export async function retryOnUniqueViolation<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    return write()
  }
}
