import { describe, it, expect } from 'vitest';
import {
  calendarDateInZone,
  formatZonedDate,
  formatZonedDateTime,
  formatZonedTime,
  fromZonedDateTime,
  timeZoneAbbreviation,
  timeZoneLabel,
  timeZoneOffsetMs,
  toZonedDateTime,
} from './zonedTime';

const HOUR = 3_600_000;
const wall = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
  millisecond,
});

describe('toZonedDateTime', () => {
  it('reads the wall clock in Asia/Makassar (UTC+8)', () => {
    expect(toZonedDateTime(new Date('2026-01-31T16:30:15.250Z'), 'Asia/Makassar')).toEqual(
      wall(2026, 2, 1, 0, 30, 15, 250),
    );
  });
  it('prints midnight as hour 0, not 24', () => {
    expect(toZonedDateTime(new Date('2026-03-01T00:00:00Z'), 'UTC').hour).toBe(0);
  });
  it('follows DST in Europe/Berlin', () => {
    expect(toZonedDateTime(new Date('2026-07-01T10:00:00Z'), 'Europe/Berlin').hour).toBe(12);
    expect(toZonedDateTime(new Date('2026-01-01T10:00:00Z'), 'Europe/Berlin').hour).toBe(11);
  });
  it('refuses an invalid instant and an unknown zone', () => {
    expect(() => toZonedDateTime(new Date('x'), 'UTC')).toThrow(RangeError);
    expect(() => toZonedDateTime(new Date(0), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('timeZoneOffsetMs', () => {
  it('knows fixed and DST offsets', () => {
    expect(timeZoneOffsetMs(Date.UTC(2026, 0, 1), 'Asia/Makassar')).toBe(8 * HOUR);
    expect(timeZoneOffsetMs(Date.UTC(2026, 0, 1), 'Asia/Jakarta')).toBe(7 * HOUR);
    expect(timeZoneOffsetMs(Date.UTC(2026, 0, 1), 'Europe/Berlin')).toBe(1 * HOUR);
    expect(timeZoneOffsetMs(Date.UTC(2026, 6, 1), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(timeZoneOffsetMs(Date.UTC(2026, 6, 1), 'America/New_York')).toBe(-4 * HOUR);
  });
  it('handles instants with milliseconds and before 1970', () => {
    expect(timeZoneOffsetMs(Date.UTC(2026, 0, 1, 0, 0, 0, 999), 'Asia/Makassar')).toBe(8 * HOUR);
    expect(timeZoneOffsetMs(Date.UTC(1960, 0, 1, 0, 0, 0, 1), 'UTC')).toBe(0);
  });
});

describe('fromZonedDateTime', () => {
  it('converts WITA wall time to the instant', () => {
    expect(fromZonedDateTime(wall(2026, 2, 1, 0, 30), 'Asia/Makassar').toISOString()).toBe('2026-01-31T16:30:00.000Z');
  });
  it('round-trips with toZonedDateTime', () => {
    for (const iso of ['2026-03-29T00:59:59.999Z', '2026-10-25T00:30:00Z', '2028-02-29T23:00:00Z', '1999-12-31T16:00:00Z']) {
      for (const zone of ['Asia/Makassar', 'Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kolkata']) {
        const instant = new Date(iso);
        const local = toZonedDateTime(instant, zone);
        const back = fromZonedDateTime(local, zone);
        // Ambiguous readings come back as the earlier instant; both show the same wall time.
        expect(toZonedDateTime(back, zone)).toEqual(local);
      }
    }
  });
  it('picks the earlier instant for an ambiguous autumn reading (Berlin, 25 Oct 2026 02:30)', () => {
    expect(fromZonedDateTime(wall(2026, 10, 25, 2, 30), 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
  it('moves a reading inside the spring gap forward (Berlin, 29 Mar 2026 02:30 → 03:30 CEST)', () => {
    const instant = fromZonedDateTime(wall(2026, 3, 29, 2, 30), 'Europe/Berlin');
    expect(instant.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(toZonedDateTime(instant, 'Europe/Berlin').hour).toBe(3);
  });
  it('handles the readings on either side of a transition', () => {
    expect(fromZonedDateTime(wall(2026, 3, 29, 1, 59, 59), 'Europe/Berlin').toISOString()).toBe('2026-03-29T00:59:59.000Z');
    expect(fromZonedDateTime(wall(2026, 3, 29, 3, 0), 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(fromZonedDateTime(wall(2026, 10, 25, 3, 0), 'Europe/Berlin').toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });
  it('refuses readings that do not exist on any calendar', () => {
    expect(() => fromZonedDateTime(wall(2026, 2, 30), 'UTC')).toThrow(RangeError);
    expect(() => fromZonedDateTime(wall(2026, 1, 1, 24), 'UTC')).toThrow(RangeError);
    expect(() => fromZonedDateTime(wall(2026, 1, 1, 0, 60), 'UTC')).toThrow(RangeError);
    expect(() => fromZonedDateTime(wall(2026, 1, 1, 0, 0, 0, 1000), 'UTC')).toThrow(RangeError);
  });
});

describe('calendarDateInZone', () => {
  it('gives the local date, which can differ from the UTC date', () => {
    expect(calendarDateInZone(new Date('2026-01-31T16:00:00Z'), 'Asia/Makassar')).toBe('2026-02-01');
    expect(calendarDateInZone(new Date('2026-01-31T15:59:59Z'), 'Asia/Makassar')).toBe('2026-01-31');
    expect(calendarDateInZone(new Date('2026-01-01T03:00:00Z'), 'America/New_York')).toBe('2025-12-31');
  });
});

describe('formatZonedDateTime', () => {
  it('reads the instant in the centre zone, Indonesian and English', () => {
    const d = new Date('2027-01-12T00:00:00Z');
    expect(formatZonedDateTime(d, 'Asia/Makassar')).toBe('12 Januari 2027 08.00 WITA');
    expect(formatZonedDateTime(d, 'Asia/Makassar', 'en')).toBe('12 January 2027 08:00 WITA');
    expect(formatZonedDateTime(d, 'Asia/Jakarta')).toBe('12 Januari 2027 07.00 WIB');
    // 23.30 UTC on the 11th is already the 12th in Kendari.
    expect(formatZonedDate(new Date('2027-01-11T23:30:00Z'), 'Asia/Makassar')).toBe('12 Januari 2027');
  });

  it('says "pukul" / "at" before the time when asked, and the time alone', () => {
    const d = new Date('2027-02-28T02:15:00Z');
    expect(formatZonedDateTime(d, 'Asia/Makassar', 'id', { at: true })).toBe('28 Februari 2027 pukul 10.15 WITA');
    expect(formatZonedDateTime(d, 'Asia/Makassar', 'en', { at: true })).toBe('28 February 2027 at 10:15 WITA');
    expect(formatZonedTime(d, 'Asia/Jayapura')).toBe('11.15 WIT');
  });

  it('falls back to the zone name when it has no Indonesian abbreviation', () => {
    expect(timeZoneAbbreviation('Europe/Berlin')).toBe('Europe/Berlin');
    expect(timeZoneLabel('Europe/Berlin')).toBe('Europe/Berlin');
    expect(timeZoneLabel('Asia/Makassar')).toBe('WITA (Asia/Makassar)');
  });
});
