import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { SYSTEM, type Actor } from '../auth/actor'
import { contextFor, createTestDatabase } from '../../tests/db'
import { createBatch, createInstitution, createProgramme } from '../db/factories'
import { batch, job, registration } from '../db/schema'
import { ForbiddenError } from '../errors'
import { runDueJobs } from '../jobs/queue'
import { jobRegistry } from '../jobs/registry'
import type { Mailer } from '../mail/transport'
import { lapseAssessments, scheduleAssessmentDeadline } from './lapseAssessments'
import { saveAnswers } from './saveAnswers'
import { startAttempt } from './startAttempt'
import { submitAttempt } from './submitAttempt'
import { registeredCandidate, setUpBatchAssessments } from './testFactories'

const database = await createTestDatabase()
const { db } = database
const MIN = 60_000
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MIN)
const noMail = { kind: 'local', async send() {} } as unknown as Mailer

const kdi = await createInstitution(db)
const las = await createProgramme(db, { institutionId: kdi.id })
const OPENS = new Date('2026-12-01T00:00:00Z')
const T = new Date('2026-12-03T00:00:00Z')

async function take(actor: Actor, candidateId: string, kind: 'self_assessment' | 'potential' | 'written_test', start: Date, submit = true) {
  const { attempt } = await startAttempt(contextFor(database, actor, start), { candidateId, kind })
  await saveAnswers(contextFor(database, actor, at(start, 1)), {
    attemptId: attempt.id,
    answers: attempt.items.map((item, i) => ({ position: i + 1, answer: item.optionOrder[0]! })),
  })
  if (submit) await submitAttempt(contextFor(database, actor, at(start, 2)), { attemptId: attempt.id, reason: 'candidate' })
  return attempt
}

const stateOf = async (id: string) => (await db.select().from(registration).where(eq(registration.id, id)))[0]?.state

describe('the assessment deadline of a batch', () => {
  it('ends incomplete registrations as "incomplete" and completes those whose last test ran into the deadline', async () => {
    const b = await createBatch(db, { institutionId: kdi.id, programmeId: las.id, opensAt: OPENS })
    await setUpBatchAssessments(db, { institutionId: kdi.id, batchId: b.id, prefix: 'L1' })
    const deadline = b.assessmentDeadline
    const done = await registeredCandidate(db, b.id, T)
    for (const [i, kind] of (['self_assessment', 'potential', 'written_test'] as const).entries()) await take(done.actor, done.user.id, kind, at(T, i * 10))
    const partial = await registeredCandidate(db, b.id, T)
    await take(partial.actor, partial.user.id, 'self_assessment', T)
    const lastMinute = await registeredCandidate(db, b.id, T)
    await take(lastMinute.actor, lastMinute.user.id, 'self_assessment', T)
    await take(lastMinute.actor, lastMinute.user.id, 'potential', at(T, 5))
    // Started 10 minutes before the deadline: it ends at the deadline, not submitted.
    const running = await take(lastMinute.actor, lastMinute.user.id, 'written_test', at(deadline, -10), false)
    expect(running.endsAt?.toISOString()).toBe(deadline.toISOString())
    const idle = await registeredCandidate(db, b.id, T)

    // Before the deadline nothing happens; a candidate may not run it.
    expect(await lapseAssessments(contextFor(database, SYSTEM, at(deadline, -1)), { batchId: b.id })).toEqual({ assessed: 0, lapsed: 0 })
    await expect(lapseAssessments(contextFor(database, idle.actor, deadline), { batchId: b.id })).rejects.toThrow(ForbiddenError)

    await scheduleAssessmentDeadline(db, b)
    await scheduleAssessmentDeadline(db, b) // scheduled once
    const jobs = await db.select().from(job).where(eq(job.name, 'assessment.lapse-batch'))
    expect(jobs).toHaveLength(1)
    await runDueJobs({ db, mailer: noMail, now: () => at(deadline, 30) }, jobRegistry, 200)

    expect(await stateOf(done.registration.id)).toBe('assessed')
    expect(await stateOf(partial.registration.id)).toBe('incomplete')
    expect(await stateOf(idle.registration.id)).toBe('incomplete')
    expect(await stateOf(lastMinute.registration.id)).toBe('assessed')
    // Running it again changes nothing.
    expect(await lapseAssessments(contextFor(database, SYSTEM, at(deadline, 60)), { batchId: b.id })).toEqual({ assessed: 0, lapsed: 0 })
  })

  it('ignores a job for a deadline that was moved later', async () => {
    const b = await createBatch(db, { institutionId: kdi.id, programmeId: las.id, number: 2, opensAt: OPENS })
    await setUpBatchAssessments(db, { institutionId: kdi.id, batchId: b.id, prefix: 'L2' })
    const c = await registeredCandidate(db, b.id, T)
    await scheduleAssessmentDeadline(db, b)
    const moved = at(b.assessmentDeadline, 24 * 60)
    await db.update(batch).set({ assessmentDeadline: moved }).where(eq(batch.id, b.id))
    await scheduleAssessmentDeadline(db, { id: b.id, assessmentDeadline: moved })
    await runDueJobs({ db, mailer: noMail, now: () => at(b.assessmentDeadline, 5) }, jobRegistry, 200)
    expect(await stateOf(c.registration.id)).toBe('registered')
    await runDueJobs({ db, mailer: noMail, now: () => at(moved, 5) }, jobRegistry, 200)
    expect(await stateOf(c.registration.id)).toBe('incomplete')
  })
})
