// Shared set-up for the interview integration tests (not used by the application).
import { eq } from 'drizzle-orm'
import { staffActor } from '../../tests/actors'
import { contextFor } from '../../tests/db'
import type { Actor } from '../auth/actor'
import type { Database, DbOrTx } from '../db/client'
import { createBatch, createCandidate, createInstitution, createProgramme } from '../db/factories'
import { batchSelection, job, registration, writtenTestResult } from '../db/schema'
import { createInterviewSlot } from './createInterviewSlot'

/** 6 February 2027, 10.00 WITA: written results are out, interviews start on the 8th. */
export const NOW = new Date('2027-02-06T02:00:00Z')
/** Registration opened 12 January 2027 08.00 WITA: interviews 8–12 February, plenary 14 February 08.00 WITA. */
export const OPENS_AT = new Date('2027-01-12T00:00:00Z')

let serial = 0

export async function createInterviewWorld(database: Database) {
  const { db } = database
  const kdi = await createInstitution(db, { code: `K${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}` })
  const tsm = await createProgramme(db, { institutionId: kdi.id, code: 'TSM', name: 'Perawatan Sepeda Motor Injeksi', vocationalField: 'Otomotif' })
  const tsmBatch = await createBatch(db, { programmeId: tsm.id, institutionId: kdi.id, year: 2027, number: 1, opensAt: OPENS_AT, quota: 4 })
  const committee = await staffActor(db, kdi.id, ['selection_committee'], 'Panitia')
  const interviewerA = await staffActor(db, kdi.id, ['interviewer'], 'Pewawancara A')
  const interviewerB = await staffActor(db, kdi.id, ['interviewer'], 'Pewawancara B')
  return { kdi, tsm, tsmBatch, committee, interviewerA, interviewerB }
}

export type InterviewWorld = Awaited<ReturnType<typeof createInterviewWorld>>

/** A candidate whose registration passed the written test with `score` (published). */
export async function passedCandidate(db: DbOrTx, world: { kdi: { id: string }; tsmBatch: { id: string } }, score: number) {
  serial += 1
  const nik = `7471011508950${String(serial).padStart(3, '0')}`.slice(0, 16)
  const { user, email } = await createCandidate(db, { complete: true, nik, fullName: `Calon ${serial}`, password: null })
  const [row] = await db
    .insert(registration)
    .values({
      number: `KDI-TSM-2027.1-${String(serial).padStart(4, '0')}${Math.random().toString(36).slice(2, 6)}`,
      candidateId: user.id,
      batchId: world.tsmBatch.id,
      institutionId: world.kdi.id,
      state: 'written_test_passed',
      createdAt: OPENS_AT,
      updatedAt: OPENS_AT,
      createdBy: user.id,
    })
    .returning()
  await db.insert(writtenTestResult).values({
    registrationId: row!.id,
    batchId: world.tsmBatch.id,
    score,
    passMark: 60,
    passed: 'yes',
    publishedAt: NOW,
  })
  const actor: Actor = { kind: 'candidate', userId: user.id, email, displayName: user.displayName, roles: [] }
  return { registration: row!, actor, email }
}

/** A slot on 8–12 February 2027 (WITA), by the committee. */
export async function slot(
  database: Database,
  world: InterviewWorld,
  input: { date?: string; startTime: string; endTime: string; capacity: number; interviewers?: Actor[]; place?: string; onlineUrl?: string },
) {
  return createInterviewSlot(contextFor(database, world.committee, NOW), {
    batchId: world.tsmBatch.id,
    date: input.date ?? '2027-02-08',
    startTime: input.startTime,
    endTime: input.endTime,
    place: input.onlineUrl ? '' : (input.place ?? 'Ruang Wawancara 1'),
    onlineUrl: input.onlineUrl ?? '',
    capacity: input.capacity,
    interviewerIds: (input.interviewers ?? [world.interviewerA]).map((a) => a.userId),
  })
}

export async function setInviteLimit(db: DbOrTx, batchId: string, limit: number | null, cutoff: Date | null = null) {
  await db
    .insert(batchSelection)
    .values({ batchId, interviewInviteLimit: limit, slotChangeCutoff: cutoff })
    .onConflictDoUpdate({ target: batchSelection.batchId, set: { interviewInviteLimit: limit, slotChangeCutoff: cutoff } })
}

/** The mails enqueued to `to`. */
export async function mailsTo(db: DbOrTx, to: string) {
  const rows = await db.select().from(job).where(eq(job.name, 'mail.send'))
  return rows
    .map((r) => r.payload as { to: string; subject: string; text: string; attachments?: Array<{ filename: string; content: string }> })
    .filter((p) => p.to === to)
}

export async function stateOf(db: DbOrTx, registrationId: string) {
  return (await db.select().from(registration).where(eq(registration.id, registrationId)))[0]!.state
}

