import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { StaffRole } from '../auth/actor'
import { actorId } from '../auth/actor'
import { authorize } from '../auth/permissions'
import { issueAccountToken } from '../auth/tokens'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { staffAssignment, userAccount } from '../db/schema'
import { ConflictError, isUniqueViolation } from '../errors'
import { enqueueMail } from '../mail/sendMail'
import { parseInput } from '../validation'
import { displayNameSchema, emailSchema, institutionIdSchema, rolesSchema } from './input'
import { findInstitution } from './records'
import { setPasswordLink, staffAccessMail, staffInvitationMail } from './staffMails'

export const CANDIDATE_EMAIL =
  'E-mail ini dipakai akun calon peserta. Staf memakai alamat e-mail lain, misalnya e-mail kantor.'
export const ALREADY_STAFF = 'Orang ini sudah menjadi staf lembaga ini. Ubah perannya dari daftar staf.'

const Input = z.object({
  institutionId: institutionIdSchema,
  email: emailSchema,
  displayName: displayNameSchema,
  roles: rolesSchema,
})

export interface InviteResult {
  userId: string
  /** A new account was made (else an existing staff account got roles here). */
  created: boolean
  /**
   * The one-time set-password link, when the person has no password yet. Only the
   * command-line tool prints it (the operator provisioning the first administrator);
   * the administrator's page never shows it, the mail carries it.
   */
  setPasswordLink: string | null
}

/**
 * An administrator invites someone as staff of their institution with one or more roles.
 * A new person gets an account without a password and a mail with a one-time link (7 days)
 * to set one; staff of another institution get the roles and a mail saying so. A
 * candidate's e-mail is refused (one account per person, and a candidate account is not
 * a staff account). A repeated submit finds the roles already given and changes nothing.
 */
export async function inviteStaff(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<InviteResult> {
  const { institutionId, email, displayName, roles } = parseInput(Input, input)
  authorize(ctx.actor, 'staff.manage', { institutionId })
  const inviter = ctx.actor.kind === 'staff' ? ctx.actor.displayName : null
  try {
    return await ctx.db.transaction(async (tx) => {
      const place = await findInstitution(tx, institutionId)
      const [existing] = await tx
        .select({ id: userAccount.id, kind: userAccount.kind, displayName: userAccount.displayName, passwordHash: userAccount.passwordHash })
        .from(userAccount)
        .where(sql`lower(${userAccount.email}) = ${email}`)
        .for('update')
      if (existing?.kind === 'candidate') throw new ConflictError(CANDIDATE_EMAIL, { email: [CANDIDATE_EMAIL] })
      if (existing) {
        const [held] = await tx
          .select({ role: staffAssignment.role })
          .from(staffAssignment)
          .where(and(eq(staffAssignment.userId, existing.id), eq(staffAssignment.institutionId, institutionId)))
          .limit(1)
        if (held) throw new ConflictError(ALREADY_STAFF, { email: [ALREADY_STAFF] })
      }
      const account =
        existing ??
        (
          await tx
            .insert(userAccount)
            .values({ email, kind: 'staff', displayName, passwordHash: null, createdAt: ctx.now, createdBy: actorId(ctx.actor) })
            .returning({ id: userAccount.id, kind: userAccount.kind, displayName: userAccount.displayName, passwordHash: userAccount.passwordHash })
        )[0]!
      await tx.insert(staffAssignment).values(roles.map((role: StaffRole) => ({ userId: account.id, institutionId, role })))

      let link: string | null = null
      if (account.passwordHash === null) {
        link = setPasswordLink(await issueAccountToken(tx, { userId: account.id, purpose: 'set_password', now: ctx.now }))
        await enqueueMail(
          tx,
          staffInvitationMail({ to: email, name: account.displayName, institutionName: place.name, roles, invitedBy: inviter, link }),
          ctx.now,
          { institutionId },
        )
      } else {
        await enqueueMail(
          tx,
          staffAccessMail({ to: email, name: account.displayName, institutionName: place.name, roles, invitedBy: inviter }),
          ctx.now,
          { institutionId },
        )
      }
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'staff.invite',
        entityType: 'user_account',
        entityId: account.id,
        institutionId,
        after: { email, displayName: account.displayName, roles, newAccount: !existing, setPasswordLinkSent: link !== null },
      })
      return { userId: account.id, created: !existing, setPasswordLink: link }
    })
  } catch (error) {
    // Two submits at once: the e-mail index or the assignment key decides; the other one
    // sees the person already invited.
    if (isUniqueViolation(error, 'user_account_email_key') || isUniqueViolation(error, 'staff_assignment_user_id_institution_id_role_pk')) {
      throw new ConflictError(ALREADY_STAFF, { email: [ALREADY_STAFF] })
    }
    throw error
  }
}
