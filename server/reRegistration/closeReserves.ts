import { and, eq, inArray } from 'drizzle-orm'
import type { PlenaryOutcome } from '../../domain/ranking'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { registration } from '../db/schema'
import { ConflictError } from '../errors'
import { authorizedBatch } from '../plenary/access'
import { recordPlenaryAmendment } from '../plenary/recordAmendment'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { lockBatchForPlaces } from './forfeitAndPromote'
import { isReRegistrationClosed, loadBatchReRegistrationRows } from './getBatchReRegistration'
import { changesPublicContent } from '../publicContent'

/**
 * When re-registration has closed (the deadline passed and nobody is pending), the
 * committee releases the reserves still waiting (close_reserve): their registration ends
 * as not passed, recorded as one amendment of the plenary. Under the batch lock, so no
 * promotion runs meanwhile; a second click finds nobody left and changes nothing.
 */
export async function closeReserves(ctx: UseCaseContext, input: { batchId: unknown }): Promise<{ released: number }> {
  const b = await authorizedBatch(ctx, input.batchId, 'reRegistration.manage')
  return changesPublicContent(ctx.db.transaction(async (tx) => {
    await lockBatchForPlaces(tx, b.batch.id)
    const rows = await loadBatchReRegistrationRows(tx, b.batch.id)
    if (!isReRegistrationClosed(b.batch.reRegistrationDeadline, rows, ctx.now)) {
      throw new ConflictError(
        `Daftar ulang belum selesai (batas ${formatZonedDateTime(b.batch.reRegistrationDeadline, b.institution.timeZone)}, atau masih ada yang belum daftar ulang); cadangan belum dapat dilepas.`,
      )
    }
    const reserves = await tx
      .select({ id: registration.id })
      .from(registration)
      .where(and(eq(registration.batchId, b.batch.id), inArray(registration.state, ['reserve'])))
    if (reserves.length === 0) return { released: 0 }
    const changes = new Map<string, PlenaryOutcome>()
    for (const r of reserves) {
      await transitionRegistration(tx, ctx, { registrationId: r.id, action: 'close_reserve', data: { reason: 'Daftar ulang ditutup.' } })
      changes.set(r.id, 'not_passed')
    }
    await recordPlenaryAmendment(tx, ctx, {
      batchId: b.batch.id,
      institutionId: b.batch.institutionId,
      changes,
      reason: 'Daftar ulang ditutup; calon cadangan yang tersisa dilepas.',
    })
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'reRegistration.closeReserves',
      entityType: 'batch',
      entityId: b.batch.id,
      institutionId: b.batch.institutionId,
      after: { released: reserves.length },
    })
    return { released: reserves.length }
  }))
}
