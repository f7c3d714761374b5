// The interview scorecard (SOP step 7): points per criterion on the rubric's scale,
// turned into one total from 0 to 100 by the criteria's weights; and the spread of each
// interviewer's totals beside everyone else's, so a harsh or lenient interviewer shows
// before the plenary. Totals are computed in whole hundredths so that equal scorecards
// give equal totals (no floating-point drift).

export type ScorecardCriterion = { code: string; weight: number };
export type ScorecardRubric = { criteria: readonly ScorecardCriterion[]; scaleMin: number; scaleMax: number };

export type ScorecardProblem = { code: string; kind: 'missing' | 'out_of_scale' | 'not_whole' | 'unknown' };

/** What is wrong with the points given against the rubric (empty when they are fine). */
export function scorecardProblems(rubric: ScorecardRubric, points: Readonly<Record<string, number | null | undefined>>): ScorecardProblem[] {
  const problems: ScorecardProblem[] = [];
  const codes = new Set(rubric.criteria.map((c) => c.code));
  for (const c of rubric.criteria) {
    const p = points[c.code];
    if (p === null || p === undefined || Number.isNaN(p)) problems.push({ code: c.code, kind: 'missing' });
    else if (!Number.isInteger(p)) problems.push({ code: c.code, kind: 'not_whole' });
    else if (p < rubric.scaleMin || p > rubric.scaleMax) problems.push({ code: c.code, kind: 'out_of_scale' });
  }
  for (const code of Object.keys(points)) if (!codes.has(code)) problems.push({ code, kind: 'unknown' });
  return problems;
}

/**
 * The scorecard total in whole hundredths (0…10000): each criterion contributes its
 * weight (whole percents summing to 100) times how far up the scale its points are,
 * where the scale's lowest point counts 0 and its highest the full weight. Rounded half
 * up once, at the end. Throws on points the rubric does not accept (check first with
 * scorecardProblems).
 */
export function scorecardTotalHundredths(rubric: ScorecardRubric, points: Readonly<Record<string, number>>): number {
  if (scorecardProblems(rubric, points).length > 0) throw new RangeError('Points do not fit the rubric');
  const span = rubric.scaleMax - rubric.scaleMin;
  if (!Number.isInteger(span) || span <= 0) throw new RangeError('The scale needs at least two points');
  const weightSum = rubric.criteria.reduce((s, c) => s + c.weight, 0);
  if (weightSum !== 100) throw new RangeError('Criterion weights must sum to 100');
  // weight × steps × 100 is an integer; one division by the span, rounded half up.
  let numerator = 0;
  for (const c of rubric.criteria) numerator += c.weight * (points[c.code]! - rubric.scaleMin) * 100;
  return Math.floor((2 * numerator + span) / (2 * span));
}

/** The scorecard total, 0–100 with at most two decimals. */
export function scorecardTotal(rubric: ScorecardRubric, points: Readonly<Record<string, number>>): number {
  return scorecardTotalHundredths(rubric, points) / 100;
}

export type ScoreStatistics = {
  count: number;
  /** Two decimals; null without scores. */
  mean: number | null;
  /** Sample standard deviation (n − 1), two decimals; null below two scores. */
  standardDeviation: number | null;
};

/** Mean and spread of totals (0–100, two decimals), computed from whole hundredths. */
export function scoreStatistics(totals: readonly number[]): ScoreStatistics {
  const count = totals.length;
  if (count === 0) return { count, mean: null, standardDeviation: null };
  const hundredths = totals.map((t) => Math.round(t * 100));
  const sum = hundredths.reduce((s, h) => s + h, 0);
  const mean = sum / count;
  let standardDeviation: number | null = null;
  if (count >= 2) {
    // Sum of squared deviations as n·Σx² − (Σx)², exact in integers for these sizes.
    const sumSquares = hundredths.reduce((s, h) => s + h * h, 0);
    const ss = (count * sumSquares - sum * sum) / count;
    standardDeviation = round2(Math.sqrt(ss / (count - 1)) / 100);
  }
  return { count, mean: round2(mean / 100), standardDeviation };
}

function round2(x: number): number {
  return Math.round(x * 100 + Number.EPSILON) / 100;
}

export type InterviewerLean = 'harsh' | 'lenient' | null;

export type InterviewerComparison = {
  interviewerId: string;
  own: ScoreStatistics;
  /** Every other interviewer's scorecards in the batch, together. */
  others: ScoreStatistics;
  /** own mean − others' mean, two decimals; null when either side has no scores. */
  difference: number | null;
  /**
   * 'harsh' or 'lenient' when the interviewer's mean is at least LEAN_POINTS below or
   * above the others', both sides having at least LEAN_MIN_COUNT scorecards.
   */
  lean: InterviewerLean;
};

export const LEAN_POINTS = 10;
export const LEAN_MIN_COUNT = 3;

/** Each interviewer's totals beside all the other interviewers' (ordered by interviewer id). */
export function compareInterviewers(
  scorecards: ReadonlyArray<{ interviewerId: string; total: number }>,
): InterviewerComparison[] {
  const ids = [...new Set(scorecards.map((s) => s.interviewerId))].sort();
  return ids.map((interviewerId) => {
    const own = scoreStatistics(scorecards.filter((s) => s.interviewerId === interviewerId).map((s) => s.total));
    const others = scoreStatistics(scorecards.filter((s) => s.interviewerId !== interviewerId).map((s) => s.total));
    const difference = own.mean !== null && others.mean !== null ? round2(own.mean - others.mean) : null;
    let lean: InterviewerLean = null;
    if (difference !== null && own.count >= LEAN_MIN_COUNT && others.count >= LEAN_MIN_COUNT) {
      if (difference <= -LEAN_POINTS) lean = 'harsh';
      else if (difference >= LEAN_POINTS) lean = 'lenient';
    }
    return { interviewerId, own, others, difference, lean };
  });
}
