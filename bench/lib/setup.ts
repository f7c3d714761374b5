import { and, asc, gt, lte } from 'drizzle-orm'
import { createCookie } from 'react-router'
import type { Actor } from '../../server/auth/actor'
import { createSession, SESSION_DAYS } from '../../server/auth/sessions'
import { startAttempt } from '../../server/assessments/startAttempt'
import type { Db } from '../../server/db/client'
import { createCandidate } from '../../server/db/factories'
import { batch } from '../../server/db/schema'
import { registerCandidate } from '../../server/registrations/registerCandidate'
import type { VirtualCandidate } from './load'

// Test-day candidates, made through the project's own code rather than raw inserts, so
// their rows are exactly what the app would have: an account with a complete profile,
// a registration in a demo batch, a started written test, and a signed-in session.

// The cookie the app sets at sign-in (app/lib/session.server.ts): same name and
// options, no secrets, so the value is what the server will parse.
const sessionCookie = createCookie('latih_session', {
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
  secure: false,
  maxAge: SESSION_DAYS * 86_400,
})

export async function createTestDayCandidates(
  db: Db,
  options: { count: number; concurrency: number; onProgress?: (done: number) => void },
): Promise<VirtualCandidate[]> {
  // The demo's batches open for registration now (it also seeds closed ones, further along the SOP).
  const openNow = new Date()
  const batches = await db
    .select({ id: batch.id })
    .from(batch)
    .where(and(lte(batch.registrationOpensAt, openNow), gt(batch.registrationClosesAt, openNow)))
    .orderBy(asc(batch.createdAt))
  if (batches.length === 0) throw new Error('No open batch found: was the demo seeded (SEED_DEMO=true)?')
  const result: VirtualCandidate[] = new Array(options.count)
  let next = 0
  let done = 0

  const makeOne = async (i: number) => {
    // Unique NIKs: Kota Kendari, born 15 August 2000 (eligible for every demo programme).
    const nik = `747101150800${String(1001 + i).padStart(4, '0')}`
    const { user } = await createCandidate(db, {
      complete: true,
      nik,
      fullName: `Peserta Uji ${i + 1}`,
      email: `peserta.${i + 1}@bench.test`,
      // No password: argon2 for 500 accounts would only slow the set-up; they sign in by session.
      password: null,
    })
    const actor: Actor = { kind: 'candidate', userId: user.id, email: user.email, displayName: user.displayName, roles: [] }
    const now = new Date()
    const ctx = { db, actor, now }
    await registerCandidate(ctx, { candidateId: user.id, batchId: batches[i % batches.length]!.id })
    const { attempt } = await startAttempt(ctx, { candidateId: user.id, kind: 'written_test' })
    const { token } = await createSession(db, { userId: user.id, now, userAgent: 'latih-bench/1 (test day)' })
    const cookie = (await sessionCookie.serialize(token)).split(';')[0]!
    // Each answer one of the item's own options, picked at random: right or wrong alike.
    const answers = attempt.items.map((item) => item.optionOrder[Math.floor(Math.random() * item.optionOrder.length)]!)
    result[i] = { cookie, attemptId: attempt.id, answers, endsAt: attempt.endsAt?.getTime() ?? Infinity }
  }

  const worker = async () => {
    while (next < options.count) {
      const i = next++
      await makeOne(i)
      done += 1
      if (done % 50 === 0) options.onProgress?.(done)
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  return result
}
