import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { UseCaseContext } from '../context'
import { attemptAnswer } from '../db/schema'
import { NotFoundError } from '../errors'
import { authorizeTake } from './access'
import { questionImageUrl } from './banks/images'
import { closeExpiredAttempts } from './candidateAssessments'
import { ASSESSMENT_KINDS, PAGE_SIZE, pageOfPosition, type AssessmentKind } from './kinds'
import { findOpenAttempt, loadVersions } from './records'
import { parseInput } from '../validation'

const Input = z.object({
  candidateId: z.uuid('Calon peserta tidak dikenal.'),
  kind: z.enum(ASSESSMENT_KINDS, 'Jenis asesmen tidak dikenal.'),
  /** 1-based page; absent for the review page (no questions, the whole map). */
  page: z.coerce.number().int().min(1).optional(),
})

/** One question as the candidate sees it: never with its key. */
export type CandidateItem = {
  position: number
  type: 'likert' | 'scaled' | 'multiple_choice'
  stem: string
  /** URL of the question's image, if any. */
  imageUrl: string | null
  /** In the order this attempt shows them. */
  options: Array<{ key: string; text: string }>
  answer: string | null
}

export type AttemptSheet =
  | { state: 'none' }
  | {
      state: 'open'
      attemptId: string
      kind: AssessmentKind
      startedAt: Date
      endsAt: Date | null
      /** The server's clock when the page was made, so the browser can count down from it. */
      now: Date
      total: number
      answeredCount: number
      pageSize: number
      pageCount: number
      page: number | null
      items: CandidateItem[]
      map: Array<{ position: number; page: number; answered: boolean }>
      unanswered: number[]
    }

/**
 * A page of the candidate's open attempt (or, without a page, the review of all of it).
 * An attempt whose time is over is submitted first, so the caller gets `none` and sends
 * the candidate to the result. The answer key is never part of this view.
 */
export async function getAttemptPage(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<AttemptSheet> {
  const { candidateId, kind, page } = parseInput(Input, input, { field: 'page' })
  authorizeTake(ctx.actor, candidateId)

  await closeExpiredAttempts(ctx, candidateId)
  const attempt = await findOpenAttempt(ctx.db, candidateId, kind)
  if (!attempt) return { state: 'none' }

  const saved = await ctx.db
    .select({ position: attemptAnswer.position, answer: attemptAnswer.answer })
    .from(attemptAnswer)
    .where(eq(attemptAnswer.attemptId, attempt.id))
  const answers = new Map(saved.map((a) => [a.position, a.answer]))
  const total = attempt.items.length
  const pageSize = PAGE_SIZE[kind]
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  if (page !== undefined && page > pageCount) throw new NotFoundError('Halaman soal ini tidak ada.')

  let items: CandidateItem[] = []
  if (page !== undefined) {
    const first = (page - 1) * pageSize
    const slice = attempt.items.slice(first, first + pageSize)
    const versions = await loadVersions(
      ctx.db,
      slice.map((i) => i.questionVersionId),
    )
    items = slice.map((item, i) => {
      const position = first + i + 1
      const v = versions.get(item.questionVersionId)
      if (!v) throw new Error(`Question version ${item.questionVersionId} is missing`)
      const text = new Map(v.options.map((o) => [o.key, o.text]))
      // Only what the candidate needs: stem, image, options in this attempt's order.
      return {
        position,
        type: v.type,
        stem: v.stem,
        imageUrl: v.imageKey ? questionImageUrl(v.imageKey) : null,
        options: item.optionOrder.map((key) => ({ key, text: text.get(key) ?? key })),
        answer: answers.get(position) ?? null,
      }
    })
  }
  const map = attempt.items.map((_, i) => ({
    position: i + 1,
    page: pageOfPosition(kind, i + 1),
    answered: answers.has(i + 1),
  }))
  return {
    state: 'open',
    attemptId: attempt.id,
    kind,
    startedAt: attempt.startedAt,
    endsAt: attempt.endsAt,
    now: ctx.now,
    total,
    answeredCount: map.filter((m) => m.answered).length,
    pageSize,
    pageCount,
    page: page ?? null,
    items,
    map,
    unanswered: map.filter((m) => !m.answered).map((m) => m.position),
  }
}
