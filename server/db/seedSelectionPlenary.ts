import { and, eq, inArray } from 'drizzle-orm'
import { scorecardTotalHundredths } from '../../domain/interviewScore'
import { formatRegistrationNumber } from '../../domain/registrationNumber'
import { SYSTEM } from '../auth/actor'
import { hashPassword } from '../auth/password'
import { recordAudit } from '../audit'
import { DEFAULT_RUBRIC } from '../interviews/records'
import type { Db, DbOrTx } from './client'
import { createBatch, createCandidate, demoNik } from './factories'
import {
  batch,
  batchAssessment,
  institution,
  interviewAssignment,
  interviewRubric,
  interviewScorecard,
  interviewSlot,
  interviewSlotInterviewer,
  programme,
  registration,
  registrationEvent,
  userAccount,
  writtenTestResult,
} from './schema'

/*
 * Demo data for SOP step 8 (the selection plenary): two more batches of the graphic
 * design (DGR) programme whose interviews are over, with the plenary today:
 *  - batch 2, quota 6 and 2 reserves: fourteen candidates, thirteen interviewed (one
 *    scorecard each from the demo interviewer) and one invited but absent. Ranks 6 and 7
 *    have the same weighted total (80) and are separated by the written test — at the
 *    quota's edge, so the tie-break decides a funded place;
 *  - batch 3, quota 3 and 1 reserve: eight candidates, one absent (a second plenary to
 *    run, e.g. without JavaScript).
 * Rows are written directly (not through the interview use cases) so the first start
 * stays fast: one password hash for everyone, one insert per table and candidate.
 */

const DAY = 86_400_000
const HOUR = 3_600_000
const PASSWORD = 'Latih-Demo-2026'
const PASS_MARK = 60

/** [full name, sex, birth date, written-test score, interview total (null: absent)] */
type Row = readonly [string, 'male' | 'female', string, number, number | null]

const BATCH_2: readonly Row[] = [
  ['Andi Saputra', 'male', '2001-03-14', 92.5, 88.75],
  ['Wa Ode Nurhaliza', 'female', '2002-07-09', 87.5, 90],
  ['Muh. Rizky Pratama', 'male', '1999-11-21', 85, 85],
  ['Sitti Aminah', 'female', '2000-02-02', 82.5, 86.25],
  ['Ikram Jaya', 'male', '2003-05-30', 82.5, 81.25],
  // Equal totals (80): the written test puts La Ode Hamzah in the quota, Dewi Lestari first reserve.
  ['La Ode Hamzah', 'male', '1998-09-17', 80, 80],
  ['Dewi Lestari', 'female', '2002-12-05', 75, 87.5],
  ['Nur Afni', 'female', '2001-08-23', 72.5, 82.5],
  ['Rahmat Hidayat', 'male', '1997-04-11', 70, 77.5],
  ['Putri Ayu Lestari', 'female', '2003-01-27', 67.5, 78.75],
  ['Fitriani Basri', 'female', '2000-10-13', 62.5, 75],
  ['Syamsuddin', 'male', '1996-06-06', 65, 70],
  ['Agus Salim', 'male', '1999-03-03', 60, 65],
  ['Yusran Tamburaka', 'male', '2001-01-19', 90, null],
]

const BATCH_3: readonly Row[] = [
  ['Hendra Gunawan', 'male', '2000-05-05', 85, 82.5],
  ['Marlina Tosepu', 'female', '2001-11-11', 80, 86.25],
  ['Arif Rahman', 'male', '1999-02-18', 77.5, 80],
  ['Sri Wahyuni', 'female', '2002-04-04', 72.5, 83.75],
  ['Baharuddin', 'male', '1998-12-12', 70, 75],
  ['Nurhayati', 'female', '2003-09-09', 65, 77.5],
  ['Yoga Pratama', 'male', '2000-08-08', 62.5, 71.25],
  ['Asmaul Husna', 'female', '2001-06-16', 87.5, null],
]

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** Points on the default rubric (1–5 per criterion) whose total is `total` exactly. */
function pointsFor(total: number): Record<string, number> {
  const codes = DEFAULT_RUBRIC.criteria.map((c) => c.code)
  const target = Math.round(total * 100)
  const search = (i: number, chosen: Record<string, number>): Record<string, number> | null => {
    if (i === codes.length) return scorecardTotalHundredths(DEFAULT_RUBRIC, chosen) === target ? chosen : null
    for (let p = DEFAULT_RUBRIC.scaleMax; p >= DEFAULT_RUBRIC.scaleMin; p--) {
      const found = search(i + 1, { ...chosen, [codes[i]!]: p })
      if (found) return found
    }
    return null
  }
  const points = search(0, {})
  if (!points) throw new Error(`No rubric points give an interview total of ${total}`)
  return points
}

export async function seedSelectionPlenary(
  tx: DbOrTx,
  institutionId: string,
  now: Date,
): Promise<{ batchIds: string[] } | null> {
  const db = tx as Db
  const [dgr] = await db
    .select({ id: programme.id, code: programme.code, institutionCode: institution.code })
    .from(programme)
    .innerJoin(institution, eq(institution.id, programme.institutionId))
    .where(and(eq(programme.institutionId, institutionId), eq(programme.code, 'DGR')))
  if (!dgr) return null
  const year = now.getUTCFullYear()
  const [existing] = await db
    .select({ id: batch.id })
    .from(batch)
    .where(and(eq(batch.programmeId, dgr.id), eq(batch.year, year), eq(batch.number, 2)))
  if (existing) return null
  const [interviewer] = await db.select().from(userAccount).where(eq(userAccount.email, 'pewawancara@bpvp-kendari.test'))
  const [written] = await db
    .select({ sources: batchAssessment.sources })
    .from(batchAssessment)
    .innerJoin(batch, eq(batch.id, batchAssessment.batchId))
    .where(and(eq(batch.programmeId, dgr.id), eq(batchAssessment.kind, 'written_test')))
    .limit(1)

  // Registration opened 40 days ago at 08.00 WITA; the interviews ended two days ago;
  // the plenary is today at 10.00 WITA (an hour ago at the earliest, so "around now").
  const opens = new Date(now.getTime() - 40 * DAY)
  opens.setUTCHours(0, 0, 0, 0)
  const at = (days: number, hoursWita = 8) => new Date(opens.getTime() + days * DAY + (hoursWita - 8) * HOUR)
  const day = (days: number) => at(days).toISOString().slice(0, 10)
  const passwordHash = await hashPassword(PASSWORD)
  const batchIds: string[] = []
  let serial = 0

  // Batches 4 and 5 repeat 3 and 2 for the announcement and re-registration journeys, so
  // each journey finalises a plenary of its own (the journeys share one server).
  for (const [index, rows] of [BATCH_2, BATCH_3, BATCH_3, BATCH_2].entries()) {
    const number = index + 2
    const large = rows === BATCH_2
    const b = await createBatch(db, {
      programmeId: dgr.id,
      institutionId,
      year,
      number,
      quota: large ? 6 : 3,
      reserveCount: large ? 2 : 1,
      registrationOpensAt: opens,
      registrationClosesAt: at(14, 16),
      assessmentDeadline: at(18, 23),
      interviewStartsAt: at(32),
      interviewEndsAt: at(38, 16),
      plenaryAt: at(40, 10),
      announcementAt: at(42, 10),
      reRegistrationDeadline: at(47, 16),
      trainingStartsOn: day(54),
      trainingEndsOn: day(54 + 30),
      writtenTestPublishedAt: at(21, 10),
      nextSequence: rows.length + 1,
    })
    batchIds.push(b.id)
    if (written) await db.insert(batchAssessment).values({ batchId: b.id, kind: 'written_test', sources: written.sources, timeLimitMinutes: 40, passMark: PASS_MARK })
    await db.insert(interviewRubric).values({ batchId: b.id, criteria: DEFAULT_RUBRIC.criteria, scaleMin: DEFAULT_RUBRIC.scaleMin, scaleMax: DEFAULT_RUBRIC.scaleMax, scaleLabels: DEFAULT_RUBRIC.scaleLabels })
    const [slot] = await db
      .insert(interviewSlot)
      .values({ batchId: b.id, institutionId, startsAt: at(33), endsAt: at(33, 16), place: 'Lab Komputer TIK, BPVP Kendari', capacity: 20, createdAt: at(22) })
      .returning()
    if (interviewer) await db.insert(interviewSlotInterviewer).values({ slotId: slot!.id, interviewerId: interviewer.id })

    // One insert per table for the whole batch (PGlite runs one statement at a time).
    const people: Array<{ id: string }> = []
    for (const [i, [name, sex, birth]] of rows.entries()) {
      serial++
      const { user } = await createCandidate(db, {
        nik: demoNik(birth, sex, 7300 + serial),
        fullName: name,
        email: `calon.dgr${pad(serial)}@contoh.test`,
        password: null,
        phone: `+62852${pad(52_000_000 + serial * 7_013, 8)}`,
        complete: true,
        birthDate: birth,
        sex,
        educationLevel: i % 2 === 0 ? 'SMA' : 'SMK',
      })
      people.push(user)
    }
    await db.update(userAccount).set({ passwordHash }).where(inArray(userAccount.id, people.map((u) => u.id)))
    const registeredAt = (i: number) => at(1 + (i % 12), 9 + (i % 7))
    const interviewedAt = (i: number) => at(33, 9 + (i % 6))
    const regs = await db
      .insert(registration)
      .values(
        rows.map(([, , , , interview], i) => ({
          number: formatRegistrationNumber({ institutionCode: dgr.institutionCode, programmeCode: dgr.code, year, batchNumber: number, sequence: i + 1 }),
          candidateId: people[i]!.id,
          batchId: b.id,
          institutionId,
          state: interview === null ? 'invited_to_interview' : 'interviewed',
          createdAt: registeredAt(i),
          updatedAt: interview === null ? at(33, 16) : interviewedAt(i),
          createdBy: people[i]!.id,
        })),
      )
      .returning({ id: registration.id })
    await db.insert(writtenTestResult).values(
      rows.map(([, , , score], i) => ({
        registrationId: regs[i]!.id,
        batchId: b.id,
        score,
        passMark: PASS_MARK,
        passed: 'yes' as const,
        publishedAt: b.writtenTestPublishedAt!,
      })),
    )
    await db.insert(interviewAssignment).values(
      rows.map(([, , , , interview], i) => ({
        registrationId: regs[i]!.id,
        batchId: b.id,
        slotId: slot!.id,
        assignedAt: at(22),
        attendance: interview === null ? ('absent' as const) : ('present' as const),
        attendanceAt: interview === null ? at(33, 16) : interviewedAt(i),
        attendanceBy: interviewer?.id ?? null,
      })),
    )
    if (interviewer) {
      await db.insert(interviewScorecard).values(
        rows.flatMap(([, , , , interview], i) =>
          interview === null
            ? []
            : [
                {
                  registrationId: regs[i]!.id,
                  batchId: b.id,
                  interviewerId: interviewer.id,
                  scores: pointsFor(interview),
                  total: interview,
                  notes: '',
                  rubric: { criteria: DEFAULT_RUBRIC.criteria, scaleMin: DEFAULT_RUBRIC.scaleMin, scaleMax: DEFAULT_RUBRIC.scaleMax },
                  submittedAt: interviewedAt(i),
                  updatedAt: interviewedAt(i),
                },
              ],
        ),
      )
    }
    await db.insert(registrationEvent).values(
      rows.flatMap(([, , , score, interview], i): Array<typeof registrationEvent.$inferInsert> => {
        const id = regs[i]!.id
        const events: Array<typeof registrationEvent.$inferInsert> = [
          { registrationId: id, at: registeredAt(i), kind: 'registered', fromState: null, toState: 'registered', actorId: people[i]!.id, data: {} },
          { registrationId: id, at: new Date(registeredAt(i).getTime() + 4 * HOUR), kind: 'complete_assessments', fromState: 'registered', toState: 'assessed', actorId: null, data: {} },
          { registrationId: id, at: b.writtenTestPublishedAt!, kind: 'pass_written_test', fromState: 'assessed', toState: 'written_test_passed', actorId: null, data: { score, passMark: PASS_MARK } },
          { registrationId: id, at: at(22), kind: 'invite_to_interview', fromState: 'written_test_passed', toState: 'invited_to_interview', actorId: null, data: {} },
        ]
        if (interview !== null) {
          events.push({ registrationId: id, at: interviewedAt(i), kind: 'record_interview', fromState: 'invited_to_interview', toState: 'interviewed', actorId: interviewer?.id ?? null, data: {} })
        }
        return events
      }),
    )
    await recordAudit(db, SYSTEM, now, {
      action: 'selection.demo_seed_plenary',
      entityType: 'batch',
      entityId: b.id,
      institutionId,
      after: { candidates: rows.length, absent: rows.filter((r) => r[4] === null).length },
    })
  }
  return { batchIds }
}
