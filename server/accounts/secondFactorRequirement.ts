import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../audit'
import type { StaffRole } from '../auth/actor'
import { authorize } from '../auth/permissions'
import { deleteUserSessions } from '../auth/sessions'
import type { UseCaseContext } from '../context'
import { institution, secondFactor, staffAssignment, userAccount } from '../db/schema'
import { ConflictError, NotFoundError } from '../errors'
import { parseInput } from '../validation'
import { hasSecondFactor, SECOND_FACTOR_ROLES } from './secondFactor'

// An institution's rule that its administrators and committee members sign in with a
// second factor (docs/decisions/020).

export const ENROL_YOURSELF_FIRST =
  'Aktifkan dulu verifikasi dua langkah untuk akun Anda sendiri, agar Anda tidak terkunci setelah kewajiban ini berlaku.'

const InstitutionInput = z.object({ institutionId: z.uuid('Lembaga tidak dikenal.') })

export interface SecondFactorRequirementView {
  institution: { id: string; name: string }
  required: boolean
  /** The administrators and committee members, and whether each has the second factor on. */
  members: Array<{ userId: string; displayName: string; email: string; roles: StaffRole[]; enabled: boolean }>
}

export async function getSecondFactorRequirement(ctx: UseCaseContext, input: { institutionId: string }): Promise<SecondFactorRequirementView> {
  const { institutionId } = parseInput(InstitutionInput, input)
  authorize(ctx.actor, 'institution.requireSecondFactor', { institutionId })
  const [row] = await ctx.db
    .select({ id: institution.id, name: institution.name, required: institution.requireSecondFactor })
    .from(institution)
    .where(eq(institution.id, institutionId))
  if (!row) throw new NotFoundError('Lembaga tidak ditemukan.')
  const assignments = await ctx.db
    .select({
      userId: userAccount.id,
      displayName: userAccount.displayName,
      email: userAccount.email,
      role: staffAssignment.role,
      enabledAt: secondFactor.enabledAt,
    })
    .from(staffAssignment)
    .innerJoin(userAccount, eq(userAccount.id, staffAssignment.userId))
    .leftJoin(secondFactor, eq(secondFactor.userId, userAccount.id))
    .where(and(eq(staffAssignment.institutionId, institutionId), inArray(staffAssignment.role, [...SECOND_FACTOR_ROLES])))
    .orderBy(asc(userAccount.displayName), asc(userAccount.email))
  const members = new Map<string, SecondFactorRequirementView['members'][number]>()
  for (const a of assignments) {
    const member = members.get(a.userId) ?? { userId: a.userId, displayName: a.displayName, email: a.email, roles: [], enabled: !!a.enabledAt }
    member.roles.push(a.role)
    members.set(a.userId, member)
  }
  return { institution: { id: row.id, name: row.name }, required: row.required, members: [...members.values()] }
}

const SetInput = z.object({
  institutionId: z.uuid('Lembaga tidak dikenal.'),
  required: z.boolean({ error: 'Pilih wajib atau tidak wajib.' }),
})

/**
 * Require (or stop requiring) the second factor for the institution's administrators and
 * committee members. Turning it on needs the administrator's own second factor first, and
 * ends the sessions of those who have none, so their next sign-in leads to enrolment.
 * Setting what is already set changes nothing (a repeated submit).
 */
export async function setSecondFactorRequirement(
  ctx: UseCaseContext,
  input: { institutionId: string; required: boolean },
): Promise<{ changed: boolean; sessionsEnded: number }> {
  const { institutionId, required } = parseInput(SetInput, input)
  authorize(ctx.actor, 'institution.requireSecondFactor', { institutionId })
  if (required && ctx.actor.kind === 'staff' && !(await hasSecondFactor(ctx.db, ctx.actor.userId))) {
    throw new ConflictError(ENROL_YOURSELF_FIRST, { required: [ENROL_YOURSELF_FIRST] })
  }
  const ended = await ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ required: institution.requireSecondFactor })
      .from(institution)
      .where(eq(institution.id, institutionId))
      .for('update')
    if (!current) throw new NotFoundError('Lembaga tidak ditemukan.')
    if (current.required === required) return null
    await tx.update(institution).set({ requireSecondFactor: required }).where(eq(institution.id, institutionId))
    let usersEnded: string[] = []
    if (required) {
      const withFactor = tx.select({ userId: secondFactor.userId }).from(secondFactor).where(isNotNull(secondFactor.enabledAt))
      const members = await tx
        .selectDistinct({ userId: staffAssignment.userId })
        .from(staffAssignment)
        .where(and(eq(staffAssignment.institutionId, institutionId), inArray(staffAssignment.role, [...SECOND_FACTOR_ROLES])))
      const enabled = new Set((await withFactor).map((r) => r.userId))
      usersEnded = members.map((r) => r.userId).filter((id) => !enabled.has(id))
      for (const userId of usersEnded) await deleteUserSessions(tx, userId, ctx.now)
    }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'institution.secondFactorRequirement',
      entityType: 'institution',
      entityId: institutionId,
      institutionId,
      before: { required: current.required },
      after: { required, signedOut: usersEnded.length },
    })
    return usersEnded.length
  })
  return { changed: ended !== null, sessionsEnded: ended ?? 0 }
}
