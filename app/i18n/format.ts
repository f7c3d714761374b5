import { timeZoneAbbreviation } from '../../domain/zonedTime'
import { useLocale, useTimeZone, type Locale } from './text'

const tag = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB')

// Building an Intl formatter costs far more than using one: one per (kind, locale, zone).
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()

function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined
  if (!formatter) {
    formatter = make()
    formatters.set(key, formatter)
  }
  return formatter
}

const dateTimeFormat = (locale: Locale, timeZone: string) =>
  cached(
    `dateTime|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
        timeZone,
      }),
  )

const dateFormat = (locale: Locale, timeZone: string) =>
  cached(
    `date|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone }),
  )

const numberFormat = (locale: Locale) => cached(`number|${locale}`, () => new Intl.NumberFormat(tag(locale)))

/** '12 Januari 2027, 08.00 WITA' in the institution's zone. */
export function formatDateTime(value: Date | string, locale: Locale, timeZone: string): string {
  const d = typeof value === 'string' ? new Date(value) : value
  return `${dateTimeFormat(locale, timeZone).format(d)} ${timeZoneAbbreviation(timeZone)}`
}

/** '12 Januari 2027' for an instant, shown in the institution's zone. */
export function formatDate(value: Date | string, locale: Locale, timeZone: string): string {
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value)
  const zone = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : timeZone
  return dateFormat(locale, zone).format(d)
}

export function useFormat() {
  const locale = useLocale()
  const timeZone = useTimeZone()
  return {
    locale,
    timeZone,
    dateTime: (v: Date | string) => formatDateTime(v, locale, timeZone),
    date: (v: Date | string) => formatDate(v, locale, timeZone),
    number: (n: number) => numberFormat(locale).format(n),
  }
}
