import { describe, it, expect } from 'vitest';
import { daysInMonth, formatDateId, isLeapYear, isValidCalendarDate, parseIsoDate, toIsoDate } from './calendar';

describe('isLeapYear', () => {
  it('follows the Gregorian rules', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2028)).toBe(true);
    expect(isLeapYear(2026)).toBe(false);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2100)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
  });
});

describe('daysInMonth', () => {
  it('knows every month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2028, 2)).toBe(29);
  });
});

describe('isValidCalendarDate', () => {
  it('refuses non-existent and non-integer dates', () => {
    expect(isValidCalendarDate(2026, 2, 29)).toBe(false);
    expect(isValidCalendarDate(2028, 2, 29)).toBe(true);
    expect(isValidCalendarDate(2026, 4, 31)).toBe(false);
    expect(isValidCalendarDate(2026, 13, 1)).toBe(false);
    expect(isValidCalendarDate(2026, 0, 1)).toBe(false);
    expect(isValidCalendarDate(2026, 1, 0)).toBe(false);
    expect(isValidCalendarDate(2026, 1.5, 1)).toBe(false);
    expect(isValidCalendarDate(2026, 1, Number.NaN)).toBe(false);
  });
});

describe('parseIsoDate', () => {
  it('parses a well-formed date', () => {
    expect(parseIsoDate('2027-01-12')).toEqual({ year: 2027, month: 1, day: 12 });
  });
  it.each(['2027-1-12', '27-01-12', '2027-01-12T00:00', ' 2027-01-12', '2027/01/12', '', '2026-02-29', '2026-00-10'])(
    'refuses %j',
    (value) => {
      expect(parseIsoDate(value)).toBeNull();
    },
  );
});

describe('toIsoDate / formatDateId', () => {
  it('pads', () => {
    expect(toIsoDate(2027, 1, 2)).toBe('2027-01-02');
    expect(toIsoDate(999, 12, 31)).toBe('0999-12-31');
  });
  it('formats in Indonesian', () => {
    expect(formatDateId('2027-01-12')).toBe('12 Januari 2027');
    expect(formatDateId('2026-08-01')).toBe('1 Agustus 2026');
    expect(formatDateId('2026-05-31')).toBe('31 Mei 2026');
    expect(formatDateId('2026-12-25')).toBe('25 Desember 2026');
  });
  it('leaves an invalid date as it is rather than throwing', () => {
    expect(formatDateId('bukan tanggal')).toBe('bukan tanggal');
  });
});
