import { describe, expect, it } from 'vitest';
import { drawQuestions, seededRandom, seededShuffle, shuffleOptions } from './randomDraw';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`);

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = seededRandom('abc');
    const b = seededRandom('abc');
    const c = seededRandom('abd');
    const seqA = Array.from({ length: 20 }, () => a());
    expect(Array.from({ length: 20 }, () => b())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c())).not.toEqual(seqA);
  });
  it('stays within [0, 1) and is roughly uniform', () => {
    const r = seededRandom('uniform');
    const buckets = new Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = r();
      if (x < 0 || x >= 1) outside++;
      else buckets[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(200);
  });
});

describe('seededShuffle', () => {
  it('is a permutation, reproducible, and does not change its input', () => {
    const input = ids('q', 30);
    const copy = [...input];
    const first = seededShuffle('s1', input);
    expect(input).toEqual(copy);
    expect([...first].sort()).toEqual(copy);
    expect(seededShuffle('s1', input)).toEqual(first);
    expect(seededShuffle('s2', input)).not.toEqual(first);
  });
  it('puts every element in every position about equally often over many seeds', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 4000; i++) {
      const at = seededShuffle(`seed-${i}`, ['a', 'b', 'c', 'd']).indexOf('a');
      counts.set(at, (counts.get(at) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([0, 1, 2, 3]);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(120);
  });
});

describe('drawQuestions', () => {
  const pools = [
    { bankId: 'general', questionIds: ids('g', 60), count: 15 },
    { bankId: 'las', questionIds: ids('l', 50), count: 25 },
  ];

  it('draws the configured count from each bank, without repeats', () => {
    const drawn = drawQuestions('seed-1', pools, { shuffle: true });
    expect(drawn).toHaveLength(40);
    expect(new Set(drawn.map((d) => d.questionId)).size).toBe(40);
    expect(drawn.filter((d) => d.bankId === 'general')).toHaveLength(15);
    expect(drawn.filter((d) => d.bankId === 'las').every((d) => d.questionId.startsWith('l-'))).toBe(true);
  });

  it('is reproducible from the seed (the attempt can be rebuilt) and differs between seeds', () => {
    const a = drawQuestions('attempt-seed', pools, { shuffle: true });
    expect(drawQuestions('attempt-seed', pools, { shuffle: true })).toEqual(a);
    expect(drawQuestions('another-seed', pools, { shuffle: true })).not.toEqual(a);
  });

  it('mixes the banks when shuffled and keeps the bank order otherwise', () => {
    const mixed = drawQuestions('mix', pools, { shuffle: true });
    expect(mixed.slice(0, 15).every((d) => d.bankId === 'general')).toBe(false);
    const ordered = drawQuestions('mix', pools);
    expect(ordered.slice(0, 15).every((d) => d.bankId === 'general')).toBe(true);
    const general = ordered.slice(0, 15).map((d) => d.questionId);
    expect([...general].sort()).toEqual(general);
    // The same questions either way: only the order differs.
    expect(new Set(mixed.map((d) => d.questionId))).toEqual(new Set(ordered.map((d) => d.questionId)));
  });

  it("does not change one bank's questions when another bank is added", () => {
    const only = drawQuestions('stable', [pools[1]!]).map((d) => d.questionId);
    const both = drawQuestions('stable', pools)
      .filter((d) => d.bankId === 'las')
      .map((d) => d.questionId);
    expect(both).toEqual(only);
  });

  it('takes every question of a bank smaller than its count, and none for a count of 0', () => {
    const drawn = drawQuestions('small', [
      { bankId: 'a', questionIds: ['x', 'y', 'x'], count: 5 },
      { bankId: 'b', questionIds: ids('b', 5), count: 0 },
    ]);
    expect(drawn).toEqual([
      { bankId: 'a', questionId: 'x' },
      { bankId: 'a', questionId: 'y' },
    ]);
  });

  it('draws every question about equally often over many attempts', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      for (const d of drawQuestions(`fair-${i}`, [{ bankId: 'g', questionIds: ids('g', 20), count: 5 }])) {
        counts.set(d.questionId, (counts.get(d.questionId) ?? 0) + 1);
      }
    }
    expect(counts.size).toBe(20);
    for (const c of counts.values()) expect(Math.abs(c - 500)).toBeLessThan(90);
  });
});

describe('shuffleOptions', () => {
  it('is reproducible per attempt seed and question version, and a permutation of the keys', () => {
    const keys = ['A', 'B', 'C', 'D'];
    const order = shuffleOptions('seed', 'version-1', keys);
    expect([...order].sort()).toEqual(keys);
    expect(shuffleOptions('seed', 'version-1', keys)).toEqual(order);
    const variety = new Set(Array.from({ length: 50 }, (_, i) => shuffleOptions('seed', `version-${i}`, keys).join('')));
    expect(variety.size).toBeGreaterThan(10);
  });
});
