import { data, Form } from 'react-router'
import type { Route } from './+types/hasil.cek'
import { LookupThrottledError, lookupResult, type LookupAnswer } from '../../server/announcements/lookupResult'
import { STATE_LABELS, isRegistrationState } from '../../domain/registrationStates'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { systemContext } from '../lib/context.server'
import { failure, readFormData, useCaseFailure, type FormFailure } from '../lib/forms.server'
import { Field, FormErrors, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'

// The public lookup (SOP step 9): registration number + date of birth → that
// candidate's own announced outcome. Plain HTML, no framework JavaScript: a candidate
// without an e-mail address (a kiosk account) checks here from any phone.

export const handle = { hydrate: false }

export function meta() {
  return [{ title: 'Cek hasil seleksi — Latih' }]
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await readFormData(request)
  const ctx = await systemContext()
  // The address as the production server determined it (never a request header).
  const address = typeof context?.clientAddress === 'string' && context.clientAddress !== '' ? context.clientAddress.slice(0, 100) : null
  try {
    const answer = await lookupResult(ctx, { number: formData.get('number'), birthDate: formData.get('birthDate'), address })
    if (answer.kind === 'no_match') return failure(formData, { '': [answer.message] }, 404)
    return data({ ok: true as const, answer })
  } catch (error) {
    if (error instanceof LookupThrottledError) return failure(formData, { '': [error.message] }, 429)
    return useCaseFailure(formData, error)
  }
}

const text = defineText({
  id: {
    title: 'Cek hasil seleksi',
    lead: 'Masukkan nomor pendaftaran (tertulis pada tanda pendaftaran) dan tanggal lahir Anda sesuai KTP.',
    number: 'Nomor pendaftaran',
    numberHint: 'Contoh: KDI-DGR-2026-2-0001',
    birthDate: 'Tanggal lahir',
    submit: 'Cek hasil',
    problems: 'Hasil tidak dapat ditampilkan.',
    yours: 'Hasil seleksi {number} ({name})',
    passed: 'Selamat, Anda LULUS seleksi {programme}, {batch}.',
    passedNext: 'Wajib daftar ulang paling lambat {at}: masuk ke Latih, buka Aktivitas, lalu datang ke meja pendaftaran membawa fotokopi KTP, fotokopi ijazah terakhir, dan tanda pendaftaran.',
    reserve: 'Anda calon CADANGAN urutan ke-{place} pada seleksi {programme}, {batch}.',
    reserveNext: 'Bila ada tempat yang kosong, calon cadangan dipanggil sesuai urutan. Pantau Aktivitas dan e-mail Anda.',
    notPassed: 'Anda belum lulus seleksi {programme}, {batch}. Anda dapat mendaftar di gelombang atau program lain.',
    now: 'Status sekarang: {state}.',
    reRegister: 'Masuk untuk daftar ulang',
    results: 'Lihat daftar hasil',
  },
  en: {
    title: 'Check your selection result',
    lead: 'Enter your registration number (on your registration receipt) and your date of birth as on your KTP.',
    number: 'Registration number',
    numberHint: 'For example: KDI-DGR-2026-2-0001',
    birthDate: 'Date of birth',
    submit: 'Check',
    problems: 'The result cannot be shown.',
    yours: 'Selection result of {number} ({name})',
    passed: 'Congratulations, you PASSED the selection for {programme}, {batch}.',
    passedNext: 'You must re-register by {at}: sign in to Latih, open Activity, then come to the desk with a copy of your KTP, of your last diploma, and your registration receipt.',
    reserve: 'You are RESERVE number {place} for {programme}, {batch}.',
    reserveNext: 'When a place becomes free, reserves are called in order. Watch Activity and your e-mail.',
    notPassed: 'You did not pass the selection for {programme}, {batch}. You can register for another batch or programme.',
    now: 'Current state: {state}.',
    reRegister: 'Sign in to re-register',
    results: 'See the results list',
  },
})

type Found = Extract<LookupAnswer, { kind: 'found' }>

export default function ResultsLookup({ actionData }: Route.ComponentProps) {
  const t = useText(text)
  const failed = actionData && 'errors' in actionData ? (actionData as FormFailure) : undefined
  const found = actionData && 'answer' in actionData ? (actionData.answer as Found) : null
  return (
    <>
      <h1>{t.title}</h1>
      {found ? <Answer a={found} /> : null}
      <p>{t.lead}</p>
      <FormErrors state={failed as FormState | undefined} title={t.problems} />
      <Form method="post" className="stack">
        <Field name="number" label={t.number} hint={t.numberHint} state={failed} autoComplete="off" autoCapitalize="characters" required maxLength={40} />
        <Field name="birthDate" label={t.birthDate} state={failed} type="date" required />
        <button type="submit" className="primary">
          {t.submit}
        </button>
      </Form>
    </>
  )
}

function Answer({ a }: { a: Found }) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const fill = (s: string) =>
    s
      .replace('{programme}', a.programmeName)
      .replace('{batch}', a.batchLabel)
      .replace('{place}', String(a.reservePlace ?? '?'))
      .replace('{at}', format.dateTime(a.reRegistrationDeadline))
  const state = isRegistrationState(a.state) ? STATE_LABELS[a.state][locale] : a.state
  // What was announced, unless the registration moved on since (promoted, re-registered, …).
  const shown = a.state === 'reserve' ? 'reserve' : a.state === 'passed' ? 'passed' : a.announced
  const moved = !['passed', 'reserve', 'not_passed'].includes(a.state) || a.state !== a.announced
  return (
    <Notice kind={shown === 'passed' ? 'success' : 'info'}>
      <h2>{t.yours.replace('{number}', a.number).replace('{name}', a.maskedName)}</h2>
      {shown === 'passed' ? (
        <>
          <p>
            <strong>{fill(t.passed)}</strong>
          </p>
          {a.state === 'passed' ? (
            <>
              <p>{fill(t.passedNext)}</p>
              <p>
                <a className="button" href={`/aktivitas/${a.registrationId}/daftar-ulang`}>
                  {t.reRegister}
                </a>
              </p>
            </>
          ) : null}
        </>
      ) : shown === 'reserve' ? (
        <>
          <p>
            <strong>{fill(t.reserve)}</strong>
          </p>
          <p>{t.reserveNext}</p>
        </>
      ) : (
        <p>
          <strong>{fill(t.notPassed)}</strong>
        </p>
      )}
      {moved ? <p>{t.now.replace('{state}', state)}</p> : null}
    </Notice>
  )
}
