import { and, asc, eq, inArray } from 'drizzle-orm'
import { OVERALL } from '../../domain/assessmentScoring'
import { formatRegistrationNumber } from '../../domain/registrationNumber'
import { SYSTEM } from '../auth/actor'
import { hashPassword } from '../auth/password'
import { recordAudit } from '../audit'
import type { Db, DbOrTx } from './client'
import { createBatch, createCandidate, demoNik } from './factories'
import {
  assessmentAttempt,
  batch,
  institution,
  programme,
  question,
  questionBank,
  questionVersion,
  registration,
  registrationEvent,
  userAccount,
  writtenTestResult,
  type AttemptItem,
} from './schema'
import { seedDemoAssessments } from './seedAssessments'

/*
 * Demo data for SOP step 7 (interviews): a second batch of the motorcycle (TSM)
 * programme whose written-test results are already published — twelve candidates with
 * complete profiles passed (scores 62.5–92.5 %), three failed — with the interview period
 * starting in a few days and the plenary after it, and no slots yet: the committee
 * creates them and invites at /staf/gelombang/:id/wawancara. Rows are written directly
 * (not through the assessment use cases) so the first start stays fast; the attempts
 * hold real question versions of the demo banks, so the results read like real ones.
 */

const DAY = 86_400_000
const HOUR = 3_600_000
export const DEMO_TSM_PASSWORD = 'Latih-Demo-2026'

/** [full name, sex, birth date, written-test correct answers out of 40] */
const CANDIDATES: ReadonlyArray<readonly [string, 'male' | 'female', string, number]> = [
  ['Ahmad Rifai', 'male', '2000-04-12', 37],
  ['Wa Ode Sartika', 'female', '2001-09-05', 35],
  ['La Ode Syamsul', 'male', '1998-01-28', 34],
  ['Ikhsan Maulana', 'male', '2003-06-17', 33],
  ['Nurul Hikmah', 'female', '1999-11-02', 32],
  ['Fajar Ramadhan', 'male', '2002-12-20', 31],
  ['Asrul Sani', 'male', '1997-03-08', 30],
  ['Sarina Dewi', 'female', '2000-07-25', 29],
  ['Muh. Akbar', 'male', '2001-02-14', 28],
  ['Rahmawati Tunru', 'female', '1999-05-30', 27],
  ['Irfan Hakim', 'male', '2002-08-09', 26],
  ['Yuliana Pasande', 'female', '2000-10-16', 25],
  // Below the pass mark of 60 % (24 of 40).
  ['Darmin Lasami', 'male', '1998-07-07', 22],
  ['Hasnah Ali', 'female', '2003-03-19', 19],
  ['Budi Santoso', 'male', '1996-12-01', 16],
]
const WRITTEN_TOTAL = 40
const PASS_MARK = 60

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The first `count` current question versions of a bank, as attempt items. */
async function itemsOf(db: DbOrTx, bankId: string | undefined, count: number): Promise<AttemptItem[]> {
  if (!bankId) return []
  const rows = await db
    .select({ id: questionVersion.id, options: questionVersion.options })
    .from(question)
    .innerJoin(questionVersion, and(eq(questionVersion.questionId, question.id), eq(questionVersion.version, question.currentVersion)))
    .where(eq(question.bankId, bankId))
    .orderBy(asc(question.position))
    .limit(count)
  return rows.map((r) => ({ questionVersionId: r.id, optionOrder: r.options.map((o) => o.key) }))
}

export async function seedSelectionInterviews(
  tx: DbOrTx,
  institutionId: string,
  now: Date,
): Promise<{ batchId: string; passed: number; failed: number } | null> {
  const db = tx as Db
  const [tsm] = await db
    .select({ id: programme.id, code: programme.code, institutionCode: institution.code })
    .from(programme)
    .innerJoin(institution, eq(institution.id, programme.institutionId))
    .where(and(eq(programme.institutionId, institutionId), eq(programme.code, 'TSM')))
  if (!tsm) return null
  const year = now.getUTCFullYear()
  const [existing] = await db
    .select({ id: batch.id })
    .from(batch)
    .where(and(eq(batch.programmeId, tsm.id), eq(batch.year, year), eq(batch.number, 2)))
  if (existing) return null

  // 08.00 WITA 25 days ago; written results out two days ago; interviews from the
  // morning three days from now, the plenary two days after they end.
  const opens = new Date(now.getTime() - 25 * DAY)
  opens.setUTCHours(0, 0, 0, 0)
  const at = (days: number, hoursWita = 8) => new Date(opens.getTime() + days * DAY + (hoursWita - 8) * HOUR)
  const day = (days: number) => at(days).toISOString().slice(0, 10)
  const b = await createBatch(db, {
    programmeId: tsm.id,
    institutionId,
    year,
    number: 2,
    quota: 4,
    reserveCount: 2,
    registrationOpensAt: opens,
    registrationClosesAt: at(14, 16),
    assessmentDeadline: at(18, 23),
    interviewStartsAt: at(28),
    interviewEndsAt: at(31, 16),
    plenaryAt: at(33, 10),
    announcementAt: at(35, 10),
    reRegistrationDeadline: at(40, 16),
    trainingStartsOn: day(47),
    trainingEndsOn: day(47 + 35),
    writtenTestPublishedAt: at(23, 10),
  })
  await seedDemoAssessments(db, institutionId, now)

  const banks = await db
    .select({ id: questionBank.id, code: questionBank.code, scales: questionBank.scales })
    .from(questionBank)
    .where(and(eq(questionBank.institutionId, institutionId), inArray(questionBank.code, ['PD', 'SPI', 'SL-UMUM', 'SL-OTO'])))
  const bank = (code: string) => banks.find((x) => x.code === code)
  const [selfItems, potentialItems, generalItems, fieldItems] = await Promise.all([
    itemsOf(db, bank('PD')?.id, 30),
    itemsOf(db, bank('SPI')?.id, 40),
    itemsOf(db, bank('SL-UMUM')?.id, 15),
    itemsOf(db, bank('SL-OTO')?.id, 25),
  ])
  const writtenItems = [...generalItems, ...fieldItems]

  const passwordHash = await hashPassword(DEMO_TSM_PASSWORD)
  let passed = 0
  for (const [i, [name, sex, birth, correct]] of CANDIDATES.entries()) {
    const { user } = await createCandidate(db, {
      nik: demoNik(birth, sex, 6200 + i + 1),
      fullName: name,
      email: `calon.tsm${pad(i + 1)}@contoh.test`,
      password: null,
      phone: `+62813${pad(41_000_000 + i * 6_007, 8)}`,
      complete: true,
      birthDate: birth,
      sex,
      educationLevel: i % 3 === 0 ? 'SMK' : 'SMA',
    })
    await db.update(userAccount).set({ passwordHash }).where(eq(userAccount.id, user.id))

    const registeredAt = at(1 + (i % 12), 9 + (i % 7))
    const sequence = i + 1
    const score = Math.round((correct / WRITTEN_TOTAL) * 10000) / 100
    const ok = score >= PASS_MARK
    const state = ok ? 'written_test_passed' : 'written_test_failed'
    const publishedAt = b.writtenTestPublishedAt!
    const [reg] = await db
      .insert(registration)
      .values({
        number: formatRegistrationNumber({ institutionCode: tsm.institutionCode, programmeCode: tsm.code, year, batchNumber: 2, sequence }),
        candidateId: user.id,
        batchId: b.id,
        institutionId,
        state,
        createdAt: registeredAt,
        updatedAt: publishedAt,
        createdBy: user.id,
      })
      .returning()

    // The three assessments, taken over an afternoon after registering.
    const took = (hours: number) => new Date(registeredAt.getTime() + hours * HOUR)
    const spread = (k: number) => Math.round((2.6 + ((i * 7 + k * 3) % 10) / 5) * 100) / 100
    const scalesOf = (code: string) => bank(code)?.scales ?? []
    const inventory = (code: string) => {
      const scores: Record<string, number> = {}
      scalesOf(code).forEach((s, k) => (scores[s.code] = spread(k)))
      const values = Object.values(scores)
      scores[OVERALL] = values.length ? Math.round((values.reduce((x, y) => x + y, 0) / values.length) * 100) / 100 : 3
      return scores
    }
    const selfScores = inventory('PD')
    const potentialScores = inventory('SPI')
    const attempt = (kind: 'self_assessment' | 'potential' | 'written_test', items: AttemptItem[], hours: number) => ({
      candidateId: user.id,
      kind,
      institutionId,
      batchId: b.id,
      registrationId: reg!.id,
      seed: `demo-tsm-${i}-${kind}`,
      items,
      startedAt: took(hours),
      endsAt: kind === 'written_test' ? took(hours + 40 / 60) : null,
      submittedAt: took(hours + 0.5),
      submitReason: 'candidate',
    })
    const [, , written] = await db
      .insert(assessmentAttempt)
      .values([
        { ...attempt('self_assessment', selfItems, 1), score: selfScores[OVERALL]!, scaleScores: selfScores },
        { ...attempt('potential', potentialItems, 2), score: potentialScores[OVERALL]!, scaleScores: potentialScores },
        { ...attempt('written_test', writtenItems, 3), correctCount: correct, score },
      ])
      .returning({ id: assessmentAttempt.id })
    await db.insert(writtenTestResult).values({
      registrationId: reg!.id,
      batchId: b.id,
      attemptId: written!.id,
      score,
      passMark: PASS_MARK,
      passed: ok ? 'yes' : 'no',
      publishedAt,
      publishedBy: null,
    })
    await db.insert(registrationEvent).values([
      { registrationId: reg!.id, at: registeredAt, kind: 'registered', fromState: null, toState: 'registered', actorId: user.id, data: {} },
      { registrationId: reg!.id, at: took(3.5), kind: 'complete_assessments', fromState: 'registered', toState: 'assessed', actorId: null, data: {} },
      {
        registrationId: reg!.id,
        at: publishedAt,
        kind: ok ? 'pass_written_test' : 'fail_written_test',
        fromState: 'assessed',
        toState: state,
        actorId: null,
        data: { score, passMark: PASS_MARK },
      },
    ])
    if (ok) passed++
  }
  await db.update(batch).set({ nextSequence: CANDIDATES.length + 1 }).where(eq(batch.id, b.id))
  await recordAudit(db, SYSTEM, now, {
    action: 'selection.demo_seed_interviews',
    entityType: 'batch',
    entityId: b.id,
    institutionId,
    after: { passed, failed: CANDIDATES.length - passed },
  })
  return { batchId: b.id, passed, failed: CANDIDATES.length - passed }
}
