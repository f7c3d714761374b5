import { and, count, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { accountToken, authSession, staffAssignment } from '../db/schema'
import { ConflictError } from '../errors'
import { parseInput } from '../validation'
import { LAST_ADMINISTRATOR } from './changeStaffRoles'
import { institutionIdSchema, userIdSchema } from './input'
import { endAssistedSessions, findMember, lockAdministrators } from './records'

export const OWN_ACCOUNT = 'Anda tidak dapat menonaktifkan akun Anda sendiri; minta administrator lain melakukannya.'

const Input = z.object({ institutionId: institutionIdSchema, userId: userIdSchema })

/**
 * Deactivate a staff member in one institution: every role there is removed, every one
 * of their sessions ends at once (the next request with an old cookie is signed out),
 * open assisted sessions end, and when they hold no role anywhere any unused invitation
 * link is voided. The account stays, so the audit trail keeps naming them; inviting the
 * same e-mail again gives the roles back. See docs/decisions/013.
 */
export async function deactivateStaff(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ sessionsEnded: number; rolesElsewhere: number }> {
  const { institutionId, userId } = parseInput(Input, input)
  authorize(ctx.actor, 'staff.manage', { institutionId })
  return ctx.db.transaction(async (tx) => {
    const administrators = await lockAdministrators(tx, institutionId)
    const member = await findMember(tx, institutionId, userId)
    if (ctx.actor.kind === 'staff' && ctx.actor.userId === userId) throw new ConflictError(OWN_ACCOUNT)
    if (member.roles.includes('administrator') && administrators.every((id) => id === userId)) {
      throw new ConflictError(LAST_ADMINISTRATOR)
    }
    await tx
      .delete(staffAssignment)
      .where(and(eq(staffAssignment.userId, userId), eq(staffAssignment.institutionId, institutionId)))
    const assistedEnded = await endAssistedSessions(tx, institutionId, userId, ctx.now)
    const sessions = await tx.delete(authSession).where(eq(authSession.userId, userId)).returning({ id: authSession.id })
    const [{ value: rolesElsewhere } = { value: 0 }] = await tx
      .select({ value: count() })
      .from(staffAssignment)
      .where(eq(staffAssignment.userId, userId))
    if (rolesElsewhere === 0) {
      await tx
        .update(accountToken)
        .set({ usedAt: ctx.now })
        .where(and(eq(accountToken.userId, userId), eq(accountToken.purpose, 'set_password'), isNull(accountToken.usedAt)))
    }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'staff.deactivate',
      entityType: 'user_account',
      entityId: userId,
      institutionId,
      before: { email: member.email, roles: member.roles },
      after: { roles: [], sessionsEnded: sessions.length, assistedSessionsEnded: assistedEnded, rolesElsewhere },
    })
    return { sessionsEnded: sessions.length, rolesElsewhere }
  })
}
