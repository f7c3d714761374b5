import { desc, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { isActiveState, isRegistrationState, STATE_LABELS } from '../../domain/registrationStates'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { accountClosureRequest, candidateProfile, registration, userAccount } from '../db/schema'
import { maskEmail } from '../kiosk/maskEmail'
import { parseInput } from '../validation'

const Input = z.object({ institutionId: z.uuid('Lembaga tidak dikenal.') })

export interface ClosureListItem {
  id: string
  name: string
  emailMasked: string
  reason: string
  requestedAt: Date
  status: string
  completedAt: Date | null
  keptRegistrations: string[]
  keptUntil: string | null
  withdrawn: string[]
  /** Open requests: the registrations still active, which completing will end. */
  activeRegistrations: Array<{ number: string; state: string; label: string }>
}

/**
 * Closure requests for an administrator (decision 023): open ones first (oldest first, they
 * are due first), then the last 50 completed. Accounts belong to the whole installation,
 * like the job queue, so any administrator sees them; e-mails are masked.
 */
export async function listAccountClosures(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<{ open: ClosureListItem[]; completed: ClosureListItem[] }> {
  const { institutionId } = parseInput(Input, input)
  authorize(ctx.actor, 'account.completeClosure', { institutionId })
  const rows = await ctx.db
    .select({ request: accountClosureRequest, email: userAccount.email, displayName: userAccount.displayName, fullName: candidateProfile.fullName })
    .from(accountClosureRequest)
    .innerJoin(userAccount, eq(userAccount.id, accountClosureRequest.userId))
    .leftJoin(candidateProfile, eq(candidateProfile.userId, accountClosureRequest.userId))
    .orderBy(desc(accountClosureRequest.requestedAt))
    .limit(500)
  const openRows = rows.filter((r) => r.request.status === 'requested').reverse()
  const completedRows = rows.filter((r) => r.request.status === 'completed').slice(0, 50)
  const userIds = openRows.map((r) => r.request.userId)
  const regs = userIds.length
    ? await ctx.db
        .select({ candidateId: registration.candidateId, number: registration.number, state: registration.state })
        .from(registration)
        .where(inArray(registration.candidateId, userIds))
    : []
  const item = (r: (typeof rows)[number]): ClosureListItem => ({
    id: r.request.id,
    name: r.fullName ?? r.displayName,
    emailMasked: r.request.status === 'completed' ? '—' : maskEmail(r.email),
    reason: r.request.reason,
    requestedAt: r.request.requestedAt,
    status: r.request.status,
    completedAt: r.request.completedAt,
    keptRegistrations: r.request.kept?.registrations ?? [],
    keptUntil: r.request.keptUntil,
    withdrawn: r.request.kept?.withdrawn ?? [],
    activeRegistrations: regs
      .filter((g) => g.candidateId === r.request.userId && isRegistrationState(g.state) && isActiveState(g.state))
      .map((g) => ({ number: g.number, state: g.state, label: isRegistrationState(g.state) ? STATE_LABELS[g.state].id : g.state })),
  })
  return { open: openRows.map(item), completed: completedRows.map(item) }
}
