// Classical item analysis of the written test (Asesmen Siap Latih), so the committee
// can spot a bad question: one almost nobody gets right, one everybody gets right, or
// one that strong candidates get wrong as often as weak ones (a wrong key, an ambiguous
// stem). Each attempt draws its own questions, so every figure of an item is computed
// over the attempts that were given that item.

export type AttemptResponses = {
  /** Correct answers in the whole attempt. */
  correctCount: number;
  /** Items in the whole attempt. */
  total: number;
  items: ReadonlyArray<{ itemId: string; correct: boolean }>;
};

export type ItemFlag = 'too_hard' | 'too_easy' | 'low_discrimination' | 'negative_discrimination';

export type ItemStatistic = {
  itemId: string;
  /** Attempts that were given the item. */
  n: number;
  correct: number;
  /** Difficulty index: share answering correctly, 0…1. */
  pCorrect: number;
  /**
   * Upper–lower index: share correct in the top 27 % of attempts (by score) minus the
   * share correct in the bottom 27 %, −1…1; null when either group never saw the item.
   */
  discrimination: number | null;
  /**
   * Point-biserial correlation of the item with the rest of the attempt (the score
   * without this item, so the item does not correlate with itself); null when it is
   * undefined (everyone right, everyone wrong, or no spread in the rest score).
   */
  pointBiserial: number | null;
  flags: ItemFlag[];
};

/** Below this many attempts the figures are too noisy to flag anything. */
export const MIN_ATTEMPTS_FOR_FLAGS = 5;
export const GROUP_SHARE = 0.27;

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function itemStatistics(attempts: readonly AttemptResponses[]): ItemStatistic[] {
  const scored = attempts
    .map((a, index) => ({ ...a, index, score: a.total === 0 ? 0 : a.correctCount / a.total }))
    // Highest score first; the original order breaks ties so the result is stable.
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const groupSize = scored.length >= 2 ? Math.max(1, Math.round(scored.length * GROUP_SHARE)) : 0;
  const upper = new Set(scored.slice(0, groupSize).map((a) => a.index));
  const lower = new Set(scored.slice(scored.length - groupSize).map((a) => a.index));

  type Acc = {
    n: number;
    correct: number;
    upperN: number;
    upperCorrect: number;
    lowerN: number;
    lowerCorrect: number;
    pairs: Array<{ x: number; rest: number }>;
  };
  const byItem = new Map<string, Acc>();
  for (const attempt of scored) {
    for (const item of attempt.items) {
      let acc = byItem.get(item.itemId);
      if (!acc) {
        acc = { n: 0, correct: 0, upperN: 0, upperCorrect: 0, lowerN: 0, lowerCorrect: 0, pairs: [] };
        byItem.set(item.itemId, acc);
      }
      const x = item.correct ? 1 : 0;
      acc.n++;
      acc.correct += x;
      // With very few attempts one attempt can sit in both groups; count it in both,
      // which makes its contribution to the difference zero, as it should be.
      if (upper.has(attempt.index)) {
        acc.upperN++;
        acc.upperCorrect += x;
      }
      if (lower.has(attempt.index)) {
        acc.lowerN++;
        acc.lowerCorrect += x;
      }
      const restItems = attempt.total - 1;
      acc.pairs.push({ x, rest: restItems > 0 ? (attempt.correctCount - x) / restItems : 0 });
    }
  }

  return [...byItem.entries()].map(([itemId, acc]) => {
    const pCorrect = acc.n === 0 ? 0 : acc.correct / acc.n;
    const discrimination =
      acc.upperN > 0 && acc.lowerN > 0 ? round3(acc.upperCorrect / acc.upperN - acc.lowerCorrect / acc.lowerN) : null;
    const pointBiserial = pointBiserialOf(acc.pairs);
    const flags: ItemFlag[] = [];
    if (acc.n >= MIN_ATTEMPTS_FOR_FLAGS) {
      if (pCorrect < 0.2) flags.push('too_hard');
      if (pCorrect > 0.95) flags.push('too_easy');
      const d = discrimination ?? pointBiserial;
      if (d !== null && d < 0) flags.push('negative_discrimination');
      else if (d !== null && d < 0.2) flags.push('low_discrimination');
    }
    return { itemId, n: acc.n, correct: acc.correct, pCorrect: round3(pCorrect), discrimination, pointBiserial, flags };
  });
}

function pointBiserialOf(pairs: ReadonlyArray<{ x: number; rest: number }>): number | null {
  const n = pairs.length;
  if (n < 2) return null;
  const right = pairs.filter((p) => p.x === 1);
  const wrong = pairs.filter((p) => p.x === 0);
  if (right.length === 0 || wrong.length === 0) return null;
  const mean = pairs.reduce((s, p) => s + p.rest, 0) / n;
  const variance = pairs.reduce((s, p) => s + (p.rest - mean) ** 2, 0) / n;
  if (variance <= 1e-12) return null;
  const m1 = right.reduce((s, p) => s + p.rest, 0) / right.length;
  const m0 = wrong.reduce((s, p) => s + p.rest, 0) / wrong.length;
  const p = right.length / n;
  return round3(((m1 - m0) / Math.sqrt(variance)) * Math.sqrt(p * (1 - p)));
}

export const ITEM_FLAG_LABELS: Record<ItemFlag, { id: string; en: string }> = {
  too_hard: { id: 'Terlalu sulit (kurang dari 20% benar)', en: 'Too hard (under 20% correct)' },
  too_easy: { id: 'Terlalu mudah (lebih dari 95% benar)', en: 'Too easy (over 95% correct)' },
  low_discrimination: { id: 'Daya beda rendah', en: 'Low discrimination' },
  negative_discrimination: {
    id: 'Daya beda negatif: periksa kunci jawaban',
    en: 'Negative discrimination: check the answer key',
  },
};
