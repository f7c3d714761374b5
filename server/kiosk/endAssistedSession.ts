import { and, eq, isNull } from 'drizzle-orm'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { assistedSession } from '../db/schema'
import { ForbiddenError } from '../errors'

/**
 * The hand-off: the officer stops acting for the candidate. Any staff member may end
 * their own open session (even one whose kiosk role was withdrawn meanwhile, so it
 * cannot stay open); with none open it does nothing.
 */
export async function endAssistedSession(
  ctx: UseCaseContext,
): Promise<{ ended: boolean; candidateId: string | null }> {
  const officer = ctx.actor
  if (officer.kind !== 'staff') throw new ForbiddenError()
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(assistedSession)
      .set({ endedAt: ctx.now })
      .where(and(eq(assistedSession.officerId, officer.userId), isNull(assistedSession.endedAt)))
      .returning({
        id: assistedSession.id,
        candidateId: assistedSession.candidateId,
        institutionId: assistedSession.institutionId,
        startedAt: assistedSession.startedAt,
      })
    if (!row) return { ended: false, candidateId: null }
    await recordAudit(tx, officer, ctx.now, {
      action: 'kiosk.session.end',
      entityType: 'assisted_session',
      entityId: row.id,
      institutionId: row.institutionId,
      onBehalfOfId: row.candidateId,
      before: { startedAt: row.startedAt.toISOString() },
      after: { endedAt: ctx.now.toISOString() },
    })
    return { ended: true, candidateId: row.candidateId }
  })
}
