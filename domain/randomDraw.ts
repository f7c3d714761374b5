// The random parts of an assessment attempt — which questions are drawn and in which
// order their options are shown — come from one stored seed, so an attempt can be
// rebuilt exactly (for a complaint, an audit, or a re-score) long after it was taken.
// Math.random cannot be replayed; a small seeded generator can.

/** xmur3: hashes a string into a stream of 32-bit seeds. */
function xmur3(text: string): () => number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };
}

/** sfc32: a fast 128-bit-state generator; returns floats in [0, 1). */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A reproducible generator of floats in [0, 1) for a string seed. */
export function seededRandom(seed: string): () => number {
  const next = xmur3(seed);
  const random = sfc32(next(), next(), next(), next());
  // The first outputs of sfc32 are weakly mixed; discard a few.
  for (let i = 0; i < 12; i++) random();
  return random;
}

/** Fisher–Yates with a seeded generator: the same seed always gives the same order. */
export function seededShuffle<T>(seed: string, items: readonly T[]): T[] {
  const random = seededRandom(seed);
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = result[i] as T;
    result[i] = result[j] as T;
    result[j] = tmp;
  }
  return result;
}

export type DrawPool = {
  bankId: string;
  /** Every question that may be drawn, in the bank's order. */
  questionIds: readonly string[];
  count: number;
};

export type DrawnQuestion = { bankId: string; questionId: string };

/**
 * Draws `count` questions from each pool (all of them when the pool is smaller).
 * Each pool has its own stream (seed + bank id), so adding a bank to a configuration
 * does not change what another bank contributes. With `shuffle`, the drawn questions
 * of all pools are mixed in one random order (the written test); without it they keep
 * the bank's order, pool after pool (statement inventories read in a fixed order).
 */
export function drawQuestions(
  seed: string,
  pools: readonly DrawPool[],
  options: { shuffle?: boolean } = {},
): DrawnQuestion[] {
  const drawn: DrawnQuestion[] = [];
  for (const pool of pools) {
    // Sorting would make the draw depend on id strings rather than the bank's order; the
    // caller passes the bank's order, and duplicates are dropped so a question is asked once.
    const unique = [...new Set(pool.questionIds)];
    const count = Math.max(0, Math.min(Math.floor(pool.count), unique.length));
    const chosen = new Set(seededShuffle(`${seed}:pool:${pool.bankId}`, unique).slice(0, count));
    for (const questionId of unique) {
      if (chosen.has(questionId)) drawn.push({ bankId: pool.bankId, questionId });
    }
  }
  return options.shuffle ? seededShuffle(`${seed}:order`, drawn) : drawn;
}

/** The order an attempt shows a question's options in. */
export function shuffleOptions(seed: string, questionVersionId: string, keys: readonly string[]): string[] {
  return seededShuffle(`${seed}:options:${questionVersionId}`, keys);
}
