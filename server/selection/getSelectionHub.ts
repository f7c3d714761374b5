import { count, eq } from 'drizzle-orm'
import { z } from 'zod'
import { REGISTRATION_STATES, type RegistrationState } from '../../domain/registrationStates'
import { authorize, can } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import {
  batchAssessment,
  batchSelection,
  interviewAssignment,
  interviewSlot,
  plenary,
  registration,
  writtenTestResult,
} from '../db/schema'
import { batchLabel } from '../registrations/batchLabel'
import { parseInput } from '../validation'
import { loadSelectionBatch } from './selectionBatch'

const Input = z.object({ batchId: z.string() })

export type HubStepKey = 'assessments' | 'writtenTest' | 'interviews' | 'plenary' | 'settings'
/** Where a step stands: not yet its time, open for work, or finished. */
export type HubStepStatus = 'waiting' | 'open' | 'done'

export interface HubStep {
  key: HubStepKey
  path: string
  status: HubStepStatus
  /** Figures the step shows, by name (the page words them). */
  figures: Record<string, number>
}

export interface SelectionHub {
  batch: {
    id: string
    label: string
    programmeName: string
    programmeCode: string
    quota: number
    reserveCount: number
    registrationOpensAt: Date
    registrationClosesAt: Date
    assessmentDeadline: Date
    interviewStartsAt: Date
    interviewEndsAt: Date
    plenaryAt: Date
    announcementAt: Date
    reRegistrationDeadline: Date
    trainingStartsOn: string
    trainingEndsOn: string
    writtenTestPublishedAt: Date | null
    resultsAnnouncedAt: Date | null
  }
  timeZone: string
  /** Registrations by state, every state listed (0 when none). */
  counts: Record<RegistrationState, number>
  total: number
  steps: HubStep[]
  canConfigure: boolean
}

/**
 * The committee's selection hub of a batch (SOP steps 5–8 in order): the batch and its
 * SOP dates, registrations by state, and each selection step with where it stands.
 */
export async function getSelectionHub(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<SelectionHub> {
  const { batchId } = parseInput(Input, input, { field: 'batchId' })
  const found = await loadSelectionBatch(ctx.db, batchId)
  const b = found.batch
  authorize(ctx.actor, 'selection.read', { institutionId: b.institutionId })

  const [stateRows, assessmentRows, settingsRows, slotRows, assignmentRows, plenaryRows, resultRows] = await Promise.all([
    ctx.db
      .select({ state: registration.state, n: count() })
      .from(registration)
      .where(eq(registration.batchId, b.id))
      .groupBy(registration.state),
    ctx.db.select({ kind: batchAssessment.kind, passMark: batchAssessment.passMark }).from(batchAssessment).where(eq(batchAssessment.batchId, b.id)),
    ctx.db.select({ batchId: batchSelection.batchId }).from(batchSelection).where(eq(batchSelection.batchId, b.id)),
    ctx.db.select({ n: count() }).from(interviewSlot).where(eq(interviewSlot.batchId, b.id)),
    ctx.db.select({ n: count() }).from(interviewAssignment).where(eq(interviewAssignment.batchId, b.id)),
    ctx.db.select({ status: plenary.status }).from(plenary).where(eq(plenary.batchId, b.id)),
    ctx.db
      .select({ passed: writtenTestResult.passed, n: count() })
      .from(writtenTestResult)
      .where(eq(writtenTestResult.batchId, b.id))
      .groupBy(writtenTestResult.passed),
  ])
  const published = (passed: 'yes' | 'no') => Number(resultRows.find((r) => r.passed === passed)?.n ?? 0)
  const counts = Object.fromEntries(REGISTRATION_STATES.map((s) => [s, 0])) as Record<RegistrationState, number>
  let total = 0
  for (const row of stateRows) {
    const n = Number(row.n)
    total += n
    if (row.state in counts) counts[row.state as RegistrationState] += n
  }
  const now = ctx.now.getTime()
  const base = `/staf/gelombang/${b.id}`
  const sum = (...states: RegistrationState[]) => states.reduce((n, s) => n + counts[s], 0)
  const afterInterview: RegistrationState[] = ['interviewed', 'passed', 'reserve', 're_registered', 'forfeited', 'handed_over']
  const plenaryStatus = plenaryRows[0]?.status ?? null

  const steps: HubStep[] = [
    {
      key: 'assessments',
      path: `${base}/asesmen`,
      status: now >= b.assessmentDeadline.getTime() ? 'done' : now >= b.registrationOpensAt.getTime() ? 'open' : 'waiting',
      figures: {
        registered: counts.registered,
        assessed: total - sum('registered', 'incomplete', 'withdrawn'),
        incomplete: counts.incomplete,
        configured: assessmentRows.length,
      },
    },
    {
      key: 'writtenTest',
      path: `${base}/tes-tulis`,
      status: b.writtenTestPublishedAt ? 'done' : now >= b.assessmentDeadline.getTime() ? 'open' : 'waiting',
      figures: {
        waiting: counts.assessed,
        passed: published('yes'),
        failed: published('no'),
      },
    },
    {
      key: 'interviews',
      path: `${base}/wawancara`,
      status:
        counts.written_test_passed + counts.invited_to_interview === 0 && sum(...afterInterview) > 0
          ? 'done'
          : b.writtenTestPublishedAt
            ? 'open'
            : 'waiting',
      figures: {
        slots: Number(slotRows[0]?.n ?? 0),
        assigned: Number(assignmentRows[0]?.n ?? 0),
        toInvite: counts.written_test_passed,
        invited: counts.invited_to_interview,
        interviewed: sum(...afterInterview),
      },
    },
    {
      key: 'plenary',
      path: `${base}/pleno`,
      status: plenaryStatus === 'finalised' ? 'done' : plenaryStatus === 'open' || counts.interviewed > 0 ? 'open' : 'waiting',
      figures: {
        passed: sum('passed', 're_registered', 'forfeited', 'handed_over'),
        reserve: counts.reserve,
        notPassed: counts.not_passed,
      },
    },
    {
      key: 'settings',
      path: `${base}/pengaturan`,
      status: settingsRows.length > 0 ? 'done' : 'open',
      figures: {},
    },
  ]

  return {
    batch: {
      id: b.id,
      label: batchLabel(b),
      programmeName: found.programme.name,
      programmeCode: found.programme.code,
      quota: b.quota,
      reserveCount: b.reserveCount,
      registrationOpensAt: b.registrationOpensAt,
      registrationClosesAt: b.registrationClosesAt,
      assessmentDeadline: b.assessmentDeadline,
      interviewStartsAt: b.interviewStartsAt,
      interviewEndsAt: b.interviewEndsAt,
      plenaryAt: b.plenaryAt,
      announcementAt: b.announcementAt,
      reRegistrationDeadline: b.reRegistrationDeadline,
      trainingStartsOn: b.trainingStartsOn,
      trainingEndsOn: b.trainingEndsOn,
      writtenTestPublishedAt: b.writtenTestPublishedAt,
      resultsAnnouncedAt: b.resultsAnnouncedAt,
    },
    timeZone: found.institution.timeZone,
    counts,
    total,
    steps,
    canConfigure: can(ctx.actor, 'selection.configure', { institutionId: b.institutionId }),
  }
}
