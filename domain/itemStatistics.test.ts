import { describe, expect, it } from 'vitest';
import { itemStatistics, type AttemptResponses } from './itemStatistics';

/** An attempt answering items q1…qn; `pattern` is '1' for right, '0' for wrong. */
function attempt(pattern: string, ids?: string[]): AttemptResponses {
  const items = [...pattern].map((c, i) => ({ itemId: ids?.[i] ?? `q${i + 1}`, correct: c === '1' }));
  return { correctCount: items.filter((i) => i.correct).length, total: items.length, items };
}

const byId = (stats: ReturnType<typeof itemStatistics>) => new Map(stats.map((s) => [s.itemId, s]));

describe('itemStatistics', () => {
  // q1 separates strong from weak, q2 is answered right only by the weak (a wrong key?),
  // q3 everybody gets right, q4 nobody does.
  const attempts = [
    attempt('101011'),
    attempt('101011'),
    attempt('101011'),
    attempt('101011'),
    attempt('101011'),
    attempt('011000'),
    attempt('011000'),
    attempt('011000'),
    attempt('011000'),
    attempt('011000'),
  ];
  // q5 and q6 follow q1: the strong get them.
  const stats = byId(itemStatistics(attempts));

  it('gives the share correct of each item', () => {
    expect(stats.get('q1')).toMatchObject({ n: 10, correct: 5, pCorrect: 0.5 });
    expect(stats.get('q3')).toMatchObject({ pCorrect: 1 });
    expect(stats.get('q4')).toMatchObject({ pCorrect: 0 });
  });

  it('gives the upper–lower discrimination index (27% groups)', () => {
    expect(stats.get('q1')!.discrimination).toBe(1);
    expect(stats.get('q2')!.discrimination).toBe(-1);
    expect(stats.get('q3')!.discrimination).toBe(0);
  });

  it('gives the point-biserial with the rest score, undefined when everyone agrees', () => {
    expect(stats.get('q1')!.pointBiserial).toBeGreaterThan(0.9);
    expect(stats.get('q2')!.pointBiserial).toBeLessThan(-0.9);
    expect(stats.get('q3')!.pointBiserial).toBeNull();
    expect(stats.get('q4')!.pointBiserial).toBeNull();
  });

  it('flags the questions to review', () => {
    expect(stats.get('q1')!.flags).toEqual([]);
    expect(stats.get('q2')!.flags).toEqual(['negative_discrimination']);
    expect(stats.get('q3')!.flags).toEqual(['too_easy', 'low_discrimination']);
    expect(stats.get('q4')!.flags).toEqual(['too_hard', 'low_discrimination']);
  });

  it('computes each item over the attempts that were given it', () => {
    const mixed = byId(
      itemStatistics([attempt('11', ['a', 'b']), attempt('10', ['a', 'c']), attempt('0', ['c'])]),
    );
    expect(mixed.get('a')).toMatchObject({ n: 2, correct: 1 + 1, pCorrect: 1 });
    expect(mixed.get('b')).toMatchObject({ n: 1, pCorrect: 1 });
    expect(mixed.get('c')).toMatchObject({ n: 2, correct: 0, pCorrect: 0 });
  });

  it('does not flag on too few attempts and handles none', () => {
    const few = itemStatistics([attempt('0'), attempt('0')]);
    expect(few[0]!.flags).toEqual([]);
    expect(itemStatistics([])).toEqual([]);
    expect(itemStatistics([attempt('1')])[0]!.discrimination).toBeNull();
  });
});
