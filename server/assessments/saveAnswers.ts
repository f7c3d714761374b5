import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { FALLBACK_TIME_ZONE, formatZonedDateTime } from '../../domain/zonedTime'
import { actorId, onBehalfOf, SYSTEM } from '../auth/actor'
import type { UseCaseContext } from '../context'
import { queryRows, type DbOrTx } from '../db/client'
import { assessmentAttempt, type AttemptItem, institution } from '../db/schema'
import { ConflictError, NotFoundError, ValidationError } from '../errors'
import { authorizeTake } from './access'
import { submitAttempt } from './submitAttempt'
import { parseInput } from '../validation'

const Input = z.object({
  attemptId: z.uuid('Asesmen tidak dikenal.'),
  answers: z
    .array(
      z.object({
        position: z.coerce.number().int().min(1, 'Nomor soal tidak dikenal.'),
        answer: z.string().trim().min(1, 'Pilih salah satu jawaban.').max(50),
      }),
    )
    .min(1, 'Pilih salah satu jawaban.')
    .max(200),
})

/** The message for an answer that arrives after the attempt ended. */
export class AttemptClosedError extends ConflictError {
  constructor(message: string) {
    super(message)
    this.name = 'AttemptClosedError'
  }
}

/** What an attempt is made of once drawn; none of it ever changes afterwards. */
interface DrawnAttempt {
  candidateId: string
  institutionId: string
  items: AttemptItem[]
}

// Saves are the busiest path on test day (one per click, hundreds of candidates at once),
// and an attempt's draw never changes, so each process keeps the recent ones instead of
// reading the 40-item JSON on every save. Bounded; the oldest entry goes first.
const DRAWN_CACHE_SIZE = 5000
const drawnAttempts = new Map<string, DrawnAttempt>()

async function drawnAttempt(db: DbOrTx, attemptId: string): Promise<DrawnAttempt | undefined> {
  const cached = drawnAttempts.get(attemptId)
  if (cached) return cached
  const [row] = await db
    .select({
      candidateId: assessmentAttempt.candidateId,
      institutionId: assessmentAttempt.institutionId,
      items: assessmentAttempt.items,
    })
    .from(assessmentAttempt)
    .where(eq(assessmentAttempt.id, attemptId))
  if (!row) return undefined
  if (drawnAttempts.size >= DRAWN_CACHE_SIZE) drawnAttempts.delete(drawnAttempts.keys().next().value!)
  drawnAttempts.set(attemptId, row)
  return row
}

/**
 * Saves answers of an open attempt (one, or a page of statements), replacing earlier
 * answers at the same positions. All or nothing: an unknown position or an option
 * that does not belong to the item refuses the whole request. After the attempt ended
 * or was submitted nothing is saved and the candidate is told why; an attempt found
 * past its end is first submitted from what was saved in time.
 */
export async function saveAnswers(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<{ savedAt: Date; positions: number[] }> {
  const valid = parseInput(Input, input, { field: 'answer' })
  const { attemptId } = valid
  // Later answers for the same position win within one request.
  const answers = [...new Map(valid.answers.map((a) => [a.position, a])).values()]

  const attempt = await drawnAttempt(ctx.db, attemptId)
  if (!attempt) throw new NotFoundError('Asesmen tidak ditemukan.')
  authorizeTake(ctx.actor, attempt.candidateId)
  const fieldErrors: Record<string, string[]> = {}
  for (const a of answers) {
    const item = attempt.items[a.position - 1]
    if (!item) fieldErrors[`q${a.position}`] = ['Nomor soal tidak dikenal.']
    else if (!item.optionOrder.includes(a.answer)) fieldErrors[`q${a.position}`] = ['Pilihan jawaban ini bukan pilihan soal tersebut.']
  }
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors, 'Jawaban tidak dapat disimpan.')

  // One statement, so one round trip and atomic without BEGIN/COMMIT: share-lock the
  // attempt (saves run side by side, never across its submission, which locks it for
  // update and is waited for), and only while it is open write the answers and the audit
  // row, whose "before" is the answers these positions held.
  const rows = answers.map((a) => sql`(${a.position}::int, ${a.answer}::text, ${attempt.items[a.position - 1]!.questionVersionId}::uuid)`)
  const after = JSON.stringify(Object.fromEntries(answers.map((a) => [a.position, a.answer])))
  const [outcome] = await queryRows<{
    submitted_at: Date | string | null
    ends_at: Date | string | null
    saved: number
  }>(
    ctx.db,
    sql`
    with locked as (
      select submitted_at, ends_at from assessment_attempt where id = ${attemptId} for share
    ), open as (
      select 1 from locked where submitted_at is null and (ends_at is null or ends_at > ${ctx.now.toISOString()}::timestamptz)
    ), given (position, answer, question_version_id) as (
      values ${sql.join(rows, sql`, `)}
    ), previous as (
      select a.position, a.answer from attempt_answer a join given g on g.position = a.position
      where a.attempt_id = ${attemptId}
    ), saved as (
      insert into attempt_answer (attempt_id, position, question_version_id, answer, answered_at)
      select ${attemptId}::uuid, position, question_version_id, answer, ${ctx.now.toISOString()}::timestamptz
      from given where exists (select 1 from open)
      on conflict (attempt_id, position) do update set answer = excluded.answer, answered_at = excluded.answered_at
      returning position
    ), audited as (
      insert into audit_event (at, actor_id, on_behalf_of_id, institution_id, action, entity_type, entity_id, before, after)
      select ${ctx.now.toISOString()}::timestamptz, ${actorId(ctx.actor)}::uuid, ${onBehalfOf(ctx.actor)}::uuid,
        ${attempt.institutionId}::uuid, 'assessment.answer', 'assessment_attempt', ${attemptId},
        (select jsonb_object_agg(position::text, answer) from previous), ${after}::jsonb
      where exists (select 1 from open)
    )
    select (select submitted_at from locked) as submitted_at, (select ends_at from locked) as ends_at,
      (select count(*)::int from saved) as saved
  `,
  )
  if (outcome && outcome.saved > 0) return { savedAt: ctx.now, positions: answers.map((a) => a.position) }

  // Closed: submitted already, or past its end (then submitted now, from what was saved in time).
  const expired = outcome?.submitted_at == null
  if (expired) await submitAttempt({ ...ctx, actor: SYSTEM }, { attemptId, reason: 'time_up' })
  const [zone] = await ctx.db.select({ tz: institution.timeZone }).from(institution).where(eq(institution.id, attempt.institutionId))
  const endsAt = outcome?.ends_at ? new Date(outcome.ends_at) : null
  if (expired && endsAt) {
    throw new AttemptClosedError(
      `Waktu asesmen sudah habis pada ${formatZonedDateTime(endsAt, zone?.tz ?? FALLBACK_TIME_ZONE, 'id', { at: true })}. Jawaban ini tidak disimpan; jawaban yang tersimpan sebelumnya sudah dikumpulkan.`,
    )
  }
  throw new AttemptClosedError('Asesmen ini sudah dikumpulkan. Jawaban tidak dapat diubah lagi.')
}
