import { z } from 'zod'
import type { UseCaseContext } from '../context'
import { attemptEnd } from './candidateAssessments'
import { getAssessmentOverview, type AssessmentOverview, type KindStatus } from './getAssessmentOverview'
import { ASSESSMENT_KINDS, type AssessmentKind } from './kinds'
import { latestCompletedAttempts, resultValidity } from './records'
import { parseInput } from '../validation'

const Input = z.object({
  candidateId: z.uuid('Calon peserta tidak dikenal.'),
  kind: z.enum(ASSESSMENT_KINDS, 'Jenis asesmen tidak dikenal.'),
})

export type AssessmentStart = {
  kind: AssessmentKind
  now: Date
  timeZone: string
  registration: AssessmentOverview['registration']
  status: KindStatus
  /** When an attempt started now would end, and whether the deadline cuts it short. */
  ifStartedNow: { endsAt: Date; cutShort: boolean; minutes: number } | null
  /** A result older than six months was replaced or may be: when the last one was. */
  lastCompletedAt: Date | null
  /** When the candidate may take it again (only while a result is valid). */
  retakeFrom: Date | null
}

/**
 * What the start page shows before the candidate begins: the number of questions, the
 * time limit, the exact end if started now, and — told before starting — when the
 * batch's assessment deadline makes that earlier than the full time limit.
 */
export async function getAssessmentStart(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<AssessmentStart> {
  const { candidateId, kind } = parseInput(Input, input, { field: 'kind' })
  const overview = await getAssessmentOverview(ctx, { candidateId })
  const entry = overview.kinds.find((k) => k.kind === kind)!
  const { kind: _kind, ...status } = entry
  let ifStartedNow: AssessmentStart['ifStartedNow'] = null
  if (status.status === 'available' && overview.registration) {
    const end = attemptEnd(ctx.now, status.timeLimitMinutes, overview.registration.assessmentDeadline)
    ifStartedNow = { ...end, minutes: Math.floor((end.endsAt.getTime() - ctx.now.getTime()) / 60_000) }
  }
  const last = (await latestCompletedAttempts(ctx.db, candidateId))[kind]
  const lastCompletedAt = last?.submittedAt ?? null
  const validity = lastCompletedAt ? resultValidity(lastCompletedAt, ctx.now, overview.timeZone) : null
  return {
    kind,
    now: ctx.now,
    timeZone: overview.timeZone,
    registration: overview.registration,
    status: status as KindStatus,
    ifStartedNow,
    lastCompletedAt,
    retakeFrom: validity?.valid ? validity.validUntil : null,
  }
}
