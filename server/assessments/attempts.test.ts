import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { drawQuestions, shuffleOptions } from '../../domain/randomDraw'
import { contextFor, createTestDatabase } from '../../tests/db'
import { createBatch, createInstitution, createProgramme, createStaff } from '../db/factories'
import { assessmentAttempt, attemptAnswer, auditEvent, batch, job, registration, registrationEvent } from '../db/schema'
import { ConflictError, ForbiddenError, ValidationError } from '../errors'
import { runDueJobs } from '../jobs/queue'
import { jobRegistry } from '../jobs/registry'
import type { Mailer } from '../mail/transport'
import { getAssessmentOverview } from './getAssessmentOverview'
import { getAssessmentResults } from './getAssessmentResults'
import { getAssessmentStart } from './getAssessmentStart'
import { getAttemptPage } from './getAttemptPage'
import { saveAnswer } from './saveAnswer'
import { saveAnswers } from './saveAnswers'
import { startAttempt } from './startAttempt'
import { submitAttempt } from './submitAttempt'
import { registeredCandidate, setUpBatchAssessments, staffActor } from './testFactories'

const database = await createTestDatabase()
const { db } = database
const MIN = 60_000
const DAY = 86_400_000
// Registration opens 1 Dec 2026 08.00 WITA; the assessment deadline is 24 days later.
const OPENS = new Date('2026-12-01T00:00:00Z')
const T = new Date(OPENS.getTime() + 2 * DAY)

let institutionId: string
let batchId: string
let deadline: Date
let banks: Awaited<ReturnType<typeof setUpBatchAssessments>>

beforeAll(async () => {
  const kdi = await createInstitution(db)
  institutionId = kdi.id
  const las = await createProgramme(db, { institutionId })
  const b = await createBatch(db, { institutionId, programmeId: las.id, opensAt: OPENS })
  batchId = b.id
  deadline = b.assessmentDeadline
  banks = await setUpBatchAssessments(db, { institutionId, batchId, timeLimitMinutes: 40 })
})

const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MIN)
const noMail: Mailer = { kind: 'local', async send() {} } as unknown as Mailer

async function answersOf(attemptId: string) {
  const rows = await db.select().from(attemptAnswer).where(eq(attemptAnswer.attemptId, attemptId))
  return new Map(rows.map((r) => [r.position, r.answer]))
}

describe('starting and resuming the written test', () => {
  it('draws the configured questions with a stored seed, ends after the time limit, and enqueues the time-up job', async () => {
    const { user, actor, registration: reg } = await registeredCandidate(db, batchId, T)
    const ctx = contextFor(database, actor, T)
    const { attempt, created } = await startAttempt(ctx, { candidateId: user.id, kind: 'written_test' })
    expect(created).toBe(true)
    expect(attempt.items).toHaveLength(10)
    expect(attempt.registrationId).toBe(reg.id)
    expect(attempt.endsAt?.toISOString()).toBe(at(T, 40).toISOString())

    // The attempt can be rebuilt from its seed: same questions, same option order.
    const pools = [banks.general, banks.field].map((b, i) => ({
      bankId: b.bank.id,
      questionIds: b.questions.map((q) => q.id),
      count: i === 0 ? 4 : 6,
    }))
    const versionOf = new Map([...banks.general.questions, ...banks.field.questions].map((q) => [q.id, q.versionId]))
    const rebuilt = drawQuestions(attempt.seed, pools, { shuffle: true }).map((d) => {
      const versionId = versionOf.get(d.questionId)!
      return { questionVersionId: versionId, optionOrder: shuffleOptions(attempt.seed, versionId, ['A', 'B', 'C', 'D']) }
    })
    expect(attempt.items).toEqual(rebuilt)

    const jobs = await db.select().from(job).where(eq(job.singletonKey, `submit-attempt:${attempt.id}`))
    expect(jobs).toHaveLength(1)
    expect(jobs[0]!.runAt.toISOString()).toBe(attempt.endsAt!.toISOString())
  })

  it('gives the same open attempt to a second tab, a double click and two concurrent starts', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const ctx = contextFor(database, actor, T)
    const [a, b] = await Promise.all([
      startAttempt(ctx, { candidateId: user.id, kind: 'written_test' }),
      startAttempt(ctx, { candidateId: user.id, kind: 'written_test' }),
    ])
    expect(a.attempt.id).toBe(b.attempt.id)
    expect([a.created, b.created].sort()).toEqual([false, true])
    const later = await startAttempt(contextFor(database, actor, at(T, 5)), { candidateId: user.id, kind: 'written_test' })
    expect(later.attempt.id).toBe(a.attempt.id)
    expect(later.created).toBe(false)
    const open = await db
      .select()
      .from(assessmentAttempt)
      .where(and(eq(assessmentAttempt.candidateId, user.id), eq(assessmentAttempt.kind, 'written_test')))
    expect(open).toHaveLength(1)
    const jobs = await db.select().from(job).where(eq(job.singletonKey, `submit-attempt:${a.attempt.id}`))
    expect(jobs).toHaveLength(1)
  })

  it('keeps every saved answer and the same end when resumed later, elsewhere', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const { attempt } = await startAttempt(contextFor(database, actor, T), { candidateId: user.id, kind: 'written_test' })
    for (const [i, minute] of [1, 2, 3].entries()) {
      const item = attempt.items[i]!
      await saveAnswer(contextFor(database, actor, at(T, minute)), {
        attemptId: attempt.id,
        position: i + 1,
        answer: item.optionOrder[1]!,
      })
    }
    // Changing an answer replaces it.
    await saveAnswer(contextFor(database, actor, at(T, 4)), { attemptId: attempt.id, position: 2, answer: attempt.items[1]!.optionOrder[3]! })

    // "Another phone", 20 minutes later: the same attempt, answers and end.
    const resumed = await getAttemptPage(contextFor(database, actor, at(T, 20)), { candidateId: user.id, kind: 'written_test', page: 2 })
    expect(resumed.state).toBe('open')
    if (resumed.state !== 'open') return
    expect(resumed.attemptId).toBe(attempt.id)
    expect(resumed.endsAt?.toISOString()).toBe(at(T, 40).toISOString())
    expect(resumed.now.toISOString()).toBe(at(T, 20).toISOString())
    expect(resumed.items).toHaveLength(1)
    expect(resumed.items[0]!.answer).toBe(attempt.items[1]!.optionOrder[3])
    expect(resumed.answeredCount).toBe(3)
    expect(resumed.unanswered).toEqual([4, 5, 6, 7, 8, 9, 10])
    expect(resumed.map.slice(0, 4).map((m) => m.answered)).toEqual([true, true, true, false])
    expect(resumed.items[0]!.options.map((o) => o.key)).toEqual(attempt.items[1]!.optionOrder)
  })

  it('sends "continue" to the first unanswered question, not past the last answer, and to the review when none is left', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const { attempt } = await startAttempt(contextFor(database, actor, T), {
      candidateId: user.id,
      kind: 'written_test',
    })
    for (const position of [1, 2, 4, 5]) {
      await saveAnswer(contextFor(database, actor, at(T, position)), {
        attemptId: attempt.id,
        position,
        answer: attempt.items[position - 1]!.optionOrder[0]!,
      })
    }
    const overview = await getAssessmentOverview(contextFor(database, actor, at(T, 6)), { candidateId: user.id })
    expect(overview.kinds.find((k) => k.kind === 'written_test')).toMatchObject({
      status: 'in_progress',
      answered: 4,
      firstUnanswered: 3,
    })
    // Every question answered: "continue" leads to the review (null), where it is submitted.
    for (const position of [3, 6, 7, 8, 9, 10]) {
      await saveAnswer(contextFor(database, actor, at(T, 7)), {
        attemptId: attempt.id,
        position,
        answer: attempt.items[position - 1]!.optionOrder[0]!,
      })
    }
    const complete = await getAssessmentOverview(contextFor(database, actor, at(T, 8)), { candidateId: user.id })
    expect(complete.kinds.find((k) => k.kind === 'written_test')).toMatchObject({ answered: 10, firstUnanswered: null })
  })

  it('never puts the answer key in what the candidate pages receive', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const ctx = contextFor(database, actor, T)
    await startAttempt(ctx, { candidateId: user.id, kind: 'written_test' })
    const views = []
    for (let page = 1; page <= 10; page++) views.push(await getAttemptPage(ctx, { candidateId: user.id, kind: 'written_test', page }))
    views.push(await getAttemptPage(ctx, { candidateId: user.id, kind: 'written_test' }))
    views.push(await getAssessmentOverview(ctx, { candidateId: user.id }))
    views.push(await getAssessmentStart(ctx, { candidateId: user.id, kind: 'written_test' }))
    const json = JSON.stringify(views)
    expect(json).not.toMatch(/correct/i)
    expect(json).not.toContain('seed')
    // Each page carries only its own question.
    const first = views[0] as Extract<Awaited<ReturnType<typeof getAttemptPage>>, { state: 'open' }>
    expect(Object.keys(first.items[0]!).sort()).toEqual(['answer', 'imageUrl', 'options', 'position', 'stem', 'type'])
    expect(Object.keys(first.items[0]!.options[0]!).sort()).toEqual(['key', 'text'])
  })
})

describe('saving answers', () => {
  it('refuses an option that is not one of the item and a position outside the attempt, changing nothing', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const ctx = contextFor(database, actor, T)
    const { attempt } = await startAttempt(ctx, { candidateId: user.id, kind: 'written_test' })
    await saveAnswer(ctx, { attemptId: attempt.id, position: 1, answer: 'B' })
    await expect(saveAnswer(ctx, { attemptId: attempt.id, position: 1, answer: 'E' })).rejects.toThrow(ValidationError)
    await expect(saveAnswer(ctx, { attemptId: attempt.id, position: 11, answer: 'A' })).rejects.toThrow(ValidationError)
    // All or nothing for a page of answers.
    await expect(
      saveAnswers(ctx, { attemptId: attempt.id, answers: [{ position: 2, answer: 'A' }, { position: 3, answer: 'Z' }] }),
    ).rejects.toMatchObject({ fieldErrors: { q3: ['Pilihan jawaban ini bukan pilihan soal tersebut.'] } })
    expect(await answersOf(attempt.id)).toEqual(new Map([[1, 'B']]))
  })

  it("refuses another candidate's attempt; a kiosk officer never answers for the candidate, even when assisting them", async () => {
    const owner = await registeredCandidate(db, batchId, T)
    const other = await registeredCandidate(db, batchId, T)
    const { attempt } = await startAttempt(contextFor(database, owner.actor, T), { candidateId: owner.user.id, kind: 'written_test' })
    await expect(
      saveAnswer(contextFor(database, other.actor, T), { attemptId: attempt.id, position: 1, answer: 'A' }),
    ).rejects.toThrow(ForbiddenError)
    await expect(startAttempt(contextFor(database, other.actor, T), { candidateId: owner.user.id, kind: 'written_test' })).rejects.toThrow(
      ForbiddenError,
    )
    const officerUser = await createStaff(db, {
      institutionId,
      email: `petugas.${owner.user.id.slice(0, 6)}@contoh.test`,
      displayName: 'Petugas',
      roles: ['kiosk_officer'],
      password: 'Petugas-Kios-2026',
    })
    const unassisted = staffActor(officerUser, institutionId, ['kiosk_officer'])
    await expect(saveAnswer(contextFor(database, unassisted, T), { attemptId: attempt.id, position: 1, answer: 'A' })).rejects.toThrow(
      ForbiddenError,
    )
    const assisting = staffActor(officerUser, institutionId, ['kiosk_officer'], {
      sessionId: '00000000-0000-4000-8000-000000000001',
      candidateId: owner.user.id,
      institutionId,
    })
    // The assessments are the candidate's own answers (docs/decisions/007).
    await expect(saveAnswer(contextFor(database, assisting, T), { attemptId: attempt.id, position: 1, answer: 'A' })).rejects.toThrow(
      ForbiddenError,
    )
    await expect(startAttempt(contextFor(database, assisting, T), { candidateId: owner.user.id, kind: 'self_assessment' })).rejects.toThrow(
      ForbiddenError,
    )
    expect(await answersOf(attempt.id)).toEqual(new Map())
  })

  it('refuses an answer after the end with a clear message, keeps what was saved, and submits from it', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const { attempt } = await startAttempt(contextFor(database, actor, T), { candidateId: user.id, kind: 'written_test' })
    await saveAnswer(contextFor(database, actor, at(T, 10)), { attemptId: attempt.id, position: 1, answer: 'A' })
    await saveAnswer(contextFor(database, actor, at(T, 11)), { attemptId: attempt.id, position: 2, answer: 'B' })
    const late = saveAnswer(contextFor(database, actor, at(T, 41)), { attemptId: attempt.id, position: 2, answer: 'A' })
    await expect(late).rejects.toThrow(ConflictError)
    await expect(late).rejects.toThrow(/Waktu asesmen sudah habis pada 3 Desember 2026 pukul 08\.40 WITA\. Jawaban ini tidak disimpan/)
    expect(await answersOf(attempt.id)).toEqual(
      new Map([
        [1, 'A'],
        [2, 'B'],
      ]),
    )
    const [closed] = await db.select().from(assessmentAttempt).where(eq(assessmentAttempt.id, attempt.id))
    expect(closed?.submitReason).toBe('time_up')
    expect(closed?.submittedAt?.toISOString()).toBe(attempt.endsAt!.toISOString())
    expect(closed?.correctCount).toBe(1)
    expect(closed?.score).toBe(10)
    // And after that, still nothing changes.
    await expect(
      saveAnswer(contextFor(database, actor, at(T, 42)), { attemptId: attempt.id, position: 3, answer: 'A' }),
    ).rejects.toThrow('Asesmen ini sudah dikumpulkan. Jawaban tidak dapat diubah lagi.')
    expect((await answersOf(attempt.id)).size).toBe(2)
  })
})

describe('what a save stores', () => {
  it('replaces an answer, and audits each save with the answers it replaced', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const { attempt } = await startAttempt(contextFor(database, actor, T), {
      candidateId: user.id,
      kind: 'written_test',
    })
    const key = (position: number, i: number) => attempt.items[position - 1]!.optionOrder[i]!
    await saveAnswers(contextFor(database, actor, at(T, 1)), {
      attemptId: attempt.id,
      answers: [
        { position: 1, answer: key(1, 0) },
        { position: 2, answer: key(2, 0) },
      ],
    })
    const saved = await saveAnswers(contextFor(database, actor, at(T, 2)), {
      attemptId: attempt.id,
      answers: [
        { position: 2, answer: key(2, 1) },
        { position: 3, answer: key(3, 2) },
      ],
    })
    expect(saved).toEqual({ savedAt: at(T, 2), positions: [2, 3] })
    expect(await answersOf(attempt.id)).toEqual(
      new Map([
        [1, key(1, 0)],
        [2, key(2, 1)],
        [3, key(3, 2)],
      ]),
    )
    const [row2] = await db
      .select()
      .from(attemptAnswer)
      .where(and(eq(attemptAnswer.attemptId, attempt.id), eq(attemptAnswer.position, 2)))
    expect(row2?.answeredAt.toISOString()).toBe(at(T, 2).toISOString())
    expect(row2?.questionVersionId).toBe(attempt.items[1]!.questionVersionId)
    const audits = await db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'assessment.answer'), eq(auditEvent.entityId, attempt.id)))
      .orderBy(auditEvent.id)
    expect(
      audits.map((a) => ({
        actor: a.actorId,
        institution: a.institutionId,
        before: a.before,
        after: a.after,
      })),
    ).toEqual([
      {
        actor: user.id,
        institution: institutionId,
        before: null,
        after: { 1: key(1, 0), 2: key(2, 0) },
      },
      {
        actor: user.id,
        institution: institutionId,
        before: { 2: key(2, 0) },
        after: { 2: key(2, 1), 3: key(3, 2) },
      },
    ])
    expect(audits[1]!.at.toISOString()).toBe(at(T, 2).toISOString())
  })

  it('refuses the whole request when one position or option is wrong, and changes nothing', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const { attempt } = await startAttempt(contextFor(database, actor, T), {
      candidateId: user.id,
      kind: 'written_test',
    })
    const ctx = contextFor(database, actor, at(T, 1))
    const good = { position: 1, answer: attempt.items[0]!.optionOrder[0]! }
    await expect(
      saveAnswers(ctx, {
        attemptId: attempt.id,
        answers: [good, { position: 11, answer: 'A' }],
      }),
    ).rejects.toMatchObject({
      fieldErrors: { q11: ['Nomor soal tidak dikenal.'] },
    })
    await expect(
      saveAnswers(ctx, {
        attemptId: attempt.id,
        answers: [good, { position: 2, answer: 'Z' }],
      }),
    ).rejects.toMatchObject({
      fieldErrors: { q2: ['Pilihan jawaban ini bukan pilihan soal tersebut.'] },
    })
    await expect(
      saveAnswers(ctx, {
        attemptId: '00000000-0000-4000-8000-000000000000',
        answers: [good],
      }),
    ).rejects.toThrow('Asesmen tidak ditemukan.')
    expect(await answersOf(attempt.id)).toEqual(new Map())
    const audits = await db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'assessment.answer'), eq(auditEvent.entityId, attempt.id)))
    expect(audits).toHaveLength(0)
  })

  it('never saves across the submission: every confirmed save is scored, every refused one is not stored', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const { attempt } = await startAttempt(contextFor(database, actor, T), {
      candidateId: user.id,
      kind: 'written_test',
    })
    const ctx = contextFor(database, actor, at(T, 5))
    // 'A' is the key of every test question: each stored answer is one correct answer.
    const saves = attempt.items.map((_, i) =>
      saveAnswer(ctx, {
        attemptId: attempt.id,
        position: i + 1,
        answer: 'A',
      }).then(
        () => i + 1,
        (error: unknown) => {
          expect(error).toBeInstanceOf(ConflictError)
          return null
        },
      ),
    )
    const submitted = submitAttempt(ctx, {
      attemptId: attempt.id,
      reason: 'candidate',
    })
    const confirmed = (await Promise.all(saves)).filter((p) => p !== null)
    const { attempt: scored } = await submitted
    const stored = await answersOf(attempt.id)
    expect([...stored.keys()].sort((a, b) => a - b)).toEqual(confirmed)
    expect(scored.correctCount).toBe(confirmed.length)
  })
})

describe('submitting', () => {
  it('scores from the saved answers once, however often it is submitted', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const ctx = contextFor(database, actor, at(T, 15))
    const { attempt } = await startAttempt(contextFor(database, actor, T), { candidateId: user.id, kind: 'written_test' })
    // Seven right ('A' is the key of every test question), one wrong, two blank.
    await saveAnswers(ctx, {
      attemptId: attempt.id,
      answers: [1, 2, 3, 4, 5, 6, 7].map((position) => ({ position, answer: 'A' })).concat([{ position: 8, answer: 'C' }]),
    })
    const [first, second] = await Promise.all([
      submitAttempt(ctx, { attemptId: attempt.id, reason: 'candidate' }),
      submitAttempt(ctx, { attemptId: attempt.id, reason: 'candidate' }),
    ])
    expect([first.submitted, second.submitted].sort()).toEqual([false, true])
    const again = await submitAttempt(contextFor(database, actor, at(T, 16)), { attemptId: attempt.id, reason: 'candidate' })
    expect(again.submitted).toBe(false)
    expect(again.attempt).toMatchObject({ correctCount: 7, score: 70, submitReason: 'candidate' })
    expect(again.attempt.submittedAt?.toISOString()).toBe(at(T, 15).toISOString())
    const audits = await db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'assessment.submit'), eq(auditEvent.entityId, attempt.id)))
    expect(audits).toHaveLength(1)
    const events = await db
      .select()
      .from(registrationEvent)
      .where(eq(registrationEvent.kind, 'assessment_submitted'))
    expect(events.filter((e) => e.data.attemptId === attempt.id)).toHaveLength(1)
  })

  it('is submitted by the job at the end, from the saved answers', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const { attempt } = await startAttempt(contextFor(database, actor, T), { candidateId: user.id, kind: 'written_test' })
    await saveAnswer(contextFor(database, actor, at(T, 3)), { attemptId: attempt.id, position: 4, answer: 'A' })
    const deps = (now: Date) => ({ db, mailer: noMail, now: () => now })
    // Not before the end. Other jobs (mails) may run; this one may not.
    await runDueJobs(deps(at(T, 39)), jobRegistry, 100)
    let [row] = await db.select().from(assessmentAttempt).where(eq(assessmentAttempt.id, attempt.id))
    expect(row?.submittedAt).toBeNull()
    await runDueJobs(deps(at(T, 40)), jobRegistry, 100)
    ;[row] = await db.select().from(assessmentAttempt).where(eq(assessmentAttempt.id, attempt.id))
    expect(row).toMatchObject({ submitReason: 'time_up', correctCount: 1, score: 10 })
    expect(row?.submittedAt?.toISOString()).toBe(attempt.endsAt!.toISOString())
    const [done] = await db.select().from(job).where(eq(job.singletonKey, `submit-attempt:${attempt.id}`))
    expect(done?.status).toBe('done')
  })

  it('is submitted lazily by the next read when the job has not run, dated at the end', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const { attempt } = await startAttempt(contextFor(database, actor, T), { candidateId: user.id, kind: 'written_test' })
    await saveAnswer(contextFor(database, actor, at(T, 3)), { attemptId: attempt.id, position: 1, answer: 'A' })
    const page = await getAttemptPage(contextFor(database, actor, at(T, 95)), { candidateId: user.id, kind: 'written_test', page: 1 })
    expect(page.state).toBe('none')
    const [row] = await db.select().from(assessmentAttempt).where(eq(assessmentAttempt.id, attempt.id))
    expect(row).toMatchObject({ submitReason: 'time_up', correctCount: 1 })
    expect(row?.submittedAt?.toISOString()).toBe(at(T, 40).toISOString())
    // The job that runs later changes nothing.
    await runDueJobs({ db, mailer: noMail, now: () => at(T, 100) }, jobRegistry, 100)
    const [after] = await db.select().from(assessmentAttempt).where(eq(assessmentAttempt.id, attempt.id))
    expect(after).toEqual(row)
  })
})

describe('the assessment deadline', () => {
  it('cuts the time short, and the start page says so before starting', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    const now = at(deadline, -15)
    const ctx = contextFor(database, actor, now)
    const start = await getAssessmentStart(ctx, { candidateId: user.id, kind: 'written_test' })
    expect(start.status).toMatchObject({ status: 'available', questionCount: 10, timeLimitMinutes: 40 })
    expect(start.ifStartedNow).toEqual({ endsAt: deadline, cutShort: true, minutes: 15 })
    const { attempt } = await startAttempt(ctx, { candidateId: user.id, kind: 'written_test' })
    expect(attempt.endsAt?.toISOString()).toBe(deadline.toISOString())
    const early = await getAssessmentStart(contextFor(database, actor, T), { candidateId: user.id, kind: 'self_assessment' })
    expect(early.ifStartedNow).toMatchObject({ cutShort: false })
  })

  it('refuses to start after the deadline, without a registration, and without a configuration', async () => {
    const late = await registeredCandidate(db, batchId, T)
    await expect(startAttempt(contextFor(database, late.actor, deadline), { candidateId: late.user.id, kind: 'potential' })).rejects.toThrow(
      'Batas waktu asesmen gelombang ini sudah lewat (25 Desember 2026 pukul 08.00 WITA).',
    )
    const overview = await getAssessmentOverview(contextFor(database, late.actor, deadline), { candidateId: late.user.id })
    expect(overview.kinds.map((k) => k.status)).toEqual(['unavailable', 'unavailable', 'unavailable'])

    const { createCandidate } = await import('../db/factories')
    const { user } = await createCandidate(db, { complete: true })
    const lone = { kind: 'candidate' as const, userId: user.id, email: user.email, displayName: user.displayName, roles: [] }
    await expect(startAttempt(contextFor(database, lone, T), { candidateId: user.id, kind: 'written_test' })).rejects.toThrow(
      /belum memiliki pendaftaran aktif/,
    )

    const programme = await createProgramme(db, { institutionId, code: 'TSM', vocationalField: 'Otomotif' })
    const bare = await createBatch(db, { institutionId, programmeId: programme.id, opensAt: OPENS })
    const c = await registeredCandidate(db, bare.id, T)
    await expect(startAttempt(contextFor(database, c.actor, T), { candidateId: c.user.id, kind: 'written_test' })).rejects.toThrow(
      'Asesmen Siap Latih (tes tulis) belum disiapkan untuk gelombang Anda. Silakan hubungi panitia.',
    )
    const attempts = await db.select({ n: sql<number>`count(*)::int` }).from(assessmentAttempt).where(eq(assessmentAttempt.candidateId, c.user.id))
    expect(attempts[0]!.n).toBe(0)
  })
})

describe('completing the registration (SOP step 6)', () => {
  async function takeAll(actor: Parameters<typeof contextFor>[1], candidateId: string, start: Date) {
    let minute = 0
    for (const kind of ['self_assessment', 'potential', 'written_test'] as const) {
      const ctx = contextFor(database, actor, at(start, minute))
      const { attempt } = await startAttempt(ctx, { candidateId, kind })
      await saveAnswers(contextFor(database, actor, at(start, minute + 1)), {
        attemptId: attempt.id,
        answers: attempt.items.map((item, i) => ({ position: i + 1, answer: kind === 'written_test' ? 'A' : item.optionOrder[0]! })),
      })
      await submitAttempt(contextFor(database, actor, at(start, minute + 2)), { attemptId: attempt.id, reason: 'candidate' })
      minute += 5
    }
  }

  it('moves the registration to "assessed" when the third assessment is submitted', async () => {
    const { user, actor, registration: reg } = await registeredCandidate(db, batchId, T)
    await takeAll(actor, user.id, at(T, 60))
    const [row] = await db.select().from(registration).where(eq(registration.id, reg.id))
    expect(row?.state).toBe('assessed')
    const events = await db.select().from(registrationEvent).where(eq(registrationEvent.registrationId, reg.id))
    expect(events.filter((e) => e.kind === 'complete_assessments')).toHaveLength(1)
    expect(events.filter((e) => e.kind === 'assessment_submitted')).toHaveLength(3)
    const overview = await getAssessmentOverview(contextFor(database, actor, at(T, 120)), { candidateId: user.id })
    expect(overview.allCompleted).toBe(true)
    expect(overview.registration?.state).toBe('assessed')
  })

  it('hides the written-test score until the committee publishes it', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    await takeAll(actor, user.id, at(T, 200))
    const ctx = contextFor(database, actor, at(T, 300))
    const overview = await getAssessmentOverview(ctx, { candidateId: user.id })
    const wt = overview.kinds.find((k) => k.kind === 'written_test')
    expect(wt).toMatchObject({ status: 'completed', score: null, scoreHidden: true })
    expect(overview.kinds.find((k) => k.kind === 'potential')).toMatchObject({ status: 'completed', scoreHidden: false })
    const hidden = await getAssessmentResults(ctx, { candidateId: user.id })
    expect(hidden.writtenTest).toMatchObject({ published: false, expectedAfter: deadline })
    expect(JSON.stringify(hidden.writtenTest)).not.toMatch(/score|correct/i)
    // The potential profile is there at once, with suggested programmes.
    expect(hidden.potential?.profile.ranked).toHaveLength(4)
    expect(hidden.selfAssessment?.scales.map((s) => s.code).sort()).toEqual(['DISIPLIN', 'KERJASAMA'])

    const publishedAt = at(deadline, 60)
    await db.update(batch).set({ writtenTestPublishedAt: publishedAt }).where(eq(batch.id, batchId))
    try {
      const before = await getAssessmentResults(contextFor(database, actor, at(publishedAt, -1)), { candidateId: user.id })
      expect(before.writtenTest).toMatchObject({ published: false })
      const after = await getAssessmentResults(contextFor(database, actor, at(publishedAt, 1)), { candidateId: user.id })
      expect(after.writtenTest).toMatchObject({ published: true, score: 100, correctCount: 10, total: 10, passMark: 60 })
      const shown = await getAssessmentOverview(contextFor(database, actor, at(publishedAt, 1)), { candidateId: user.id })
      expect(shown.kinds.find((k) => k.kind === 'written_test')).toMatchObject({ score: 100, scoreHidden: false })
    } finally {
      await db.update(batch).set({ writtenTestPublishedAt: null }).where(eq(batch.id, batchId))
    }
  })

  it('refuses a start after all three are done, with the date the assessment may be taken again', async () => {
    const { user, actor } = await registeredCandidate(db, batchId, T)
    await takeAll(actor, user.id, at(T, 400))
    // The potential assessment was submitted on 3 December 2026 at 14.47 WITA.
    await expect(
      startAttempt(contextFor(database, actor, at(T, 500)), { candidateId: user.id, kind: 'potential' }),
    ).rejects.toThrow('Asesmen ini dapat diikuti lagi mulai 3 Juni 2027 pukul 14.47 WITA.')
  })
})
