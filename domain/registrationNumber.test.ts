import { describe, it, expect } from 'vitest';
import { formatRegistrationNumber, parseRegistrationNumber } from './registrationNumber';

const parts = { institutionCode: 'KDI', programmeCode: 'LAS', year: 2026, batchNumber: 1, sequence: 7 };

describe('formatRegistrationNumber', () => {
  it('formats the example', () => {
    expect(formatRegistrationNumber(parts)).toBe('KDI-LAS-2026.1-0007');
  });
  it('upper-cases codes and pads the sequence to at least four digits', () => {
    expect(formatRegistrationNumber({ ...parts, institutionCode: 'kdi', programmeCode: 'tik2' })).toBe('KDI-TIK2-2026.1-0007');
    expect(formatRegistrationNumber({ ...parts, sequence: 1 })).toBe('KDI-LAS-2026.1-0001');
    expect(formatRegistrationNumber({ ...parts, sequence: 9999 })).toBe('KDI-LAS-2026.1-9999');
    expect(formatRegistrationNumber({ ...parts, sequence: 12345 })).toBe('KDI-LAS-2026.1-12345');
    expect(formatRegistrationNumber({ ...parts, batchNumber: 12 })).toBe('KDI-LAS-2026.12-0007');
  });
  it.each([
    { institutionCode: '' },
    { institutionCode: 'K-DI' },
    { programmeCode: 'LAS BUSUR' },
    { programmeCode: 'LÄS' },
    { year: 26 },
    { year: 2026.5 },
    { batchNumber: 0 },
    { batchNumber: -1 },
    { sequence: 0 },
    { sequence: 1.5 },
    { sequence: Number.NaN },
  ])('refuses %j', (bad) => {
    expect(() => formatRegistrationNumber({ ...parts, ...bad })).toThrow(RangeError);
  });
});

describe('parseRegistrationNumber', () => {
  it('parses the canonical form', () => {
    expect(parseRegistrationNumber('KDI-LAS-2026.1-0007')).toEqual(parts);
  });
  it('is case-insensitive and trims', () => {
    expect(parseRegistrationNumber('  kdi-las-2026.1-0007\n')).toEqual(parts);
  });
  it('accepts sequences beyond four digits', () => {
    expect(parseRegistrationNumber('KDI-LAS-2026.3-12345')).toEqual({ ...parts, batchNumber: 3, sequence: 12345 });
  });
  it('round-trips', () => {
    for (const p of [parts, { ...parts, batchNumber: 10, sequence: 1000 }, { ...parts, institutionCode: 'B1', sequence: 100000 }]) {
      expect(parseRegistrationNumber(formatRegistrationNumber(p))).toEqual(p);
    }
  });
  it.each([
    '',
    'KDI-LAS-2026-0007',
    'KDI-LAS-2026.1-007',
    'KDI-LAS-2026.1-0000',
    'KDI-LAS-2026.0-0007',
    'KDI-LAS-2026.01-0007',
    'KDI-LAS-2026.1-00007',
    'KDI-LAS-26.1-0007',
    'KDI LAS 2026.1 0007',
    'KDI--2026.1-0007',
    'KDI-LAS-2026.1-0007-X',
    'KDI-LA_S-2026.1-0007',
  ])('returns null for %j', (s) => {
    expect(parseRegistrationNumber(s)).toBeNull();
  });
  it('returns null for a non-string at runtime', () => {
    expect(parseRegistrationNumber(undefined as unknown as string)).toBeNull();
  });
});
