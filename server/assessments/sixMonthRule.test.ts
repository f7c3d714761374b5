import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { createBatch, createInstitution, createProgramme } from '../db/factories'
import { assessmentAttempt, registration, registrationEvent } from '../db/schema'
import { ConflictError } from '../errors'
import { withdrawRegistration } from '../registrations/withdrawRegistration'
import type { Actor } from '../auth/actor'
import { completeRegistrationIfAssessed } from './completeRegistrationIfAssessed'
import { getAssessmentOverview } from './getAssessmentOverview'
import { getAssessmentStart } from './getAssessmentStart'
import { saveAnswers } from './saveAnswers'
import { startAttempt } from './startAttempt'
import { submitAttempt } from './submitAttempt'
import { candidateActor, registeredCandidate, setUpBatchAssessments } from './testFactories'
import { createCandidate } from '../db/factories'
import { registerCandidate } from '../registrations/registerCandidate'

const database = await createTestDatabase()
const { db } = database
const DAY = 86_400_000
const MIN = 60_000
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MIN)

const kdi = await createInstitution(db)
const las = await createProgramme(db, { institutionId: kdi.id })
const tsm = await createProgramme(db, { institutionId: kdi.id, code: 'TSM', name: 'Sepeda Motor', vocationalField: 'Otomotif' })
// Batch A: the candidate finishes the assessments on 31 August 2026 at 10.15 WITA.
const batchA = await createBatch(db, { institutionId: kdi.id, programmeId: las.id, opensAt: new Date('2026-08-20T00:00:00Z') })
// Batch B opens in September; batch C after the six months (March 2027).
const batchB = await createBatch(db, {
  institutionId: kdi.id,
  programmeId: tsm.id,
  year: 2026,
  number: 2,
  opensAt: new Date('2026-09-10T00:00:00Z'),
})
const batchC = await createBatch(db, {
  institutionId: kdi.id,
  programmeId: las.id,
  year: 2027,
  number: 1,
  opensAt: new Date('2027-02-25T00:00:00Z'),
})
await setUpBatchAssessments(db, { institutionId: kdi.id, batchId: batchA.id, prefix: 'A' })
await setUpBatchAssessments(db, { institutionId: kdi.id, batchId: batchB.id, prefix: 'B' })
await setUpBatchAssessments(db, { institutionId: kdi.id, batchId: batchC.id, prefix: 'C' })

const DONE = new Date('2026-08-31T02:15:00Z') // 31 Aug 2026, 10.15 WITA

async function take(actor: Actor, candidateId: string, kind: 'self_assessment' | 'potential' | 'written_test', submitAt: Date) {
  const { attempt } = await startAttempt(contextFor(database, actor, at(submitAt, -3)), { candidateId, kind })
  await saveAnswers(contextFor(database, actor, at(submitAt, -1)), {
    attemptId: attempt.id,
    answers: attempt.items.map((item, i) => ({ position: i + 1, answer: item.optionOrder[0]! })),
  })
  const r = await submitAttempt(contextFor(database, actor, submitAt), { attemptId: attempt.id, reason: 'candidate' })
  return r.attempt
}

describe('the six-month rule', () => {
  it('reuses valid results for a new registration, which is complete at once, and refuses a retake with the exact date', async () => {
    const first = await registeredCandidate(db, batchA.id, new Date('2026-08-25T00:00:00Z'))
    const { user, actor } = first
    await take(actor, user.id, 'self_assessment', at(DONE, -20))
    await take(actor, user.id, 'potential', at(DONE, -10))
    await take(actor, user.id, 'written_test', DONE)
    const [a] = await db.select().from(registration).where(eq(registration.id, first.registration.id))
    expect(a?.state).toBe('assessed')

    // The candidate withdraws and registers for another programme in September.
    await withdrawRegistration(contextFor(database, actor, new Date('2026-09-11T00:00:00Z')), {
      registrationId: first.registration.id,
    })
    const now = new Date('2026-09-12T03:00:00Z')
    const { registration: second } = await registerCandidate({ db, actor, now }, { candidateId: user.id, batchId: batchB.id })
    // registerCandidate completed it in its own transaction: nothing is left to do.
    expect(second.state).toBe('assessed')
    const again = await db.transaction((tx) => completeRegistrationIfAssessed(tx, contextFor(database, actor, now), second.id))
    expect(again).toBe(false)
    const [b] = await db.select().from(registration).where(eq(registration.id, second.id))
    expect(b?.state).toBe('assessed')
    const events = await db.select().from(registrationEvent).where(eq(registrationEvent.registrationId, second.id))
    expect(events.map((e) => e.kind).sort()).toEqual(['complete_assessments', 'registered'])

    const overview = await getAssessmentOverview(contextFor(database, actor, now), { candidateId: user.id })
    expect(overview.kinds.map((k) => [k.status, 'reused' in k ? k.reused : null])).toEqual([
      ['completed', true],
      ['completed', true],
      ['completed', true],
    ])
    const wt = overview.kinds.find((k) => k.kind === 'written_test')
    expect(wt && 'validUntil' in wt ? wt.validUntil.toISOString() : null).toBe('2027-02-28T02:15:00.000Z')

    // Trying again earlier is refused with the date in WITA: 31 August → 28 February.
    const refused = startAttempt(contextFor(database, actor, now), { candidateId: user.id, kind: 'written_test' })
    await expect(refused).rejects.toThrow(ConflictError)
    await expect(refused).rejects.toThrow('Asesmen ini dapat diikuti lagi mulai 28 Februari 2027 pukul 10.15 WITA.')
    const start = await getAssessmentStart(contextFor(database, actor, now), { candidateId: user.id, kind: 'written_test' })
    expect(start.retakeFrom?.toISOString()).toBe('2027-02-28T02:15:00.000Z')
    expect(start.ifStartedNow).toBeNull()
    const attempts = await db.select().from(assessmentAttempt).where(eq(assessmentAttempt.candidateId, user.id))
    expect(attempts).toHaveLength(3)
  })

  it('lets the candidate take it again from that moment, and a registration after it is not complete', async () => {
    const { user } = await createCandidate(db, { complete: true })
    const actor = candidateActor(user)
    const reg = await registerCandidate({ db, actor, now: new Date('2026-08-25T00:00:00Z') }, { candidateId: user.id, batchId: batchA.id })
    await take(actor, user.id, 'self_assessment', DONE)
    await take(actor, user.id, 'potential', DONE)
    await take(actor, user.id, 'written_test', DONE)
    await withdrawRegistration(contextFor(database, actor, new Date('2026-09-11T00:00:00Z')), { registrationId: reg.registration.id })

    const now = new Date('2027-02-28T02:15:00Z')
    const { registration: third } = await registerCandidate({ db, actor, now }, { candidateId: user.id, batchId: batchC.id })
    expect(await db.transaction((tx) => completeRegistrationIfAssessed(tx, contextFor(database, actor, now), third.id))).toBe(false)
    const overview = await getAssessmentOverview(contextFor(database, actor, now), { candidateId: user.id })
    expect(overview.kinds.map((k) => k.status)).toEqual(['available', 'available', 'available'])
    const oneMinuteEarly = at(now, -1)
    await expect(
      startAttempt(contextFor(database, actor, oneMinuteEarly), { candidateId: user.id, kind: 'potential' }),
    ).rejects.toThrow('Asesmen ini dapat diikuti lagi mulai 28 Februari 2027 pukul 10.15 WITA.')
    const { attempt, created } = await startAttempt(contextFor(database, actor, now), { candidateId: user.id, kind: 'potential' })
    expect(created).toBe(true)
    expect(attempt.registrationId).toBe(third.id)
  })

  it('does not complete a registration whose reused result lapses before the others are done', async () => {
    const { user } = await createCandidate(db, { complete: true })
    const actor = candidateActor(user)
    const reg = await registerCandidate({ db, actor, now: new Date('2026-08-25T00:00:00Z') }, { candidateId: user.id, batchId: batchA.id })
    // Only the self-assessment in August.
    await take(actor, user.id, 'self_assessment', DONE)
    await withdrawRegistration(contextFor(database, actor, new Date('2026-09-01T00:00:00Z')), { registrationId: reg.registration.id })
    // Registered in batch C on 26 Feb 2027: the self-assessment is still valid (until 28 Feb) …
    const now = new Date('2027-02-26T00:00:00Z')
    const { registration: third } = await registerCandidate({ db, actor, now }, { candidateId: user.id, batchId: batchC.id })
    const overview = await getAssessmentOverview(contextFor(database, actor, now), { candidateId: user.id })
    expect(overview.kinds.map((k) => k.status)).toEqual(['completed', 'available', 'available'])
    // … but the other two are only done on 1 March, when it no longer is.
    const march = new Date('2027-03-01T01:00:00Z')
    await take(actor, user.id, 'potential', march)
    await take(actor, user.id, 'written_test', at(march, 10))
    const [row] = await db.select().from(registration).where(eq(registration.id, third.id))
    expect(row?.state).toBe('registered')
    const later = await getAssessmentOverview(contextFor(database, actor, at(march, 20)), { candidateId: user.id })
    expect(later.kinds.map((k) => k.status)).toEqual(['available', 'completed', 'completed'])
    // Taking the self-assessment again completes the registration.
    await take(actor, user.id, 'self_assessment', at(march, 30))
    const [done] = await db.select().from(registration).where(eq(registration.id, third.id))
    expect(done?.state).toBe('assessed')
    void DAY
  })
})
