import { createCookie } from 'react-router'
import { afterAll, describe, expect, it } from 'vitest'
import { candidateContext } from '../../app/lib/context.server'
import { createSession } from '../../server/auth/sessions'
import { ForbiddenError } from '../../server/errors'
import { getReceipt } from '../../server/registrations/getReceipt'
import { getRegistration } from '../../server/registrations/getRegistration'
import { registerCandidate } from '../../server/registrations/registerCandidate'
import { createCandidateActor, createOfficerActor, createWorld, NOW } from '../../server/registrations/testFixtures'
import type { Runtime } from '../../server/runtime'
import { contextFor, createTestDatabase } from '../db'

// Issue 9 §4: "while assisting A, an officer can open B's Aktivitas pages". The candidate
// pages build their context with candidateContext (requireCandidateScope): an officer in
// an assisted session acts there as that one candidate, their staff roles left behind
// (docs/decisions/022). Before, the officer's kiosk-officer role still read any
// registration of the centre.
describe('the candidate pages of a kiosk officer assisting A', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const runtimeRef = globalThis as unknown as { __latihRuntime?: Promise<Runtime> }
  runtimeRef.__latihRuntime = Promise.resolve({ db, database } as unknown as Runtime)
  afterAll(() => {
    delete runtimeRef.__latihRuntime
  })
  const world = await createWorld(db)
  const a = await createCandidateActor(db)
  const b = await createCandidateActor(db)
  const regA = await registerCandidate(contextFor(database, a.actor, NOW), { candidateId: a.actor.userId, batchId: world.lasBatch.id })
  const regB = await registerCandidate(contextFor(database, b.actor, NOW), { candidateId: b.actor.userId, batchId: world.lasBatch.id })
  const officer = await createOfficerActor(db, world.kdi.id, a.actor.userId)
  const { token } = await createSession(db, { userId: officer.userId, now: new Date() })
  const request = new Request('http://localhost:3000/aktivitas', {
    headers: { Cookie: await createCookie('latih_session').serialize(token) },
  })

  it("open A's registration and receipt, and are refused B's", async () => {
    const { ctx, candidateId } = await candidateContext(request)
    expect(candidateId).toBe(a.actor.userId)
    await expect(getRegistration(ctx, { registrationId: regA.registration.id })).resolves.toMatchObject({
      registration: { id: regA.registration.id },
    })
    await expect(getReceipt(ctx, { registrationId: regA.registration.id })).resolves.toMatchObject({ number: regA.registration.number })
    await expect(getRegistration(ctx, { registrationId: regB.registration.id })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(getReceipt(ctx, { registrationId: regB.registration.id })).rejects.toBeInstanceOf(ForbiddenError)
  })
})
