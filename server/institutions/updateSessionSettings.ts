import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { institution } from '../db/schema'
import { NotFoundError } from '../errors'
import { parseInput } from '../validation'

/** The bounds an administrator may set (minutes): long enough to fill a form, at most a working day. */
export const IDLE_MINUTES_MIN = 5
export const IDLE_MINUTES_MAX = 480

const minutes = (label: string) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .min(1, `${label} wajib diisi.`)
    .regex(/^\d{1,4}$/, `${label} ditulis sebagai bilangan bulat menit, mis. 30.`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(IDLE_MINUTES_MIN, `${label} paling singkat ${IDLE_MINUTES_MIN} menit.`)
        .max(IDLE_MINUTES_MAX, `${label} paling lama ${IDLE_MINUTES_MAX} menit (8 jam).`),
    )

const Input = z.object({
  institutionId: z.uuid('Lembaga tidak dikenal.'),
  staffIdleMinutes: minutes('Batas tidak aktif untuk staf'),
  kioskIdleMinutes: minutes('Batas tidak aktif untuk petugas kios'),
})

export interface SessionSettings {
  institutionId: string
  staffIdleMinutes: number
  kioskIdleMinutes: number
}

/** An institution's idle periods, for its administrators (docs/decisions/019). */
export async function getSessionSettings(ctx: UseCaseContext, input: { institutionId: string }): Promise<SessionSettings> {
  authorize(ctx.actor, 'institution.configureSessions', { institutionId: input.institutionId })
  const [row] = await ctx.db
    .select({ staffIdleMinutes: institution.staffIdleMinutes, kioskIdleMinutes: institution.kioskIdleMinutes })
    .from(institution)
    .where(eq(institution.id, input.institutionId))
  if (!row) throw new NotFoundError('Lembaga tidak ditemukan.')
  return { institutionId: input.institutionId, ...row }
}

/**
 * Change how long staff sessions of the institution may stay idle: for staff, and the
 * (usually shorter) period for kiosk officers at a shared desk. Takes effect at each
 * session's next request. Audited with the old and new values.
 */
export async function updateSessionSettings(
  ctx: UseCaseContext,
  input: { institutionId: string; staffIdleMinutes: unknown; kioskIdleMinutes: unknown },
): Promise<SessionSettings> {
  const valid = parseInput(Input, input)
  authorize(ctx.actor, 'institution.configureSessions', { institutionId: valid.institutionId })
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ staffIdleMinutes: institution.staffIdleMinutes, kioskIdleMinutes: institution.kioskIdleMinutes })
      .from(institution)
      .where(eq(institution.id, valid.institutionId))
      .for('update')
    if (!before) throw new NotFoundError('Lembaga tidak ditemukan.')
    const after = { staffIdleMinutes: valid.staffIdleMinutes, kioskIdleMinutes: valid.kioskIdleMinutes }
    if (before.staffIdleMinutes === after.staffIdleMinutes && before.kioskIdleMinutes === after.kioskIdleMinutes) {
      return { institutionId: valid.institutionId, ...after }
    }
    await tx.update(institution).set(after).where(eq(institution.id, valid.institutionId))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'institution.sessions.update',
      entityType: 'institution',
      entityId: valid.institutionId,
      institutionId: valid.institutionId,
      before,
      after,
    })
    return { institutionId: valid.institutionId, ...after }
  })
}
