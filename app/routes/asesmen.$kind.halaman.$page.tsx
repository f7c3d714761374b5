import { useEffect, useRef, useState, type FormEvent } from 'react'
import { data, Form, Link, redirect, useNavigation, useRevalidator } from 'react-router'
import type { Route } from './+types/asesmen.$kind.halaman.$page'
import { getAttemptPage } from '../../server/assessments/getAttemptPage'
import { KIND_LABELS, KIND_SLUGS, PAGE_SIZE, kindFromSlug } from '../../server/assessments/kinds'
import { AttemptClosedError, saveAnswers } from '../../server/assessments/saveAnswers'
import { useCaseFailure } from '../lib/forms.server'
import { defineText, useLocale, useText } from '../i18n/text'
import { Countdown } from '../ui/Countdown'
import { FormErrors, type FormState } from '../ui/form'
import { QuestionMap } from '../ui/QuestionMap'
import { candidateContext, loaderFailure } from '../lib/context.server'
import { answersFromForm, kindParam } from './asesmen.server'

export function meta({ params }: Route.MetaArgs) {
  const kind = kindFromSlug(params.kind)
  return [{ title: `${kind ? KIND_LABELS[kind].id : 'Asesmen'} — Latih` }]
}

function pageParam(value: string | undefined): number {
  const page = Number(value)
  if (!Number.isInteger(page) || page < 1 || page > 10_000) throw data('Halaman soal ini tidak ada.', { status: 404 })
  return page
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const kind = kindParam(params.kind)
  const page = pageParam(params.page)
  const { candidateId, ctx } = await candidateContext(request)
  const sheet = await getAttemptPage(ctx, { candidateId, kind, page }).catch(loaderFailure)
  // Not started, or already submitted (by the candidate, or because the time ran out).
  if (sheet.state === 'none') throw redirect(`/asesmen/${KIND_SLUGS[kind]}`)
  return { sheet }
}

/**
 * Without JavaScript every button here submits the page's answers: they are saved, then
 * the candidate goes where the button says (next, previous, a page of the map, review).
 */
export async function action({ request, params }: Route.ActionArgs) {
  const kind = kindParam(params.kind)
  const page = pageParam(params.page)
  const slug = KIND_SLUGS[kind]
  const { ctx } = await candidateContext(request)
  const formData = await request.formData()
  const attemptId = String(formData.get('attemptId') ?? '')
  const answers = answersFromForm(formData)
  try {
    if (answers.length > 0) await saveAnswers(ctx, { attemptId, answers })
  } catch (error) {
    if (error instanceof AttemptClosedError) return redirect(`/asesmen/${slug}?habis=1`)
    return useCaseFailure(formData, error)
  }
  const intent = String(formData.get('intent') ?? 'next')
  const goto = /^goto:(\d{1,5})(?::(\d{1,5}))?$/.exec(intent)
  if (goto) return redirect(`/asesmen/${slug}/halaman/${goto[1]}${goto[2] && PAGE_SIZE[kind] > 1 ? `#q-${goto[2]}` : ''}`)
  if (intent === 'prev') return redirect(`/asesmen/${slug}/halaman/${Math.max(1, page - 1)}`)
  if (intent === 'review') return redirect(`/asesmen/${slug}/periksa`)
  return redirect(`/asesmen/${slug}/halaman/${page + 1}`)
}

const text = defineText({
  id: {
    question: 'Soal {n} dari {total}',
    page: 'Halaman {n} dari {total}',
    statement: 'Pernyataan {n}',
    next: 'Simpan & lanjut',
    prev: 'Simpan & kembali',
    review: 'Simpan & periksa jawaban',
    reviewLink: 'Periksa & kumpulkan',
    saving: 'Menyimpan…',
    saved: 'Tersimpan',
    failed: 'Gagal menyimpan — akan dicoba lagi',
    offline: 'Tidak ada koneksi. Jawaban Anda akan dikirim otomatis saat tersambung lagi; tunggu tulisan "Tersimpan" sebelum pindah soal.',
    notSaved: 'Jawaban belum tersimpan',
    chosen: 'Jawaban tersimpan',
    image: 'Gambar soal {n}',
    noJs: 'Pilih jawaban, lalu tekan "Simpan & lanjut". Jawaban tersimpan saat tombol ditekan.',
    results: 'Lihat status asesmen',
  },
  en: {
    question: 'Question {n} of {total}',
    page: 'Page {n} of {total}',
    statement: 'Statement {n}',
    next: 'Save & next',
    prev: 'Save & back',
    review: 'Save & review answers',
    reviewLink: 'Review & submit',
    saving: 'Saving…',
    saved: 'Saved',
    failed: 'Could not save — will retry',
    offline: 'No connection. Your answers will be sent automatically when you are back online; wait for "Saved" before moving on.',
    notSaved: 'Answer not saved yet',
    chosen: 'Answer saved',
    image: 'Image for question {n}',
    noJs: 'Choose an answer, then press "Save & next". Answers are saved when you press the button.',
    results: 'See assessment status',
  },
})

type SaveState = { status: 'idle' | 'saving' | 'saved' | 'failed' | 'offline' | 'closed'; message?: string }

/**
 * With JavaScript, each choice is saved at once in the background. Choices wait in a
 * queue (the latest per question) until the server confirms them; a failed save is
 * retried after a few seconds and as soon as the browser is back online.
 */
function useBackgroundSave(formRef: React.RefObject<HTMLFormElement | null>, attemptId: string, onClosed: () => void) {
  const [state, setState] = useState<SaveState>({ status: 'idle' })
  // Positions the server confirmed since the page loaded, so the map ticks them at once.
  const [confirmed, setConfirmed] = useState<ReadonlySet<number>>(new Set())
  const onClosedRef = useRef(onClosed)
  onClosedRef.current = onClosed
  useEffect(() => {
    const form = formRef.current
    if (!form) return
    const pending = new Map<number, string>()
    let inFlight = false
    let stopped = false
    let retry: number | undefined
    const flush = async () => {
      if (stopped || inFlight || pending.size === 0) return
      window.clearTimeout(retry)
      inFlight = true
      const sending = new Map(pending)
      pending.clear()
      setState({ status: 'saving' })
      let again = false
      try {
        // URL-encoded rather than multipart: a third of the bytes on a weak connection.
        const body = new URLSearchParams()
        body.set('attemptId', attemptId)
        for (const [position, answer] of sending) body.set(`q${position}`, answer)
        const response = await fetch('/asesmen/simpan', { method: 'POST', body, headers: { Accept: 'application/json' } })
        const result = (await response.json().catch(() => null)) as { ok?: boolean; message?: string; closed?: boolean } | null
        if (response.ok && result?.ok) {
          setConfirmed((before) => new Set([...before, ...sending.keys()]))
          if (pending.size === 0) setState({ status: 'saved' })
          again = pending.size > 0
        } else if (result?.closed) {
          setState({ status: 'closed', message: result.message })
          stopped = true
          window.setTimeout(() => onClosedRef.current(), 4000)
        } else if (response.status >= 400 && response.status < 500 && result?.message) {
          // Refused for a reason retrying cannot fix (e.g. signed out): say so.
          setState({ status: 'closed', message: result.message })
        } else {
          throw new Error(`HTTP ${response.status}`)
        }
      } catch {
        // Put back what did not reach the server, unless a newer choice replaced it.
        for (const [position, answer] of sending) if (!pending.has(position)) pending.set(position, answer)
        setState({ status: navigator.onLine ? 'failed' : 'offline' })
        retry = window.setTimeout(() => void flush(), 5000)
      } finally {
        inFlight = false
      }
      if (again) void flush()
    }
    const onChange = (event: Event) => {
      const input = event.target as HTMLInputElement
      const match = /^q(\d+)$/.exec(input.name ?? '')
      if (!match || input.type !== 'radio' || !input.checked) return
      pending.set(Number(match[1]), input.value)
      void flush()
    }
    const onOnline = () => void flush()
    form.addEventListener('change', onChange)
    window.addEventListener('online', onOnline)
    return () => {
      stopped = true
      window.clearTimeout(retry)
      form.removeEventListener('change', onChange)
      window.removeEventListener('online', onOnline)
    }
  }, [formRef, attemptId])
  return [state, setState, confirmed] as const
}

export default function AttemptPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const navigation = useNavigation()
  const revalidator = useRevalidator()
  const { sheet } = loaderData
  const slug = KIND_SLUGS[sheet.kind]
  const formRef = useRef<HTMLFormElement>(null)
  const [js, setJs] = useState(false)
  useEffect(() => setJs(true), [])
  const [save, setSave, confirmed] = useBackgroundSave(formRef, sheet.attemptId, () => revalidator.revalidate())

  // A new page starts without the previous page's "Tersimpan".
  useEffect(() => setSave((s) => (s.status === 'saved' ? { status: 'idle' } : s)), [sheet.page, setSave])

  // Coming back to the tab re-reads the page: a fresh server time and any answer given elsewhere.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') revalidator.revalidate()
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => document.removeEventListener('visibilitychange', onVisible)
  }, [revalidator])

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!navigator.onLine) {
      event.preventDefault()
      setSave({ status: 'offline' })
    }
  }

  const page = sheet.page ?? 1
  const single = sheet.pageSize === 1
  const last = page >= sheet.pageCount
  const heading = single
    ? t.question.replace('{n}', String(page)).replace('{total}', String(sheet.total))
    : t.page.replace('{n}', String(page)).replace('{total}', String(sheet.pageCount))
  const busy = navigation.state !== 'idle'
  const statusText =
    save.status === 'saving'
      ? t.saving
      : save.status === 'saved'
        ? t.saved
        : save.status === 'failed'
          ? t.failed
          : save.status === 'offline'
            ? t.offline
            : save.status === 'closed'
              ? (save.message ?? '')
              : ''
  return (
    <>
      <h1>
        {KIND_LABELS[sheet.kind][locale]} <span className="muted">— {heading}</span>
      </h1>
      {sheet.endsAt ? <Countdown endsAt={sheet.endsAt} now={sheet.now} onExpire={() => revalidator.revalidate()} /> : null}
      <FormErrors state={actionData as FormState | undefined} title={t.notSaved} />
      <Form method="post" ref={formRef} id="answer-form" onSubmit={onSubmit}>
        <input type="hidden" name="attemptId" value={sheet.attemptId} />
        {sheet.items.map((item) => {
          const error = (actionData as FormState | undefined)?.errors?.[`q${item.position}`]?.[0]
          const typed = (actionData as FormState | undefined)?.values?.[`q${item.position}`]
          const chosen = typed ?? item.answer
          return (
            <fieldset key={`${sheet.attemptId}-${item.position}`} id={`q-${item.position}`} className="question">
              {/* A floated legend sits inside the box, so a long question wraps like a paragraph. */}
              <legend style={{ float: 'left', width: '100%', padding: 0, margin: '0 0 8px', fontWeight: 600 }}>
                <span className="visually-hidden">
                  {single ? '' : t.statement.replace('{n}', String(item.position))}
                </span>
                {item.position}. {item.stem}
              </legend>
              {item.imageUrl ? (
                <p style={{ clear: 'both' }}>
                  <img src={item.imageUrl} alt={t.image.replace('{n}', String(item.position))} style={{ maxWidth: '100%', height: 'auto' }} />
                </p>
              ) : null}
              {error ? (
                <p className="error" id={`q${item.position}-error`}>
                  {error}
                </p>
              ) : null}
              {item.options.map((option, i) => {
                const id = `q${item.position}-${option.key}`
                return (
                  <div className="field field-check" key={option.key} style={{ clear: 'both' }}>
                    <label htmlFor={id}>
                      {item.type === 'multiple_choice' ? `${String.fromCharCode(65 + i)}. ` : ''}
                      {option.text}
                    </label>
                    <input
                      type="radio"
                      id={id}
                      name={`q${item.position}`}
                      value={option.key}
                      defaultChecked={chosen === option.key}
                      aria-describedby={error ? `q${item.position}-error` : undefined}
                    />
                  </div>
                )
              })}
            </fieldset>
          )
        })}
        <p className="small" role="status" aria-live="polite">
          {js ? statusText : t.noJs}
        </p>
        <div className="actions">
          {/* "Next" comes first: Enter in the form submits the first button. */}
          {last ? (
            <button type="submit" name="intent" value="review" className="primary" disabled={busy}>
              {t.review}
            </button>
          ) : (
            <button type="submit" name="intent" value="next" className="primary" disabled={busy}>
              {t.next}
            </button>
          )}
          {page > 1 ? (
            <button type="submit" name="intent" value="prev" className="secondary" disabled={busy}>
              {t.prev}
            </button>
          ) : null}
        </div>
      </Form>
      <QuestionMap
        entries={sheet.map.map((e) => (confirmed.has(e.position) ? { ...e, answered: true } : e))}
        currentPage={page}
        formId="answer-form"
        hrefOf={(e) => `/asesmen/${slug}/halaman/${e.page}${single ? '' : `#q-${e.position}`}`}
      />
      <p>
        <button type="submit" form="answer-form" name="intent" value="review" className="secondary" disabled={busy}>
          {t.reviewLink}
        </button>
      </p>
      {save.status === 'closed' ? (
        <p>
          <Link to={`/asesmen/${slug}`}>{t.results}</Link>
        </p>
      ) : null}
    </>
  )
}
