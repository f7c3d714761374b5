import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { DbOrTx } from '../db/client'
import { plenary } from '../db/schema'
import { NotFoundError } from '../errors'
import { loadBatch, type BatchWithProgramme } from '../registrations/registrationChecks'

// Shared by the selection use cases (SOP steps 6–8): a batch id from a URL or a form, and
// the batch it names.

/** A batch id: malformed ids are simply "not found" and never reach the uuid column. */
export const batchIdSchema = z.uuid('Gelombang tidak ditemukan.')

export async function loadSelectionBatch(db: DbOrTx, batchId: unknown): Promise<BatchWithProgramme> {
  const parsed = batchIdSchema.safeParse(batchId)
  if (!parsed.success) throw new NotFoundError('Gelombang tidak ditemukan.')
  const found = await loadBatch(db, parsed.data)
  if (!found) throw new NotFoundError('Gelombang tidak ditemukan.')
  return found
}

/** Whether the batch's plenary has been finalised (its weights are then fixed). */
export async function plenaryFinalised(db: DbOrTx, batchId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: plenary.id })
    .from(plenary)
    .where(and(eq(plenary.batchId, batchId), eq(plenary.status, 'finalised')))
  return row !== undefined
}
