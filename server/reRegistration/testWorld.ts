// Test-only: a batch whose plenary is finalised and announced, ready for re-registration
// (imported by *.test.ts and the benchmark only).
import { eq } from 'drizzle-orm'
import { contextFor } from '../../tests/db'
import { staffActor } from '../../tests/actors'
import type { Actor } from '../auth/actor'
import type { Database } from '../db/client'
import { batch } from '../db/schema'
import { publishResults } from '../announcements/publishResults'
import { finalisePlenary } from '../plenary/finalisePlenary'
import { openPlenary } from '../plenary/openPlenary'
import { addPlenaryCandidate, createPlenaryWorld } from '../plenary/testFactories'

const DAY = 24 * 3600 * 1000
/** The batches of createBatch open on 12 January 2027, 00.00 UTC, unless moved. */
const OPENS = new Date('2027-01-12T00:00:00Z')

/** A world's instants: the plenary (day 33), the announcement (day 35), the deadline (day 40, createBatch). */
export function timesFrom(opensAt: Date) {
  const at = (days: number, hours = 0) => new Date(opensAt.getTime() + days * DAY + hours * 3600_000)
  return {
    plenary: at(33, 2),
    announced: at(35, 2),
    /** A day after the announcement: re-registration is open. */
    later: at(36, 2),
    deadline: at(40),
    afterDeadline: at(40, 3),
  }
}

export function candidateActor(user: { id: string; email: string; displayName: string }): Actor {
  return { kind: 'candidate', userId: user.id, email: user.email, displayName: user.displayName, roles: [] }
}

/**
 * `passed` + `reserves` + 2 not passed candidates, ranked in the order given (the first
 * name best), quota = passed; the plenary finalised and the results announced.
 */
export async function announcedBatch(
  database: Database,
  code: string,
  input: { passed: number; reserves: number; shiftDays?: number },
) {
  const db = database.db
  // Worlds sharing a database get their own dates, so one test's deadline jobs leave the others alone.
  const opensAt = new Date(OPENS.getTime() + (input.shiftDays ?? 0) * DAY)
  const times = timesFrom(opensAt)
  const w = await createPlenaryWorld(db, { code, quota: input.passed, reserveCount: input.reserves, opensAt })
  const committee = await staffActor(db, w.institution.id, ['selection_committee'], 'Panitia')
  const total = input.passed + input.reserves + 2
  const people = []
  for (let i = 0; i < total; i++) {
    // Descending scores: candidate i ranks i + 1; the last two fall below the reserves.
    const score = 99 - i * (30 / total)
    const { user, registration } = await addPlenaryCandidate(db, w, {
      fullName: `Calon ${code} ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ''}`,
      written: Math.round(score),
      interviews: [Math.round(score)],
    })
    people.push({ user, registration, actor: candidateActor({ id: user.id, email: user.email, displayName: user.displayName }) })
  }
  const ctx = contextFor(database, committee, times.plenary)
  await openPlenary(ctx, {
    batchId: w.batch.id,
    minutesNumber: `BA-PLENO/${code}/2027/DGR-2`,
    place: 'Aula BPVP',
    heldOn: `${times.plenary.toISOString().slice(0, 10)}T10:00`,
    staff: [{ userId: committee.userId, role: 'Ketua' }],
    guests: [],
  })
  await finalisePlenary(ctx, { batchId: w.batch.id })
  await publishResults(contextFor(database, committee, times.announced), { batchId: w.batch.id })
  const [b] = await db.select().from(batch).where(eq(batch.id, w.batch.id))
  return {
    times,
    world: w,
    batch: b!,
    committee,
    passed: people.slice(0, input.passed),
    reserves: people.slice(input.passed, input.passed + input.reserves),
    notPassed: people.slice(input.passed + input.reserves),
  }
}
