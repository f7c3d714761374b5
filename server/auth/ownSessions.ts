import { z } from 'zod'
import type { UseCaseContext } from '../context'
import { ForbiddenError, NotFoundError } from '../errors'
import { parseInput } from '../validation'
import type { Actor } from './actor'
import { endOwnSessions as endSessions, listUserSessions, type SessionSummary } from './sessions'

// One's own sign-in sessions (/akun/sesi, docs/decisions/019): anyone signed in, candidate
// or staff, sees theirs and ends the others. No permission-table entry: it is always and
// only one's own — every query is bound to the actor's user id.

function signedIn(ctx: UseCaseContext): Actor {
  if (ctx.actor.kind === 'system') throw new ForbiddenError()
  return ctx.actor
}

export function listOwnSessions(ctx: UseCaseContext): Promise<SessionSummary[]> {
  const actor = signedIn(ctx)
  return listUserSessions(ctx.db, { userId: actor.userId, currentSessionId: actor.authSessionId, now: ctx.now })
}

const Input = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('end'), session: z.uuid('Sesi tidak ditemukan.') }),
    z.object({ intent: z.literal('end-others') }),
  ],
  { error: 'Tindakan tidak dikenal.' },
)

/**
 * End one of one's other sessions, or all of them (never the current one: that is
 * sign-out). Ending one that has already ended (a second click) says so; ending "all
 * others" again ends nothing more. Audited; an assisted session opened in an ended
 * session ends with it.
 */
export async function endOwnSessions(ctx: UseCaseContext, input: unknown): Promise<{ ended: number }> {
  const actor = signedIn(ctx)
  const valid = parseInput(Input, input)
  const ended = await endSessions(ctx.db, actor, ctx.now, valid.intent === 'end' ? { publicId: valid.session } : 'others')
  if (valid.intent === 'end' && ended === 0) throw new NotFoundError('Sesi itu sudah berakhir atau bukan milik Anda.')
  return { ended }
}
