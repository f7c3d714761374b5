import { and, asc, eq, isNull } from 'drizzle-orm'
import type { StaffRole } from '../auth/actor'
import type { DbOrTx } from '../db/client'
import { assistedSession, institution, staffAssignment, userAccount } from '../db/schema'
import { NotFoundError } from '../errors'
import { sortRoles } from './input'

export const MEMBER_NOT_FOUND = 'Staf tidak ditemukan di lembaga ini.'

export async function findInstitution(db: DbOrTx, institutionId: string) {
  const [row] = await db.select().from(institution).where(eq(institution.id, institutionId))
  if (!row) throw new NotFoundError('Lembaga tidak ditemukan.')
  return row
}

export interface StaffMember {
  userId: string
  email: string
  displayName: string
  roles: StaffRole[]
  /** Invited but has not set a password yet. */
  invitationPending: boolean
}

/** The staff of one institution with their roles there, by name. */
export async function membersOf(db: DbOrTx, institutionId: string, userId?: string): Promise<StaffMember[]> {
  const rows = await db
    .select({
      userId: userAccount.id,
      email: userAccount.email,
      displayName: userAccount.displayName,
      passwordHash: userAccount.passwordHash,
      role: staffAssignment.role,
    })
    .from(staffAssignment)
    .innerJoin(userAccount, eq(userAccount.id, staffAssignment.userId))
    .where(
      and(eq(staffAssignment.institutionId, institutionId), userId ? eq(staffAssignment.userId, userId) : undefined),
    )
    .orderBy(asc(userAccount.displayName), asc(userAccount.email))
  const byUser = new Map<string, StaffMember>()
  for (const r of rows) {
    const entry = byUser.get(r.userId) ?? {
      userId: r.userId,
      email: r.email,
      displayName: r.displayName,
      roles: [],
      invitationPending: r.passwordHash === null,
    }
    entry.roles.push(r.role)
    byUser.set(r.userId, entry)
  }
  return [...byUser.values()].map((m) => ({ ...m, roles: sortRoles(m.roles) }))
}

export async function findMember(db: DbOrTx, institutionId: string, userId: string): Promise<StaffMember> {
  const [member] = await membersOf(db, institutionId, userId)
  if (!member) throw new NotFoundError(MEMBER_NOT_FOUND)
  return member
}

/**
 * Lock the institution's administrator assignments, so two administrators removing each
 * other at the same moment cannot leave the institution with none.
 */
export async function lockAdministrators(tx: DbOrTx, institutionId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: staffAssignment.userId })
    .from(staffAssignment)
    .where(and(eq(staffAssignment.institutionId, institutionId), eq(staffAssignment.role, 'administrator')))
    .for('update')
  return rows.map((r) => r.userId)
}

/**
 * End a kiosk officer's open assisted sessions in an institution: the assisted-session
 * permission does not look at the role, so it must not outlive it.
 */
export async function endAssistedSessions(tx: DbOrTx, institutionId: string, officerId: string, now: Date): Promise<number> {
  const ended = await tx
    .update(assistedSession)
    .set({ endedAt: now })
    .where(
      and(
        eq(assistedSession.officerId, officerId),
        eq(assistedSession.institutionId, institutionId),
        isNull(assistedSession.endedAt),
      ),
    )
    .returning({ id: assistedSession.id })
  return ended.length
}
