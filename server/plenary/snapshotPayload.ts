import { countOutcomes, TIE_BREAK_CHAIN, type PlenaryOutcome, type TieBreakStep } from '../../domain/ranking'
import { canonicalJson, fixed2, fixedScaled, sha256, type CanonicalValue } from './canonicalJson'
import type { ProposalRow } from './proposal'

// The content of a plenary snapshot (docs/decisions/012). Every number that is not a
// whole number is a fixed-decimal string, so the canonical text is one and only one.

export const PAYLOAD_FORMAT = 'latih-pleno-1'

export interface PayloadAttendee {
  userId: string | null
  name: string
  role: string
}

export interface PayloadCandidate {
  registrationId: string
  number: string
  name: string
  birthDate: string
  stateBefore: string
  writtenTest: string | null
  interview: string | null
  interviewScorecards: number
  selfAssessment: string | null
  interviewAbsent: boolean
}

export interface PayloadRanking {
  registrationId: string
  rank: number | null
  total: string | null
  proposedOutcome: PlenaryOutcome
  reason: string
  tieBrokenBy: TieBreakStep | null
  lot: string | null
}

export interface PayloadOverride {
  registrationId: string
  outcome: PlenaryOutcome
  reason: string
  decidedBy: string
  decidedAt: string
}

export interface PayloadOutcome {
  registrationId: string
  number: string
  outcome: PlenaryOutcome
  /** 'ranking' | 'override' | 'amendment': what decided it. */
  source: 'ranking' | 'override' | 'amendment'
}

export interface PayloadAmendment {
  reason: string
  changes: Array<{ registrationId: string; number: string; from: PlenaryOutcome; to: PlenaryOutcome }>
}

export interface SnapshotPayload {
  format: string
  kind: 'final' | 'amendment'
  version: number
  previousHash: string | null
  amendment: PayloadAmendment | null
  institution: { code: string; name: string; timeZone: string }
  programme: { code: string; name: string }
  batch: { id: string; year: number; number: number }
  plenary: { id: string; minutesNumber: string; place: string; heldOn: string | null; attendees: PayloadAttendee[] }
  rules: {
    weights: { writtenTest: number; interview: number; selfAssessment: number }
    passMark: string
    quota: number
    reserveCount: number
    tieBreakChain: string[]
    lot: string
    interviewScore: string
    selfAssessmentScore: string
  }
  candidates: PayloadCandidate[]
  ranking: PayloadRanking[]
  overrides: PayloadOverride[]
  outcomes: PayloadOutcome[]
  counts: { passed: number; reserve: number; notPassed: number }
  decidedAt: string
  decidedBy: string
}

const opt2 = (h: number | null) => (h === null ? null : fixed2(h))

export const RULE_TEXTS = {
  lot: 'SHA-256 dari teks "<id gelombang>:<id pendaftaran>" (UTF-8, heksadesimal huruf kecil); nilai terkecil lebih dahulu',
  interviewScore:
    'Rata-rata nilai total kartu penilaian wawancara yang sudah dikirim, dihitung dalam perseratusan dan dibulatkan setengah ke atas',
  selfAssessmentScore: 'Rata-rata Asesmen Penilaian Diri (skala 1–5) diubah ke 0–100: (rata-rata − 1) / 4 × 100; dipakai hanya bila bobotnya bukan 0',
}

export function buildFinalPayload(input: {
  institution: { code: string; name: string; timeZone: string }
  programme: { code: string; name: string }
  batch: { id: string; year: number; number: number }
  plenary: { id: string; minutesNumber: string; place: string; heldOn: Date | null; attendees: PayloadAttendee[] }
  weights: { writtenTest: number; interview: number; selfAssessment: number }
  passMarkH: number
  quota: number
  reserveCount: number
  rows: ProposalRow[]
  decidedAt: Date
  decidedBy: string
}): SnapshotPayload {
  const { rows } = input
  const outcomes: PayloadOutcome[] = rows.map((r) => ({
    registrationId: r.registrationId,
    number: r.number,
    outcome: r.final,
    source: r.override ? 'override' : 'ranking',
  }))
  return {
    format: PAYLOAD_FORMAT,
    kind: 'final',
    version: 1,
    previousHash: null,
    amendment: null,
    institution: input.institution,
    programme: input.programme,
    batch: input.batch,
    plenary: {
      id: input.plenary.id,
      minutesNumber: input.plenary.minutesNumber,
      place: input.plenary.place,
      heldOn: input.plenary.heldOn?.toISOString() ?? null,
      attendees: input.plenary.attendees.map((a) => ({ userId: a.userId, name: a.name, role: a.role })),
    },
    rules: {
      weights: input.weights,
      passMark: fixed2(input.passMarkH),
      quota: input.quota,
      reserveCount: input.reserveCount,
      tieBreakChain: TIE_BREAK_CHAIN.map((s) => s.id),
      ...RULE_TEXTS,
    },
    candidates: [...rows]
      .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
      .map((r) => ({
        registrationId: r.registrationId,
        number: r.number,
        name: r.fullName,
        birthDate: r.birthDate,
        stateBefore: r.state,
        writtenTest: opt2(r.writtenTestH),
        interview: opt2(r.interviewH),
        interviewScorecards: r.scorecards,
        selfAssessment: opt2(r.selfAssessmentH),
        interviewAbsent: r.interviewAbsent,
      })),
    ranking: rows.map((r) => ({
      registrationId: r.registrationId,
      rank: r.rank,
      total: r.totalScaled === null ? null : fixedScaled(r.totalScaled, 4),
      proposedOutcome: r.proposed,
      reason: r.reason,
      tieBrokenBy: r.tieBrokenBy,
      lot: r.lot,
    })),
    overrides: rows
      .filter((r) => r.override)
      .map((r) => ({
        registrationId: r.registrationId,
        outcome: r.override!.outcome,
        reason: r.override!.reason,
        decidedBy: r.override!.decidedByName,
        decidedAt: r.override!.decidedAt.toISOString(),
      })),
    outcomes,
    counts: countsOf(outcomes),
    decidedAt: input.decidedAt.toISOString(),
    decidedBy: input.decidedBy,
  }
}

function countsOf(outcomes: readonly PayloadOutcome[]) {
  const c = countOutcomes(outcomes)
  return { passed: c.passed, reserve: c.reserve, notPassed: c.not_passed }
}

/** The next version: the previous content, the changed outcomes, the reason, and the previous hash. */
export function buildAmendmentPayload(
  previous: SnapshotPayload,
  previousHash: string,
  input: { reason: string; changes: Map<string, PlenaryOutcome>; decidedAt: Date; decidedBy: string },
): SnapshotPayload {
  const changes: PayloadAmendment['changes'] = []
  const outcomes = previous.outcomes.map((o) => {
    const to = input.changes.get(o.registrationId)
    if (!to || to === o.outcome) return o
    changes.push({ registrationId: o.registrationId, number: o.number, from: o.outcome, to })
    return { ...o, outcome: to, source: 'amendment' as const }
  })
  return {
    ...previous,
    kind: 'amendment',
    version: previous.version + 1,
    previousHash,
    amendment: { reason: input.reason, changes },
    outcomes,
    counts: countsOf(outcomes),
    decidedAt: input.decidedAt.toISOString(),
    decidedBy: input.decidedBy,
  }
}

export function serialisePayload(payload: SnapshotPayload): { text: string; hash: string } {
  const text = canonicalJson(payload as unknown as CanonicalValue)
  return { text, hash: sha256(text) }
}

export function parsePayload(text: string): SnapshotPayload {
  return JSON.parse(text) as SnapshotPayload
}
