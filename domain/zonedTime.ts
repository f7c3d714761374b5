// Converting between instants and wall-clock time in an IANA time zone using only
// Intl (the domain layer takes no date library). Deadlines are stored as instants but
// defined by people in local time (WITA for Kendari), so both directions are needed.

export type ZonedDateTime = {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
};

import { INDONESIAN_MONTHS, isValidCalendarDate } from './calendar';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-US + h23 gives plain ASCII numbers and never the '24' hour some ICU
    // versions print for midnight with hour12:false.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function assertValidInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('Invalid instant');
  }
}

/** UTC milliseconds of a wall-clock reading, as if the zone were UTC. */
function wallClockAsUtc(p: ZonedDateTime): number {
  const d = new Date(0);
  // setUTCFullYear avoids Date.UTC's mapping of years 0-99 to 1900-1999.
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour, p.minute, p.second, p.millisecond);
  return d.getTime();
}

/** The wall-clock reading of `instant` in `timeZone`. */
export function toZonedDateTime(instant: Date, timeZone: string): ZonedDateTime {
  assertValidInstant(instant);
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (!part) throw new RangeError(`Missing ${type} in formatted date`);
    return Number(part.value);
  };
  const era = parts.find((p) => p.type === 'era')?.value ?? 'AD';
  const yearOfEra = get('year');
  const ms = instant.getTime();
  return {
    year: era.startsWith('B') ? 1 - yearOfEra : yearOfEra,
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
    // Offsets are whole seconds, so the millisecond is the same in every zone.
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/** Offset of `timeZone` from UTC at `epochMs`, in milliseconds (east positive). */
export function timeZoneOffsetMs(epochMs: number, timeZone: string): number {
  return wallClockAsUtc(toZonedDateTime(new Date(epochMs), timeZone)) - epochMs;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant at which the wall clock in `timeZone` shows `wall`.
 * Where DST makes that reading ambiguous (clocks set back) the earlier instant is
 * chosen; where it does not exist (clocks set forward) the reading is moved forward by
 * the length of the gap — the same "compatible" rule Temporal and most calendars use.
 */
export function fromZonedDateTime(wall: ZonedDateTime, timeZone: string): Date {
  const { year, month, day, hour, minute, second, millisecond } = wall;
  const inRange = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;
  // A reading such as 31 February would silently roll over into March; refuse it.
  if (
    !isValidCalendarDate(year, month, day) ||
    !inRange(hour, 23) ||
    !inRange(minute, 59) ||
    !inRange(second, 59) ||
    !inRange(millisecond, 999)
  ) {
    throw new RangeError('Invalid wall-clock time');
  }
  const target = wallClockAsUtc(wall);
  // Transitions are at least days apart, so the offsets a day either side are the
  // only two the target can have.
  const offsetBefore = timeZoneOffsetMs(target - DAY_MS, timeZone);
  const offsetAfter = timeZoneOffsetMs(target + DAY_MS, timeZone);
  const candidates = [target - offsetBefore, target - offsetAfter].filter(
    (t) => t + timeZoneOffsetMs(t, timeZone) === target,
  );
  if (candidates.length > 0) return new Date(Math.min(...candidates));

  // No instant shows this reading: it falls in a spring-forward gap. Reading it with
  // the offset in force before the gap moves it forward by the gap's length.
  return new Date(target - offsetBefore);
}

/** Today's calendar date ('YYYY-MM-DD') in `timeZone` at the instant `now`. */
export function calendarDateInZone(now: Date, timeZone: string): string {
  const z = toZonedDateTime(now, timeZone);
  return `${String(z.year).padStart(4, '0')}-${String(z.month).padStart(2, '0')}-${String(z.day).padStart(2, '0')}`;
}

// ---- Formatting an instant in a centre's zone, the one place for it (server, PDFs,
// mails, XLSX titles and the domain's messages all call these).

export const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * The zone of this deployment (BPVP Kendari: WITA). Only for where no institution is at
 * hand — before anyone signs in, or a candidate registered nowhere yet; wherever an
 * institution is known, its own zone is used.
 */
export const FALLBACK_TIME_ZONE = 'Asia/Makassar';

/** Indonesia's three zones by their everyday names; the one list of them. */
export const INDONESIAN_TIME_ZONES: ReadonlyArray<{ zone: string; abbreviation: string }> = [
  { zone: 'Asia/Jakarta', abbreviation: 'WIB' },
  { zone: 'Asia/Pontianak', abbreviation: 'WIB' },
  { zone: 'Asia/Makassar', abbreviation: 'WITA' },
  { zone: 'Asia/Jayapura', abbreviation: 'WIT' },
];

const ZONE_ABBREVIATIONS = new Map(INDONESIAN_TIME_ZONES.map((z) => [z.zone, z.abbreviation]));

/** 'WITA' for Asia/Makassar; a zone without an everyday name is shown by its IANA name. */
export function timeZoneAbbreviation(timeZone: string): string {
  return ZONE_ABBREVIATIONS.get(timeZone) ?? timeZone;
}

/** 'WITA (Asia/Makassar)', or the IANA name alone when it has no everyday name. */
export function timeZoneLabel(timeZone: string): string {
  const abbreviation = timeZoneAbbreviation(timeZone);
  return abbreviation === timeZone ? timeZone : `${abbreviation} (${timeZone})`;
}

/** '08.00 WITA' (or '08:00 WITA'): the wall-clock time of an instant in the zone. */
export function formatZonedTime(instant: Date, timeZone: string, locale: 'id' | 'en' = 'id'): string {
  const z = toZonedDateTime(instant, timeZone);
  const hh = String(z.hour).padStart(2, '0');
  const mm = String(z.minute).padStart(2, '0');
  return `${locale === 'id' ? `${hh}.${mm}` : `${hh}:${mm}`} ${timeZoneAbbreviation(timeZone)}`;
}

/**
 * '12 Januari 2027 08.00 WITA' (or '12 January 2027 08:00 WITA'): an instant read in
 * the centre's zone. By hand, so messages do not depend on the runtime's ICU data.
 * `{ at: true }` reads '12 Januari 2027 pukul 08.00 WITA' ('… at 08:00 WITA').
 */
export function formatZonedDateTime(
  instant: Date,
  timeZone: string,
  locale: 'id' | 'en' = 'id',
  options: { at?: boolean } = {},
): string {
  const at = options.at ? (locale === 'id' ? 'pukul ' : 'at ') : '';
  return `${formatZonedDate(instant, timeZone, locale)} ${at}${formatZonedTime(instant, timeZone, locale)}`;
}

/** '12 Januari 2027' for an instant read in the centre's zone. */
export function formatZonedDate(instant: Date, timeZone: string, locale: 'id' | 'en' = 'id'): string {
  const z = toZonedDateTime(instant, timeZone);
  const month = (locale === 'id' ? INDONESIAN_MONTHS : ENGLISH_MONTHS)[z.month - 1];
  return `${z.day} ${month} ${z.year}`;
}

