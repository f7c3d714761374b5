import { z } from 'zod'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { parseInput } from '../validation'
import { institutionIdSchema, userIdSchema } from './input'
import { findMember, membersOf, type StaffMember } from './records'

export type { StaffMember }

/** The institution's staff with their roles there, for the administrator's staff page. */
export async function listStaff(ctx: UseCaseContext, input: { institutionId: string }): Promise<StaffMember[]> {
  const { institutionId } = parseInput(z.object({ institutionId: institutionIdSchema }), input)
  authorize(ctx.actor, 'staff.manage', { institutionId })
  return membersOf(ctx.db, institutionId)
}

/** One staff member of the institution (404 for anyone else, staff of other institutions included). */
export async function getStaffMember(ctx: UseCaseContext, input: { institutionId: string; userId: string }): Promise<StaffMember> {
  const { institutionId, userId } = parseInput(z.object({ institutionId: institutionIdSchema, userId: userIdSchema }), input)
  authorize(ctx.actor, 'staff.manage', { institutionId })
  return findMember(ctx.db, institutionId, userId)
}
