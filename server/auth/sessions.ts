import { and, eq, gt, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { assistedSession, authSession, staffAssignment, userAccount } from '../db/schema'
import type { Actor } from './actor'
import { randomToken, sha256 } from './crypto'

export const SESSION_DAYS = 30

/** Start a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  db: DbOrTx,
  input: { userId: string; now: Date; userAgent?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken()
  const expiresAt = new Date(input.now.getTime() + SESSION_DAYS * 86_400_000)
  await db.insert(authSession).values({
    id: sha256(token),
    userId: input.userId,
    createdAt: input.now,
    expiresAt,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  })
  return { token, expiresAt }
}

export async function deleteSession(db: DbOrTx, token: string): Promise<void> {
  await db.delete(authSession).where(eq(authSession.id, sha256(token)))
}

/** Ends every session of a user (after a password reset). */
export async function deleteUserSessions(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(authSession).where(eq(authSession.userId, userId))
}

/** The actor behind a session token, or null when it is unknown or expired. */
export async function actorForSession(db: DbOrTx, token: string, now: Date): Promise<Actor | null> {
  const [row] = await db
    .select({
      userId: userAccount.id,
      kind: userAccount.kind,
      email: userAccount.email,
      displayName: userAccount.displayName,
    })
    .from(authSession)
    .innerJoin(userAccount, eq(userAccount.id, authSession.userId))
    // A locked account acts no more, whatever session it still holds (docs/decisions/022).
    .where(and(eq(authSession.id, sha256(token)), gt(authSession.expiresAt, now), isNull(userAccount.lockedAt)))
  if (!row) return null
  return loadActor(db, row)
}

export async function loadActor(
  db: DbOrTx,
  user: { userId: string; kind: 'candidate' | 'staff'; email: string; displayName: string },
): Promise<Actor> {
  if (user.kind === 'candidate') return { ...user, roles: [] }
  const roles = await db
    .select({ institutionId: staffAssignment.institutionId, role: staffAssignment.role })
    .from(staffAssignment)
    .where(eq(staffAssignment.userId, user.userId))
  const [assisted] = await db
    .select({ sessionId: assistedSession.id, candidateId: assistedSession.candidateId, institutionId: assistedSession.institutionId })
    .from(assistedSession)
    .where(and(eq(assistedSession.officerId, user.userId), isNull(assistedSession.endedAt)))
  return { ...user, roles, ...(assisted ? { assisted } : {}) }
}
