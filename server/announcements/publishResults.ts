import { z } from 'zod'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { loadSelectionBatch } from '../selection/selectionBatch'
import { parseInput } from '../validation'
import { announceLocked, type AnnounceOutcome } from './announce'
import { changesPublicContent } from '../publicContent'

const Input = z.object({ batchId: z.string({ error: 'Gelombang tidak ditemukan.' }) })

/**
 * SOP step 9, at once: the committee announces the batch's finalised plenary (its latest
 * snapshot). Candidates are told by the results.notify job, each exactly once.
 */
export async function publishResults(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<AnnounceOutcome> {
  const { batchId } = parseInput(Input, input, { field: 'batchId' })
  const found = await loadSelectionBatch(ctx.db, batchId)
  authorize(ctx.actor, 'results.announce', { institutionId: found.batch.institutionId })
  return changesPublicContent(ctx.db.transaction((tx) => announceLocked(tx, ctx, found.batch.id, found.institution.timeZone)))
}
