import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { actorId } from '../auth/actor'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { batch, batchAssessment, writtenTestResult } from '../db/schema'
import { ConflictError, NotFoundError } from '../errors'
import { enqueueMail } from '../mail/sendMail'
import { batchLabel } from '../registrations/batchLabel'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { parseInput } from '../validation'
import { loadSelectionBatch } from './selectionBatch'
import { writtenTestResultMail } from './writtenTestMail'
import { countedWrittenTests, loadBatchRegistrations, writtenTestPassed } from './writtenTestScores'

const Input = z.object({ batchId: z.string({ error: 'Gelombang tidak ditemukan.' }) })

// The mail job's own check of an address; an address it would refuse gets no mail
// rather than failing the whole publication.
const MailAddress = z.string().email()

export interface PublishWrittenTestResult {
  publishedAt: Date
  passed: number
  failed: number
  mailed: number
}

/**
 * SOP step 6: publish a batch's written-test results. In one transaction with the batch
 * row locked: every registration in 'assessed' gets its published result (score, pass
 * mark, attempt), moves to written_test_passed or written_test_failed through the
 * transition table (the event carries the score for Aktivitas), and gets one e-mail,
 * enqueued in the same transaction; then the batch is marked published. A second
 * publication — after the first, concurrent with it, or a retry — finds the batch
 * published under the lock and changes nothing, so nobody is mailed twice.
 */
export async function publishWrittenTestResults(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<PublishWrittenTestResult> {
  const { batchId } = parseInput(Input, input, { field: 'batchId' })
  const found = await loadSelectionBatch(ctx.db, batchId)
  authorize(ctx.actor, 'writtenTest.publish', { institutionId: found.batch.institutionId })
  const timeZone = found.institution.timeZone
  const id = found.batch.id

  return ctx.db.transaction(async (tx) => {
    const [b] = await tx.select().from(batch).where(eq(batch.id, id)).for('update')
    if (!b) throw new NotFoundError('Gelombang tidak ditemukan.')
    if (b.writtenTestPublishedAt) {
      throw new ConflictError(
        `Hasil tes tulis gelombang ini sudah diumumkan pada ${formatZonedDateTime(b.writtenTestPublishedAt, timeZone)}. Tidak ada yang diubah dan tidak ada e-mail yang dikirim ulang.`,
      )
    }
    if (ctx.now.getTime() < b.assessmentDeadline.getTime()) {
      throw new ConflictError(
        `Hasil tes tulis baru dapat diumumkan setelah batas asesmen, ${formatZonedDateTime(b.assessmentDeadline, timeZone)}.`,
      )
    }
    const [config] = await tx
      .select({ passMark: batchAssessment.passMark })
      .from(batchAssessment)
      .where(and(eq(batchAssessment.batchId, id), eq(batchAssessment.kind, 'written_test')))
    const passMark = config?.passMark ?? null
    if (passMark === null) {
      throw new ConflictError(
        'Nilai batas lulus tes tulis gelombang ini belum diatur. Minta administrator mengaturnya di Pengaturan asesmen gelombang, lalu umumkan.',
      )
    }

    const assessed = (await loadBatchRegistrations(tx, id)).filter((r) => r.state === 'assessed')
    const scores = await countedWrittenTests(tx, {
      batchId: id,
      deadline: b.assessmentDeadline,
      timeZone,
      registrations: assessed,
    })
    const missing = assessed.filter((r) => !scores.has(r.registrationId))
    if (missing.length > 0) {
      throw new ConflictError(
        `Nilai tes tulis tidak ditemukan untuk ${missing.length} pendaftaran berstatus Asesmen selesai (${missing
          .slice(0, 5)
          .map((r) => r.number)
          .join(', ')}). Periksa laporan asesmen gelombang; tidak ada yang diumumkan.`,
      )
    }

    let passed = 0
    let mailed = 0
    for (const r of assessed) {
      const counted = scores.get(r.registrationId)!
      const ok = writtenTestPassed(counted.score, passMark)
      if (ok) passed++
      await tx.insert(writtenTestResult).values({
        registrationId: r.registrationId,
        batchId: id,
        attemptId: counted.attemptId,
        score: counted.score,
        passMark,
        passed: ok ? 'yes' : 'no',
        publishedAt: ctx.now,
        publishedBy: actorId(ctx.actor),
      })
      await transitionRegistration(tx, ctx, {
        registrationId: r.registrationId,
        action: ok ? 'pass_written_test' : 'fail_written_test',
        data: { score: counted.score, passMark, attemptId: counted.attemptId },
      })
      const to = r.email.trim()
      if (to !== '' && MailAddress.safeParse(to).success) {
        await enqueueMail(
          tx,
          writtenTestResultMail({
            to,
            name: r.fullName,
            registrationId: r.registrationId,
            registrationNumber: r.number,
            programmeName: found.programme.name,
            batchLabel: batchLabel(b),
            score: counted.score,
            passMark,
            passed: ok,
            interviewStartsAt: b.interviewStartsAt,
            interviewEndsAt: b.interviewEndsAt,
            timeZone,
          }),
          ctx.now,
          // A mail to the whole batch at once: the paced queue.
          { category: 'announcement', institutionId: found.batch.institutionId, registrationId: r.registrationId, batchId: id },
        )
        mailed++
      }
    }

    await tx.update(batch).set({ writtenTestPublishedAt: ctx.now }).where(eq(batch.id, id))
    const result = { publishedAt: ctx.now, passed, failed: assessed.length - passed, mailed }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'writtenTest.publish',
      entityType: 'batch',
      entityId: id,
      institutionId: b.institutionId,
      after: { passMark, passed: result.passed, failed: result.failed, mailed },
    })
    return result
  })
}
