import { randomBytes } from 'node:crypto'
import { and, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm'
import { generate, generateSecret, generateURI, verify } from 'otplib'
import { RECOVERY_CODE_COUNT, recoveryCodeFromBytes } from '../../domain/secondFactorCodes'
import type { Actor, StaffRole } from '../auth/actor'
import { can } from '../auth/permissions'
import { decrypt, encrypt, randomToken, sha256 } from '../auth/crypto'
import type { DbOrTx } from '../db/client'
import { institution, secondFactor, secondFactorChallenge, secondFactorRecoveryCode, staffAssignment } from '../db/schema'

// The shared parts of the second factor (docs/decisions/020): TOTP with otplib, recovery
// codes, who must have it, and the pending challenge between password and session.

/** The roles that may (and, where an institution requires it, must) use a second factor. */
export const SECOND_FACTOR_ROLES: readonly StaffRole[] = ['administrator', 'selection_committee']

/** A sign-in challenge lasts five minutes; setting up an app takes longer, so enrolment gets 15. */
export const CHALLENGE_MINUTES = { verify: 5, enrol: 15 } as const
/** Wrong codes per challenge; then back to the password. */
export const CHALLENGE_FAILURE_LIMIT = 5
/** Wrong codes per account within this window, over all its challenges, before no new one is issued. */
export const ACCOUNT_FAILURE_LIMIT = 10
export const ACCOUNT_FAILURE_WINDOW_MINUTES = 15

const SECRET_PURPOSE = 'totp-secret'
const ISSUER = 'Latih'
/** Codes of the previous and the next 30-second step are accepted too (clocks drift). */
const TOLERANCE_SECONDS = 30

export function newTotpSecret(): string {
  return generateSecret({ length: 20 })
}

export function encryptSecret(secret: string): string {
  return encrypt(secret, SECRET_PURPOSE)
}

export function decryptSecret(stored: string): string {
  return decrypt(stored, SECRET_PURPOSE)
}

/** What the authenticator app scans: otpauth://totp/Latih:<e-mail>?secret=…&issuer=Latih */
export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret })
}

/**
 * The time step a correct code belongs to, or null for a wrong code or a replay (a code
 * of the step already used, or an earlier one).
 */
export async function verifyTotp(secret: string, code: string, now: Date, lastTimeStep: number | null): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastTimeStep === null ? {} : { afterTimeStep: lastTimeStep }),
  })
  return result.valid && 'timeStep' in result ? result.timeStep : null
}

/** The code an app shows at `at` (tests and the benchmark; the app never needs it). */
export function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) })
}

/**
 * Accept a TOTP step for an account at most once: the update only succeeds when the step
 * is later than the last one accepted, so two submits of one code (a double click, an
 * eavesdropper racing the owner) cannot both pass.
 */
export async function claimTimeStep(tx: DbOrTx, userId: string, timeStep: number): Promise<boolean> {
  const claimed = await tx
    .update(secondFactor)
    .set({ lastTimeStep: timeStep })
    .where(
      and(
        eq(secondFactor.userId, userId),
        or(isNull(secondFactor.lastTimeStep), lt(secondFactor.lastTimeStep, timeStep)),
      ),
    )
    .returning({ userId: secondFactor.userId })
  return claimed.length === 1
}

export function hashRecoveryCode(code: string): string {
  return sha256(`latih-recovery:${code}`)
}

/** Ten new recovery codes: the plain codes (shown once) and the rows to store. */
export function newRecoveryCodes(userId: string, now: Date): { codes: string[]; rows: Array<typeof secondFactorRecoveryCode.$inferInsert> } {
  const codes: string[] = []
  while (codes.length < RECOVERY_CODE_COUNT) {
    const code = recoveryCodeFromBytes(randomBytes(16))
    if (!codes.includes(code)) codes.push(code)
  }
  return { codes, rows: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: now })) }
}

/** Consume an unused recovery code of this account; true when it was one (once only). */
export async function consumeRecoveryCode(tx: DbOrTx, userId: string, code: string, now: Date): Promise<boolean> {
  const used = await tx
    .update(secondFactorRecoveryCode)
    .set({ usedAt: now })
    .where(
      and(
        eq(secondFactorRecoveryCode.userId, userId),
        eq(secondFactorRecoveryCode.codeHash, hashRecoveryCode(code)),
        isNull(secondFactorRecoveryCode.usedAt),
      ),
    )
    .returning({ id: secondFactorRecoveryCode.id })
  return used.length === 1
}

export async function unusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(secondFactorRecoveryCode)
    .where(and(eq(secondFactorRecoveryCode.userId, userId), isNull(secondFactorRecoveryCode.usedAt)))
  return row?.n ?? 0
}

export interface SecondFactorRow {
  secret: string
  enabledAt: Date | null
  lastTimeStep: number | null
}

export async function loadSecondFactor(db: DbOrTx, userId: string, options: { forUpdate?: boolean } = {}): Promise<SecondFactorRow | null> {
  const query = db
    .select({ secretEncrypted: secondFactor.secretEncrypted, enabledAt: secondFactor.enabledAt, lastTimeStep: secondFactor.lastTimeStep })
    .from(secondFactor)
    .where(eq(secondFactor.userId, userId))
  const [row] = options.forUpdate ? await query.for('update') : await query
  return row ? { secret: decryptSecret(row.secretEncrypted), enabledAt: row.enabledAt, lastTimeStep: row.lastTimeStep } : null
}

/** True when the account has the second factor switched on. */
export async function hasSecondFactor(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: secondFactor.userId })
    .from(secondFactor)
    .where(and(eq(secondFactor.userId, userId), isNotNull(secondFactor.enabledAt)))
  return !!row
}

/** The institutions requiring a second factor in which this account is an administrator or committee member. */
export async function institutionsRequiringSecondFactor(db: DbOrTx, userId: string): Promise<Array<{ id: string; name: string }>> {
  return db
    .selectDistinct({ id: institution.id, name: institution.name })
    .from(staffAssignment)
    .innerJoin(institution, eq(institution.id, staffAssignment.institutionId))
    .where(
      and(
        eq(staffAssignment.userId, userId),
        inArray(staffAssignment.role, [...SECOND_FACTOR_ROLES]),
        eq(institution.requireSecondFactor, true),
      ),
    )
}

/** Administrators and committee members may turn the second factor on for themselves. */
export function mayUseSecondFactor(actor: Actor): boolean {
  return actor.kind === 'staff' && actor.roles.some((r) => can(actor, 'account.secondFactor', { institutionId: r.institutionId }))
}

/**
 * What must happen after a correct password: 'verify' (the account has a second factor),
 * 'enrol' (an institution requires it and it has none yet), or null (start the session).
 */
export async function secondFactorStep(db: DbOrTx, userId: string): Promise<'verify' | 'enrol' | null> {
  if (await hasSecondFactor(db, userId)) return 'verify'
  if ((await institutionsRequiringSecondFactor(db, userId)).length > 0) return 'enrol'
  return null
}

/** Wrong codes this account had within the window, over all its challenges. */
export async function recentFailures(db: DbOrTx, userId: string, now: Date): Promise<{ failures: number; until: Date | null }> {
  const since = new Date(now.getTime() - ACCOUNT_FAILURE_WINDOW_MINUTES * 60_000)
  const [row] = await db
    .select({
      failures: sql<number>`coalesce(sum(${secondFactorChallenge.failures}), 0)::int`,
      last: sql<Date | string | null>`max(${secondFactorChallenge.createdAt})`,
    })
    .from(secondFactorChallenge)
    .where(and(eq(secondFactorChallenge.userId, userId), gt(secondFactorChallenge.createdAt, since)))
  const failures = row?.failures ?? 0
  const last = row?.last ? new Date(row.last) : null
  return { failures, until: last ? new Date(last.getTime() + ACCOUNT_FAILURE_WINDOW_MINUTES * 60_000) : null }
}

/** A new challenge; returns the token for the cookie (only its SHA-256 is stored). */
export async function createChallenge(
  tx: DbOrTx,
  input: { userId: string; purpose: 'verify' | 'enrol'; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  // Old challenges are of no use to anyone: a day after they expired they go.
  await tx.delete(secondFactorChallenge).where(lt(secondFactorChallenge.expiresAt, new Date(input.now.getTime() - 86_400_000)))
  const token = randomToken()
  const expiresAt = new Date(input.now.getTime() + CHALLENGE_MINUTES[input.purpose] * 60_000)
  await tx.insert(secondFactorChallenge).values({
    id: sha256(token),
    userId: input.userId,
    purpose: input.purpose,
    createdAt: input.now,
    expiresAt,
  })
  return { token, expiresAt }
}

export interface OpenChallenge {
  id: string
  userId: string
  purpose: 'verify' | 'enrol'
  failures: number
  expiresAt: Date
}

/** The challenge behind a token while it is open: not expired, not completed, not used up. */
export async function openChallenge(
  db: DbOrTx,
  token: string | null | undefined,
  now: Date,
  options: { forUpdate?: boolean } = {},
): Promise<OpenChallenge | null> {
  if (!token || token.length > 200) return null
  const query = db
    .select({
      id: secondFactorChallenge.id,
      userId: secondFactorChallenge.userId,
      purpose: secondFactorChallenge.purpose,
      failures: secondFactorChallenge.failures,
      expiresAt: secondFactorChallenge.expiresAt,
    })
    .from(secondFactorChallenge)
    .where(
      and(
        eq(secondFactorChallenge.id, sha256(token)),
        gt(secondFactorChallenge.expiresAt, now),
        isNull(secondFactorChallenge.completedAt),
        lt(secondFactorChallenge.failures, CHALLENGE_FAILURE_LIMIT),
      ),
    )
  const [row] = options.forUpdate ? await query.for('update') : await query
  return row ?? null
}
