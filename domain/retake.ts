// SOP step 5: the assessments can be taken once every six months. The rule follows the
// person across centres and is read as a calendar rule in local time: done on 31 August
// at 10:15 WITA, allowed again from the last day of February at 10:15 WITA.

import { daysInMonth } from './calendar';
import { fromZonedDateTime, toZonedDateTime } from './zonedTime';

export const RETAKE_MONTHS = 6;

/** Adds calendar months, clamping the day to the target month's last day. */
export function addMonthsClamped(
  date: { year: number; month: number; day: number },
  months: number,
): { year: number; month: number; day: number } {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** When a candidate who completed an assessment at `completedAt` may take it again. */
export function nextAttemptAllowedAt(completedAt: Date, timeZone: string): Date {
  const local = toZonedDateTime(completedAt, timeZone);
  const target = addMonthsClamped(local, RETAKE_MONTHS);
  return fromZonedDateTime({ ...local, ...target }, timeZone);
}

export function isRetakeAllowed(completedAt: Date, now: Date, timeZone: string): boolean {
  return now.getTime() >= nextAttemptAllowedAt(completedAt, timeZone).getTime();
}
