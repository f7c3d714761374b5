import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { activityItem } from '../../app/routes/aktivitas.server'
import type { RegistrationAction } from '../../domain/registrationStates'
import { contextFor, createTestDatabase } from '../db'
import { getAssessmentOverview } from '../../server/assessments/getAssessmentOverview'
import { SYSTEM, type Actor } from '../../server/auth/actor'
import { batch } from '../../server/db/schema'
import { getAssistedCandidate } from '../../server/kiosk/getAssistedCandidate'
import { getRegistration } from '../../server/registrations/getRegistration'
import { registerCandidate } from '../../server/registrations/registerCandidate'
import { NOW, createCandidateActor, createOfficerActor, createWorld } from '../../server/registrations/testFixtures'
import { transitionRegistration } from '../../server/registrations/transitionRegistration'

// The one candidate view (docs/decisions/009): plenary outcomes stay hidden from the
// candidate's pages and the kiosk until the batch's results are announced — by the
// announcement, not by the clock — and the written score only shows once published.

const database = await createTestDatabase()
const { db } = database
const world = await createWorld(db)

async function registrationThrough(actions: RegistrationAction[], data: Partial<Record<RegistrationAction, Record<string, unknown>>> = {}) {
  const { actor } = await createCandidateActor(db)
  const { registration } = await registerCandidate(contextFor(database, actor, NOW), { candidateId: actor.userId, batchId: world.lasBatch.id })
  let minute = 1
  for (const action of actions) {
    const ctx = contextFor(database, SYSTEM, new Date(NOW.getTime() + minute++ * 60_000))
    await db.transaction((tx) => transitionRegistration(tx, ctx, { registrationId: registration.id, action, data: data[action] }))
  }
  return { actor, registrationId: registration.id }
}

const TO_PASSED: RegistrationAction[] = ['complete_assessments', 'pass_written_test', 'invite_to_interview', 'record_interview', 'plenary_pass']
const afterAnnouncementDate = new Date(world.lasBatch.announcementAt.getTime() + 86_400_000)

async function setBatch(values: Partial<typeof batch.$inferInsert>) {
  await db.update(batch).set(values).where(eq(batch.id, world.lasBatch.id))
}

async function aktivitas(actor: Actor, registrationId: string, now: Date) {
  const view = await getRegistration(contextFor(database, actor, now), { registrationId })
  return activityItem(view, actor, now)
}

describe('the candidate view of a registration', () => {
  it('the kiosk shows "interviewed", not the plenary outcome, until the results are announced', async () => {
    const { actor, registrationId } = await registrationThrough(TO_PASSED)
    const officer = await createOfficerActor(db, world.kdi.id, actor.userId)
    const before = await getAssistedCandidate(contextFor(database, officer, afterAnnouncementDate))
    expect(before?.activeRegistration).toMatchObject({ id: registrationId, state: 'interviewed' })
    // The assessment pages show the registration's state too: the same view.
    const overview = await getAssessmentOverview(contextFor(database, actor, afterAnnouncementDate), { candidateId: actor.userId })
    expect(overview.registration?.state).toBe('interviewed')

    await setBatch({ resultsAnnouncedAt: afterAnnouncementDate })
    const after = await getAssistedCandidate(contextFor(database, officer, afterAnnouncementDate))
    expect(after?.activeRegistration?.state).toBe('passed')
    await setBatch({ resultsAnnouncedAt: null })
  })

  it('Aktivitas hides the outcome after the planned announcement date while results are not announced', async () => {
    const { actor, registrationId } = await registrationThrough(TO_PASSED)
    const item = await aktivitas(actor, registrationId, afterAnnouncementDate)
    expect(item.state).toBe('interviewed')
    expect(item.events.map((e) => e.kind)).not.toContain('plenary_pass')
    expect(item.nextStep.id).toContain('segera diumumkan')
    expect(JSON.stringify(item)).not.toMatch(/plenary|Lulus seleksi|Selamat/)

    await setBatch({ resultsAnnouncedAt: afterAnnouncementDate })
    const announced = await aktivitas(actor, registrationId, afterAnnouncementDate)
    expect(announced.state).toBe('passed')
    expect(announced.events[0]?.kind).toBe('plenary_pass')
    expect(announced.nextStep.id).toContain('Selamat')
    await setBatch({ resultsAnnouncedAt: null })
  })

  it('an absent candidate ended by the plenary still sees the invitation; someone not invited sees it at once', async () => {
    const absent = await registrationThrough(['complete_assessments', 'pass_written_test', 'invite_to_interview', 'plenary_not_pass'])
    expect((await aktivitas(absent.actor, absent.registrationId, afterAnnouncementDate)).state).toBe('invited_to_interview')
    // Not being invited (outside the best N) is decided before the plenary: no secret.
    const notInvited = await registrationThrough(['complete_assessments', 'pass_written_test', 'not_invite'])
    const item = await aktivitas(notInvited.actor, notInvited.registrationId, NOW)
    expect(item.state).toBe('not_passed')
    expect(item.events[0]?.kind).toBe('not_invite')
  })

  it('shows the written-test score, pass mark and result only once the results are published', async () => {
    const { actor, registrationId } = await registrationThrough(['complete_assessments', 'fail_written_test'], {
      fail_written_test: { score: 47.5, passMark: 60, attemptId: null },
    })
    const hidden = await aktivitas(actor, registrationId, NOW)
    expect(hidden.writtenTest).toBeNull()
    expect(JSON.stringify(hidden)).not.toContain('47.5')

    await setBatch({ writtenTestPublishedAt: NOW })
    const shown = await aktivitas(actor, registrationId, NOW)
    expect(shown.state).toBe('written_test_failed')
    expect(shown.writtenTest).toEqual({ score: 47.5, passMark: 60, passed: false })
    expect(shown.events[0]).toMatchObject({ kind: 'fail_written_test', writtenTest: { score: 47.5, passMark: 60, passed: false } })
    await setBatch({ writtenTestPublishedAt: null })
  })
})
