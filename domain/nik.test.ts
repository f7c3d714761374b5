import { describe, it, expect } from 'vitest';
import { PROVINCE_CODES, compareNikWithProfile, maskNik, nikAgreesWith, parseNik } from './nik';
import type { NikValue } from './nik';

// Fixed "today" so the two-digit year resolution is deterministic: 15 Jun 2026, WITA.
const today = new Date('2026-06-15T04:00:00Z');
const parse = (nik: string) => parseNik(nik, { today });

function ok(nik: string, options = { today }): NikValue {
  const result = parseNik(nik, options);
  if (!result.ok) throw new Error(`expected ${nik} to parse, got: ${result.message}`);
  return result.value;
}

function message(nik: string, options = { today }): string {
  const result = parseNik(nik, options);
  if (result.ok) throw new Error(`expected ${nik} to be refused`);
  return result.message;
}

describe('PROVINCE_CODES', () => {
  it('has the 38 Kemendagri provinces, unique, including Sulawesi Tenggara (74)', () => {
    expect(PROVINCE_CODES).toHaveLength(38);
    expect(new Set(PROVINCE_CODES).size).toBe(38);
    expect(PROVINCE_CODES).toContain('74');
    expect(PROVINCE_CODES).toContain('96');
    expect(PROVINCE_CODES).not.toContain('20');
  });
});

describe('parseNik', () => {
  it('parses a Kendari NIK of a man', () => {
    expect(ok('7471011205900001')).toEqual({
      nik: '7471011205900001',
      provinceCode: '74',
      regencyCode: '7471',
      districtCode: '747101',
      birthDate: '1990-05-12',
      sex: 'male',
      serial: '0001',
    });
  });

  it('reads day + 40 as a woman', () => {
    const value = ok('7471015205900002');
    expect(value.sex).toBe('female');
    expect(value.birthDate).toBe('1990-05-12');
  });

  it('accepts the day limits 01, 31, 41 and 71', () => {
    expect(ok('7471010101900001').birthDate).toBe('1990-01-01');
    expect(ok('7471013101900001').birthDate).toBe('1990-01-31');
    expect(ok('7471014101900001')).toMatchObject({ birthDate: '1990-01-01', sex: 'female' });
    expect(ok('7471017101900001')).toMatchObject({ birthDate: '1990-01-31', sex: 'female' });
  });

  it('ignores spaces, tabs and line breaks', () => {
    expect(ok(' 7471 0112 0590 0001 ').nik).toBe('7471011205900001');
    expect(ok('7471\t011205\n900001').nik).toBe('7471011205900001');
  });

  it('requires exactly 16 digits', () => {
    expect(message('')).toBe('NIK wajib diisi.');
    expect(message('   ')).toBe('NIK wajib diisi.');
    expect(message('747101120590001')).toMatch(/^NIK harus 16 digit angka; yang diisi 15 digit\.$/);
    expect(message('74710112059000011')).toMatch(/17 digit/);
    expect(message('7471-0112-0590-0001')).toMatch(/^NIK harus 16 digit angka/);
    expect(message('747101120590000A')).toMatch(/^NIK harus 16 digit angka/);
    // Non-ASCII digits (Arabic-Indic) are not NIK digits.
    expect(message('٧٤٧١011205900001')).toMatch(/^NIK harus 16 digit angka/);
  });

  it('refuses an unknown province code', () => {
    expect(message('9971011205900001')).toBe('Kode provinsi pada NIK (99) tidak dikenal.');
    expect(message('0071011205900001')).toBe('Kode provinsi pada NIK (00) tidak dikenal.');
    expect(message('2071011205900001')).toBe('Kode provinsi pada NIK (20) tidak dikenal.');
  });

  it('accepts every listed province code', () => {
    for (const code of PROVINCE_CODES) {
      expect(parse(`${code}71011205900001`).ok).toBe(true);
    }
  });

  it('refuses regency or district 00', () => {
    expect(message('7400011205900001')).toMatch(/kabupaten\/kota/);
    expect(message('7471001205900001')).toMatch(/kecamatan/);
  });

  it.each(['00', '32', '40', '72', '99'])('refuses day digits %s', (day) => {
    expect(message(`747101${day}05900001`)).toMatch(/^Tanggal lahir pada NIK tidak valid/);
  });

  it.each(['00', '13', '20'])('refuses month digits %s', (month) => {
    expect(message(`74710112${month}900001`)).toMatch(/^Bulan lahir pada NIK tidak valid/);
  });

  it('refuses dates that do not exist', () => {
    expect(message('7471013002900001')).toBe('Tanggal lahir pada NIK tidak valid: tanggal 30 Februari 1990 tidak ada.');
    expect(message('7471013104900001')).toMatch(/31 April 1990/);
    expect(message('7471017104900001')).toMatch(/31 April 1990/); // female 31 April
    expect(message('7471012902990001')).toMatch(/29 Februari 1999/);
  });

  it('accepts 29 February only in leap years', () => {
    expect(ok('7471012902000001').birthDate).toBe('2000-02-29');
    expect(ok('7471012902040001').birthDate).toBe('2004-02-29');
    expect(ok('7471016902880001')).toMatchObject({ birthDate: '1988-02-29', sex: 'female' });
  });

  it('resolves the two-digit year to the most recent one not after today', () => {
    expect(ok('7471011205260001').birthDate).toBe('2026-05-12'); // earlier this year
    expect(ok('7471011506260001').birthDate).toBe('2026-06-15'); // today itself
    expect(ok('7471011606260001').birthDate).toBe('1926-06-16'); // tomorrow → a century ago
    expect(ok('7471011205270001').birthDate).toBe('1927-05-12');
    expect(ok('7471011205000001').birthDate).toBe('2000-05-12');
    expect(ok('7471011205990001').birthDate).toBe('1999-05-12');
    expect(ok('7471011205250001').birthDate).toBe('2025-05-12');
  });

  it('decides "today" in the centre zone (WITA) by default, or in a given zone', () => {
    // 31 Dec 2026 17:00 UTC is already 1 Jan 2027 in Kendari.
    const newYearWita = new Date('2026-12-31T17:00:00Z');
    expect(ok('7471010101270001', { today: newYearWita }).birthDate).toBe('2027-01-01');
    expect(parseNik('7471010101270001', { today: newYearWita, timeZone: 'UTC' })).toMatchObject({
      ok: true,
      value: { birthDate: '1927-01-01' },
    });
  });

  it('resolves 29 February 00 in a century year that is not leap to a refusal', () => {
    // Today in 2101: the most recent "00" year is 2100, which has no 29 February.
    const result = parseNik('7471012902000001', { today: new Date('2101-06-01T00:00:00Z') });
    expect(result).toEqual({ ok: false, message: 'Tanggal lahir pada NIK tidak valid: tanggal 29 Februari 2100 tidak ada.' });
  });

  it('refuses serial 0000 but accepts 0001 and 9999', () => {
    expect(message('7471011205900000')).toBe('Nomor urut pada NIK tidak boleh 0000.');
    expect(ok('7471011205909999').serial).toBe('9999');
  });

  it('takes today from the caller, also the real clock', () => {
    // eslint-disable-next-line no-restricted-syntax -- the test is about the real clock
    expect(parseNik('7471011205900001', { today: new Date() }).ok).toBe(true);
  });
});

describe('maskNik', () => {
  it('keeps the first and last four digits', () => {
    expect(maskNik('7471011205900001')).toBe('7471••••••••0001');
    expect(maskNik('7471 0112 0590 0001')).toBe('7471••••••••0001');
  });
  it('never reveals a short value whole', () => {
    expect(maskNik('12345678')).toBe('••••••••');
    expect(maskNik('')).toBe('');
    expect(maskNik('1234567890')).toBe('1234••7890');
  });
});

describe('compareNikWithProfile', () => {
  const nik = ok('7471015205900002'); // woman born 12 May 1990

  it('is silent when the profile agrees or is not filled in', () => {
    expect(compareNikWithProfile(nik, { birthDate: '1990-05-12', sex: 'female' })).toEqual([]);
    expect(compareNikWithProfile(nik, {})).toEqual([]);
    expect(compareNikWithProfile(nik, { birthDate: null, sex: null })).toEqual([]);
    expect(compareNikWithProfile(nik, { birthDate: '' })).toEqual([]);
  });

  it('warns about a different birth date, with both dates in Indonesian', () => {
    expect(compareNikWithProfile(nik, { birthDate: '1990-05-13' })).toEqual([
      'Tanggal lahir pada profil (13 Mei 1990) berbeda dengan tanggal lahir pada NIK (12 Mei 1990). Periksa kembali data Anda.',
    ]);
  });

  it('warns about a different sex', () => {
    expect(compareNikWithProfile(nik, { sex: 'male' })).toEqual([
      'Jenis kelamin pada profil (laki-laki) berbeda dengan jenis kelamin pada NIK (perempuan). Periksa kembali data Anda.',
    ]);
  });

  it('gives both warnings at once', () => {
    expect(compareNikWithProfile(nik, { birthDate: '1991-05-12', sex: 'male' })).toHaveLength(2);
  });
});

describe('nikAgreesWith', () => {
  it('compares day (+40 for women), month and two-digit year with digits 7–12', () => {
    expect(nikAgreesWith('7471011506750005', { birthDate: '1975-06-15', sex: 'male' })).toBe(true);
    expect(nikAgreesWith('7471011506750005', { birthDate: '1990-06-15', sex: 'male' })).toBe(false);
    expect(nikAgreesWith('7471011506750005', { birthDate: '1975-06-15', sex: 'female' })).toBe(false);
    expect(nikAgreesWith('7471015506750005', { birthDate: '1975-06-15', sex: 'female' })).toBe(true);
    expect(nikAgreesWith('7471 0115 0675 0005', { birthDate: '1975-06-15', sex: 'male' })).toBe(true);
  });

  it('disagrees when something is missing', () => {
    expect(nikAgreesWith('7471011506750005', { birthDate: null, sex: 'male' })).toBe(false);
    expect(nikAgreesWith('7471011506750005', { birthDate: '1975-06-15' })).toBe(false);
    expect(nikAgreesWith('747101150675', { birthDate: '1975-06-15', sex: 'male' })).toBe(false);
  });
});
