import { and, eq } from 'drizzle-orm'
import type { Actor } from '../auth/actor'
import { hashPassword } from '../auth/password'
import { loadVersions } from '../assessments/records'
import { saveAnswers } from '../assessments/saveAnswers'
import { startAttempt } from '../assessments/startAttempt'
import { submitAttempt } from '../assessments/submitAttempt'
import type { AssessmentKind } from '../assessments/kinds'
import { registerCandidate } from '../registrations/registerCandidate'
import type { Db, DbOrTx } from './client'
import { createBatch, createCandidate, demoNik } from './factories'
import { batch, programme, userAccount } from './schema'
import { seedDemoAssessments } from './seedAssessments'

/*
 * Demo data for SOP step 6 (written-test results): a second batch of the welding (LAS)
 * programme whose registration and assessment deadline have passed, with twelve
 * candidates who took all three assessments for real (registered, started, answered and
 * submitted through the use cases, at times inside the batch's windows) and are now
 * 'assessed', with written-test scores around the 60 % pass mark; and two who never sat
 * the written test. Ready for the committee to publish at /staf/gelombang/:id/tes-tulis.
 */

const DAY = 86_400_000
const HOUR = 3_600_000
export const DEMO_CANDIDATE_PASSWORD = 'Latih-Demo-2026'

/** [full name, sex, birth date (YYYY-MM-DD), correct answers of the 40-question written test] */
const ASSESSED: ReadonlyArray<readonly [string, 'male' | 'female', string, number]> = [
  ['Andi Saputra', 'male', '1999-03-14', 34],
  ['Wa Ode Nurhaliza', 'female', '2001-07-02', 31],
  ['La Ode Rahman', 'male', '1997-11-23', 28],
  ['Muhammad Fadli', 'male', '2002-01-09', 26],
  ['Sitti Aisyah', 'female', '2000-05-17', 25],
  ['Rizal Tamburaka', 'male', '1998-09-30', 24],
  ['Yusuf Lapuju', 'male', '2003-02-11', 24],
  ['Nur Ainun', 'female', '1999-12-04', 23],
  ['Hendra Gunawan', 'male', '1996-06-21', 22],
  ['Dewi Lestari', 'female', '2001-10-08', 20],
  ['Arman Baso', 'male', '2000-08-15', 17],
  ['Fitriani Muis', 'female', '2002-04-27', 14],
]
/** Never sat the written test: one started only the self-assessment, one nothing. */
const NOT_SAT: ReadonlyArray<readonly [string, 'male' | 'female', string, 'self_only' | 'nothing']> = [
  ['Rahmat Hidayat', 'male', '1998-02-19', 'self_only'],
  ['Sri Wahyuni', 'female', '2000-11-30', 'nothing'],
]

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

const candidateActor = (user: { id: string; email: string; displayName: string }): Actor => ({
  kind: 'candidate',
  userId: user.id,
  email: user.email,
  displayName: user.displayName,
  roles: [],
})

/** Take one assessment through the use cases, answering `correct` written-test items right. */
async function take(
  db: Db,
  actor: Actor,
  kind: AssessmentKind,
  start: Date,
  pick: (index: number, options: string[], correctKey: string | null) => string,
): Promise<void> {
  const ctx = (minutes: number) => ({ db, actor, now: new Date(start.getTime() + minutes * 60_000) })
  const { attempt } = await startAttempt(ctx(0), { candidateId: actor.userId, kind })
  const versions = await loadVersions(db, attempt.items.map((i) => i.questionVersionId))
  await saveAnswers(ctx(12), {
    attemptId: attempt.id,
    answers: attempt.items.map((item, i) => ({
      position: i + 1,
      answer: pick(i, item.optionOrder, versions.get(item.questionVersionId)?.correctOptionKey ?? null),
    })),
  })
  await submitAttempt(ctx(15), { attemptId: attempt.id, reason: 'candidate' })
}

export async function seedSelectionWrittenTest(
  tx: DbOrTx,
  institutionId: string,
  now: Date,
): Promise<{ batchId: string; assessed: number; notSat: number } | null> {
  const db = tx as Db
  const [las] = await db
    .select({ id: programme.id })
    .from(programme)
    .where(and(eq(programme.institutionId, institutionId), eq(programme.code, 'LAS')))
  if (!las) return null
  const year = now.getUTCFullYear()
  const [existing] = await db
    .select({ id: batch.id })
    .from(batch)
    .where(and(eq(batch.programmeId, las.id), eq(batch.year, year), eq(batch.number, 2)))
  if (existing) return null

  // 08.00 WITA twenty days ago; the assessment deadline passed three days ago, the
  // interviews are next week.
  const opens = new Date(now.getTime() - 20 * DAY)
  opens.setUTCHours(0, 0, 0, 0)
  const at = (days: number, hoursWita = 8) => new Date(opens.getTime() + days * DAY + (hoursWita - 8) * HOUR)
  const day = (days: number) => at(days).toISOString().slice(0, 10)
  const b = await createBatch(db, {
    programmeId: las.id,
    institutionId,
    year,
    number: 2,
    quota: 6,
    reserveCount: 2,
    registrationOpensAt: opens,
    registrationClosesAt: at(14, 16),
    assessmentDeadline: at(17, 23),
    interviewStartsAt: at(24),
    interviewEndsAt: at(27, 16),
    plenaryAt: at(29, 10),
    announcementAt: at(31, 10),
    reRegistrationDeadline: at(36, 16),
    trainingStartsOn: day(43),
    trainingEndsOn: day(43 + 30),
  })
  // The demo banks and the standard configuration (40 questions, 40 minutes, pass mark 60).
  await seedDemoAssessments(db, institutionId, now)

  await seedAssessedCandidates(db, {
    batchId: b.id,
    people: [
      ...ASSESSED.map(([name, sex, birth, correct]) => ({ name, sex, birth, plan: { correct } })),
      ...NOT_SAT.map(([name, sex, birth, plan]) => ({ name, sex, birth, plan })),
    ],
    emailPrefix: 'calon.las',
    nikSerial: 6100,
    phoneBase: 40_000_000,
    registeredAt: (i) => at(1 + (i % 10), 9 + (i % 6)),
  })
  return { batchId: b.id, assessed: ASSESSED.length, notSat: NOT_SAT.length }
}

export interface SeededPerson {
  name: string
  sex: 'male' | 'female'
  /** YYYY-MM-DD */
  birth: string
  /** Correct answers of the written test after the two inventories, or how far they got. */
  plan: { correct: number } | 'self_only' | 'nothing'
}

/**
 * Candidates with complete profiles who registered for a batch and took its assessments
 * through the use cases (so their results are real attempts), signing in with
 * DEMO_CANDIDATE_PASSWORD as `<emailPrefix>01@contoh.test`, `…02`, ….
 */
export async function seedAssessedCandidates(
  db: Db,
  options: {
    batchId: string
    people: readonly SeededPerson[]
    emailPrefix: string
    nikSerial: number
    phoneBase: number
    registeredAt: (index: number) => Date
  },
): Promise<void> {
  // Hashed once for all of them: argon2 is deliberately slow, and the seed runs at first start.
  const passwordHash = await hashPassword(DEMO_CANDIDATE_PASSWORD)
  for (const [i, p] of options.people.entries()) {
    const { user } = await createCandidate(db, {
      nik: demoNik(p.birth, p.sex, options.nikSerial + i + 1),
      fullName: p.name,
      email: `${options.emailPrefix}${pad(i + 1)}@contoh.test`,
      password: null,
      phone: `+62812${pad(options.phoneBase + i * 7_919, 8)}`,
      complete: true,
      birthDate: p.birth,
      sex: p.sex,
      educationLevel: i % 3 === 0 ? 'SMK' : 'SMA',
    })
    await db.update(userAccount).set({ passwordHash }).where(eq(userAccount.id, user.id))
    const actor = candidateActor(user)
    const registeredAt = options.registeredAt(i)
    await registerCandidate({ db, actor, now: registeredAt }, { candidateId: user.id, batchId: options.batchId })
    const start = new Date(registeredAt.getTime() + HOUR)
    const likert = (index: number, choices: string[]) => choices[(index + i) % choices.length]!
    if (p.plan === 'nothing') continue
    await take(db, actor, 'self_assessment', start, likert)
    if (p.plan === 'self_only') continue
    await take(db, actor, 'potential', new Date(start.getTime() + 30 * 60_000), likert)
    const correct = p.plan.correct
    await take(db, actor, 'written_test', new Date(start.getTime() + 60 * 60_000), (index, choices, key) =>
      index < correct || !key ? (key ?? choices[0]!) : choices.find((o) => o !== key)!,
    )
  }
}
