import {
  rankBatch,
  type PlenaryOutcome,
  type RankingWeights,
  type TieBreakStep,
  type UnrankedCause,
} from '../../domain/ranking'
import { toRankingCandidates, type PlenaryCandidate, type PlenaryInputs } from './loadPlenaryInputs'

export interface OverrideView {
  outcome: PlenaryOutcome
  reason: string
  decidedBy: string | null
  decidedByName: string
  decidedAt: Date
}

/** One candidate in the plenary's proposal: the inputs, rankBatch's result, and any override. */
export interface ProposalRow extends PlenaryCandidate {
  rank: number | null
  /** total × 10,000, exact; null when not ranked. */
  totalScaled: number | null
  proposed: PlenaryOutcome
  reason: string
  tieBrokenBy: TieBreakStep | null
  lot: string | null
  unrankedCause: UnrankedCause | null
  override: OverrideView | null
  /** The override's outcome, else the proposed one. */
  final: PlenaryOutcome
}

export interface RankingParameters {
  weights: Required<RankingWeights>
  quota: number
  reserveCount: number
}

/** Runs rankBatch on the inputs (or on other parameters, for the what-if) and lays overrides over it. */
export function buildProposal(
  batchId: string,
  inputs: PlenaryInputs,
  overrides: ReadonlyMap<string, OverrideView> = new Map(),
  parameters: RankingParameters = { weights: inputs.weights, quota: inputs.quota, reserveCount: inputs.reserveCount },
): ProposalRow[] {
  const byId = new Map(inputs.candidates.map((c) => [c.registrationId, c]))
  const ranked = rankBatch({
    batchId,
    quota: parameters.quota,
    reserveCount: parameters.reserveCount,
    passMark: inputs.passMarkH / 100,
    weights: parameters.weights,
    candidates: toRankingCandidates(inputs.candidates),
  })
  return ranked.map((r) => {
    const c = byId.get(r.registrationId)!
    const override = overrides.get(r.registrationId) ?? null
    // Someone who passed the written test but was never invited has no interview because
    // of that, which is what the minutes should say.
    const reason =
      r.unrankedCause === 'no_interview' && c.state === 'written_test_passed' ? 'Tidak diundang wawancara.' : r.reason
    return {
      ...c,
      rank: r.rank,
      totalScaled: r.totalScaled,
      proposed: r.outcome,
      reason,
      tieBrokenBy: r.tieBrokenBy,
      lot: r.lot,
      unrankedCause: r.unrankedCause,
      override,
      final: override?.outcome ?? r.outcome,
    }
  })
}

/** Whether an outcome other than not passed can be given: only to someone interviewed (the transition table's rule). */
export function canPassOrReserve(row: Pick<ProposalRow, 'interviewH' | 'interviewAbsent' | 'state'>): boolean {
  return row.interviewH !== null && !row.interviewAbsent && row.state !== 'written_test_passed'
}
