import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { registration } from '../db/schema'
import { checkRegistration } from './checkRegistration'
import { ProfileIncompleteError } from './errors'
import { registerCandidate } from './registerCandidate'
import { createCandidateActor, createWorld, NOW } from './testFixtures'

// Issue 10 §1: a 51-year-old (NIK of 15 June 1975) whose stored birth date says 1990
// was told "Anda memenuhi syarat" for a 17–45 batch and registered.
describe('registration reads the birth date from the NIK (decision 028)', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const world = await createWorld(db)

  it('the confirmation page does not call him eligible, and says what to fix and where', async () => {
    const { actor } = await createCandidateActor(db, { nik: '7471011506750005', birthDate: '1990-06-15', sex: 'male' })
    const ctx = contextFor(database, actor, NOW)
    const check = await checkRegistration(ctx, { candidateId: actor.userId, batchId: world.lasBatch.id })
    expect(check.canRegister).toBe(false)
    expect(check.profile.complete).toBe(false)
    expect(check.profile.missing).toEqual([expect.objectContaining({ field: 'nikAgreement', section: 'identity' })])
    // Eligibility is judged on the NIK's 1975: 51 on the first day of training.
    expect(check.eligibility.ok).toBe(false)
    if (!check.eligibility.ok) expect(check.eligibility.reasons[0]).toMatch(/adalah 51 tahun/)
  })

  it('refuses the registration and creates nothing', async () => {
    const { actor } = await createCandidateActor(db, { nik: '7471011506750006', birthDate: '1990-06-15', sex: 'male' })
    const error = await registerCandidate(contextFor(database, actor, NOW), {
      candidateId: actor.userId,
      batchId: world.lasBatch.id,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProfileIncompleteError)
    expect(await db.select().from(registration).where(eq(registration.candidateId, actor.userId))).toEqual([])
  })
})
