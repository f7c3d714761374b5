import { and, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { assistedSession, authSession, institution, staffAssignment, userAccount } from '../db/schema'
import { recordAudit } from '../audit'
import { type Actor, type AnyActor, SYSTEM } from './actor'
import { randomToken, sha256 } from './crypto'
import { truncateAddress } from './clientAddress'

// Sign-in sessions (docs/decisions/019). A random token in an HttpOnly cookie, only its
// SHA-256 in the database. Candidates keep a long session renewed on use; a staff session
// ends after its institution's idle period (shorter for kiosk officers at a shared desk),
// and an officer's assisted session ends with the staff session it was opened in.

/** A candidate's session lasts this long after its last use (renewed on use)... */
export const SESSION_DAYS = 30
/** ...but never longer than this after sign-in. */
export const CANDIDATE_MAX_DAYS = 90
/** "Last seen" is written at most this often per session (no write on every request). */
export const TOUCH_EVERY_MS = 60_000
/** Idle periods when an institution sets none (also the defaults of its columns). */
export const DEFAULT_STAFF_IDLE_MINUTES = 30
export const DEFAULT_KIOSK_IDLE_MINUTES = 10

const DAY_MS = 86_400_000

/** Start a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  db: DbOrTx,
  input: { userId: string; now: Date; userAgent?: string | null; address?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken()
  const expiresAt = new Date(input.now.getTime() + SESSION_DAYS * DAY_MS)
  await db.insert(authSession).values({
    id: sha256(token),
    userId: input.userId,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    network: truncateAddress(input.address),
  })
  return { token, expiresAt }
}

/** Why a session ended, as its audit rows say. */
export type SessionEndReason = 'signed_out' | 'idle' | 'expired' | 'ended_by_user' | 'all_ended' | 'orphaned'

/**
 * End the officers' assisted sessions opened in these sign-in sessions (the sessions are
 * ending), each with an audit row. Returns how many ended.
 */
export async function endAssistedSessionsOf(
  tx: DbOrTx,
  authSessionIds: readonly string[],
  actor: AnyActor,
  now: Date,
  reason: SessionEndReason,
): Promise<number> {
  if (authSessionIds.length === 0) return 0
  const ended = await tx
    .update(assistedSession)
    .set({ endedAt: now })
    .where(and(inArray(assistedSession.authSessionId, [...authSessionIds]), isNull(assistedSession.endedAt)))
    .returning()
  for (const row of ended) await auditAssistedEnd(tx, actor, now, row, reason)
  return ended.length
}

async function auditAssistedEnd(
  tx: DbOrTx,
  actor: AnyActor,
  now: Date,
  row: { id: string; candidateId: string; institutionId: string; startedAt: Date },
  reason: SessionEndReason,
): Promise<void> {
  await recordAudit(tx, actor, now, {
    action: 'kiosk.session.end',
    entityType: 'assisted_session',
    entityId: row.id,
    institutionId: row.institutionId,
    onBehalfOfId: row.candidateId,
    before: { startedAt: row.startedAt.toISOString() },
    after: { endedAt: now.toISOString(), reason },
  })
}

/** Delete these sign-in sessions and end the assisted sessions opened in them. */
async function endSessionsById(
  db: DbOrTx,
  ids: readonly string[],
  actor: AnyActor,
  now: Date,
  reason: SessionEndReason,
): Promise<number> {
  if (ids.length === 0) return 0
  return db.transaction(async (tx) => {
    const deleted = await tx.delete(authSession).where(inArray(authSession.id, [...ids])).returning({ id: authSession.id })
    await endAssistedSessionsOf(tx, ids, actor, now, reason)
    return deleted.length
  })
}

/** Sign-out: the session ends, and the assisted session opened in it. */
export async function deleteSession(db: DbOrTx, token: string, now = new Date()): Promise<void> {
  await endSessionsById(db, [sha256(token)], SYSTEM, now, 'signed_out')
}

/** Ends every session of a user (after a password reset), and their assisted sessions. */
export async function deleteUserSessions(db: DbOrTx, userId: string, now = new Date()): Promise<void> {
  const rows = await db.select({ id: authSession.id }).from(authSession).where(eq(authSession.userId, userId))
  await endSessionsById(
    db,
    rows.map((r) => r.id),
    SYSTEM,
    now,
    'all_ended',
  )
}

/** What a request's session token gives: an actor, or why it gives none. */
export type SessionState =
  | { status: 'active'; actor: Actor }
  | { status: 'idle' }
  | { status: 'expired' }
  | { status: 'unknown' }

/**
 * The actor behind a session token. A staff session idle longer than allowed is ended
 * here and then (with its assisted session); "last seen" is written at most once a minute,
 * and a candidate's expiry moves with it.
 */
export async function resolveSession(db: DbOrTx, token: string, now: Date): Promise<SessionState> {
  const id = sha256(token)
  const [row] = await db
    .select({
      userId: userAccount.id,
      kind: userAccount.kind,
      email: userAccount.email,
      displayName: userAccount.displayName,
      createdAt: authSession.createdAt,
      lastSeenAt: authSession.lastSeenAt,
      expiresAt: authSession.expiresAt,
    })
    .from(authSession)
    .innerJoin(userAccount, eq(userAccount.id, authSession.userId))
    // A locked account acts no more, whatever session it still holds (docs/decisions/022).
    .where(and(eq(authSession.id, id), isNull(userAccount.lockedAt)))
  if (!row) return { status: 'unknown' }
  if (row.expiresAt.getTime() <= now.getTime()) return { status: 'expired' }
  const { actor, idleMinutes } = await loadActorWithIdle(db, row)
  const idleMs = now.getTime() - row.lastSeenAt.getTime()
  if (idleMinutes !== null && idleMs > idleMinutes * 60_000) {
    await endSessionsById(db, [id], SYSTEM, now, 'idle')
    return { status: 'idle' }
  }
  if (idleMs >= TOUCH_EVERY_MS) {
    const renewed =
      row.kind === 'candidate'
        ? new Date(Math.min(now.getTime() + SESSION_DAYS * DAY_MS, row.createdAt.getTime() + CANDIDATE_MAX_DAYS * DAY_MS))
        : row.expiresAt
    // Conditional: of two requests in the same minute, one writes.
    await db
      .update(authSession)
      .set({ lastSeenAt: now, expiresAt: renewed })
      .where(and(eq(authSession.id, id), lt(authSession.lastSeenAt, new Date(now.getTime() - TOUCH_EVERY_MS + 1))))
  }
  return { status: 'active', actor: { ...actor, authSessionId: id } }
}

/** The actor behind a session token, or null when it is unknown, expired or idle. */
export async function actorForSession(db: DbOrTx, token: string, now: Date): Promise<Actor | null> {
  const state = await resolveSession(db, token, now)
  return state.status === 'active' ? state.actor : null
}

export async function loadActor(
  db: DbOrTx,
  user: { userId: string; kind: 'candidate' | 'staff'; email: string; displayName: string },
): Promise<Actor> {
  return (await loadActorWithIdle(db, user)).actor
}

/**
 * The actor, and the minutes of inactivity their session may have: none for a candidate;
 * for staff the shortest over their roles — a kiosk officer's institution's kiosk period,
 * else its staff period (the default when they hold no role any more).
 */
async function loadActorWithIdle(
  db: DbOrTx,
  user: { userId: string; kind: 'candidate' | 'staff'; email: string; displayName: string },
): Promise<{ actor: Actor; idleMinutes: number | null }> {
  const base = { userId: user.userId, kind: user.kind, email: user.email, displayName: user.displayName }
  if (user.kind === 'candidate') return { actor: { ...base, roles: [] }, idleMinutes: null }
  const assignments = await db
    .select({
      institutionId: staffAssignment.institutionId,
      role: staffAssignment.role,
      staffIdle: institution.staffIdleMinutes,
      kioskIdle: institution.kioskIdleMinutes,
    })
    .from(staffAssignment)
    .innerJoin(institution, eq(institution.id, staffAssignment.institutionId))
    .where(eq(staffAssignment.userId, user.userId))
  const [assisted] = await db
    .select({ sessionId: assistedSession.id, candidateId: assistedSession.candidateId, institutionId: assistedSession.institutionId })
    .from(assistedSession)
    .where(and(eq(assistedSession.officerId, user.userId), isNull(assistedSession.endedAt)))
  const roles = assignments.map((a) => ({ institutionId: a.institutionId, role: a.role }))
  const idleMinutes = assignments.length
    ? Math.min(...assignments.map((a) => (a.role === 'kiosk_officer' ? a.kioskIdle : a.staffIdle)))
    : DEFAULT_STAFF_IDLE_MINUTES
  return { actor: { ...base, roles, ...(assisted ? { assisted } : {}) }, idleMinutes }
}

/** A user's sign-in session as /akun/sesi lists it. */
export interface SessionSummary {
  publicId: string
  userAgent: string | null
  network: string | null
  createdAt: Date
  lastSeenAt: Date
  current: boolean
}

/** The user's live sessions, the most recently active first. */
export async function listUserSessions(
  db: DbOrTx,
  input: { userId: string; currentSessionId: string | undefined; now: Date },
): Promise<SessionSummary[]> {
  const rows = await db
    .select({
      id: authSession.id,
      publicId: authSession.publicId,
      userAgent: authSession.userAgent,
      network: authSession.network,
      createdAt: authSession.createdAt,
      lastSeenAt: authSession.lastSeenAt,
    })
    .from(authSession)
    .where(and(eq(authSession.userId, input.userId), gt(authSession.expiresAt, input.now)))
    .orderBy(sql`${authSession.lastSeenAt} desc`, sql`${authSession.createdAt} desc`)
  return rows.map(({ id, ...rest }) => ({ ...rest, current: id === input.currentSessionId }))
}

/**
 * End some of a user's own sessions (never another user's, never the current one: that is
 * sign-out). `which` is a session's public id, or 'others'. Returns how many ended.
 */
export async function endOwnSessions(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  which: { publicId: string } | 'others',
): Promise<number> {
  const current = actor.authSessionId ?? ''
  const rows = await db
    .select({ id: authSession.id })
    .from(authSession)
    .where(
      and(
        eq(authSession.userId, actor.userId),
        sql`${authSession.id} <> ${current}`,
        which === 'others' ? undefined : eq(authSession.publicId, which.publicId),
      ),
    )
  const ids = rows.map((r) => r.id)
  if (ids.length === 0) return 0
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(authSession)
      .where(and(inArray(authSession.id, ids), eq(authSession.userId, actor.userId)))
      .returning({ id: authSession.id })
    await endAssistedSessionsOf(tx, ids, actor, now, which === 'others' ? 'all_ended' : 'ended_by_user')
    await recordAudit(tx, actor, now, {
      action: 'auth.session.end',
      entityType: 'user_account',
      entityId: actor.userId,
      after: { ended: deleted.length, which: which === 'others' ? 'others' : 'one' },
    })
    return deleted.length
  })
}

/**
 * The purge (a recurring job): delete expired sessions and staff sessions idle past their
 * institution's period, and end assisted sessions whose sign-in session is gone — each
 * with an audit row. Idempotent.
 */
export async function purgeSessions(db: DbOrTx, now: Date): Promise<{ expired: number; idle: number; orphanedAssisted: number }> {
  const at = sql`${now.toISOString()}::timestamptz`
  const idleLimit = sql`coalesce((
    select min(case when ${staffAssignment.role} = 'kiosk_officer' then ${institution.kioskIdleMinutes} else ${institution.staffIdleMinutes} end)
    from ${staffAssignment} join ${institution} on ${institution.id} = ${staffAssignment.institutionId}
    where ${staffAssignment.userId} = ${userAccount.id}
  ), ${DEFAULT_STAFF_IDLE_MINUTES})`
  const expiredRows = await db.select({ id: authSession.id }).from(authSession).where(lte(authSession.expiresAt, now))
  const idleRows = await db
    .select({ id: authSession.id })
    .from(authSession)
    .innerJoin(userAccount, eq(userAccount.id, authSession.userId))
    .where(and(eq(userAccount.kind, 'staff'), sql`${authSession.lastSeenAt} < ${at} - make_interval(mins => ${idleLimit})`))
  const expired = await endSessionsById(db, expiredRows.map((r) => r.id), SYSTEM, now, 'expired')
  const idle = await endSessionsById(db, idleRows.map((r) => r.id), SYSTEM, now, 'idle')
  // Assisted sessions left open without a live sign-in session: opened before sessions
  // were linked, or whose session was deleted by another path.
  const orphans = await db.transaction(async (tx) => {
    const ended = await tx
      .update(assistedSession)
      .set({ endedAt: now })
      .where(
        and(
          isNull(assistedSession.endedAt),
          or(
            isNull(assistedSession.authSessionId),
            sql`not exists (select 1 from ${authSession} where ${authSession.id} = ${assistedSession.authSessionId})`,
          ),
        ),
      )
      .returning()
    for (const row of ended) await auditAssistedEnd(tx, SYSTEM, now, row, 'orphaned')
    return ended.length
  })
  return { expired, idle, orphanedAssisted: orphans }
}
