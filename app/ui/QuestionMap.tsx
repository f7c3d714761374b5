import { Link } from 'react-router'
import { defineText, useText } from '../i18n/text'

const text = defineText({
  id: {
    title: 'Peta soal',
    answered: 'terjawab',
    unanswered: 'belum dijawab',
    current: 'sedang dibuka',
    summary: '{answered} dari {total} terjawab (✓ = terjawab)',
    question: 'Soal',
  },
  en: {
    title: 'Question map',
    answered: 'answered',
    unanswered: 'not answered',
    current: 'open now',
    summary: '{answered} of {total} answered (✓ = answered)',
    question: 'Question',
  },
})

export type MapEntry = { position: number; page: number; answered: boolean }

/**
 * Links to every question of the attempt, each saying in words whether it is answered
 * (a tick and a bold number too, so colour is never the only cue).
 */
export function QuestionMap({
  entries,
  hrefOf,
  currentPage,
  formId,
  headingLevel = 2,
}: {
  entries: ReadonlyArray<MapEntry>
  hrefOf: (entry: MapEntry) => string
  currentPage?: number | null
  /**
   * On a question page: each entry submits that form (intent goto:<page>:<position>), so
   * the choice on the current page is saved before moving — also without JavaScript.
   */
  formId?: string
  headingLevel?: 2 | 3
}) {
  const t = useText(text)
  const answered = entries.filter((e) => e.answered).length
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const label = (e: MapEntry, current: boolean) => (
    <>
      {e.answered ? '✓ ' : ''}
      {e.position}
      <span className="visually-hidden">
        {' '}
        ({t.question} {e.position}, {e.answered ? t.answered : t.unanswered}
        {current ? `, ${t.current}` : ''})
      </span>
    </>
  )
  return (
    <nav className="question-map card" aria-labelledby="question-map-title">
      <Heading id="question-map-title">{t.title}</Heading>
      <p>{t.summary.replace('{answered}', String(answered)).replace('{total}', String(entries.length))}</p>
      <ol style={{ display: 'flex', flexWrap: 'wrap', gap: '6px', listStyle: 'none', padding: 0, margin: 0 }}>
        {entries.map((e) => {
          const current = currentPage === e.page
          return (
            <li key={e.position}>
              {formId ? (
                <button
                  type="submit"
                  form={formId}
                  name="intent"
                  value={`goto:${e.page}:${e.position}`}
                  aria-current={current ? 'step' : undefined}
                  className={e.answered ? 'badge badge-ok' : 'badge'}
                  style={{ ...cell(current, e.answered), fontFamily: 'inherit', fontSize: 'inherit', cursor: 'pointer' }}
                >
                  {label(e, current)}
                </button>
              ) : (
                <Link
                  to={hrefOf(e)}
                  aria-current={current ? 'step' : undefined}
                  className={e.answered ? 'badge badge-ok' : 'badge'}
                  style={cell(current, e.answered)}
                >
                  {label(e, current)}
                </Link>
              )}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}

function cell(current: boolean, answered: boolean): React.CSSProperties {
  return {
    display: 'inline-block',
    minWidth: '44px',
    minHeight: '44px',
    lineHeight: '40px',
    padding: '0 6px',
    textAlign: 'center',
    borderRadius: '6px',
    border: current ? '2px solid #08427c' : '1px solid #c9d1db',
    textDecoration: current ? 'underline' : 'none',
    fontWeight: answered ? 700 : 400,
  }
}
