import { createHash } from 'node:crypto';
import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { lotHash, sha256Hex } from './lotHash';
import {
  countOutcomes,
  formatScaled,
  rankBatch,
  RankingInputError,
  TIE_BREAK_CHAIN,
  toHundredths,
  type RankBatchInput,
  type RankingCandidate,
} from './ranking';

const BATCH = '7b0c5a3e-1111-4a4a-9c9c-000000000001';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function cand(n: number, over: Partial<RankingCandidate> = {}): RankingCandidate {
  return { registrationId: id(n), birthDate: '2000-01-01', writtenTest: 70, interview: 70, ...over };
}

function input(candidates: RankingCandidate[], over: Partial<RankBatchInput> = {}): RankBatchInput {
  return {
    batchId: BATCH,
    quota: 2,
    reserveCount: 1,
    passMark: 60,
    weights: { writtenTest: 60, interview: 40 },
    candidates,
    ...over,
  };
}

const byId = (results: ReturnType<typeof rankBatch>) => new Map(results.map((r) => [r.registrationId, r]));

describe('sha256Hex (the lot)', () => {
  it('matches node:crypto, including the FIPS vectors and multi-block and non-ASCII text', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const text of ['a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'a'.repeat(1000), 'Pleno ✓ Kendari', `${BATCH}:${id(7)}`]) {
      expect(sha256Hex(text), text.slice(0, 20)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
  propTest.prop([fc.string({ maxLength: 300 })])('agrees with node:crypto on any text', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
  it('the lot is SHA-256 of "<batch id>:<registration id>"', () => {
    expect(lotHash(BATCH, id(1))).toBe(createHash('sha256').update(`${BATCH}:${id(1)}`).digest('hex'));
  });
});

describe('exact totals', () => {
  it('reads scores as whole hundredths and refuses a third decimal or a value off the scale', () => {
    expect(toHundredths(0.29)).toBe(29);
    expect(toHundredths(72.35)).toBe(7235);
    expect(toHundredths(100)).toBe(10000);
    expect(() => toHundredths(70.123)).toThrow(RankingInputError);
    expect(() => toHundredths(-1)).toThrow(RankingInputError);
    expect(() => toHundredths(100.01)).toThrow(RankingInputError);
    expect(() => toHundredths(Number.NaN)).toThrow(RankingInputError);
  });

  it('gives equal weighted totals where floating point would drift (0.1 + 0.2 style)', () => {
    // 60/40: 0.6*60.66 + 0.4*59.01 is 59.99999999999999 in floating point, 0.6*60 + 0.4*60 is 60;
    // exactly, both are 60 (60*6066 + 40*5901 = 60*6000 + 40*6000 = 600,000).
    expect(0.6 * 60.66 + 0.4 * 59.01).not.toBe(0.6 * 60 + 0.4 * 60); // the float trap is real
    const a = cand(1, { writtenTest: 60.66, interview: 59.01 });
    const b = cand(2, { writtenTest: 60, interview: 60 });
    const r = byId(rankBatch(input([b, a])));
    expect(r.get(id(1))!.total).toBe(60);
    expect(r.get(id(2))!.total).toBe(60);
    expect(r.get(id(1))!.totalScaled).toBe(600_000);
    // Equal totals: the written test decides (a float sum would have put b first).
    expect(r.get(id(1))!.rank).toBe(1);
    expect(r.get(id(2))!).toMatchObject({ rank: 2, tieBrokenBy: 'writtenTest' });
  });

  it('computes 0.1 + 0.2 exactly: 50/50 of 0.1 and 0.2 vs 0.15 and 0.15', () => {
    const weights = { writtenTest: 50, interview: 50 };
    const r = rankBatch(
      input(
        [
          cand(1, { writtenTest: 0.1, interview: 0.2, birthDate: '1999-01-01' }),
          cand(2, { writtenTest: 0.15, interview: 0.15, birthDate: '1999-01-01' }),
        ],
        { weights, passMark: 0 },
      ),
    );
    expect(r.map((x) => x.total)).toEqual([0.15, 0.15]);
    // Equal totals (0.15 each); the written test puts 0.15 above 0.1.
    expect(r[0]!.registrationId).toBe(id(2));
    expect(r[1]!.tieBrokenBy).toBe('writtenTest');
  });

  it('includes the self-assessment when its weight is not zero, and requires it then', () => {
    const weights = { writtenTest: 50, interview: 30, selfAssessment: 20 };
    const r = byId(
      rankBatch(
        input([cand(1, { writtenTest: 80, interview: 60, selfAssessment: 75.5 }), cand(2, { selfAssessment: null })], { weights }),
      ),
    );
    expect(r.get(id(1))!.total).toBe(73.1); // 40 + 18 + 15.1
    expect(r.get(id(2))).toMatchObject({ rank: null, outcome: 'not_passed', unrankedCause: 'no_self_assessment' });
    // Weight zero: the self-assessment is ignored, even when missing.
    const zero = rankBatch(input([cand(2, { selfAssessment: null })]));
    expect(zero[0]).toMatchObject({ rank: 1, outcome: 'passed' });
  });

  it('formats exact values without trailing zeros, Indonesian style', () => {
    expect(formatScaled(732400, 4)).toBe('73,24');
    expect(formatScaled(700000, 4)).toBe('70');
    expect(formatScaled(5, 2)).toBe('0,05');
    expect(formatScaled(7235, 2, '.')).toBe('72.35');
  });
});

describe('who is not ranked', () => {
  it('no written score, below the pass mark, absent, without an interview: not passed, no rank, with the reason', () => {
    const r = byId(
      rankBatch(
        input([
          cand(1, { writtenTest: null }),
          cand(2, { writtenTest: 59.99 }),
          cand(3, { interviewAbsent: true, interview: 90 }),
          cand(4, { interview: null }),
          cand(5, { writtenTest: 60 }),
        ]),
      ),
    );
    expect(r.get(id(1))).toMatchObject({ rank: null, total: null, outcome: 'not_passed', reason: 'Tidak ada nilai tes tulis.' });
    expect(r.get(id(2))).toMatchObject({
      rank: null,
      outcome: 'not_passed',
      unrankedCause: 'below_pass_mark',
      reason: 'Nilai tes tulis 59,99 di bawah batas lulus 60.',
    });
    expect(r.get(id(3))).toMatchObject({ rank: null, outcome: 'not_passed', reason: 'Tidak hadir wawancara.' });
    expect(r.get(id(4))).toMatchObject({ rank: null, outcome: 'not_passed', unrankedCause: 'no_interview' });
    // Exactly at the pass mark is ranked.
    expect(r.get(id(5))).toMatchObject({ rank: 1, outcome: 'passed' });
  });

  it('everyone absent: nobody ranked, nobody passes', () => {
    const r = rankBatch(input([1, 2, 3].map((n) => cand(n, { interviewAbsent: true }))))
    expect(r.every((x) => x.rank === null && x.outcome === 'not_passed' && x.unrankedCause === 'interview_absent')).toBe(true);
    expect(r.map((x) => x.registrationId)).toEqual([id(1), id(2), id(3)]);
  });
});

describe('outcomes by rank', () => {
  const five = [
    cand(1, { writtenTest: 90 }),
    cand(2, { writtenTest: 85 }),
    cand(3, { writtenTest: 80 }),
    cand(4, { writtenTest: 75 }),
    cand(5, { writtenTest: 70 }),
  ];
  it('the first quota pass, the next reserveCount are reserve, the rest not passed, with reasons', () => {
    const r = rankBatch(input(five, { quota: 2, reserveCount: 2 }));
    expect(r.map((x) => [x.registrationId, x.rank, x.outcome])).toEqual([
      [id(1), 1, 'passed'],
      [id(2), 2, 'passed'],
      [id(3), 3, 'reserve'],
      [id(4), 4, 'reserve'],
      [id(5), 5, 'not_passed'],
    ]);
    expect(r[0]!.reason).toBe('Peringkat 1 dari 5, dalam kuota 2.');
    expect(r[3]!.reason).toBe('Peringkat 4 dari 5: cadangan ke-2 dari 2.');
    expect(r[4]!.reason).toBe('Peringkat 5 dari 5, di luar kuota 2 dan 2 cadangan.');
  });
  it('fewer candidates than the quota: all pass, no reserve', () => {
    const r = rankBatch(input(five.slice(0, 3), { quota: 16, reserveCount: 2 }));
    expect(countOutcomes(r)).toEqual({ passed: 3, reserve: 0, not_passed: 0 });
  });
  it('quota 0: nobody passes, the reserves come first', () => {
    const r = rankBatch(input(five, { quota: 0, reserveCount: 1 }));
    expect(countOutcomes(r)).toEqual({ passed: 0, reserve: 1, not_passed: 4 });
    expect(r[0]).toMatchObject({ rank: 1, outcome: 'reserve' });
  });
  it('no candidates at all', () => {
    expect(rankBatch(input([]))).toEqual([]);
  });
});

describe('the tie-break chain, level by level', () => {
  // Two candidates with equal totals (60/40): 60*w + 40*i equal.
  it('is published as a constant in order: written, interview, younger, lot', () => {
    expect(TIE_BREAK_CHAIN.map((s) => s.step)).toEqual(['writtenTest', 'interview', 'birthDate', 'lot']);
    for (const s of TIE_BREAK_CHAIN) expect(s.id.length && s.en.length).toBeTruthy();
  });
  it('1. equal total: the higher written test first', () => {
    // 60*80 + 40*70 = 7600; 60*76 + 40*76 = 7600
    const r = rankBatch(input([cand(1, { writtenTest: 76, interview: 76 }), cand(2, { writtenTest: 80, interview: 70 })]));
    expect(r.map((x) => x.registrationId)).toEqual([id(2), id(1)]);
    expect(r[0]!.total).toBe(76);
    expect(r[1]).toMatchObject({ total: 76, tieBrokenBy: 'writtenTest' });
    expect(r[1]!.reason).toContain('diputus oleh nilai tes tulis');
  });
  it('2. equal total and written test: the higher interview first', () => {
    // Equal written and total implies equal interview unless the self-assessment contributes.
    const weights = { writtenTest: 40, interview: 40, selfAssessment: 20 };
    const r = rankBatch(
      input(
        [
          cand(1, { writtenTest: 80, interview: 70, selfAssessment: 80 }), // 3200+2800+1600=7600
          cand(2, { writtenTest: 80, interview: 75, selfAssessment: 70 }), // 3200+3000+1400=7600
        ],
        { weights },
      ),
    );
    expect(r.map((x) => x.registrationId)).toEqual([id(2), id(1)]);
    expect(r[1]!.tieBrokenBy).toBe('interview');
  });
  it('3. equal scores: the younger (later birth date) first', () => {
    const r = rankBatch(input([cand(1, { birthDate: '1998-05-01' }), cand(2, { birthDate: '2001-02-03' }), cand(3, { birthDate: '' })]));
    expect(r.map((x) => x.registrationId)).toEqual([id(2), id(1), id(3)]);
    expect(r[1]!.tieBrokenBy).toBe('birthDate');
    expect(r[2]!.tieBrokenBy).toBe('birthDate');
  });
  it('4. everything equal: the lot (smaller SHA-256 of batch:registration first), whatever the order', () => {
    const cs = [1, 2, 3, 4, 5, 6].map((n) => cand(n));
    const r = rankBatch(input(cs, { quota: 1, reserveCount: 1 }));
    const expected = cs.map((c) => ({ id: c.registrationId, lot: lotHash(BATCH, c.registrationId) })).sort((a, b) => (a.lot < b.lot ? -1 : 1));
    expect(r.map((x) => x.registrationId)).toEqual(expected.map((e) => e.id));
    expect(r.slice(1).every((x) => x.tieBrokenBy === 'lot')).toBe(true);
    expect(r.map((x) => x.lot)).toEqual(expected.map((e) => e.lot));
    // Another batch draws another lot.
    const other = rankBatch(input(cs, { batchId: 'another-batch' }));
    expect(other.map((x) => x.registrationId)).not.toEqual(r.map((x) => x.registrationId));
    expect(rankBatch(input([...cs].reverse(), { quota: 1, reserveCount: 1 }))).toEqual(r);
  });
});

describe('refused input', () => {
  it('weights not summing to 100, negative quota, duplicates, bad dates', () => {
    expect(() => rankBatch(input([], { weights: { writtenTest: 60, interview: 30 } }))).toThrow('Jumlah bobot harus 100.');
    expect(() => rankBatch(input([], { weights: { writtenTest: 60.5, interview: 39.5 } }))).toThrow(RankingInputError);
    expect(() => rankBatch(input([], { quota: -1 }))).toThrow('Kuota');
    expect(() => rankBatch(input([], { reserveCount: 1.5 }))).toThrow('cadangan');
    expect(() => rankBatch(input([cand(1), cand(1)]))).toThrow('dua kali');
    expect(() => rankBatch(input([cand(1, { birthDate: '01-02-2000' })]))).toThrow('YYYY-MM-DD');
    expect(() => rankBatch(input([cand(1, { interview: 101 })]))).toThrow('antara 0 dan 100');
  });
});

describe('10,000 candidates', () => {
  it('ranks them all, once each, within quota and reserve, quickly', () => {
    const cs: RankingCandidate[] = [];
    for (let n = 0; n < 10_000; n++) {
      cs.push(
        cand(n, {
          writtenTest: (n * 37) % 101,
          interview: ((n * 53) % 10001) / 100,
          birthDate: `19${80 + (n % 20)}-0${1 + (n % 9)}-1${n % 10}`,
          interviewAbsent: n % 97 === 0,
        }),
      );
    }
    const started = performance.now();
    const r = rankBatch(input(cs, { quota: 500, reserveCount: 50 }));
    const ms = performance.now() - started;
    expect(r).toHaveLength(10_000);
    expect(new Set(r.map((x) => x.registrationId)).size).toBe(10_000);
    expect(countOutcomes(r).passed).toBe(500);
    expect(countOutcomes(r).reserve).toBe(50);
    const ranks = r.filter((x) => x.rank !== null).map((x) => x.rank);
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
    // Not a benchmark (bench/ranking.ts is): a generous bound catching an accidental O(n²).
    expect(ms).toBeLessThan(2000);
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const score = fc.integer({ min: 0, max: 10_000 }).map((h) => h / 100);
// Few distinct values, so ties at every level are common.
const tieProne = fc.constantFrom(60, 70, 70.5, 80, 90);
const candidateArb = (n: number) =>
  fc.record({
    registrationId: fc.constant(id(n)),
    birthDate: fc.constantFrom('1990-01-01', '1995-06-15', '2000-12-31', ''),
    writtenTest: fc.option(fc.oneof(score, tieProne), { nil: null, freq: 8 }),
    interview: fc.option(fc.oneof(score, tieProne), { nil: null, freq: 8 }),
    selfAssessment: fc.option(fc.oneof(score, tieProne), { nil: null, freq: 8 }),
    interviewAbsent: fc.boolean(),
  });
const inputArb = fc
  .integer({ min: 0, max: 40 })
  .chain((size) =>
    fc.record({
      batchId: fc.constantFrom(BATCH, 'batch-b'),
      quota: fc.integer({ min: 0, max: 12 }),
      reserveCount: fc.integer({ min: 0, max: 5 }),
      passMark: fc.constantFrom(0, 50, 60, 70.5),
      weights: fc.constantFrom(
        { writtenTest: 60, interview: 40 },
        { writtenTest: 50, interview: 50 },
        { writtenTest: 40, interview: 40, selfAssessment: 20 },
        { writtenTest: 100, interview: 0, selfAssessment: 0 },
      ),
      candidates: fc.tuple(...Array.from({ length: size }, (_, i) => candidateArb(i + 1))),
    }),
  )
  .map((x) => ({ ...x, candidates: [...x.candidates] }) as RankBatchInput);

describe('properties', () => {
  propTest.prop([inputArb, fc.integer()])('a shuffled input gives the same output', (inp, seed) => {
    const shuffled = [...inp.candidates];
    let s = seed;
    for (let i = shuffled.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1103515245) + 12345) | 0;
      const j = Math.abs(s) % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    expect(rankBatch({ ...inp, candidates: shuffled })).toEqual(rankBatch(inp));
  });

  propTest.prop([inputArb])('the input is not changed', (inp) => {
    const before = structuredClone(inp);
    rankBatch(inp);
    expect(inp).toEqual(before);
  });

  propTest.prop([inputArb])('one result per candidate; ranks 1..n; outcomes within quota and reserve', (inp) => {
    const r = rankBatch(inp);
    expect(r.map((x) => x.registrationId).sort()).toEqual(inp.candidates.map((c) => c.registrationId).sort());
    const ranked = r.filter((x) => x.rank !== null);
    expect(ranked.map((x) => x.rank)).toEqual(ranked.map((_, i) => i + 1));
    // Ranked come first, in rank order.
    expect(r.slice(0, ranked.length)).toEqual(ranked);
    const counts = countOutcomes(r);
    expect(counts.passed).toBe(Math.min(inp.quota, ranked.length));
    expect(counts.reserve).toBe(Math.min(inp.reserveCount, Math.max(0, ranked.length - inp.quota)));
    expect(counts.passed).toBeLessThanOrEqual(inp.quota);
    expect(counts.reserve).toBeLessThanOrEqual(inp.reserveCount);
    for (const x of r) {
      expect(x.reason.length).toBeGreaterThan(0);
      if (x.rank === null) expect(x.outcome).toBe('not_passed');
    }
    // Totals never increase down the ranking, and a tie is always explained.
    for (let i = 1; i < ranked.length; i++) {
      expect(ranked[i]!.totalScaled!).toBeLessThanOrEqual(ranked[i - 1]!.totalScaled!);
      expect(ranked[i]!.tieBrokenBy === null).toBe(ranked[i]!.totalScaled !== ranked[i - 1]!.totalScaled);
    }
  });

  propTest.prop([inputArb])('the exact total equals the decimal sum of weight × score', (inp) => {
    for (const x of rankBatch(inp)) {
      if (x.rank === null) continue;
      const c = inp.candidates.find((k) => k.registrationId === x.registrationId)!;
      const w = inp.weights;
      const exact =
        w.writtenTest * Math.round(c.writtenTest! * 100) +
        w.interview * Math.round(c.interview! * 100) +
        (w.selfAssessment ? w.selfAssessment * Math.round(c.selfAssessment! * 100) : 0);
      expect(x.totalScaled).toBe(exact);
    }
  });
});
