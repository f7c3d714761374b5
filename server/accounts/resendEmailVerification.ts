import { and, desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../audit'
import { authorize } from '../auth/permissions'
import { issueAccountToken } from '../auth/tokens'
import type { UseCaseContext } from '../context'
import { accountToken, candidateProfile, userAccount } from '../db/schema'
import { NotFoundError, UseCaseError } from '../errors'
import { enqueueMail } from '../mail/sendMail'
import { verificationMail } from './accountMails'
import { parseInput } from '../validation'

/** At most one verification mail per account in this time, against mail floods. */
export const RESEND_INTERVAL_MS = 60_000

const Input = z.object({ candidateId: z.uuid() })

/**
 * Send a new verification link to the candidate's e-mail (the candidate, or a kiosk
 * officer assisting them). Earlier links stay valid until they expire.
 */
export async function resendEmailVerification(
  ctx: UseCaseContext,
  input: { candidateId: string },
): Promise<{ email: string }> {
  const { candidateId } = parseInput(Input, input)
  authorize(ctx.actor, 'profile.edit', { candidateId })
  return ctx.db.transaction(async (tx) => {
    // Locking the account row makes two quick clicks wait for each other, so only one mails.
    const [account] = await tx
      .select({ id: userAccount.id, email: userAccount.email, emailVerifiedAt: userAccount.emailVerifiedAt, kind: userAccount.kind })
      .from(userAccount)
      .where(eq(userAccount.id, candidateId))
      .for('update')
    if (!account || account.kind !== 'candidate') throw new NotFoundError('Akun tidak ditemukan.')
    if (account.emailVerifiedAt) throw new UseCaseError('E-mail Anda sudah terverifikasi; tidak perlu tautan baru.', 409)

    const [last] = await tx
      .select({ createdAt: accountToken.createdAt })
      .from(accountToken)
      .where(and(eq(accountToken.userId, candidateId), eq(accountToken.purpose, 'verify_email')))
      .orderBy(desc(accountToken.createdAt))
      .limit(1)
    if (last && ctx.now.getTime() - last.createdAt.getTime() < RESEND_INTERVAL_MS) {
      throw new UseCaseError(
        `Tautan verifikasi baru saja dikirim ke ${account.email}. Tunggu sekitar satu menit sebelum meminta lagi, dan periksa juga folder Spam atau Promosi.`,
        429,
      )
    }

    const [profile] = await tx
      .select({ fullName: candidateProfile.fullName })
      .from(candidateProfile)
      .where(eq(candidateProfile.userId, candidateId))
    const token = await issueAccountToken(tx, { userId: candidateId, purpose: 'verify_email', now: ctx.now })
    await enqueueMail(tx, verificationMail({ to: account.email, name: profile?.fullName ?? account.email, token }), ctx.now)
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'account.verificationResent',
      entityType: 'user_account',
      entityId: candidateId,
      after: { email: account.email },
    })
    return { email: account.email }
  })
}
