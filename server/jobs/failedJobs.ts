import { and, desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../audit'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { job } from '../db/schema'
import { ConflictError, isUniqueViolation, NotFoundError } from '../errors'
import { maskEmail } from '../kiosk/maskEmail'
import { parseInput } from '../validation'
import { payloadCleared } from './queue'

/**
 * Failed jobs, for the administrators' page (/admin/antrean). The queue belongs to the
 * whole deployment, not to one institution: an administrator of any institution sees it,
 * so the list shows no personal data — a mail's recipient is masked, its body never
 * shown, and addresses in SMTP error texts are masked too.
 */
export interface FailedJobView {
  id: number
  name: string
  /** For mail: the masked recipient and the subject. */
  mail: { to: string; subject: string } | null
  attempts: number
  maxAttempts: number
  lastError: string
  failedAt: Date | null
  createdAt: Date
  /** Its payload was cleared after the retention: it can no longer be retried. */
  retryable: boolean
}

export const FAILED_JOBS_SHOWN = 200

const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[^\s<>"'(),;:]+/g

export async function listFailedJobs(ctx: UseCaseContext, input: { institutionId: string }): Promise<FailedJobView[]> {
  authorize(ctx.actor, 'jobs.manage', { institutionId: input.institutionId })
  const rows = await ctx.db
    .select()
    .from(job)
    .where(eq(job.status, 'failed'))
    .orderBy(desc(job.finishedAt), desc(job.id))
    .limit(FAILED_JOBS_SHOWN)
  return rows.map((row) => {
    const payload = row.payload as Record<string, unknown>
    const isMail = row.name === 'mail.send' && typeof payload.to === 'string'
    return {
      id: row.id,
      name: row.name,
      mail: isMail ? { to: maskEmail(payload.to as string), subject: String(payload.subject ?? '') } : null,
      attempts: row.attempts,
      maxAttempts: row.maxAttempts,
      lastError: (row.lastError ?? '').replace(EMAIL, (address) => maskEmail(address)),
      failedAt: row.finishedAt,
      createdAt: row.createdAt,
      retryable: !payloadCleared(row.payload),
    }
  })
}

const RetryInput = z.object({
  institutionId: z.string().min(1),
  jobId: z.coerce.number({ error: 'Tugas tidak ditemukan.' }).int('Tugas tidak ditemukan.').positive('Tugas tidak ditemukan.').max(Number.MAX_SAFE_INTEGER, 'Tugas tidak ditemukan.'),
})

/**
 * Put a failed job back in the queue, due now, with its full number of attempts again.
 * Only a failed job with its payload still kept; a second click finds it pending and
 * changes nothing.
 */
export async function retryFailedJob(ctx: UseCaseContext, input: { institutionId: string; jobId: unknown }): Promise<{ retried: boolean }> {
  const { institutionId, jobId } = parseInput(RetryInput, input)
  authorize(ctx.actor, 'jobs.manage', { institutionId })
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(job).where(eq(job.id, jobId)).for('update')
    if (!row) throw new NotFoundError('Tugas tidak ditemukan.')
    if (row.status !== 'failed') return { retried: false }
    if (payloadCleared(row.payload)) {
      throw new ConflictError('Isi tugas ini sudah dihapus setelah masa simpannya, jadi tidak dapat diulang. Minta pengguna mengulang permintaannya.')
    }
    try {
      await tx
        .update(job)
        .set({ status: 'pending', attempts: 0, runAt: ctx.now, lockedUntil: null, finishedAt: null })
        .where(and(eq(job.id, jobId), eq(job.status, 'failed')))
    } catch (error) {
      // A job with the same singleton key is already waiting: that one will do the work.
      if (isUniqueViolation(error)) throw new ConflictError('Tugas yang sama sudah menunggu di antrean.')
      throw error
    }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'job.retry',
      entityType: 'job',
      entityId: String(jobId),
      institutionId,
      before: { status: 'failed', attempts: row.attempts, lastError: row.lastError },
      after: { status: 'pending' },
    })
    return { retried: true }
  })
}
