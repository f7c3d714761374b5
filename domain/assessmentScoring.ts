// Scoring of the three assessments of SOP step 5, from the answers saved for an
// attempt. Pure: the question versions and answers are passed in.
//  - Asesmen Siap Latih (written test): percentage of correct answers; an unanswered
//    question counts as wrong.
//  - Asesmen Penilaian Diri (Likert statements) and Asesmen Potensi Diri (scaled
//    inventory items): each answer is a point on the item's scale; reverse-scored items
//    are turned round; the score of a scale is the mean of its answered items.

export type ScoringOption = { key: string };

export type ScoredItem = {
  type: 'likert' | 'scaled' | 'multiple_choice';
  /** Options in the bank's order (not the shuffled order shown). */
  options: readonly ScoringOption[];
  correctOptionKey?: string | null;
  scaleCode?: string | null;
  reverseScored?: boolean;
};

/**
 * The point value of an option of a Likert/scaled item. When every key is a whole
 * number ('1'…'5'), the key is the value. Otherwise the options are read as listed
 * from the strongest agreement to the weakest ("Sangat Sesuai … Sangat Tidak Sesuai"):
 * the first option scores the number of options, the last scores 1.
 * Returns null for a key that is not an option.
 */
export function optionValue(options: readonly ScoringOption[], key: string): number | null {
  const index = options.findIndex((o) => o.key === key);
  if (index < 0) return null;
  const numeric = options.every((o) => /^-?\d+$/.test(o.key.trim()));
  if (numeric) return Number(key.trim());
  return options.length - index;
}

/** The range of values an item's options span: [min, max]. */
export function optionRange(options: readonly ScoringOption[]): [number, number] {
  const values = options.map((o) => optionValue(options, o.key)).filter((v): v is number => v !== null);
  if (values.length === 0) return [0, 0];
  return [Math.min(...values), Math.max(...values)];
}

/** The value an answer contributes, with reverse-scored items turned round. */
export function itemValue(item: ScoredItem, answer: string): number | null {
  const value = optionValue(item.options, answer);
  if (value === null) return null;
  if (!item.reverseScored) return value;
  const [min, max] = optionRange(item.options);
  return min + max - value;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export type WrittenTestScore = { correctCount: number; total: number; answered: number; percent: number };

/** Written test: percent correct of all items drawn (unanswered = wrong), two decimals. */
export function scoreWrittenTest(
  items: readonly ScoredItem[],
  answers: ReadonlyMap<number, string>,
): WrittenTestScore {
  let correctCount = 0;
  let answered = 0;
  items.forEach((item, index) => {
    const answer = answers.get(index + 1);
    if (answer === undefined) return;
    answered++;
    if (item.correctOptionKey != null && answer === item.correctOptionKey) correctCount++;
  });
  const total = items.length;
  return { correctCount, total, answered, percent: total === 0 ? 0 : round2((correctCount / total) * 100) };
}

export const OVERALL = '_overall';

export type ScaleScore = { scaleCode: string; mean: number; answered: number; items: number };

export type InventoryScore = {
  /** Mean per scale code, two decimals; items without a scale count only to the overall. */
  scales: ScaleScore[];
  /** Mean of every answered item, two decimals (null when nothing was answered). */
  overall: number | null;
  answered: number;
};

/** Likert/scaled inventory: mean per scale and overall, of the answered items. */
export function scoreInventory(items: readonly ScoredItem[], answers: ReadonlyMap<number, string>): InventoryScore {
  const perScale = new Map<string, { sum: number; answered: number; items: number }>();
  let sum = 0;
  let answered = 0;
  items.forEach((item, index) => {
    const code = item.scaleCode ?? null;
    const bucket = code === null ? null : (perScale.get(code) ?? { sum: 0, answered: 0, items: 0 });
    if (bucket && code !== null) {
      bucket.items++;
      perScale.set(code, bucket);
    }
    const answer = answers.get(index + 1);
    if (answer === undefined) return;
    const value = itemValue(item, answer);
    if (value === null) return;
    sum += value;
    answered++;
    if (bucket) {
      bucket.sum += value;
      bucket.answered++;
    }
  });
  const scales: ScaleScore[] = [...perScale.entries()]
    .filter(([, b]) => b.answered > 0)
    .map(([scaleCode, b]) => ({ scaleCode, mean: round2(b.sum / b.answered), answered: b.answered, items: b.items }));
  return { scales, overall: answered === 0 ? null : round2(sum / answered), answered };
}

/** The stored form of scale scores: { [scaleCode]: mean, _overall: mean }. */
export function scaleScoreRecord(score: InventoryScore): Record<string, number> {
  const record: Record<string, number> = {};
  for (const s of score.scales) record[s.scaleCode] = s.mean;
  if (score.overall !== null) record[OVERALL] = score.overall;
  return record;
}

export type ProfileScale = { code: string; name: string; description: string; suggestedFields: readonly string[] };

export type PotentialProfile = {
  /** Scales from the highest score to the lowest (ties in the bank's order). */
  ranked: Array<{ code: string; name: string; description: string; mean: number; rank: number }>;
  /** Vocational fields suggested by the top scales, strongest first, without repeats. */
  suggestedFields: string[];
};

/**
 * Asesmen Potensi Diri: the candidate's profile. Scales are ranked by their mean; the
 * suggested fields come from the `top` highest scales (more when scales tie with the
 * last of them), so a tie never hides a field on an arbitrary order.
 */
export function potentialProfile(
  scales: readonly ProfileScale[],
  scaleScores: Readonly<Record<string, number>>,
  top = 2,
): PotentialProfile {
  const scored = scales
    .map((s, order) => ({ ...s, order, mean: scaleScores[s.code] }))
    .filter((s): s is typeof s & { mean: number } => typeof s.mean === 'number')
    .sort((a, b) => b.mean - a.mean || a.order - b.order);
  let rank = 0;
  let previous: number | null = null;
  const ranked = scored.map((s, index) => {
    if (previous === null || s.mean !== previous) rank = index + 1;
    previous = s.mean;
    return { code: s.code, name: s.name, description: s.description, mean: s.mean, rank };
  });
  const cutoff = ranked[Math.min(top, ranked.length) - 1]?.mean;
  const suggestedFields: string[] = [];
  if (cutoff !== undefined) {
    for (const s of scored) {
      if (s.mean < cutoff) break;
      for (const field of s.suggestedFields) if (!suggestedFields.includes(field)) suggestedFields.push(field);
    }
  }
  return { ranked, suggestedFields };
}

/** Whether a written-test score reaches the batch's pass mark (percent). */
export function passesWrittenTest(percent: number, passMark: number): boolean {
  return percent + 1e-9 >= passMark;
}
