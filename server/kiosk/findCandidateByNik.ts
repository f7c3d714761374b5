import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { parseNik } from '../../domain/nik'
import { recordAudit } from '../audit'
import { authorize } from '../auth/permissions'
import { keyedHash } from '../auth/crypto'
import type { UseCaseContext } from '../context'
import { candidateProfile, userAccount } from '../db/schema'
import { ForbiddenError, ValidationError } from '../errors'
import { findOpenSession, finishOtherSessionFirst } from './assistedSessionStore'
import { maskEmail } from './maskEmail'
import { issueSearchToken } from './searchToken'

const Input = z.object({
  institutionId: z.uuid(),
  nik: z.string(),
})

export interface KioskCandidateMatch {
  candidateId: string
  fullName: string
  nikMasked: string
  birthDate: string | null
  emailMasked: string
  hasPassword: boolean
  emailVerified: boolean
  /** Lets this officer start the assisted session for, or reassign the NIK of, this account (searchToken.ts). */
  startToken: string
}

/**
 * SOP step 2: the kiosk officer looks up a walk-in by the NIK on their KTP. Shows only
 * what the hand-off needs (masked NIK and e-mail). Audited, found or not, because it
 * reveals personal data to staff.
 */
export async function findCandidateByNik(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<KioskCandidateMatch | null> {
  const { institutionId, nik } = Input.parse(input)
  authorize(ctx.actor, 'kiosk.assist', { institutionId })
  const officer = ctx.actor
  if (officer.kind !== 'staff') throw new ForbiddenError()

  const parsed = parseNik(nik, { today: ctx.now })
  if (!parsed.ok) throw new ValidationError({ nik: [parsed.message] })

  return ctx.db.transaction(async (tx) => {
    // One candidate on the screen at a time: no look-ups while helping someone.
    const open = await findOpenSession(tx, officer.userId)
    if (open) throw finishOtherSessionFirst(open)

    const [row] = await tx
      .select({
        candidateId: userAccount.id,
        fullName: candidateProfile.fullName,
        nikMasked: candidateProfile.nikMasked,
        birthDate: candidateProfile.birthDate,
        email: userAccount.email,
        passwordHash: userAccount.passwordHash,
        emailVerifiedAt: userAccount.emailVerifiedAt,
      })
      .from(candidateProfile)
      .innerJoin(userAccount, eq(userAccount.id, candidateProfile.userId))
      .where(and(eq(candidateProfile.nikHash, keyedHash(parsed.value.nik)), eq(userAccount.kind, 'candidate')))

    await recordAudit(tx, officer, ctx.now, {
      action: 'kiosk.candidate.lookup',
      entityType: 'candidate_profile',
      entityId: row?.candidateId ?? null,
      institutionId,
      onBehalfOfId: row?.candidateId ?? null,
      after: { found: !!row, nikMasked: row?.nikMasked ?? null },
    })

    if (!row) return null
    return {
      candidateId: row.candidateId,
      fullName: row.fullName,
      nikMasked: row.nikMasked,
      birthDate: row.birthDate,
      emailMasked: maskEmail(row.email),
      hasPassword: row.passwordHash !== null,
      emailVerified: row.emailVerifiedAt !== null,
      startToken: issueSearchToken({ officerId: officer.userId, candidateId: row.candidateId, now: ctx.now }),
    }
  })
}
