import { and, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { staffAssignment } from '../db/schema'
import { ConflictError } from '../errors'
import { parseInput } from '../validation'
import { institutionIdSchema, rolesSchema, userIdSchema } from './input'
import { endAssistedSessions, findMember, lockAdministrators } from './records'

export const LAST_ADMINISTRATOR = 'Lembaga harus punya setidaknya satu administrator. Undang atau tetapkan administrator lain lebih dulu.'
export const OWN_ADMINISTRATOR_ROLE = 'Anda tidak dapat melepas peran administrator Anda sendiri; minta administrator lain melakukannya.'

const Input = z.object({ institutionId: institutionIdSchema, userId: userIdSchema, roles: rolesSchema })

/**
 * Replace a staff member's roles in one institution. Roles are read afresh on every
 * request, so a removed role stops working at the person's next click; a kiosk officer
 * who loses the role also loses any open assisted session. The institution keeps at
 * least one administrator, and nobody removes their own administrator role.
 */
export async function changeStaffRoles(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<{ changed: boolean }> {
  const { institutionId, userId, roles } = parseInput(Input, input)
  authorize(ctx.actor, 'staff.manage', { institutionId })
  return ctx.db.transaction(async (tx) => {
    const administrators = await lockAdministrators(tx, institutionId)
    const member = await findMember(tx, institutionId, userId)
    const removed = member.roles.filter((r) => !roles.includes(r))
    const added = roles.filter((r) => !member.roles.includes(r))
    if (removed.length === 0 && added.length === 0) return { changed: false }
    if (removed.includes('administrator')) {
      if (ctx.actor.kind === 'staff' && ctx.actor.userId === userId) {
        throw new ConflictError(OWN_ADMINISTRATOR_ROLE, { roles: [OWN_ADMINISTRATOR_ROLE] })
      }
      if (administrators.every((id) => id === userId)) throw new ConflictError(LAST_ADMINISTRATOR, { roles: [LAST_ADMINISTRATOR] })
    }
    if (removed.length > 0) {
      await tx
        .delete(staffAssignment)
        .where(
          and(
            eq(staffAssignment.userId, userId),
            eq(staffAssignment.institutionId, institutionId),
            inArray(staffAssignment.role, removed),
          ),
        )
    }
    if (added.length > 0) {
      await tx
        .insert(staffAssignment)
        .values(added.map((role) => ({ userId, institutionId, role })))
        .onConflictDoNothing()
    }
    const assistedEnded = removed.includes('kiosk_officer') ? await endAssistedSessions(tx, institutionId, userId, ctx.now) : 0
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'staff.changeRoles',
      entityType: 'user_account',
      entityId: userId,
      institutionId,
      before: { roles: member.roles },
      after: { roles, assistedSessionsEnded: assistedEnded },
    })
    return { changed: true }
  })
}
