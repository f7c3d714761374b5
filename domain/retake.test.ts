import { describe, it, expect } from 'vitest';
import { RETAKE_MONTHS, addMonthsClamped, isRetakeAllowed, nextAttemptAllowedAt } from './retake';

const WITA = 'Asia/Makassar';
const at = (iso: string) => new Date(iso);
const next = (iso: string, zone = WITA) => nextAttemptAllowedAt(at(iso), zone).toISOString();

describe('addMonthsClamped', () => {
  it('adds months across a year end', () => {
    expect(addMonthsClamped({ year: 2026, month: 9, day: 15 }, 6)).toEqual({ year: 2027, month: 3, day: 15 });
    expect(addMonthsClamped({ year: 2026, month: 7, day: 1 }, 6)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addMonthsClamped({ year: 2026, month: 6, day: 30 }, 6)).toEqual({ year: 2026, month: 12, day: 30 });
  });
  it('clamps to the last day of a shorter month', () => {
    expect(addMonthsClamped({ year: 2026, month: 8, day: 31 }, 6)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(addMonthsClamped({ year: 2027, month: 8, day: 31 }, 6)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addMonthsClamped({ year: 2026, month: 12, day: 31 }, 6)).toEqual({ year: 2027, month: 6, day: 30 });
  });
  it('handles negative and zero offsets', () => {
    expect(addMonthsClamped({ year: 2026, month: 3, day: 31 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addMonthsClamped({ year: 2026, month: 1, day: 15 }, -1)).toEqual({ year: 2025, month: 12, day: 15 });
    expect(addMonthsClamped({ year: 2026, month: 1, day: 15 }, 0)).toEqual({ year: 2026, month: 1, day: 15 });
  });
});

describe('nextAttemptAllowedAt', () => {
  it('is six months', () => {
    expect(RETAKE_MONTHS).toBe(6);
  });

  it('keeps the local day and wall-clock time in WITA', () => {
    // 10 Mar 2026 10:15:30.500 WITA → 10 Sep 2026 10:15:30.500 WITA.
    expect(next('2026-03-10T02:15:30.500Z')).toBe('2026-09-10T02:15:30.500Z');
  });

  it('clamps 31 August to the end of February, 29 February in a leap year (2028)', () => {
    expect(next('2026-08-31T02:00:00Z')).toBe('2027-02-28T02:00:00.000Z');
    expect(next('2027-08-31T02:00:00Z')).toBe('2028-02-29T02:00:00.000Z');
    expect(next('2027-08-29T02:00:00Z')).toBe('2028-02-29T02:00:00.000Z');
    expect(next('2027-08-30T02:00:00Z')).toBe('2028-02-29T02:00:00.000Z');
  });

  it('carries 29 February 2028 to 29 August 2028', () => {
    expect(next('2028-02-29T04:00:00Z')).toBe('2028-08-29T04:00:00.000Z');
  });

  it('clamps other month ends (31 Dec → 30 Jun, 31 Mar → 30 Sep, 31 May → 30 Nov)', () => {
    expect(next('2026-12-31T04:00:00Z')).toBe('2027-06-30T04:00:00.000Z');
    expect(next('2026-03-31T04:00:00Z')).toBe('2026-09-30T04:00:00.000Z');
    expect(next('2026-05-31T04:00:00Z')).toBe('2026-11-30T04:00:00.000Z');
  });

  it('uses the local date when it differs from the UTC date', () => {
    // 30 Aug 2026 17:30 UTC is 31 Aug 2026 01:30 WITA → 28 Feb 2027 01:30 WITA,
    // i.e. 27 Feb 2027 17:30 UTC (not 2 Mar or 28 Feb in UTC terms).
    expect(next('2026-08-30T17:30:00Z')).toBe('2027-02-27T17:30:00.000Z');
    // 31 Dec 2026 20:00 UTC is 1 Jan 2027 04:00 WITA → 1 Jul 2027 04:00 WITA.
    expect(next('2026-12-31T20:00:00Z')).toBe('2027-06-30T20:00:00.000Z');
    // Local midnight stays local midnight.
    expect(next('2026-01-31T16:00:00Z')).toBe('2026-07-31T16:00:00.000Z');
  });

  it('gives a different instant in a different zone for the same completion', () => {
    // 31 Aug 2026 01:30 WITA is still 30 Aug in UTC: 30 Aug → 28 Feb is not clamped the same way.
    expect(next('2026-08-30T17:30:00Z', 'UTC')).toBe('2027-02-28T17:30:00.000Z');
  });

  it('keeps the wall-clock time across a DST change (Europe/Berlin)', () => {
    // 15 Jan 2026 10:00 CET (UTC+1) → 15 Jul 2026 10:00 CEST (UTC+2).
    expect(next('2026-01-15T09:00:00Z', 'Europe/Berlin')).toBe('2026-07-15T08:00:00.000Z');
    // 15 Jul 2026 10:00 CEST → 15 Jan 2027 10:00 CET.
    expect(next('2026-07-15T08:00:00Z', 'Europe/Berlin')).toBe('2027-01-15T09:00:00.000Z');
  });

  it('moves a wall time that falls in the spring gap forward (Europe/Berlin)', () => {
    // 28 Sep 2026 02:30 CEST (00:30Z) → 28 Mar 2027 02:30 does not exist → 03:30 CEST (01:30Z).
    expect(next('2026-09-28T00:30:00Z', 'Europe/Berlin')).toBe('2027-03-28T01:30:00.000Z');
  });

  it('picks the earlier instant for an ambiguous autumn wall time (Europe/Berlin)', () => {
    // 25 Oct 2026 02:30 happens twice in Berlin (CEST, then CET); 25 Apr 2026 02:30 CEST
    // (00:30Z) leads there, and the earlier reading is still CEST: 00:30Z, not 01:30Z.
    expect(next('2026-04-25T00:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('refuses an invalid date', () => {
    expect(() => nextAttemptAllowedAt(new Date(Number.NaN), WITA)).toThrow(RangeError);
  });
});

describe('isRetakeAllowed', () => {
  const completedAt = at('2026-08-31T02:00:00Z'); // 31 Aug 2026 10:00 WITA
  it('is false until the exact instant, then true', () => {
    expect(isRetakeAllowed(completedAt, at('2026-08-31T02:00:00Z'), WITA)).toBe(false);
    expect(isRetakeAllowed(completedAt, at('2027-02-28T01:59:59.999Z'), WITA)).toBe(false);
    expect(isRetakeAllowed(completedAt, at('2027-02-28T02:00:00Z'), WITA)).toBe(true);
    expect(isRetakeAllowed(completedAt, at('2028-01-01T00:00:00Z'), WITA)).toBe(true);
  });
});
