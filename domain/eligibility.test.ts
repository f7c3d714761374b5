import { describe, it, expect } from 'vitest';
import {
  EDUCATION_LEVELS,
  ageOn,
  checkEligibility,
  educationRank,
  educationRequirementLabel,
  isEducationLevel,
} from './eligibility';

describe('educationRank', () => {
  it('orders levels, with SMA = SMK and D4 = S1', () => {
    expect(educationRank('SD')).toBeLessThan(educationRank('SMP'));
    expect(educationRank('SMP')).toBeLessThan(educationRank('SMA'));
    expect(educationRank('SMA')).toBe(educationRank('SMK'));
    expect(educationRank('SMK')).toBeLessThan(educationRank('D1'));
    expect(educationRank('D1')).toBeLessThan(educationRank('D2'));
    expect(educationRank('D2')).toBeLessThan(educationRank('D3'));
    expect(educationRank('D3')).toBeLessThan(educationRank('D4'));
    expect(educationRank('D4')).toBe(educationRank('S1'));
    expect(educationRank('S1')).toBeLessThan(educationRank('S2'));
    expect(educationRank('S2')).toBeLessThan(educationRank('S3'));
  });
  it('never decreases along EDUCATION_LEVELS', () => {
    const ranks = EDUCATION_LEVELS.map(educationRank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });
});

describe('isEducationLevel / educationRequirementLabel', () => {
  it('recognises levels exactly', () => {
    expect(isEducationLevel('SMK')).toBe(true);
    expect(isEducationLevel('smk')).toBe(false);
    expect(isEducationLevel(null)).toBe(false);
  });
  it('names equivalent levels together', () => {
    expect(educationRequirementLabel('SMA')).toBe('SMA/SMK');
    expect(educationRequirementLabel('SMK')).toBe('SMA/SMK');
    expect(educationRequirementLabel('S1')).toBe('D4/S1');
    expect(educationRequirementLabel('SMP')).toBe('SMP');
  });
});

describe('ageOn', () => {
  it('counts completed years', () => {
    expect(ageOn('2000-05-12', '2026-05-11')).toBe(25);
    expect(ageOn('2000-05-12', '2026-05-12')).toBe(26);
    expect(ageOn('2000-05-12', '2026-12-31')).toBe(26);
    expect(ageOn('2000-05-12', '2000-05-12')).toBe(0);
  });
  it('lets someone born on 29 February turn older on 1 March in common years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });
  it('is negative before birth', () => {
    expect(ageOn('2000-05-12', '1999-05-12')).toBe(-1);
  });
  it('throws on malformed dates', () => {
    expect(() => ageOn('12-05-2000', '2026-01-01')).toThrow(RangeError);
    expect(() => ageOn('2000-05-12', '2026-02-30')).toThrow(RangeError);
  });
});

describe('checkEligibility', () => {
  const requirements = { minEducation: 'SMA', minAge: 17, maxAge: 45, trainingStartDate: '2027-01-12' } as const;

  it('accepts a candidate who meets everything', () => {
    expect(checkEligibility({ birthDate: '2000-01-01', educationLevel: 'SMK' }, requirements)).toEqual({ ok: true });
  });

  it('measures age on the first day of training, inclusive at both ends', () => {
    // Turns 17 exactly on the start date.
    expect(checkEligibility({ birthDate: '2010-01-12', educationLevel: 'SMA' }, requirements).ok).toBe(true);
    // Still 45 (46 the next day).
    expect(checkEligibility({ birthDate: '1981-01-13', educationLevel: 'SMA' }, requirements).ok).toBe(true);
    expect(checkEligibility({ birthDate: '1981-01-12', educationLevel: 'SMA' }, requirements).ok).toBe(false);
  });

  it('explains an age outside the range', () => {
    expect(checkEligibility({ birthDate: '2011-06-01', educationLevel: 'SMA' }, requirements)).toEqual({
      ok: false,
      reasons: [
        'Usia Anda pada saat pelatihan dimulai (12 Januari 2027) adalah 15 tahun; program ini mensyaratkan usia 17–45 tahun.',
      ],
    });
  });

  it('words a one-sided age limit', () => {
    const minOnly = checkEligibility(
      { birthDate: '2011-06-01', educationLevel: 'SMA' },
      { ...requirements, maxAge: null },
    );
    expect(minOnly).toEqual({
      ok: false,
      reasons: ['Usia Anda pada saat pelatihan dimulai (12 Januari 2027) adalah 15 tahun; program ini mensyaratkan usia minimal 17 tahun.'],
    });
    const maxOnly = checkEligibility(
      { birthDate: '1970-06-01', educationLevel: 'SMA' },
      { ...requirements, minAge: null },
    );
    expect(maxOnly).toEqual({
      ok: false,
      reasons: [
        'Usia Anda pada saat pelatihan dimulai (12 Januari 2027) adalah 56 tahun; program ini mensyaratkan usia paling tinggi 45 tahun.',
      ],
    });
  });

  it('explains insufficient education', () => {
    expect(checkEligibility({ birthDate: '2000-01-01', educationLevel: 'SMP' }, requirements)).toEqual({
      ok: false,
      reasons: ['Pendidikan terakhir minimal SMA/SMK; pendidikan Anda SMP.'],
    });
  });

  it('treats SMA and SMK, D4 and S1 as equal', () => {
    const smk = { ...requirements, minEducation: 'SMK' as const };
    expect(checkEligibility({ birthDate: '2000-01-01', educationLevel: 'SMA' }, smk).ok).toBe(true);
    const s1 = { ...requirements, minEducation: 'S1' as const };
    expect(checkEligibility({ birthDate: '2000-01-01', educationLevel: 'D4' }, s1).ok).toBe(true);
    expect(checkEligibility({ birthDate: '2000-01-01', educationLevel: 'D3' }, s1)).toEqual({
      ok: false,
      reasons: ['Pendidikan terakhir minimal D4/S1; pendidikan Anda D3.'],
    });
  });

  it('lists every failing reason, age first', () => {
    const result = checkEligibility({ birthDate: '2012-01-01', educationLevel: 'SD' }, requirements);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reasons).toHaveLength(2);
      expect(result.reasons[0]).toMatch(/^Usia Anda/);
      expect(result.reasons[1]).toMatch(/^Pendidikan terakhir/);
    }
  });

  it('has no requirement to check when all are null', () => {
    const none = { minEducation: null, minAge: null, maxAge: null, trainingStartDate: '2027-01-12' };
    expect(checkEligibility({ birthDate: '', educationLevel: 'SD' }, none)).toEqual({ ok: true });
  });

  it('reports a missing birth date or education instead of throwing', () => {
    const result = checkEligibility({ birthDate: '', educationLevel: '' as never }, requirements);
    expect(result).toEqual({
      ok: false,
      reasons: [
        'Tanggal lahir Anda belum diisi atau tidak valid, sehingga syarat usia tidak dapat diperiksa.',
        'Pendidikan terakhir Anda belum diisi; program ini mensyaratkan pendidikan minimal SMA/SMK.',
      ],
    });
  });

  it('throws on an invalid training start date (a configuration error)', () => {
    expect(() =>
      checkEligibility({ birthDate: '2000-01-01', educationLevel: 'SMA' }, { ...requirements, trainingStartDate: '2027-13-01' }),
    ).toThrow(RangeError);
  });
});
