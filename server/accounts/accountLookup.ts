import { eq, sql } from 'drizzle-orm'
import type { Actor } from '../auth/actor'
import { keyedHash } from '../auth/crypto'
import type { DbOrTx } from '../db/client'
import { candidateProfile, userAccount } from '../db/schema'

/** What a person types to sign in or to ask for a reset link: an e-mail address or a NIK. */
export type AccountIdentifier = { kind: 'nik'; nik: string } | { kind: 'email'; email: string }

/** 16 digits once spaces are gone is a NIK (people copy it in groups); anything else an e-mail. */
export function parseIdentifier(raw: string): AccountIdentifier {
  const compact = raw.replace(/\s+/g, '')
  if (/^\d{16}$/.test(compact)) return { kind: 'nik', nik: compact }
  return { kind: 'email', email: raw.trim().toLowerCase() }
}

export interface AccountRow {
  id: string
  kind: 'candidate' | 'staff'
  email: string
  displayName: string
  passwordHash: string | null
  emailVerifiedAt: Date | null
  createdAt: Date
  /** Set when the account was locked (docs/decisions/022): it cannot sign in. */
  lockedAt: Date | null
}

const accountColumns = {
  id: userAccount.id,
  kind: userAccount.kind,
  email: userAccount.email,
  displayName: userAccount.displayName,
  passwordHash: userAccount.passwordHash,
  emailVerifiedAt: userAccount.emailVerifiedAt,
  createdAt: userAccount.createdAt,
  lockedAt: userAccount.lockedAt,
}

export async function findAccountByEmail(db: DbOrTx, email: string): Promise<AccountRow | null> {
  const [row] = await db
    .select(accountColumns)
    .from(userAccount)
    .where(sql`lower(${userAccount.email}) = ${email.trim().toLowerCase()}`)
  return row ?? null
}

export async function findAccountByNik(db: DbOrTx, nik: string): Promise<AccountRow | null> {
  const [row] = await db
    .select(accountColumns)
    .from(candidateProfile)
    .innerJoin(userAccount, eq(userAccount.id, candidateProfile.userId))
    .where(eq(candidateProfile.nikHash, keyedHash(nik)))
  return row ?? null
}

export async function findAccountById(db: DbOrTx, userId: string): Promise<AccountRow | null> {
  const [row] = await db.select(accountColumns).from(userAccount).where(eq(userAccount.id, userId))
  return row ?? null
}

export function findAccountByIdentifier(db: DbOrTx, identifier: AccountIdentifier): Promise<AccountRow | null> {
  return identifier.kind === 'nik' ? findAccountByNik(db, identifier.nik) : findAccountByEmail(db, identifier.email)
}

/**
 * The account acting for itself where the request had no signed-in actor yet (self
 * sign-up, sign-in, a link from an e-mail): the audit row then names the person.
 * Roles are not needed for an audit row, so none are loaded.
 */
export function selfActor(account: Pick<AccountRow, 'id' | 'kind' | 'email' | 'displayName'>): Actor {
  return { kind: account.kind, userId: account.id, email: account.email, displayName: account.displayName, roles: [] }
}
