import { describe, it, expect } from 'vitest';
import { COMMON_PASSWORDS, checkPassword, isCommonPassword } from './password';

const TOO_COMMON = 'Kata sandi ini terlalu umum dan mudah ditebak. Pilih kata sandi lain.';

describe('COMMON_PASSWORDS', () => {
  it('is a few hundred lower-case entries, including the Indonesian classics', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(300);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
    for (const p of [
      'indonesia', 'bismillah', 'sayangku', 'rahasia', 'kendari', 'merdeka45', 'password', '12345678',
      'qwerty123', 'iloveyou', 'sulawesi', 'bpvpkendari',
    ]) {
      expect(COMMON_PASSWORDS).toContain(p);
    }
  });
});

describe('isCommonPassword', () => {
  it.each([
    'password', 'PASSWORD', 'Bismillah', 'Indonesia', 'sayangku', 'merdeka45', 'BpvpKendari', 'qwerty123',
    '12345678', '1234567890', '87654321', '23456789', '78901234', '98765432', 'aaaaaaaa', '00000000',
    'abcdefghij', 'zyxwvuts', 'bismillah123', 'Bismillah1!', '123indonesia', 'P4ssw0rd2024', 'p@ssw0rd',
    'kendari2026', 'Budi1985', 'sayang ku', 'r4h4s14',
  ])('flags %j', (p) => {
    expect(isCommonPassword(p)).toBe(true);
  });

  it.each(['', 'kopi-susu-pagi-hari', 'Tenun Buton 7 warna', 'x9$Lq2!vTz', 'ab123456', 'budianto77'])('lets %j through', (p) => {
    expect(isCommonPassword(p)).toBe(false);
  });
});

describe('checkPassword', () => {
  it('accepts a long, uncommon password', () => {
    expect(checkPassword('kopi susu pagi hari')).toEqual([]);
    expect(checkPassword('x9$Lq2!vTz', { email: 'budi.santoso@example.com', name: 'Budi Santoso', nik: '7471011205900001' })).toEqual([]);
  });

  it('asks for a password when empty', () => {
    expect(checkPassword('')).toEqual(['Kata sandi wajib diisi.']);
  });

  it('requires at least 8 characters, counted as characters not UTF-16 units', () => {
    expect(checkPassword('Tq9#zL1')).toEqual(['Kata sandi minimal 8 karakter.']);
    expect(checkPassword('Tq9#zL1w')).toEqual([]);
    // Four emoji are 8 UTF-16 code units but 4 characters.
    expect(checkPassword('😀😁😂🤣')).toContain('Kata sandi minimal 8 karakter.');
  });

  it('allows at most 128 characters', () => {
    const long = 'Tq9#zL1w'.repeat(16);
    expect(long).toHaveLength(128);
    expect(checkPassword(long)).toEqual([]);
    expect(checkPassword(`${long}x`)).toEqual(['Kata sandi maksimal 128 karakter.']);
  });

  it('refuses common passwords, case-insensitively', () => {
    expect(checkPassword('Indonesia')).toEqual([TOO_COMMON]);
    expect(checkPassword('BISMILLAH')).toEqual([TOO_COMMON]);
    expect(checkPassword('12345678')).toEqual([TOO_COMMON]);
    // Short and common: both problems are reported.
    expect(checkPassword('123456')).toEqual(['Kata sandi minimal 8 karakter.', TOO_COMMON]);
  });

  it('refuses a password containing the NIK', () => {
    expect(checkPassword('7471011205900001', { nik: '7471 0112 0590 0001' })).toContain('Kata sandi tidak boleh memuat NIK Anda.');
    expect(checkPassword('nik7471011205900001!', { nik: '7471011205900001' })).toEqual(['Kata sandi tidak boleh memuat NIK Anda.']);
    expect(checkPassword('x9$Lq2!vTz', { nik: '' })).toEqual([]);
  });

  it('refuses a password containing the e-mail local part of 4 or more characters', () => {
    expect(checkPassword('Budi.Santoso99', { email: 'budi.santoso@example.com' })).toEqual([
      'Kata sandi tidak boleh memuat alamat e-mail Anda.',
    ]);
    expect(checkPassword('xbudisantoso!', { email: 'budi.santoso@example.com' })).toContain(
      'Kata sandi tidak boleh memuat alamat e-mail Anda.',
    );
    // Too short a local part to be meaningful.
    expect(checkPassword('abcx9$Lq2!vTz', { email: 'abc@example.com' })).toEqual([]);
  });

  it('refuses a password containing the name or a part of it', () => {
    const name = 'Wa Ode Nurhayati';
    expect(checkPassword('waodenurhayati', { name })).toContain('Kata sandi tidak boleh memuat nama Anda.');
    expect(checkPassword('Nurhayati#2026', { name })).toContain('Kata sandi tidak boleh memuat nama Anda.');
    // Short name parts ('Wa', 'Ode') alone are too common to refuse.
    expect(checkPassword('kopi ode pagi hari', { name })).toEqual([]);
    expect(checkPassword('Tq9#zL1w', { name: '' })).toEqual([]);
  });

  it('can report several problems at once', () => {
    const problems = checkPassword('budi', { name: 'Budi', email: 'budi@example.com' });
    expect(problems).toEqual([
      'Kata sandi minimal 8 karakter.',
      TOO_COMMON,
      'Kata sandi tidak boleh memuat alamat e-mail Anda.',
      'Kata sandi tidak boleh memuat nama Anda.',
    ]);
  });
});
