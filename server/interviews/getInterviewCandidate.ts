import { and, desc, eq, inArray, isNotNull, lte } from 'drizzle-orm'
import { z } from 'zod'
import { OVERALL, potentialProfile, type PotentialProfile } from '../../domain/assessmentScoring'
import { ageOn } from '../../domain/eligibility'
import { calendarDateInZone } from '../../domain/zonedTime'
import type { UseCaseContext } from '../context'
import type { DbOrTx } from '../db/client'
import {
  assessmentAttempt,
  candidateProfile,
  interviewScorecard,
  question,
  questionBank,
  questionVersion,
  userAccount,
  writtenTestResult,
  type BankScale,
} from '../db/schema'
import { regionNamesFor } from '../regions/regions'
import { batchLabel } from '../registrations/batchLabel'
import { requireOwnCandidate } from './interviewerAccess'
import { readRubric, requireBatch, type Rubric } from './records'

const Input = z.object({ registrationId: z.string() })

type Attempt = typeof assessmentAttempt.$inferSelect

export interface InterviewCandidateView {
  registrationId: string
  number: string
  state: string
  programmeName: string
  batchLabel: string
  timeZone: string
  slot: { id: string; startsAt: Date; endsAt: Date; place: string | null; onlineUrl: string | null }
  profile: {
    fullName: string
    nikMasked: string | null
    age: number | null
    sex: 'male' | 'female' | null
    educationLevel: string | null
    schoolName: string | null
    major: string | null
    graduationYear: number | null
    employmentStatus: string | null
    regency: string | null
    province: string | null
  }
  writtenTest: { score: number; passMark: number } | null
  selfAssessment: { overall: number | null; scales: Array<{ code: string; name: string; mean: number }> } | null
  potential: { profile: PotentialProfile } | null
  attendance: 'present' | 'absent' | null
  rubric: Rubric
  scorecard: {
    id: string
    scores: Record<string, number>
    total: number
    notes: string
    submittedAt: Date | null
    reopenedAt: Date | null
    reopenReason: string | null
  } | null
  /** The interviewer may (still) fill in and submit the scorecard. */
  editable: boolean
}

/**
 * One candidate as their interviewer sees them: the profile (NIK masked), the assessment
 * results that counted for this batch (written score as published, self-assessment, the
 * potential profile), attendance, and the interviewer's own scorecard against the rubric.
 * Only for a candidate in one of the interviewer's slots.
 */
export async function getInterviewCandidate(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<InterviewCandidateView> {
  const { registrationId } = Input.parse(input)
  const own = await requireOwnCandidate(ctx.db, ctx.actor, registrationId)
  const reg = own.registration
  const b = await requireBatch(ctx.db, reg.batchId)
  const timeZone = b.institution.timeZone
  const interviewerId = ctx.actor.kind === 'system' ? '' : ctx.actor.userId

  const [[person], [written], [card], attempts] = await Promise.all([
    ctx.db
      .select({ profile: candidateProfile, displayName: userAccount.displayName })
      .from(userAccount)
      .leftJoin(candidateProfile, eq(candidateProfile.userId, userAccount.id))
      .where(eq(userAccount.id, reg.candidateId)),
    ctx.db.select().from(writtenTestResult).where(eq(writtenTestResult.registrationId, reg.id)),
    ctx.db
      .select()
      .from(interviewScorecard)
      .where(and(eq(interviewScorecard.registrationId, reg.id), eq(interviewScorecard.interviewerId, interviewerId))),
    // The results that counted: completed by the batch's assessment deadline, latest first.
    ctx.db
      .select()
      .from(assessmentAttempt)
      .where(
        and(
          eq(assessmentAttempt.candidateId, reg.candidateId),
          isNotNull(assessmentAttempt.submittedAt),
          lte(assessmentAttempt.submittedAt, b.batch.assessmentDeadline),
        ),
      )
      .orderBy(desc(assessmentAttempt.submittedAt)),
  ])
  const latest: Partial<Record<Attempt['kind'], Attempt>> = {}
  for (const a of attempts) latest[a.kind] ??= a

  const p = person?.profile ?? null
  const regions = p ? await regionNamesFor(ctx.db, p.ktpVillageCode) : null
  const self = latest.self_assessment
  const pot = latest.potential
  const [selfScales, potScales] = await Promise.all([self ? scalesOf(ctx.db, self) : [], pot ? scalesOf(ctx.db, pot) : []])
  const rubric = card ? { ...card.rubric, scaleLabels: (await readRubric(ctx.db, reg.batchId)).scaleLabels } : await readRubric(ctx.db, reg.batchId)

  return {
    registrationId: reg.id,
    number: reg.number,
    state: reg.state,
    programmeName: b.programme.name,
    batchLabel: batchLabel(b.batch),
    timeZone,
    slot: { id: own.slot.id, startsAt: own.slot.startsAt, endsAt: own.slot.endsAt, place: own.slot.place, onlineUrl: own.slot.onlineUrl },
    profile: {
      fullName: p?.fullName ?? person?.displayName ?? '',
      nikMasked: p?.nikMasked ?? null,
      age: p?.birthDate ? ageOn(p.birthDate, calendarDateInZone(ctx.now, timeZone)) : null,
      sex: p?.sex ?? null,
      educationLevel: p?.educationLevel ?? null,
      schoolName: p?.schoolName ?? null,
      major: p?.major ?? null,
      graduationYear: p?.graduationYear ?? null,
      employmentStatus: p?.employmentStatus ?? null,
      regency: regions?.regency ?? null,
      province: regions?.province ?? null,
    },
    writtenTest: written ? { score: written.score, passMark: written.passMark } : null,
    selfAssessment: self
      ? {
          overall: self.scaleScores?.[OVERALL] ?? self.score,
          scales: selfScales
            .filter((s) => typeof self.scaleScores?.[s.code] === 'number')
            .map((s) => ({ code: s.code, name: s.name, mean: self.scaleScores![s.code]! })),
        }
      : null,
    potential: pot ? { profile: potentialProfile(potScales, pot.scaleScores ?? {}) } : null,
    attendance: own.assignment.attendance,
    rubric: { criteria: rubric.criteria, scaleMin: rubric.scaleMin, scaleMax: rubric.scaleMax, scaleLabels: rubric.scaleLabels },
    scorecard: card
      ? {
          id: card.id,
          scores: card.scores,
          total: card.total,
          notes: card.notes,
          submittedAt: card.submittedAt,
          reopenedAt: card.reopenedAt,
          reopenReason: card.reopenReason,
        }
      : null,
    editable: reg.state !== 'withdrawn' && own.assignment.attendance !== 'absent' && (!card || card.submittedAt === null),
  }
}

/** The scales of the banks an attempt's questions come from, merged by code in bank order. */
async function scalesOf(db: DbOrTx, attempt: Attempt): Promise<BankScale[]> {
  const versionIds = attempt.items.map((i) => i.questionVersionId)
  const merged = new Map<string, BankScale>()
  if (versionIds.length > 0) {
    const banks = await db
      .selectDistinct({ scales: questionBank.scales, code: questionBank.code })
      .from(questionVersion)
      .innerJoin(question, eq(question.id, questionVersion.questionId))
      .innerJoin(questionBank, eq(questionBank.id, question.bankId))
      .where(inArray(questionVersion.id, versionIds))
      .orderBy(questionBank.code)
    for (const bank of banks) for (const s of bank.scales) if (!merged.has(s.code)) merged.set(s.code, s)
  }
  for (const code of Object.keys(attempt.scaleScores ?? {})) {
    if (code !== OVERALL && !merged.has(code)) merged.set(code, { code, name: code, description: '', suggestedFields: [] })
  }
  return [...merged.values()]
}
