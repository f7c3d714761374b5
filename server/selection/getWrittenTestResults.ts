import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize, can } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { batchAssessment, writtenTestResult } from '../db/schema'
import { batchLabel } from '../registrations/batchLabel'
import { parseInput } from '../validation'
import { loadSelectionBatch } from './selectionBatch'
import { countedWrittenTests, loadBatchRegistrations, writtenTestPassed } from './writtenTestScores'

const Input = z.object({ batchId: z.string() })

export interface WrittenTestRow {
  registrationId: string
  number: string
  fullName: string
  /** The registration's state now. */
  state: string
  score: number
  passed: boolean
  /** A result reused from an earlier batch under the six-month rule. */
  reused: boolean
}

export interface WrittenTestResults {
  batch: {
    id: string
    institutionId: string
    label: string
    programmeName: string
    assessmentDeadline: Date
    interviewStartsAt: Date
    writtenTestPublishedAt: Date | null
  }
  timeZone: string
  passMark: number | null
  /** Everyone assessed: before publication as it would be published, after as it was. Best first. */
  assessed: WrittenTestRow[]
  /** Registrations that never completed the assessments ('registered' or 'incomplete'). */
  notSat: Array<{ registrationId: string; number: string; fullName: string; state: string }>
  /** Registrations that became 'assessed' after publication: not published, refused. */
  assessedAfterPublication: Array<{ registrationId: string; number: string; fullName: string }>
  /** Other registrations (e.g. withdrawn before publication), by state. */
  otherStates: Record<string, number>
  canPublish: boolean
  /** Why publishing is not possible now (Indonesian); null when it is. */
  publishBlocker: 'published' | 'deadline' | 'passMark' | null
}

const byScore = (a: WrittenTestRow, b: WrittenTestRow) => b.score - a.score || a.number.localeCompare(b.number)

/**
 * The committee's written-test results of a batch (SOP step 6) against its pass mark:
 * everyone assessed with their score, those below the mark, and those who never sat
 * it. Before publication the scores are read as publication will read them; after it,
 * from what was published (written_test_result).
 */
export async function getWrittenTestResults(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<WrittenTestResults> {
  const { batchId } = parseInput(Input, input, { field: 'batchId' })
  const found = await loadSelectionBatch(ctx.db, batchId)
  const b = found.batch
  authorize(ctx.actor, 'selection.read', { institutionId: b.institutionId })
  const timeZone = found.institution.timeZone

  const [config] = await ctx.db
    .select({ passMark: batchAssessment.passMark })
    .from(batchAssessment)
    .where(and(eq(batchAssessment.batchId, b.id), eq(batchAssessment.kind, 'written_test')))
  const registrations = await loadBatchRegistrations(ctx.db, b.id)
  const published = b.writtenTestPublishedAt !== null
  const passMark = config?.passMark ?? null

  let assessed: WrittenTestRow[] = []
  const assessedAfterPublication: WrittenTestResults['assessedAfterPublication'] = []
  if (published) {
    const rows = await ctx.db.select().from(writtenTestResult).where(eq(writtenTestResult.batchId, b.id))
    const byRegistration = new Map(registrations.map((r) => [r.registrationId, r]))
    assessed = rows.flatMap((row) => {
      const r = byRegistration.get(row.registrationId)
      if (!r) return []
      return [
        {
          registrationId: r.registrationId,
          number: r.number,
          fullName: r.fullName,
          state: r.state,
          score: row.score,
          passed: row.passed === 'yes',
          reused: false,
        },
      ]
    })
    const publishedIds = new Set(rows.map((row) => row.registrationId))
    for (const r of registrations) {
      if (r.state === 'assessed' && !publishedIds.has(r.registrationId)) {
        assessedAfterPublication.push({ registrationId: r.registrationId, number: r.number, fullName: r.fullName })
      }
    }
  } else {
    const waiting = registrations.filter((r) => r.state === 'assessed')
    const scores = await countedWrittenTests(ctx.db, { batchId: b.id, deadline: b.assessmentDeadline, timeZone, registrations: waiting })
    assessed = waiting.flatMap((r) => {
      const counted = scores.get(r.registrationId)
      if (!counted) return []
      return [
        {
          registrationId: r.registrationId,
          number: r.number,
          fullName: r.fullName,
          state: r.state,
          score: counted.score,
          passed: passMark !== null && writtenTestPassed(counted.score, passMark),
          reused: counted.reused,
        },
      ]
    })
  }
  assessed.sort(byScore)

  const listed = new Set([...assessed.map((r) => r.registrationId), ...assessedAfterPublication.map((r) => r.registrationId)])
  const notSat: WrittenTestResults['notSat'] = []
  const otherStates: Record<string, number> = {}
  for (const r of registrations) {
    if (listed.has(r.registrationId)) continue
    if (r.state === 'registered' || r.state === 'incomplete') {
      notSat.push({ registrationId: r.registrationId, number: r.number, fullName: r.fullName, state: r.state })
    } else {
      otherStates[r.state] = (otherStates[r.state] ?? 0) + 1
    }
  }

  const publishBlocker: WrittenTestResults['publishBlocker'] = published
    ? 'published'
    : ctx.now.getTime() < b.assessmentDeadline.getTime()
      ? 'deadline'
      : passMark === null
        ? 'passMark'
        : null
  return {
    batch: {
      id: b.id,
      institutionId: b.institutionId,
      label: batchLabel(b),
      programmeName: found.programme.name,
      assessmentDeadline: b.assessmentDeadline,
      interviewStartsAt: b.interviewStartsAt,
      writtenTestPublishedAt: b.writtenTestPublishedAt,
    },
    timeZone,
    passMark,
    assessed,
    notSat,
    assessedAfterPublication,
    otherStates,
    canPublish: can(ctx.actor, 'writtenTest.publish', { institutionId: b.institutionId }),
    publishBlocker,
  }
}
