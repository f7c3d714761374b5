import { and, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { parseSecondFactorCode, parseTotpCode } from '../../domain/secondFactorCodes'
import { recordAudit } from '../audit'
import type { Actor } from '../auth/actor'
import { verifyPassword } from '../auth/password'
import type { UseCaseContext } from '../context'
import { secondFactor, secondFactorChallenge, secondFactorRecoveryCode } from '../db/schema'
import { ConflictError, ForbiddenError, UseCaseError, ValidationError } from '../errors'
import { parseInput } from '../validation'
import { findAccountById, selfActor } from './accountLookup'
import {
  CHALLENGE_FAILURE_LIMIT,
  claimTimeStep,
  consumeRecoveryCode,
  encryptSecret,
  hasSecondFactor,
  institutionsRequiringSecondFactor,
  loadSecondFactor,
  mayUseSecondFactor,
  newRecoveryCodes,
  newTotpSecret,
  openChallenge,
  totpUri,
  unusedRecoveryCodes,
  verifyTotp,
} from './secondFactor'
import { CHALLENGE_GONE, completeChallenge, TOO_MANY_CODES } from './secondFactorChallenge'

// Turning the second factor on and off (docs/decisions/020). The person is either signed
// in (an administrator or committee member, on their own account) or, when their
// institution requires it and they have none, holds the enrolment challenge a correct
// password gave them: then no session exists until enrolment is done.

export const ENROLMENT_WRONG_CODE =
  'Kode tidak cocok. Pastikan jam ponsel tepat, lalu isi 6 angka terbaru yang tampil di aplikasi untuk akun Latih ini.'
export const ALREADY_ENABLED = 'Verifikasi dua langkah sudah aktif untuk akun ini.'
export const REQUIRED_BY_INSTITUTION = 'Lembaga Anda mewajibkan verifikasi dua langkah untuk peran Anda, jadi tidak dapat dimatikan.'

interface Subject {
  userId: string
  actor: Actor
  /** The enrolment challenge, when the person is not signed in yet. */
  challenge: { id: string; failures: number } | null
}

/** Whose second factor this is: the signed-in staff member, or the holder of an enrolment challenge. */
async function subjectOf(ctx: UseCaseContext, token: string | null | undefined, options: { forUpdate?: boolean } = {}): Promise<Subject> {
  if (ctx.actor.kind === 'staff') {
    if (!mayUseSecondFactor(ctx.actor) && !(await hasSecondFactor(ctx.db, ctx.actor.userId))) throw new ForbiddenError()
    return { userId: ctx.actor.userId, actor: ctx.actor, challenge: null }
  }
  if (ctx.actor.kind !== 'system') throw new ForbiddenError()
  const challenge = await openChallenge(ctx.db, token, ctx.now, options)
  if (!challenge || challenge.purpose !== 'enrol') throw new UseCaseError(CHALLENGE_GONE, 410)
  const account = await findAccountById(ctx.db, challenge.userId)
  if (!account || account.lockedAt) throw new UseCaseError(CHALLENGE_GONE, 410)
  // The password was right moments ago: the person acts as themselves.
  return { userId: account.id, actor: selfActor(account), challenge: { id: challenge.id, failures: challenge.failures } }
}

const TokenInput = z.object({ challengeToken: z.string().max(200).nullish() })

export interface SecondFactorOverview {
  email: string
  enabled: boolean
  enabledAt: Date | null
  /** Enrolment begun: the secret to put into the app (shown until confirmed). */
  pending: { secret: string; uri: string } | null
  unusedRecoveryCodes: number
  /** Institutions that require it for this person's roles. */
  requiredBy: string[]
  viaChallenge: boolean
}

export async function getSecondFactorOverview(ctx: UseCaseContext, input: { challengeToken?: string | null }): Promise<SecondFactorOverview> {
  const { challengeToken } = parseInput(TokenInput, input)
  const subject = await subjectOf(ctx, challengeToken)
  const factor = await loadSecondFactor(ctx.db, subject.userId)
  const enabled = !!factor?.enabledAt
  return {
    email: subject.actor.email,
    enabled,
    enabledAt: factor?.enabledAt ?? null,
    pending: factor && !enabled ? { secret: factor.secret, uri: totpUri(factor.secret, subject.actor.email) } : null,
    unusedRecoveryCodes: enabled ? await unusedRecoveryCodes(ctx.db, subject.userId) : 0,
    requiredBy: (await institutionsRequiringSecondFactor(ctx.db, subject.userId)).map((i) => i.name),
    viaChallenge: subject.challenge !== null,
  }
}

/**
 * Begin enrolment: a new secret, kept encrypted and not yet in force. Submitting again
 * before confirming keeps the same secret (a double click gives one QR, not two).
 */
export async function startSecondFactorEnrolment(ctx: UseCaseContext, input: { challengeToken?: string | null }): Promise<void> {
  const { challengeToken } = parseInput(TokenInput, input)
  const subject = await subjectOf(ctx, challengeToken)
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select({ enabledAt: secondFactor.enabledAt }).from(secondFactor).where(eq(secondFactor.userId, subject.userId)).for('update')
    if (existing?.enabledAt) throw new ConflictError(ALREADY_ENABLED)
    if (existing) return
    await tx
      .insert(secondFactor)
      .values({ userId: subject.userId, secretEncrypted: encryptSecret(newTotpSecret()), createdAt: ctx.now })
      .onConflictDoNothing()
  })
}

const ConfirmInput = z.object({
  challengeToken: z.string().max(200).nullish(),
  code: z.string({ error: 'Isi 6 angka dari aplikasi autentikator.' }).max(100, 'Kode terlalu panjang.'),
})

/**
 * Confirm enrolment with the app's current code: the second factor is on from now, and
 * ten recovery codes are made, returned this once (only their hashes are kept). Through
 * an enrolment challenge, wrong codes count as at sign-in, and success completes it.
 */
export async function confirmSecondFactorEnrolment(
  ctx: UseCaseContext,
  input: { challengeToken?: string | null; code: string },
): Promise<{ userId: string; kind: 'candidate' | 'staff'; recoveryCodes: string[]; viaChallenge: boolean }> {
  const { challengeToken, code: raw } = parseInput(ConfirmInput, input, { field: 'code' })
  const subject = await subjectOf(ctx, challengeToken)
  const parsed = parseTotpCode(raw)
  if (!parsed.ok) throw new ValidationError({ code: [parsed.message] })

  const outcome = await ctx.db.transaction(async (tx) => {
    const challenge = subject.challenge ? await openChallenge(tx, challengeToken, ctx.now, { forUpdate: true }) : null
    if (subject.challenge && !challenge) return { kind: 'gone' as const }
    const factor = await loadSecondFactor(tx, subject.userId, { forUpdate: true })
    if (factor?.enabledAt) return { kind: 'enabled' as const }
    if (!factor) return { kind: 'notStarted' as const }
    const step = await verifyTotp(factor.secret, parsed.code, ctx.now, factor.lastTimeStep)
    if (step === null || !(await claimTimeStep(tx, subject.userId, step))) {
      let attemptsLeft: number | null = null
      if (challenge) {
        const failures = challenge.failures + 1
        await tx.update(secondFactorChallenge).set({ failures }).where(eq(secondFactorChallenge.id, challenge.id))
        attemptsLeft = CHALLENGE_FAILURE_LIMIT - failures
      }
      await recordAudit(tx, subject.actor, ctx.now, {
        action: 'account.secondFactorFailed',
        entityType: 'user_account',
        entityId: subject.userId,
        after: { method: 'totp', during: 'enrolment', ...(attemptsLeft === null ? {} : { attempt: CHALLENGE_FAILURE_LIMIT - attemptsLeft }) },
      })
      return { kind: 'wrong' as const, attemptsLeft }
    }
    await tx.update(secondFactor).set({ enabledAt: ctx.now }).where(eq(secondFactor.userId, subject.userId))
    await tx.delete(secondFactorRecoveryCode).where(eq(secondFactorRecoveryCode.userId, subject.userId))
    const { codes, rows } = newRecoveryCodes(subject.userId, ctx.now)
    await tx.insert(secondFactorRecoveryCode).values(rows)
    if (challenge) await completeChallenge(tx, challenge.id, ctx.now)
    await recordAudit(tx, subject.actor, ctx.now, {
      action: 'account.secondFactorEnabled',
      entityType: 'user_account',
      entityId: subject.userId,
      after: { recoveryCodes: codes.length, viaChallenge: !!challenge },
    })
    return { kind: 'ok' as const, codes }
  })

  switch (outcome.kind) {
    case 'gone':
      throw new UseCaseError(CHALLENGE_GONE, 410)
    case 'enabled':
      throw new ConflictError(ALREADY_ENABLED)
    case 'notStarted':
      throw new ConflictError('Mulai pengaturan verifikasi dua langkah terlebih dahulu.')
    case 'wrong':
      if (outcome.attemptsLeft !== null && outcome.attemptsLeft <= 0) throw new UseCaseError(TOO_MANY_CODES, 429)
      throw new ValidationError(
        { code: [outcome.attemptsLeft === null ? ENROLMENT_WRONG_CODE : `${ENROLMENT_WRONG_CODE} Sisa ${outcome.attemptsLeft} percobaan.`] },
        'Verifikasi dua langkah belum aktif.',
      )
    case 'ok':
      return { userId: subject.userId, kind: subject.actor.kind, recoveryCodes: outcome.codes, viaChallenge: subject.challenge !== null }
  }
}

const DisableInput = z.object({
  password: z.string({ error: 'Isi kata sandi Anda.' }).min(1, 'Isi kata sandi Anda.').max(1024, 'Kata sandi salah.'),
  code: z.string({ error: 'Isi kode verifikasi.' }).max(100, 'Kode terlalu panjang.'),
})

/**
 * Turn the second factor off: the password and a current code (or a recovery code) are
 * both asked, so neither a borrowed unlocked browser nor a stolen phone alone suffices.
 * Refused while an institution requires it for the person's roles.
 */
export async function disableSecondFactor(ctx: UseCaseContext, input: { password: string; code: string }): Promise<void> {
  if (ctx.actor.kind !== 'staff') throw new ForbiddenError()
  const actor = ctx.actor
  const { password, code: raw } = parseInput(DisableInput, input)
  const parsed = parseSecondFactorCode(raw)
  if (!parsed.ok) throw new ValidationError({ code: [parsed.message] })
  if ((await institutionsRequiringSecondFactor(ctx.db, actor.userId)).length > 0) {
    throw new ConflictError(REQUIRED_BY_INSTITUTION)
  }
  const account = await findAccountById(ctx.db, actor.userId)
  const passwordOk = !!account?.passwordHash && (await verifyPassword(account.passwordHash, password))

  const outcome = await ctx.db.transaction(async (tx) => {
    const factor = await loadSecondFactor(tx, actor.userId, { forUpdate: true })
    if (!factor?.enabledAt) return 'notEnabled' as const
    let codeOk = false
    if (passwordOk) {
      if (parsed.value.kind === 'totp') {
        const step = await verifyTotp(factor.secret, parsed.value.code, ctx.now, factor.lastTimeStep)
        codeOk = step !== null && (await claimTimeStep(tx, actor.userId, step))
      } else {
        codeOk = await consumeRecoveryCode(tx, actor.userId, parsed.value.code, ctx.now)
      }
    }
    if (!passwordOk || !codeOk) {
      await recordAudit(tx, actor, ctx.now, {
        action: 'account.secondFactorFailed',
        entityType: 'user_account',
        entityId: actor.userId,
        after: { method: parsed.value.kind, during: 'disable', passwordOk },
      })
      return passwordOk ? ('wrongCode' as const) : ('wrongPassword' as const)
    }
    await tx.delete(secondFactorRecoveryCode).where(eq(secondFactorRecoveryCode.userId, actor.userId))
    await tx.delete(secondFactor).where(and(eq(secondFactor.userId, actor.userId)))
    // Any sign-in half done with the old factor is void.
    await tx
      .update(secondFactorChallenge)
      .set({ completedAt: ctx.now })
      .where(and(eq(secondFactorChallenge.userId, actor.userId), isNull(secondFactorChallenge.completedAt)))
    await recordAudit(tx, actor, ctx.now, {
      action: 'account.secondFactorDisabled',
      entityType: 'user_account',
      entityId: actor.userId,
      before: { enabledAt: factor.enabledAt.toISOString() },
      after: { method: parsed.value.kind },
    })
    return 'ok' as const
  })
  if (outcome === 'notEnabled') throw new ConflictError('Verifikasi dua langkah tidak aktif untuk akun ini.')
  if (outcome === 'wrongPassword') throw new ValidationError({ password: ['Kata sandi salah.'] }, 'Verifikasi dua langkah belum dimatikan.')
  if (outcome === 'wrongCode') throw new ValidationError({ code: [ENROLMENT_WRONG_CODE] }, 'Verifikasi dua langkah belum dimatikan.')
}

const RegenerateInput = z.object({
  code: z.string({ error: 'Isi 6 angka dari aplikasi autentikator.' }).max(100, 'Kode terlalu panjang.'),
})

/** New recovery codes (the old ones stop working), confirmed with a current app code. */
export async function regenerateRecoveryCodes(ctx: UseCaseContext, input: { code: string }): Promise<{ recoveryCodes: string[] }> {
  if (ctx.actor.kind !== 'staff') throw new ForbiddenError()
  const actor = ctx.actor
  const { code: raw } = parseInput(RegenerateInput, input, { field: 'code' })
  const parsed = parseTotpCode(raw)
  if (!parsed.ok) throw new ValidationError({ code: [parsed.message] })
  const outcome = await ctx.db.transaction(async (tx) => {
    const factor = await loadSecondFactor(tx, actor.userId, { forUpdate: true })
    if (!factor?.enabledAt) return null
    const step = await verifyTotp(factor.secret, parsed.code, ctx.now, factor.lastTimeStep)
    if (step === null || !(await claimTimeStep(tx, actor.userId, step))) {
      await recordAudit(tx, actor, ctx.now, {
        action: 'account.secondFactorFailed',
        entityType: 'user_account',
        entityId: actor.userId,
        after: { method: 'totp', during: 'recoveryCodes' },
      })
      return 'wrong' as const
    }
    await tx.delete(secondFactorRecoveryCode).where(eq(secondFactorRecoveryCode.userId, actor.userId))
    const { codes, rows } = newRecoveryCodes(actor.userId, ctx.now)
    await tx.insert(secondFactorRecoveryCode).values(rows)
    await recordAudit(tx, actor, ctx.now, {
      action: 'account.secondFactorRecoveryCodesRenewed',
      entityType: 'user_account',
      entityId: actor.userId,
      after: { recoveryCodes: codes.length },
    })
    return codes
  })
  if (outcome === null) throw new ConflictError('Verifikasi dua langkah tidak aktif untuk akun ini.')
  if (outcome === 'wrong') throw new ValidationError({ code: [ENROLMENT_WRONG_CODE] }, 'Kode pemulihan belum diganti.')
  return { recoveryCodes: outcome }
}
