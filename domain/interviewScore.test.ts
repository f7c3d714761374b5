import { describe, expect, it } from 'vitest';
import {
  compareInterviewers,
  scoreStatistics,
  scorecardProblems,
  scorecardTotal,
  scorecardTotalHundredths,
  type ScorecardRubric,
} from './interviewScore';

const rubric: ScorecardRubric = {
  criteria: [
    { code: 'motivasi', weight: 30 },
    { code: 'bakat', weight: 30 },
    { code: 'komitmen', weight: 25 },
    { code: 'komunikasi', weight: 15 },
  ],
  scaleMin: 1,
  scaleMax: 5,
};

describe('scorecardTotal', () => {
  it('gives 0 for the lowest point everywhere and 100 for the highest', () => {
    expect(scorecardTotal(rubric, { motivasi: 1, bakat: 1, komitmen: 1, komunikasi: 1 })).toBe(0);
    expect(scorecardTotal(rubric, { motivasi: 5, bakat: 5, komitmen: 5, komunikasi: 5 })).toBe(100);
  });

  it('weights each criterion by how far up the scale its points are', () => {
    // (30·3 + 30·2 + 25·4 + 15·1) / 4 = 265 / 4 = 66.25
    expect(scorecardTotal(rubric, { motivasi: 4, bakat: 3, komitmen: 5, komunikasi: 2 })).toBe(66.25);
  });

  it('rounds half up once, in hundredths, on a scale whose span does not divide evenly', () => {
    const r: ScorecardRubric = { criteria: [{ code: 'a', weight: 50 }, { code: 'b', weight: 50 }], scaleMin: 0, scaleMax: 3 };
    // 50·1/3 = 16.666… → 16.67; 50·2/3 = 33.333… → 33.33; together 50·3/3 = 50 exactly.
    expect(scorecardTotal(r, { a: 1, b: 0 })).toBe(16.67);
    expect(scorecardTotal(r, { a: 2, b: 0 })).toBe(33.33);
    expect(scorecardTotal(r, { a: 1, b: 2 })).toBe(50);
    // 1/6 of 100 in hundredths is 1666.67 → 1667
    const six: ScorecardRubric = { criteria: [{ code: 'a', weight: 100 }], scaleMin: 1, scaleMax: 7 };
    expect(scorecardTotalHundredths(six, { a: 2 })).toBe(1667);
    // 12.5 hundredths rounds up to 13
    const eight: ScorecardRubric = { criteria: [{ code: 'a', weight: 1 }, { code: 'b', weight: 99 }], scaleMin: 0, scaleMax: 8 };
    expect(scorecardTotalHundredths(eight, { a: 1, b: 0 })).toBe(13);
  });

  it('gives equal totals for scorecards that are equal by weight, in any criterion order', () => {
    const a = scorecardTotalHundredths(rubric, { motivasi: 5, bakat: 1, komitmen: 3, komunikasi: 3 });
    const b = scorecardTotalHundredths(rubric, { motivasi: 1, bakat: 5, komitmen: 3, komunikasi: 3 });
    expect(a).toBe(b);
    const reversed: ScorecardRubric = { ...rubric, criteria: [...rubric.criteria].reverse() };
    expect(scorecardTotalHundredths(reversed, { motivasi: 5, bakat: 1, komitmen: 3, komunikasi: 3 })).toBe(a);
  });

  it('refuses points the rubric does not accept', () => {
    expect(() => scorecardTotal(rubric, { motivasi: 6, bakat: 1, komitmen: 1, komunikasi: 1 })).toThrow(RangeError);
    expect(() => scorecardTotal(rubric, { motivasi: 1, bakat: 1, komitmen: 1 })).toThrow(RangeError);
    const unbalanced: ScorecardRubric = { ...rubric, criteria: [{ code: 'motivasi', weight: 90 }] };
    expect(() => scorecardTotal(unbalanced, { motivasi: 3 })).toThrow(RangeError);
  });
});

describe('scorecardProblems', () => {
  it('names each missing, fractional, out-of-scale and unknown criterion', () => {
    expect(scorecardProblems(rubric, { motivasi: 0, bakat: 2.5, komunikasi: 3, lain: 2 })).toEqual([
      { code: 'motivasi', kind: 'out_of_scale' },
      { code: 'bakat', kind: 'not_whole' },
      { code: 'komitmen', kind: 'missing' },
      { code: 'lain', kind: 'unknown' },
    ]);
    expect(scorecardProblems(rubric, { motivasi: 1, bakat: 5, komitmen: 3, komunikasi: 2 })).toEqual([]);
  });
});

describe('scoreStatistics', () => {
  it('is empty without scores and has no spread with one', () => {
    expect(scoreStatistics([])).toEqual({ count: 0, mean: null, standardDeviation: null });
    expect(scoreStatistics([72.5])).toEqual({ count: 1, mean: 72.5, standardDeviation: null });
  });

  it('gives the mean and the sample standard deviation, two decimals', () => {
    // mean 5, squared deviations 9+1+1+9 = 20, 20/3 → sd 2.5820 → 2.58
    expect(scoreStatistics([2, 4, 6, 8])).toEqual({ count: 4, mean: 5, standardDeviation: 2.58 });
    expect(scoreStatistics([66.25, 66.25, 66.25])).toEqual({ count: 3, mean: 66.25, standardDeviation: 0 });
    // Decimal totals that drift as floats: 0.1 + 0.2 is not 0.3, but hundredths are exact.
    expect(scoreStatistics([0.1, 0.2]).mean).toBe(0.15);
    expect(scoreStatistics([33.33, 33.34, 33.33]).mean).toBe(33.33);
  });
});

describe('compareInterviewers', () => {
  const cards = [
    ...[60, 62, 58].map((total) => ({ interviewerId: 'b-harsh', total })),
    ...[70, 75, 80].map((total) => ({ interviewerId: 'a-fair', total })),
    ...[72, 78, 74, 76].map((total) => ({ interviewerId: 'c-fair', total })),
  ];

  it('sets each interviewer beside all the others together, ordered by id', () => {
    const result = compareInterviewers(cards);
    expect(result.map((r) => r.interviewerId)).toEqual(['a-fair', 'b-harsh', 'c-fair']);
    const harsh = result[1]!;
    expect(harsh.own).toEqual({ count: 3, mean: 60, standardDeviation: 2 });
    expect(harsh.others.count).toBe(7);
    expect(harsh.others.mean).toBe(75);
    expect(harsh.difference).toBe(-15);
    expect(harsh.lean).toBe('harsh');
    expect(result[0]!.lean).toBe(null);
  });

  it('flags nobody on too few scorecards', () => {
    const few = compareInterviewers([
      { interviewerId: 'x', total: 10 },
      { interviewerId: 'y', total: 90 },
    ]);
    expect(few.map((r) => r.lean)).toEqual([null, null]);
    expect(few[0]!.difference).toBe(-80);
  });

  it('shows a lenient interviewer', () => {
    const lenient = compareInterviewers([
      ...[90, 95, 92].map((total) => ({ interviewerId: 'l', total })),
      ...[60, 65, 62].map((total) => ({ interviewerId: 'm', total })),
    ]);
    expect(lenient.find((r) => r.interviewerId === 'l')!.lean).toBe('lenient');
    expect(lenient.find((r) => r.interviewerId === 'm')!.lean).toBe('harsh');
  });
});
