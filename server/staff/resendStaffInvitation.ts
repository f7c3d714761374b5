import { and, desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../auth/permissions'
import { issueAccountToken } from '../auth/tokens'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { accountToken, userAccount } from '../db/schema'
import { ConflictError } from '../errors'
import { enqueueMail } from '../mail/sendMail'
import { parseInput } from '../validation'
import { institutionIdSchema, userIdSchema } from './input'
import { findInstitution, findMember } from './records'
import { setPasswordLink, staffInvitationMail } from './staffMails'

/** At most one invitation mail per person in this time, so a double click sends one. */
export const RESEND_INTERVAL_MS = 60_000
export const PASSWORD_ALREADY_SET = 'Staf ini sudah membuat kata sandi. Bila lupa, ia dapat memakai «Lupa kata sandi» di halaman Masuk.'
export const RESENT_RECENTLY = 'Undangan baru saja dikirim. Tunggu satu menit sebelum mengirim lagi.'

const Input = z.object({ institutionId: institutionIdSchema, userId: userIdSchema })

/** Send a fresh set-password link to an invited staff member who has not set a password yet. */
export async function resendStaffInvitation(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<void> {
  const { institutionId, userId } = parseInput(Input, input)
  authorize(ctx.actor, 'staff.manage', { institutionId })
  await ctx.db.transaction(async (tx) => {
    // Serialise concurrent resends for one person so the interval check holds.
    await tx.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.id, userId)).for('update')
    const member = await findMember(tx, institutionId, userId)
    if (!member.invitationPending) throw new ConflictError(PASSWORD_ALREADY_SET)
    const [last] = await tx
      .select({ createdAt: accountToken.createdAt })
      .from(accountToken)
      .where(and(eq(accountToken.userId, userId), eq(accountToken.purpose, 'set_password')))
      .orderBy(desc(accountToken.createdAt))
      .limit(1)
    if (last && ctx.now.getTime() - last.createdAt.getTime() < RESEND_INTERVAL_MS) throw new ConflictError(RESENT_RECENTLY)
    const place = await findInstitution(tx, institutionId)
    const link = setPasswordLink(await issueAccountToken(tx, { userId, purpose: 'set_password', now: ctx.now }))
    await enqueueMail(
      tx,
      staffInvitationMail({
        to: member.email,
        name: member.displayName,
        institutionName: place.name,
        roles: member.roles,
        invitedBy: ctx.actor.kind === 'staff' ? ctx.actor.displayName : null,
        link,
      }),
      ctx.now,
      { institutionId },
    )
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'staff.resendInvitation',
      entityType: 'user_account',
      entityId: userId,
      institutionId,
      after: { email: member.email },
    })
  })
}
