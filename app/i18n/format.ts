import { useLocale, useTimeZone, type Locale } from './text'

const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
}

const tag = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB')

/** '12 Januari 2027, 08.00 WITA' in the institution's zone. */
export function formatDateTime(value: Date | string, locale: Locale, timeZone: string): string {
  const d = typeof value === 'string' ? new Date(value) : value
  const text = new Intl.DateTimeFormat(tag(locale), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
  }).format(d)
  return `${text} ${ZONE_NAMES[timeZone] ?? timeZone}`
}

/** '12 Januari 2027' for an instant, shown in the institution's zone. */
export function formatDate(value: Date | string, locale: Locale, timeZone: string): string {
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value)
  const zone = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : timeZone
  return new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(d)
}

export function useFormat() {
  const locale = useLocale()
  const timeZone = useTimeZone()
  return {
    locale,
    timeZone,
    dateTime: (v: Date | string) => formatDateTime(v, locale, timeZone),
    date: (v: Date | string) => formatDate(v, locale, timeZone),
    number: (n: number) => new Intl.NumberFormat(tag(locale)).format(n),
  }
}
