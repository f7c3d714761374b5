import { describe, it, expect } from 'vitest';
import { formatMobileNumber, normalizeMobileNumber } from './phone';

describe('normalizeMobileNumber', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 789', '+628123456789'],
    ['081234567890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['+62 (812) 3456.7890', '+6281234567890'],
    ['(0812) 3456 7890', '+6281234567890'],
    ['  0852 1234 5678  ', '+6285212345678'],
    ['81234567890', '+6281234567890'],
    ['+62 0812 3456 7890', '+6281234567890'],
    ['0812345678', '+62812345678'], // shortest: 9-digit national number
    ['0812345678901', '+62812345678901'], // longest: 12-digit national number
  ])('normalises %j', (input, expected) => {
    expect(normalizeMobileNumber(input)).toEqual({ ok: true, value: expected });
  });

  it('asks for a number when empty', () => {
    expect(normalizeMobileNumber('')).toEqual({ ok: false, message: 'Nomor HP wajib diisi.' });
    expect(normalizeMobileNumber(' - ')).toEqual({ ok: false, message: 'Nomor HP wajib diisi.' });
  });

  it.each(['081234567', '08123456789012', '0812-3456-789O', '0812/3456/7890', '08+1234567890', '62', '+62', 'abc'])(
    'refuses %j',
    (input) => {
      expect(normalizeMobileNumber(input)).toEqual({ ok: false, message: 'Nomor HP tidak valid. Contoh: 0812-3456-7890.' });
    },
  );

  it('refuses landlines with a specific message', () => {
    expect(normalizeMobileNumber('0401-312-3456')).toEqual({
      ok: false,
      message: 'Nomor HP harus nomor seluler yang diawali 08. Contoh: 0812-3456-7890.',
    });
    expect(normalizeMobileNumber('+62 21 1234 5678').ok).toBe(false);
  });

  it('refuses foreign numbers with a specific message', () => {
    expect(normalizeMobileNumber('+60 12-345 6789')).toEqual({
      ok: false,
      message: 'Gunakan nomor HP Indonesia (kode negara +62). Contoh: 0812-3456-7890.',
    });
  });
});

describe('formatMobileNumber', () => {
  it('shows the local form in groups of four', () => {
    expect(formatMobileNumber('+6281234567890')).toBe('0812-3456-7890');
    expect(formatMobileNumber('+628123456789')).toBe('0812-3456-789');
    expect(formatMobileNumber('+62812345678')).toBe('0812-3456-78');
    expect(formatMobileNumber('+62812345678901')).toBe('0812-3456-78901');
  });
  it('accepts any spelling of a valid number', () => {
    expect(formatMobileNumber('62 812 3456 7890')).toBe('0812-3456-7890');
  });
  it('returns anything else unchanged', () => {
    expect(formatMobileNumber('')).toBe('');
    expect(formatMobileNumber('+1 555 0100')).toBe('+1 555 0100');
  });
});
