import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { countOutcomes, type PlenaryOutcome, type TieBreakStep } from '../../domain/ranking'
import { can } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { registration } from '../db/schema'
import { batchLabel } from '../registrations/batchLabel'
import { fieldErrorsFromIssues } from '../validation'
import {
  authorizedBatch,
  committeeMembers,
  findPlenary,
  listSnapshots,
  loadOverrides,
  proposedMinutesNumber,
  type PlenaryRow,
} from './access'
import { parseFixed2, parseFixedScaled } from './canonicalJson'
import { loadPlenaryInputs } from './loadPlenaryInputs'
import { buildProposal, canPassOrReserve, type OverrideView, type ProposalRow } from './proposal'
import { parsePayload } from './snapshotPayload'

/** One candidate as the plenary page shows it (scores in hundredths, totals × 10,000). */
export interface PlenaryRowView {
  registrationId: string
  number: string
  fullName: string
  state: string
  writtenTestH: number | null
  interviewH: number | null
  selfAssessmentH: number | null
  interviewAbsent: boolean
  scorecards: number
  pendingScorecards: number
  rank: number | null
  totalScaled: number | null
  proposed: PlenaryOutcome
  reason: string
  tieBrokenBy: TieBreakStep | null
  override: (Omit<OverrideView, 'decidedAt'> & { decidedAt: Date | string }) | null
  final: PlenaryOutcome
  /** Whether passed/reserve may be given (interviewed). */
  canPass: boolean
}

export interface WhatIfValues {
  writtenTest: string
  interview: string
  selfAssessment: string
  quota: string
  reserveCount: string
}

export interface WhatIfResult {
  values: WhatIfValues
  errors: Record<string, string[]>
  /** Present when the values are valid. */
  outcome: null | {
    counts: Record<PlenaryOutcome, number>
    changes: Array<{ registrationId: string; number: string; fullName: string; from: PlenaryOutcome; to: PlenaryOutcome; rankFrom: number | null; rankTo: number | null }>
  }
}

const whole = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .min(1, `${label} wajib diisi.`)
    .regex(/^\d+$/, `${label} harus bilangan bulat ${min} sampai ${max}.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${label} harus bilangan bulat ${min} sampai ${max}.`)

const WhatIfSchema = z
  .object({
    writtenTest: whole('Bobot tes tulis', 0, 100),
    interview: whole('Bobot wawancara', 0, 100),
    selfAssessment: whole('Bobot asesmen penilaian diri', 0, 100),
    quota: whole('Kuota', 0, 10000),
    reserveCount: whole('Jumlah cadangan', 0, 10000),
  })
  .superRefine((v, c) => {
    if (v.writtenTest + v.interview + v.selfAssessment !== 100) {
      c.addIssue({ code: 'custom', path: ['writtenTest'], message: `Jumlah bobot harus 100 (sekarang ${v.writtenTest + v.interview + v.selfAssessment}).` })
    }
  })

const quotaMessage = (raw: string) => (/^\s*-/.test(raw) ? 'tidak boleh kurang dari 0' : null)

export interface PlenaryPage {
  batch: { id: string; institutionId: string; label: string; programmeName: string; programmeCode: string; quota: number; reserveCount: number; plenaryAt: Date }
  timeZone: string
  canDecide: boolean
  plenary: (Pick<PlenaryRow, 'id' | 'status' | 'minutesNumber' | 'place' | 'heldOn' | 'attendees' | 'openedAt' | 'finalisedAt'>) | null
  proposedMinutesNumber: string
  committee: Array<{ userId: string; name: string }>
  rules: { weights: { writtenTest: number; interview: number; selfAssessment: number }; passMarkH: number; quota: number; reserveCount: number }
  rows: PlenaryRowView[]
  counts: { proposed: Record<PlenaryOutcome, number>; final: Record<PlenaryOutcome, number> }
  snapshots: Array<{ version: number; kind: 'final' | 'amendment'; reason: string | null; hash: string; createdAt: Date; createdByName: string; passedCount: number; reserveCount: number; notPassedCount: number }>
  whatIf: WhatIfResult | null
}

function fromProposal(r: ProposalRow): PlenaryRowView {
  return {
    registrationId: r.registrationId,
    number: r.number,
    fullName: r.fullName,
    state: r.state,
    writtenTestH: r.writtenTestH,
    interviewH: r.interviewH,
    selfAssessmentH: r.selfAssessmentH,
    interviewAbsent: r.interviewAbsent,
    scorecards: r.scorecards,
    pendingScorecards: r.pendingScorecards,
    rank: r.rank,
    totalScaled: r.totalScaled,
    proposed: r.proposed,
    reason: r.reason,
    tieBrokenBy: r.tieBrokenBy,
    override: r.override,
    final: r.final,
    canPass: canPassOrReserve(r),
  }
}

/**
 * The plenary page: while open, the live proposal from rankBatch with the overrides and
 * an optional what-if (other weights, quota, reserves; nothing stored); once finalised,
 * the latest snapshot exactly as stored, with the history of versions.
 */
export async function getPlenary(
  ctx: UseCaseContext,
  input: { batchId: string; whatIf?: Partial<Record<keyof WhatIfValues, string>> | null },
): Promise<PlenaryPage> {
  const b = await authorizedBatch(ctx, input.batchId, 'plenary.read')
  const p = await findPlenary(ctx.db, b.batch.id)
  const snapshots = p ? await listSnapshots(ctx.db, p.id) : []
  const latest = snapshots.at(-1)
  let rows: PlenaryRowView[]
  let rules: PlenaryPage['rules']
  let whatIf: WhatIfResult | null = null

  if (latest) {
    const payload = parsePayload(latest.payload)
    const states = new Map((await loadPlenaryInputsStates(ctx, b)).map((s) => [s.id, s.state]))
    const byId = new Map(payload.candidates.map((c) => [c.registrationId, c]))
    const finals = new Map(payload.outcomes.map((o) => [o.registrationId, o.outcome]))
    const overrides = new Map(payload.overrides.map((o) => [o.registrationId, o]))
    rules = {
      weights: payload.rules.weights,
      passMarkH: parseFixed2(payload.rules.passMark),
      quota: payload.rules.quota,
      reserveCount: payload.rules.reserveCount,
    }
    rows = payload.ranking.map((r) => {
      const c = byId.get(r.registrationId)!
      const o = overrides.get(r.registrationId)
      const h = (v: string | null) => (v === null ? null : parseFixed2(v))
      return {
        registrationId: r.registrationId,
        number: c.number,
        fullName: c.name,
        state: states.get(r.registrationId) ?? c.stateBefore,
        writtenTestH: h(c.writtenTest),
        interviewH: h(c.interview),
        selfAssessmentH: h(c.selfAssessment),
        interviewAbsent: c.interviewAbsent,
        scorecards: c.interviewScorecards,
        pendingScorecards: 0,
        rank: r.rank,
        totalScaled: r.total === null ? null : parseFixedScaled(r.total, 4),
        proposed: r.proposedOutcome,
        reason: r.reason,
        tieBrokenBy: r.tieBrokenBy,
        override: o ? { outcome: o.outcome, reason: o.reason, decidedBy: null, decidedByName: o.decidedBy, decidedAt: o.decidedAt } : null,
        final: finals.get(r.registrationId) ?? r.proposedOutcome,
        canPass: c.interview !== null && !c.interviewAbsent && c.stateBefore !== 'written_test_passed',
      }
    })
  } else {
    const inputs = await loadPlenaryInputs(ctx.db, b)
    const overrides = p ? await loadOverrides(ctx.db, p.id) : new Map()
    const proposal = buildProposal(b.batch.id, inputs, overrides)
    rows = proposal.map(fromProposal)
    rules = { weights: inputs.weights, passMarkH: inputs.passMarkH, quota: inputs.quota, reserveCount: inputs.reserveCount }
    if (input.whatIf) {
      const values: WhatIfValues = {
        writtenTest: String(input.whatIf.writtenTest ?? ''),
        interview: String(input.whatIf.interview ?? ''),
        selfAssessment: String(input.whatIf.selfAssessment ?? '0'),
        quota: String(input.whatIf.quota ?? ''),
        reserveCount: String(input.whatIf.reserveCount ?? ''),
      }
      const parsed = WhatIfSchema.safeParse(values)
      if (!parsed.success) {
        const errors = fieldErrorsFromIssues(parsed.error.issues)
        for (const f of ['quota', 'reserveCount'] as const) {
          const neg = quotaMessage(values[f])
          if (neg) errors[f] = [`${f === 'quota' ? 'Kuota' : 'Jumlah cadangan'} ${neg}.`]
        }
        whatIf = { values, errors, outcome: null }
      } else {
        const v = parsed.data
        const alt = buildProposal(b.batch.id, inputs, new Map(), {
          weights: { writtenTest: v.writtenTest, interview: v.interview, selfAssessment: v.selfAssessment },
          quota: v.quota,
          reserveCount: v.reserveCount,
        })
        const altById = new Map(alt.map((r) => [r.registrationId, r]))
        const changes = proposal
          .map((r) => ({ r, a: altById.get(r.registrationId)! }))
          .filter(({ r, a }) => r.proposed !== a.proposed)
          .map(({ r, a }) => ({
            registrationId: r.registrationId,
            number: r.number,
            fullName: r.fullName,
            from: r.proposed,
            to: a.proposed,
            rankFrom: r.rank,
            rankTo: a.rank,
          }))
        whatIf = { values, errors: {}, outcome: { counts: countOutcomes(alt.map((a) => ({ outcome: a.proposed }))), changes } }
      }
    }
  }

  return {
    batch: {
      id: b.batch.id,
      institutionId: b.batch.institutionId,
      label: batchLabel(b.batch),
      programmeName: b.programme.name,
      programmeCode: b.programme.code,
      quota: b.batch.quota,
      reserveCount: b.batch.reserveCount,
      plenaryAt: b.batch.plenaryAt,
    },
    timeZone: b.institution.timeZone,
    canDecide: can(ctx.actor, 'plenary.decide', { institutionId: b.batch.institutionId }),
    plenary: p
      ? { id: p.id, status: p.status, minutesNumber: p.minutesNumber, place: p.place, heldOn: p.heldOn, attendees: p.attendees, openedAt: p.openedAt, finalisedAt: p.finalisedAt }
      : null,
    proposedMinutesNumber: proposedMinutesNumber(b),
    committee: await committeeMembers(ctx.db, b.batch.institutionId),
    rules,
    rows,
    counts: {
      proposed: countOutcomes(rows.map((r) => ({ outcome: r.proposed }))),
      final: countOutcomes(rows.map((r) => ({ outcome: r.final }))),
    },
    snapshots: snapshots.map((s) => ({
      version: s.version,
      kind: s.kind,
      reason: s.reason,
      hash: s.hash,
      createdAt: s.createdAt,
      createdByName: parsePayload(s.payload).decidedBy,
      passedCount: s.passedCount,
      reserveCount: s.reserveCount,
      notPassedCount: s.notPassedCount,
    })),
    whatIf,
  }
}

async function loadPlenaryInputsStates(ctx: UseCaseContext, b: { batch: { id: string } }) {
  return ctx.db.select({ id: registration.id, state: registration.state }).from(registration).where(eq(registration.batchId, b.batch.id))
}
