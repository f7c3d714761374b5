import { and, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../audit'
import { authorize } from '../auth/permissions'
import { deleteUserSessions } from '../auth/sessions'
import type { UseCaseContext } from '../context'
import { secondFactor, secondFactorChallenge, secondFactorRecoveryCode } from '../db/schema'
import { NotFoundError } from '../errors'
import { parseInput } from '../validation'
import { findAccountByEmail } from './accountLookup'

const Input = z.object({ email: z.string().trim().min(1, 'Isi e-mail akun.').max(254, 'E-mail terlalu panjang.') })

/**
 * The way back for someone who lost both the phone and the recovery codes (decision 020):
 * the operator removes the account's second factor from the command line, after checking
 * who is asking. Their sessions end; where the institution requires a second factor, the
 * next sign-in leads to enrolment again. Nobody can do this from a page or by e-mail.
 */
export async function resetSecondFactor(ctx: UseCaseContext, input: { email: string }): Promise<{ userId: string; hadSecondFactor: boolean }> {
  const { email } = parseInput(Input, input)
  authorize(ctx.actor, 'account.resetSecondFactor')
  const account = await findAccountByEmail(ctx.db, email)
  if (!account || account.kind !== 'staff') throw new NotFoundError(`Tidak ada akun staf dengan e-mail ${email.toLowerCase()}.`)
  const had = await ctx.db.transaction(async (tx) => {
    const removed = await tx.delete(secondFactor).where(eq(secondFactor.userId, account.id)).returning({ enabledAt: secondFactor.enabledAt })
    await tx.delete(secondFactorRecoveryCode).where(eq(secondFactorRecoveryCode.userId, account.id))
    await tx
      .update(secondFactorChallenge)
      .set({ completedAt: ctx.now })
      .where(and(eq(secondFactorChallenge.userId, account.id), isNull(secondFactorChallenge.completedAt)))
    await deleteUserSessions(tx, account.id, ctx.now)
    const hadSecondFactor = !!removed[0]?.enabledAt
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'account.secondFactorReset',
      entityType: 'user_account',
      entityId: account.id,
      before: { enabled: hadSecondFactor },
      after: { enabled: false },
    })
    return hadSecondFactor
  })
  return { userId: account.id, hadSecondFactor: had }
}
