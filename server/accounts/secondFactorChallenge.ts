import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { parseSecondFactorCode } from '../../domain/secondFactorCodes'
import { formatZonedTime } from '../../domain/zonedTime'
import { recordAudit } from '../audit'
import { SYSTEM } from '../auth/actor'
import type { UseCaseContext } from '../context'
import type { DbOrTx } from '../db/client'
import { secondFactorChallenge } from '../db/schema'
import { UseCaseError, ValidationError } from '../errors'
import { defaultTimeZone } from '../institutions/defaultTimeZone'
import { parseInput } from '../validation'
import { findAccountById, selfActor } from './accountLookup'
import {
  ACCOUNT_FAILURE_LIMIT,
  CHALLENGE_FAILURE_LIMIT,
  claimTimeStep,
  consumeRecoveryCode,
  createChallenge,
  loadSecondFactor,
  openChallenge,
  recentFailures,
  secondFactorStep,
  unusedRecoveryCodes,
  verifyTotp,
} from './secondFactor'

// Sign-in's second step (docs/decisions/020): a correct password gives a challenge, not a
// session; the challenge is answered with an authenticator code or a recovery code.

export const CHALLENGE_GONE = 'Waktu untuk memasukkan kode sudah habis atau kode sudah dipakai. Masuk lagi dengan e-mail/NIK dan kata sandi Anda.'
export const TOO_MANY_CODES = 'Terlalu banyak kode yang salah. Masuk lagi dengan e-mail/NIK dan kata sandi Anda.'
export const WRONG_CODE = 'Kode salah atau sudah pernah dipakai. Periksa kode terbaru di aplikasi autentikator Anda.'

/** The step a correct password leads to, with the challenge's token for the cookie. */
export interface PendingSecondFactor {
  step: 'verify' | 'enrol'
  token: string
  expiresAt: Date
}

/**
 * Called by signIn after a correct password (and by the password-link page): when the
 * account has a second factor, or an institution requires one it does not have yet, open
 * a challenge instead of a session. Null: no second step, start the session.
 */
export async function beginSecondFactor(ctx: UseCaseContext, userId: string): Promise<PendingSecondFactor | null> {
  const step = await secondFactorStep(ctx.db, userId)
  if (!step) return null
  const recent = await recentFailures(ctx.db, userId, ctx.now)
  if (recent.failures >= ACCOUNT_FAILURE_LIMIT && recent.until) {
    const minuteMs = 60_000
    const until = new Date(Math.ceil(recent.until.getTime() / minuteMs) * minuteMs)
    throw new UseCaseError(
      `Terlalu banyak kode verifikasi yang salah untuk akun ini. Coba lagi setelah pukul ${formatZonedTime(until, await defaultTimeZone(ctx.db))}.`,
      429,
    )
  }
  const { token, expiresAt } = await ctx.db.transaction((tx) => createChallenge(tx, { userId, purpose: step, now: ctx.now }))
  return { step, token, expiresAt }
}

/** Whether a challenge token still stands (the code page shows its form only then). */
export async function inspectSecondFactorChallenge(
  ctx: UseCaseContext,
  input: { token: string | null | undefined },
): Promise<{ purpose: 'verify' | 'enrol'; attemptsLeft: number; expiresAt: Date } | null> {
  const challenge = await openChallenge(ctx.db, input.token, ctx.now)
  return challenge ? { purpose: challenge.purpose, attemptsLeft: CHALLENGE_FAILURE_LIMIT - challenge.failures, expiresAt: challenge.expiresAt } : null
}

const Input = z.object({
  token: z.string().max(200).nullish(),
  code: z.string({ error: 'Isi kode verifikasi.' }).max(100, 'Kode terlalu panjang.'),
})

/**
 * Answer a sign-in challenge. A right authenticator code (not used before) or an unused
 * recovery code (consumed) completes it and returns the account to start the session
 * for. A wrong one counts: after five the challenge is gone and the password is asked
 * again. Every wrong code, and every recovery code used, leaves an audit row.
 */
export async function completeSecondFactorSignIn(
  ctx: UseCaseContext,
  input: { token: string | null | undefined; code: string },
): Promise<{ userId: string; kind: 'candidate' | 'staff'; method: 'totp' | 'recovery'; recoveryCodesLeft: number | null }> {
  const { token, code: raw } = parseInput(Input, input, { field: 'code' })
  const parsed = parseSecondFactorCode(raw)
  // A malformed code is a typing slip: said at the field, not counted.
  if (!parsed.ok) {
    if (!(await openChallenge(ctx.db, token, ctx.now))) throw new UseCaseError(CHALLENGE_GONE, 410)
    throw new ValidationError({ code: [parsed.message] })
  }
  const { value } = parsed

  const outcome = await ctx.db.transaction(async (tx) => {
    // One attempt at a time per challenge: the row is locked until this one is counted.
    const challenge = await openChallenge(tx, token, ctx.now, { forUpdate: true })
    if (!challenge || challenge.purpose !== 'verify') return { kind: 'gone' as const }
    const account = await findAccountById(tx, challenge.userId)
    const factor = await loadSecondFactor(tx, challenge.userId, { forUpdate: true })
    if (!account || account.lockedAt || !factor?.enabledAt) return { kind: 'gone' as const }

    let ok = false
    if (value.kind === 'totp') {
      const step = await verifyTotp(factor.secret, value.code, ctx.now, factor.lastTimeStep)
      ok = step !== null && (await claimTimeStep(tx, account.id, step))
    } else {
      ok = await consumeRecoveryCode(tx, account.id, value.code, ctx.now)
    }

    if (!ok) {
      const failures = challenge.failures + 1
      await tx.update(secondFactorChallenge).set({ failures }).where(eq(secondFactorChallenge.id, challenge.id))
      await recordAudit(tx, SYSTEM, ctx.now, {
        action: 'account.secondFactorFailed',
        entityType: 'user_account',
        entityId: account.id,
        after: { method: value.kind, attempt: failures, limit: CHALLENGE_FAILURE_LIMIT },
      })
      return { kind: 'wrong' as const, attemptsLeft: CHALLENGE_FAILURE_LIMIT - failures }
    }

    await tx
      .update(secondFactorChallenge)
      .set({ completedAt: ctx.now })
      .where(and(eq(secondFactorChallenge.id, challenge.id), sql`${secondFactorChallenge.completedAt} is null`))
    const self = selfActor(account)
    let recoveryCodesLeft: number | null = null
    if (value.kind === 'recovery') {
      recoveryCodesLeft = await unusedRecoveryCodes(tx, account.id)
      await recordAudit(tx, self, ctx.now, {
        action: 'account.secondFactorRecoveryCodeUsed',
        entityType: 'user_account',
        entityId: account.id,
        after: { remaining: recoveryCodesLeft },
      })
    }
    await recordAudit(tx, self, ctx.now, {
      action: 'account.signInSecondFactor',
      entityType: 'user_account',
      entityId: account.id,
      after: { method: value.kind },
    })
    return { kind: 'ok' as const, userId: account.id, accountKind: account.kind, recoveryCodesLeft }
  })

  if (outcome.kind === 'gone') throw new UseCaseError(CHALLENGE_GONE, 410)
  if (outcome.kind === 'wrong') {
    if (outcome.attemptsLeft <= 0) throw new UseCaseError(TOO_MANY_CODES, 429)
    throw new ValidationError({ code: [`${WRONG_CODE} Sisa ${outcome.attemptsLeft} percobaan.`] }, 'Kode belum diterima.')
  }
  return { userId: outcome.userId, kind: outcome.accountKind, method: value.kind, recoveryCodesLeft: outcome.recoveryCodesLeft }
}

/** A challenge of this account that the caller is done with (e.g. enrolment completed it). */
export async function completeChallenge(tx: DbOrTx, challengeId: string, now: Date): Promise<void> {
  await tx.update(secondFactorChallenge).set({ completedAt: now }).where(eq(secondFactorChallenge.id, challengeId))
}
