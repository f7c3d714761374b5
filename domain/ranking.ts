// SOP step 8: the selection plenary's proposal. One pure function ranks a batch's
// candidates from their published scores; the committee sees its result, may override
// it with written reasons, and the finalised snapshot stores both (server/plenary).
//
// The rules, as published on the plenary page and in the minutes:
//  1. Not ranked, and not passed, with the reason: no written-test score, a written-test
//     score below the pass mark, absent from the interview, no interview score (and no
//     self-assessment score when its weight is not zero).
//  2. The others are ranked by the weighted total: Σ weight × score / 100, weights in whole
//     percents summing to 100, scores 0–100 with at most two decimals. Totals are computed
//     exactly in integers (score × 100 is a whole number of hundredths, so
//     total × 10,000 = Σ weight × hundredths), never as a floating-point sum, so two equal
//     totals always compare equal.
//  3. Equal totals are ordered by TIE_BREAK_CHAIN below: the written test, the interview,
//     the younger candidate, then a lot: SHA-256 of "<batch id>:<registration id>", the
//     smaller value first — never the registration time, never the order of the list.
//  4. The first `quota` are passed, the next `reserveCount` reserve, the rest not passed.
// Same input, same output, whatever the order of the candidates; the input is not changed.

import { lotHash } from './lotHash';

export type PlenaryOutcome = 'passed' | 'reserve' | 'not_passed';

export const PLENARY_OUTCOMES: readonly PlenaryOutcome[] = ['passed', 'reserve', 'not_passed'];

export const OUTCOME_LABELS: Record<PlenaryOutcome, { id: string; en: string }> = {
  passed: { id: 'Lulus', en: 'Passed' },
  reserve: { id: 'Cadangan', en: 'Reserve' },
  not_passed: { id: 'Tidak lulus', en: 'Not passed' },
};

export interface RankingWeights {
  /** Whole percents; with the others they sum to 100. */
  writtenTest: number;
  interview: number;
  selfAssessment?: number;
}

export interface RankBatchInput {
  batchId: string;
  quota: number;
  reserveCount: number;
  /** The written test's pass mark, 0–100. */
  passMark: number;
  weights: RankingWeights;
  candidates: RankingCandidate[];
}

export interface RankingCandidate {
  registrationId: string;
  /** 'YYYY-MM-DD'; '' when unknown (ranked as the oldest). */
  birthDate: string;
  /** 0–100, at most two decimals; null: not taken. */
  writtenTest: number | null;
  interview: number | null;
  selfAssessment?: number | null;
  interviewAbsent?: boolean;
}

/** Which step of the tie-break chain separated a candidate from the one ranked just above. */
export type TieBreakStep = 'writtenTest' | 'interview' | 'birthDate' | 'lot';

/** Why a candidate is not ranked. */
export type UnrankedCause = 'no_written_test' | 'below_pass_mark' | 'interview_absent' | 'no_interview' | 'no_self_assessment';

export interface RankedCandidate {
  registrationId: string;
  /** 1..n among the ranked; null when not ranked. */
  rank: number | null;
  /** The weighted total (at most four decimals); null when not ranked. */
  total: number | null;
  outcome: PlenaryOutcome;
  /** Why, in Indonesian. */
  reason: string;
  /** total × 10,000 as an exact integer (what the ranking compares); null when not ranked. */
  totalScaled: number | null;
  /** The tie-break step that placed this candidate below the one ranked just above (equal totals), else null. */
  tieBrokenBy: TieBreakStep | null;
  /** The candidate's lot (SHA-256 hex); null when not ranked. */
  lot: string | null;
  unrankedCause: UnrankedCause | null;
}

/** The published order after the weighted total: shown on the plenary page and in the minutes. */
export const TIE_BREAK_CHAIN: ReadonlyArray<{ step: TieBreakStep; id: string; en: string }> = [
  { step: 'writtenTest', id: 'Nilai tes tulis lebih tinggi', en: 'Higher written-test score' },
  { step: 'interview', id: 'Nilai wawancara lebih tinggi', en: 'Higher interview score' },
  { step: 'birthDate', id: 'Usia lebih muda (tanggal lahir lebih akhir)', en: 'Younger candidate (later birth date)' },
  {
    step: 'lot',
    id: 'Undian: SHA-256 dari "<id gelombang>:<id pendaftaran>", nilai terkecil lebih dahulu',
    en: 'Lot: SHA-256 of "<batch id>:<registration id>", smallest value first',
  },
];

/** The whole rule in one sentence per language (the chain above is its second half). */
export const RANKING_RULE = {
  id: 'Calon yang tidak memiliki nilai tes tulis, nilainya di bawah batas lulus, tidak hadir atau belum diwawancarai tidak diperingkat dan dinyatakan tidak lulus. Calon lainnya diperingkat menurut nilai total berbobot (dihitung tepat dalam perseratusan); bila sama, menurut urutan pemutus di bawah. Peringkat teratas sebanyak kuota lulus, berikutnya sebanyak jumlah cadangan menjadi cadangan, selebihnya tidak lulus.',
  en: 'Candidates without a written-test score, below the pass mark, absent from or without an interview are not ranked and do not pass. The others are ranked by the weighted total (computed exactly in hundredths); equal totals follow the tie-break order below. The top ranks up to the quota pass, the next ones up to the reserve count are reserves, the rest do not pass.',
} as const;

export class RankingInputError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'RankingInputError';
  }
}

/** A score as a whole number of hundredths, or an error when it has more than two decimals or is off the scale. */
export function toHundredths(score: number, what = 'Nilai'): number {
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100) {
    throw new RankingInputError(`${what} harus antara 0 dan 100.`);
  }
  const h = Math.round(score * 100);
  // 0.29 * 100 is 28.999999999999996: allow that, refuse a third decimal.
  if (Math.abs(score * 100 - h) > 1e-6) throw new RankingInputError(`${what} paling banyak dua angka desimal.`);
  return h;
}

/** Formats an exact integer `value / 10^decimals` without trailing zeros, Indonesian style ('72,5'). */
export function formatScaled(value: number, decimals: number, decimalMark = ','): string {
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? decimalMark + fraction : ''}`;
}

const fmt2 = (hundredths: number) => formatScaled(hundredths, 2);

const TIE_LABEL_ID: Record<TieBreakStep, string> = {
  writtenTest: 'nilai tes tulis',
  interview: 'nilai wawancara',
  birthDate: 'usia (lebih muda)',
  lot: 'undian',
};

function checkWeights(weights: RankingWeights): void {
  const values = [weights.writtenTest, weights.interview, weights.selfAssessment ?? 0];
  for (const w of values) {
    if (!Number.isInteger(w) || w < 0 || w > 100) throw new RankingInputError('Bobot harus bilangan bulat 0 sampai 100.');
  }
  if (values.reduce((a, b) => a + b, 0) !== 100) throw new RankingInputError('Jumlah bobot harus 100.');
}

interface Keyed {
  c: RankingCandidate;
  total: number;
  written: number;
  interview: number;
  birth: string;
  lot: string;
}

function compareKeyed(a: Keyed, b: Keyed): number {
  return (
    b.total - a.total ||
    b.written - a.written ||
    b.interview - a.interview ||
    (a.birth < b.birth ? 1 : a.birth > b.birth ? -1 : 0) ||
    (a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0) ||
    // Unreachable (a lot is unique per registration id); keeps the order total.
    (a.c.registrationId < b.c.registrationId ? -1 : a.c.registrationId > b.c.registrationId ? 1 : 0)
  );
}

function tieStep(above: Keyed, below: Keyed): TieBreakStep | null {
  if (above.total !== below.total) return null;
  if (above.written !== below.written) return 'writtenTest';
  if (above.interview !== below.interview) return 'interview';
  if (above.birth !== below.birth) return 'birthDate';
  return 'lot';
}

const BIRTH_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The plenary's proposal for a batch: one result per candidate, ranked first, then the unranked by id. */
export function rankBatch(input: RankBatchInput): RankedCandidate[] {
  const { batchId, quota, reserveCount, weights, candidates } = input;
  if (!Number.isInteger(quota) || quota < 0) throw new RankingInputError('Kuota harus bilangan bulat 0 atau lebih.');
  if (!Number.isInteger(reserveCount) || reserveCount < 0) {
    throw new RankingInputError('Jumlah cadangan harus bilangan bulat 0 atau lebih.');
  }
  checkWeights(weights);
  const passMark = toHundredths(input.passMark, 'Batas lulus');
  const wWritten = weights.writtenTest;
  const wInterview = weights.interview;
  const wSelf = weights.selfAssessment ?? 0;

  const seen = new Set<string>();
  const ranked: Keyed[] = [];
  const unranked: RankedCandidate[] = [];
  const notRanked = (c: RankingCandidate, cause: UnrankedCause, reason: string) =>
    unranked.push({
      registrationId: c.registrationId,
      rank: null,
      total: null,
      outcome: 'not_passed',
      reason,
      totalScaled: null,
      tieBrokenBy: null,
      lot: null,
      unrankedCause: cause,
    });

  for (const c of candidates) {
    if (seen.has(c.registrationId)) throw new RankingInputError(`Pendaftaran ${c.registrationId} tercantum dua kali.`);
    seen.add(c.registrationId);
    const birth = c.birthDate ?? '';
    if (birth !== '' && !BIRTH_DATE.test(birth)) throw new RankingInputError('Tanggal lahir harus berbentuk YYYY-MM-DD.');
    const written = c.writtenTest === null ? null : toHundredths(c.writtenTest, 'Nilai tes tulis');
    const interview = c.interview === null ? null : toHundredths(c.interview, 'Nilai wawancara');
    const self = c.selfAssessment == null ? null : toHundredths(c.selfAssessment, 'Nilai asesmen penilaian diri');
    if (written === null) {
      notRanked(c, 'no_written_test', 'Tidak ada nilai tes tulis.');
    } else if (written < passMark) {
      notRanked(c, 'below_pass_mark', `Nilai tes tulis ${fmt2(written)} di bawah batas lulus ${fmt2(passMark)}.`);
    } else if (c.interviewAbsent) {
      notRanked(c, 'interview_absent', 'Tidak hadir wawancara.');
    } else if (interview === null) {
      notRanked(c, 'no_interview', 'Belum diwawancarai (tidak ada nilai wawancara).');
    } else if (wSelf > 0 && self === null) {
      notRanked(c, 'no_self_assessment', 'Tidak ada nilai asesmen penilaian diri.');
    } else {
      ranked.push({
        c,
        total: wWritten * written + wInterview * interview + (wSelf > 0 ? wSelf * self! : 0),
        written,
        interview,
        birth,
        lot: lotHash(batchId, c.registrationId),
      });
    }
  }

  ranked.sort(compareKeyed);
  const n = ranked.length;
  const result: RankedCandidate[] = ranked.map((k, index) => {
    const rank = index + 1;
    const tieBrokenBy = index === 0 ? null : tieStep(ranked[index - 1]!, k);
    let outcome: PlenaryOutcome;
    let reason: string;
    if (index < quota) {
      outcome = 'passed';
      reason = `Peringkat ${rank} dari ${n}, dalam kuota ${quota}.`;
    } else if (index < quota + reserveCount) {
      outcome = 'reserve';
      reason = `Peringkat ${rank} dari ${n}: cadangan ke-${index - quota + 1} dari ${reserveCount}.`;
    } else {
      outcome = 'not_passed';
      reason = `Peringkat ${rank} dari ${n}, di luar kuota ${quota} dan ${reserveCount} cadangan.`;
    }
    if (tieBrokenBy) reason += ` Total sama dengan peringkat ${rank - 1}; diputus oleh ${TIE_LABEL_ID[tieBrokenBy]}.`;
    return {
      registrationId: k.c.registrationId,
      rank,
      total: k.total / 10_000,
      outcome,
      reason,
      totalScaled: k.total,
      tieBrokenBy,
      lot: k.lot,
      unrankedCause: null,
    };
  });
  unranked.sort((a, b) => (a.registrationId < b.registrationId ? -1 : a.registrationId > b.registrationId ? 1 : 0));
  return result.concat(unranked);
}

/** How many of each outcome. */
export function countOutcomes(results: ReadonlyArray<{ outcome: PlenaryOutcome }>): Record<PlenaryOutcome, number> {
  const counts: Record<PlenaryOutcome, number> = { passed: 0, reserve: 0, not_passed: 0 };
  for (const r of results) counts[r.outcome]++;
  return counts;
}
