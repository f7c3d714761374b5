import { describe, expect, it } from 'vitest';
import {
  OVERALL,
  itemValue,
  optionValue,
  passesWrittenTest,
  potentialProfile,
  scaleScoreRecord,
  scoreInventory,
  scoreWrittenTest,
  type ScoredItem,
} from './assessmentScoring';

const likert5 = [{ key: '5' }, { key: '4' }, { key: '3' }, { key: '2' }, { key: '1' }];
const likertWords = [{ key: 'SS' }, { key: 'S' }, { key: 'N' }, { key: 'TS' }, { key: 'STS' }];
const mc = (correct: string): ScoredItem => ({
  type: 'multiple_choice',
  options: [{ key: 'A' }, { key: 'B' }, { key: 'C' }, { key: 'D' }],
  correctOptionKey: correct,
});
const answers = (entries: Array<[number, string]>) => new Map(entries);

describe('optionValue and itemValue', () => {
  it('uses numeric keys as values', () => {
    expect(optionValue(likert5, '5')).toBe(5);
    expect(optionValue(likert5, '1')).toBe(1);
    expect(optionValue(likert5, '9')).toBeNull();
  });
  it('reads word keys from the strongest agreement (first) to the weakest (last)', () => {
    expect(optionValue(likertWords, 'SS')).toBe(5);
    expect(optionValue(likertWords, 'N')).toBe(3);
    expect(optionValue(likertWords, 'STS')).toBe(1);
  });
  it('turns reverse-scored items round', () => {
    const item: ScoredItem = { type: 'likert', options: likert5, reverseScored: true };
    expect(itemValue(item, '5')).toBe(1);
    expect(itemValue(item, '4')).toBe(2);
    expect(itemValue(item, '3')).toBe(3);
    expect(itemValue({ ...item, options: likertWords }, 'STS')).toBe(5);
    expect(itemValue({ type: 'scaled', options: [{ key: '1' }, { key: '2' }, { key: '3' }, { key: '4' }], reverseScored: true }, '1')).toBe(4);
  });
});

describe('scoreWrittenTest', () => {
  it('is the percentage of correct answers over every item drawn; unanswered is wrong', () => {
    const items = [mc('A'), mc('B'), mc('C'), mc('D')];
    const score = scoreWrittenTest(items, answers([[1, 'A'], [2, 'C'], [3, 'C']]));
    expect(score).toEqual({ correctCount: 2, total: 4, answered: 3, percent: 50 });
  });
  it('rounds to two decimals and handles an empty attempt', () => {
    const items = [mc('A'), mc('A'), mc('A')];
    expect(scoreWrittenTest(items, answers([[1, 'A']])).percent).toBe(33.33);
    expect(scoreWrittenTest([], new Map()).percent).toBe(0);
    expect(scoreWrittenTest(items, new Map()).percent).toBe(0);
  });
});

describe('scoreInventory', () => {
  const items: ScoredItem[] = [
    { type: 'scaled', options: likert5, scaleCode: 'R' },
    { type: 'scaled', options: likert5, scaleCode: 'R', reverseScored: true },
    { type: 'scaled', options: likert5, scaleCode: 'A' },
    { type: 'scaled', options: likert5, scaleCode: 'A' },
    { type: 'likert', options: likert5 },
  ];
  it('averages per scale (reverse items turned round) and overall, over answered items', () => {
    const score = scoreInventory(items, answers([[1, '5'], [2, '1'], [3, '2'], [5, '3']]));
    expect(score.scales).toEqual([
      { scaleCode: 'R', mean: 5, answered: 2, items: 2 },
      { scaleCode: 'A', mean: 2, answered: 1, items: 2 },
    ]);
    expect(score.overall).toBe(3.75);
    expect(scaleScoreRecord(score)).toEqual({ R: 5, A: 2, [OVERALL]: 3.75 });
  });
  it('leaves out a scale nobody answered and gives no overall for an empty attempt', () => {
    const score = scoreInventory(items, new Map());
    expect(score.scales).toEqual([]);
    expect(score.overall).toBeNull();
    expect(scaleScoreRecord(score)).toEqual({});
  });
  it('ignores an answer that is not an option of the item', () => {
    expect(scoreInventory(items, answers([[1, '7']])).answered).toBe(0);
  });
});

describe('potentialProfile', () => {
  const scales = [
    { code: 'R', name: 'Realistik', description: '', suggestedFields: ['Las', 'Otomotif'] },
    { code: 'A', name: 'Artistik', description: '', suggestedFields: ['Teknologi Informasi dan Komunikasi', 'Garmen Apparel'] },
    { code: 'S', name: 'Sosial', description: '', suggestedFields: ['Pariwisata'] },
    { code: 'K', name: 'Konvensional', description: '', suggestedFields: ['Bisnis dan Manajemen', 'Otomotif'] },
  ];
  it('ranks scales and suggests the fields of the two highest, without repeats', () => {
    const p = potentialProfile(scales, { R: 4.2, A: 3.1, S: 2, K: 3.8, [OVERALL]: 3.3 });
    expect(p.ranked.map((s) => [s.code, s.rank])).toEqual([
      ['R', 1],
      ['K', 2],
      ['A', 3],
      ['S', 4],
    ]);
    expect(p.suggestedFields).toEqual(['Las', 'Otomotif', 'Bisnis dan Manajemen']);
  });
  it('includes every scale tied with the last of the top ones, in the bank order', () => {
    const p = potentialProfile(scales, { R: 4, A: 3, S: 3, K: 2 });
    expect(p.ranked.map((s) => s.rank)).toEqual([1, 2, 2, 4]);
    expect(p.suggestedFields).toEqual(['Las', 'Otomotif', 'Teknologi Informasi dan Komunikasi', 'Garmen Apparel', 'Pariwisata']);
  });
  it('leaves out scales without a score', () => {
    expect(potentialProfile(scales, {}).ranked).toEqual([]);
    expect(potentialProfile(scales, {}).suggestedFields).toEqual([]);
    expect(potentialProfile(scales, { S: 2 }).suggestedFields).toEqual(['Pariwisata']);
  });
});

describe('passesWrittenTest', () => {
  it('passes at or above the pass mark', () => {
    expect(passesWrittenTest(60, 60)).toBe(true);
    expect(passesWrittenTest(59.99, 60)).toBe(false);
    expect(passesWrittenTest(100, 60)).toBe(true);
  });
});
