import { BATCH_DATE_FIELDS, BATCH_DATE_LABELS, type BatchDateField } from '../../domain/batchDates'
import { calendarDateInZone } from '../../domain/zonedTime'
import { formatDate, formatDateTime } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'

const text = defineText({
  id: {
    ...BATCH_DATE_LABELS,
    past: 'sudah lewat',
    next: 'Berikutnya',
    future: 'akan datang',
  },
  en: {
    registrationOpensAt: 'Registration opens',
    registrationClosesAt: 'Registration closes',
    assessmentDeadline: 'Assessment deadline',
    interviewStartsAt: 'Interviews start',
    interviewEndsAt: 'Interviews end',
    plenaryAt: 'Selection plenary',
    announcementAt: 'Announcement',
    reRegistrationDeadline: 'Re-registration deadline',
    trainingStartsOn: 'Training starts',
    trainingEndsOn: 'Training ends',
    past: 'past',
    next: 'Next',
    future: 'upcoming',
  },
})

/** The SOP date labels in the reader's language (Indonesian from the domain). */
export function useBatchDateLabels(): Record<BatchDateField, string> {
  return useText(text)
}

const DAY_FIELDS: ReadonlySet<BatchDateField> = new Set(['trainingStartsOn', 'trainingEndsOn'])

type Status = 'past' | 'next' | 'future'

/**
 * A batch's SOP dates in order, in the institution's zone. Steps already over are
 * dimmed and the next one is marked, in words as well as visually, so screen-reader
 * users hear the same thing. `now` comes from the server so both renders agree.
 */
export function BatchTimeline({
  dates,
  now,
  timeZone,
  headingId,
}: {
  dates: Record<BatchDateField, Date | string>
  now: Date | string
  timeZone: string
  /** The id of the heading that names this list. */
  headingId?: string
}) {
  const t = useText(text)
  const locale = useLocale()
  const at = new Date(now)
  const today = calendarDateInZone(at, timeZone)
  let nextFound = false
  const items = BATCH_DATE_FIELDS.map((field) => {
    const value = dates[field]
    const isDay = DAY_FIELDS.has(field)
    // A training day is over only once the day itself has passed.
    const over = isDay ? String(value) < today : new Date(value).getTime() <= at.getTime()
    let status: Status = over ? 'past' : 'future'
    if (!over && !nextFound) {
      status = 'next'
      nextFound = true
    }
    return {
      field,
      status,
      shown: isDay ? formatDate(String(value), locale, timeZone) : formatDateTime(value, locale, timeZone),
      machine: isDay ? String(value) : new Date(value).toISOString(),
    }
  })
  return (
    <ol className="timeline" aria-labelledby={headingId}>
      {items.map((item) => (
        <li
          key={item.field}
          className={item.status === 'past' ? 'muted' : undefined}
          aria-current={item.status === 'next' ? 'step' : undefined}
        >
          {item.status === 'past' ? <span aria-hidden="true">✓ </span> : null}
          {item.status === 'next' ? <strong>{t[item.field]}</strong> : <span>{t[item.field]}</span>}{' '}
          {item.status === 'next' ? <span className="badge badge-warn">{t.next}</span> : null}
          {item.status !== 'next' ? <span className="visually-hidden">({t[item.status]})</span> : null}
          <time dateTime={item.machine}>{item.shown}</time>
        </li>
      ))}
    </ol>
  )
}
