import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { drawQuestions, shuffleOptions } from '../../domain/randomDraw'
import { FALLBACK_TIME_ZONE, formatZonedDateTime } from '../../domain/zonedTime'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { assessmentAttempt, type AttemptItem } from '../db/schema'
import { ConflictError, UseCaseError } from '../errors'
import { enqueue } from '../jobs/queue'
import { authorizeTake } from './access'
import { attemptEnd, closeExpiredAttempts, loadActiveContext, loadDrawableQuestions } from './candidateAssessments'
import { ASSESSMENT_KINDS, KIND_LABELS } from './kinds'
import {
  findOpenAttempt,
  latestCompletedAttempts,
  resultValidity,
  retakeMessage,
  type Attempt,
} from './records'
import { submitAttemptJob, submitAttemptSingletonKey } from './submitAttemptJob'
import { parseInput } from '../validation'

const Input = z.object({
  candidateId: z.uuid('Calon peserta tidak dikenal.'),
  kind: z.enum(ASSESSMENT_KINDS, 'Jenis asesmen tidak dikenal.'),
})

/**
 * Starts an assessment for the candidate's active registration, or returns the attempt
 * already open (a second tab, a double click, another phone): the partial unique index
 * "one open attempt per candidate and kind" decides between concurrent starts.
 * The questions are drawn with a stored seed; the attempt ends at the earlier of the
 * time limit and the batch's assessment deadline, and a job is enqueued, in the same
 * transaction, to submit it then.
 */
export async function startAttempt(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ attempt: Attempt; created: boolean }> {
  const { candidateId, kind } = parseInput(Input, input, { field: 'kind' })
  authorizeTake(ctx.actor, candidateId)

  await closeExpiredAttempts(ctx, candidateId)
  const open = await findOpenAttempt(ctx.db, candidateId, kind)
  if (open) return { attempt: open, created: false }

  const c = await loadActiveContext(ctx.db, candidateId)
  const timeZone = c?.institution.timeZone ?? FALLBACK_TIME_ZONE
  const label = KIND_LABELS[kind].id
  // The six-month rule first: it follows the person, whatever the registration.
  const latest = (await latestCompletedAttempts(ctx.db, candidateId))[kind]
  if (latest?.submittedAt) {
    const validity = resultValidity(latest.submittedAt, ctx.now, timeZone)
    if (validity.valid) throw new ConflictError(retakeMessage(validity.validUntil, timeZone))
  }
  if (!c) {
    throw new UseCaseError('Anda belum memiliki pendaftaran aktif. Daftar ke salah satu program pelatihan terlebih dahulu.', 409)
  }
  if (c.registration.state !== 'registered') {
    throw new ConflictError(`${label} hanya dapat dikerjakan selama pendaftaran Anda berstatus Terdaftar.`)
  }
  const config = c.configs[kind]
  if (!config) throw new UseCaseError(`${label} belum disiapkan untuk gelombang Anda. Silakan hubungi panitia.`, 409)
  const deadline = c.batch.assessmentDeadline
  if (ctx.now.getTime() >= deadline.getTime()) {
    throw new UseCaseError(`Batas waktu asesmen gelombang ini sudah lewat (${formatZonedDateTime(deadline, timeZone, 'id', { at: true })}).`, 409)
  }

  const drawable = await loadDrawableQuestions(
    ctx.db,
    c.institution.id,
    kind,
    config.sources.map((s) => s.bankId),
  )
  const seed = randomBytes(16).toString('hex')
  const drawn = drawQuestions(
    seed,
    config.sources.map((s) => ({
      bankId: s.bankId,
      questionIds: (drawable.get(s.bankId) ?? []).map((q) => q.questionId),
      count: s.count,
    })),
    // The written test mixes its banks; the statement inventories keep the bank's order.
    { shuffle: kind === 'written_test' },
  )
  if (drawn.length === 0) throw new UseCaseError(`Soal ${label} belum tersedia. Silakan hubungi panitia.`, 409)
  const byQuestion = new Map([...drawable.values()].flat().map((q) => [q.questionId, q]))
  const items: AttemptItem[] = drawn.map((d) => {
    const q = byQuestion.get(d.questionId)!
    return {
      questionVersionId: q.versionId,
      // Options are shuffled only where their order carries no meaning (a Likert
      // scale runs from "Sangat Sesuai" to "Sangat Tidak Sesuai").
      optionOrder: kind === 'written_test' ? shuffleOptions(seed, q.versionId, q.optionKeys) : q.optionKeys,
    }
  })
  const { endsAt } = attemptEnd(ctx.now, config.timeLimitMinutes, deadline)

  const created = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(assessmentAttempt)
      .values({
        candidateId,
        kind,
        institutionId: c.institution.id,
        batchId: c.batch.id,
        registrationId: c.registration.id,
        seed,
        items,
        startedAt: ctx.now,
        endsAt,
      })
      // A concurrent start already holds the one open attempt: take that one instead.
      .onConflictDoNothing()
      .returning()
    if (!row) return null
    await enqueue(tx, submitAttemptJob, { attemptId: row.id }, { runAt: endsAt, singletonKey: submitAttemptSingletonKey(row.id) })
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'assessment.start',
      entityType: 'assessment_attempt',
      entityId: row.id,
      institutionId: c.institution.id,
      after: { kind, batchId: c.batch.id, registrationId: c.registration.id, seed, items: items.length, endsAt },
    })
    return row
  })
  if (created) return { attempt: created, created: true }
  const winner = await findOpenAttempt(ctx.db, candidateId, kind)
  if (!winner) throw new ConflictError('Asesmen baru saja dimulai di jendela lain. Muat ulang halaman ini.')
  return { attempt: winner, created: false }
}
