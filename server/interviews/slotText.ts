import { formatZonedDateTime, timeZoneAbbreviation, toZonedDateTime } from '../../domain/zonedTime'

// How a slot's time reads, on pages (both languages) and in the call. Pure: pages import it.

/** '8 Februari 2027 09.00–09.30 WITA' (id) or '8 February 2027 09:00–09:30 WITA' (en). */
export function slotRangeText(startsAt: Date | string, endsAt: Date | string, timeZone: string, locale: 'id' | 'en' = 'id'): string {
  const start = formatZonedDateTime(new Date(startsAt), timeZone, locale)
  const end = toZonedDateTime(new Date(endsAt), timeZone)
  const sep = locale === 'id' ? '.' : ':'
  const hhmm = `${String(end.hour).padStart(2, '0')}${sep}${String(end.minute).padStart(2, '0')}`
  const zone = timeZoneAbbreviation(timeZone)
  // formatZonedDateTime ends with the zone; the end time goes before it.
  return `${start.slice(0, -(zone.length + 1))}–${hhmm} ${zone}`
}
