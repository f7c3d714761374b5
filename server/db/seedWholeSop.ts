import { and, eq } from 'drizzle-orm'
import type { Db, DbOrTx } from './client'
import { createBatch, createProgramme } from './factories'
import { programme } from './schema'
import { seedDemoAssessments } from './seedAssessments'
import { seedAssessedCandidates, type SeededPerson } from './seedSelectionWrittenTest'

/*
 * Demo data for walking one batch through the whole SOP: a programme of its own
 * (Operator Komputer Muda) whose only batch is open for registration now, with six
 * candidates who already registered and took all three assessments — so that a
 * newcomer who signs up today joins a realistic field. Every later step (written-test
 * results, interviews, plenary, announcement, re-registration, handover) is left to the
 * staff and candidates, in the app; tests/e2e/whole-sop.spec.ts does exactly that.
 */

const DAY = 86_400_000
const HOUR = 3_600_000

/** Written-test scores spread around the 60 % pass mark (24 of 40); the last fails. */
const PEOPLE: readonly SeededPerson[] = [
  { name: 'Muhammad Ilham', sex: 'male', birth: '1998-04-12', plan: { correct: 36 } },
  { name: 'Andi Nurfadillah', sex: 'female', birth: '2000-09-03', plan: { correct: 33 } },
  { name: 'La Ode Safaruddin', sex: 'male', birth: '1997-01-25', plan: { correct: 30 } },
  { name: 'Wa Ode Sitti Marlina', sex: 'female', birth: '2002-06-18', plan: { correct: 28 } },
  { name: 'Rudi Hartono', sex: 'male', birth: '1999-11-07', plan: { correct: 26 } },
  { name: 'Nur Hikmah', sex: 'female', birth: '2001-02-14', plan: { correct: 15 } },
]

export const WHOLE_SOP_PROGRAMME = {
  code: 'OKM',
  name: 'Operator Komputer Muda',
  vocationalField: 'Teknologi Informasi dan Komunikasi',
  description: 'Mengoperasikan komputer perkantoran: pengolah kata, lembar kerja, presentasi, surel, dan berkas bersama.',
  durationHours: 160,
  location: 'Lab Komputer TIK, BPVP Kendari',
  minEducation: 'SMP',
  minAge: 17,
  maxAge: 45,
} as const

export async function seedWholeSop(tx: DbOrTx, institutionId: string, now: Date): Promise<{ batchId: string } | null> {
  const db = tx as Db
  const [existing] = await db
    .select({ id: programme.id })
    .from(programme)
    .where(and(eq(programme.institutionId, institutionId), eq(programme.code, WHOLE_SOP_PROGRAMME.code)))
  if (existing) return null
  const okm = await createProgramme(db, { institutionId, ...WHOLE_SOP_PROGRAMME })

  // Opened at 08.00 WITA five days ago; the assessment deadline is twelve days from now.
  const opens = new Date(now.getTime() - 5 * DAY)
  opens.setUTCHours(0, 0, 0, 0)
  const at = (days: number, hoursWita = 8) => new Date(opens.getTime() + days * DAY + (hoursWita - 8) * HOUR)
  const day = (days: number) => at(days).toISOString().slice(0, 10)
  const b = await createBatch(db, {
    programmeId: okm.id,
    institutionId,
    year: now.getUTCFullYear(),
    number: 1,
    quota: 3,
    reserveCount: 2,
    registrationOpensAt: opens,
    registrationClosesAt: at(14, 16),
    assessmentDeadline: at(17, 23),
    interviewStartsAt: at(20),
    interviewEndsAt: at(22, 16),
    plenaryAt: at(24, 10),
    announcementAt: at(25, 10),
    reRegistrationDeadline: at(30, 16),
    trainingStartsOn: day(35),
    trainingEndsOn: day(35 + 20),
  })
  // The standard assessment configuration (40 questions, 40 minutes, pass mark 60).
  await seedDemoAssessments(db, institutionId, now)
  await seedAssessedCandidates(db, {
    batchId: b.id,
    people: PEOPLE,
    emailPrefix: 'calon.okm',
    nikSerial: 6400,
    phoneBase: 46_000_000,
    // Each registered on one of the first three days, in office hours.
    registeredAt: (i) => at(i % 3, 9 + i),
  })
  return { batchId: b.id }
}
