import { data, Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/masuk_.kode'
import { completeSecondFactorSignIn, inspectSecondFactorChallenge } from '../../server/accounts/secondFactorChallenge'
import { UseCaseError, ValidationError } from '../../server/errors'
import { defineText, useText } from '../i18n/text'
import { systemContext } from '../lib/context.server'
import { failure, readFormData, useCaseFailure } from '../lib/forms.server'
import { challengeToken, clearChallengeCookie } from '../lib/secondFactor.server'
import { getActor, safeRedirectTarget, startSession } from '../lib/session.server'
import { Field, FormErrors } from '../ui/form'
import { clientAddress } from './masuk.server'

// Sign-in's second step (docs/decisions/020): after a correct password, the code from the
// authenticator app or a recovery code. No session exists until it is accepted.

export function meta() {
  return [{ title: 'Kode verifikasi — Latih BPVP Kendari' }]
}

function homeOf(kind: 'candidate' | 'staff', ke: FormDataEntryValue | string | null): string {
  return safeRedirectTarget(ke, kind === 'staff' ? '/staf' : '/aktivitas')
}

export async function loader({ request }: Route.LoaderArgs) {
  const ke = new URL(request.url).searchParams.get('ke')
  const actor = await getActor(request)
  if (actor) throw redirect(homeOf(actor.kind, ke))
  const challenge = await inspectSecondFactorChallenge(await systemContext(), { token: await challengeToken(request) })
  if (challenge?.purpose === 'enrol') throw redirect('/akun/dua-langkah')
  // No challenge (it expired, was used up, or the page was opened directly): the page
  // says so and leads back to the password (not a redirect, so a refusal's reason stays).
  return { ke: safeRedirectTarget(ke, ''), attemptsLeft: challenge ? challenge.attemptsLeft : null }
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await readFormData(request)
  const code = formData.get('code')
  if (typeof code !== 'string') return failure(formData, { code: ['Isi kode verifikasi.'] })
  let account: Awaited<ReturnType<typeof completeSecondFactorSignIn>>
  try {
    account = await completeSecondFactorSignIn(await systemContext(), { token: await challengeToken(request), code })
  } catch (error) {
    // The challenge is used up or gone: the password comes first again.
    if (error instanceof UseCaseError && !(error instanceof ValidationError) && (error.status === 410 || error.status === 429)) {
      return data(
        { ok: false as const, errors: { '': [error.message] }, values: {} as Record<string, string>, restart: true },
        { status: error.status, headers: { 'Set-Cookie': await clearChallengeCookie() } },
      )
    }
    return useCaseFailure(formData, error)
  }
  const headers = new Headers()
  headers.append('Set-Cookie', await clearChallengeCookie())
  headers.append('Set-Cookie', await startSession(request, account.userId, clientAddress(context)))
  const home = homeOf(account.kind, formData.get('ke'))
  // A recovery code was used: say how many are left, on the way home.
  if (account.method === 'recovery') {
    return redirect(`/akun/dua-langkah?pemulihan=${account.recoveryCodesLeft ?? 0}`, { headers })
  }
  return redirect(home, { headers })
}

const text = defineText({
  id: {
    title: 'Verifikasi dua langkah',
    lead: 'Kata sandi Anda benar. Untuk menyelesaikan masuk, buka aplikasi autentikator di ponsel Anda dan isi kode 6 angka untuk akun Latih.',
    code: 'Kode verifikasi',
    codeHint: '6 angka dari aplikasi autentikator. Tidak ada ponsel? Isi salah satu kode pemulihan Anda (contoh: ABCD-EFGH-JKLM-NPQR); setiap kode pemulihan hanya berlaku sekali.',
    attempts: 'Sisa percobaan: {n}. Kode ini berlaku 5 menit sejak kata sandi diterima.',
    submit: 'Verifikasi',
    busy: 'Memeriksa…',
    errors: 'Belum berhasil masuk.',
    restart: 'Masuk lagi',
    cancel: 'Batal, kembali ke halaman masuk',
    none: 'Tidak ada proses masuk yang menunggu kode verifikasi, atau waktunya (5 menit) sudah habis.',
  },
  en: {
    title: 'Two-step verification',
    lead: 'Your password is correct. To finish signing in, open the authenticator app on your phone and enter the 6-digit code for your Latih account.',
    code: 'Verification code',
    codeHint: 'The 6 digits from your authenticator app. No phone at hand? Enter one of your recovery codes (e.g. ABCD-EFGH-JKLM-NPQR); each recovery code works once.',
    attempts: 'Attempts left: {n}. This step is valid for 5 minutes after your password was accepted.',
    submit: 'Verify',
    busy: 'Checking…',
    errors: 'You are not signed in yet.',
    restart: 'Sign in again',
    cancel: 'Cancel and go back to sign-in',
    none: 'No sign-in is waiting for a verification code, or its time (5 minutes) has run out.',
  },
})

export default function SecondFactorCode({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  const restart = (actionData && 'restart' in actionData && actionData.restart) || loaderData.attemptsLeft === null
  const ke = loaderData.ke
  return (
    <>
      <h1>{t.title}</h1>
      <FormErrors state={actionData} title={t.errors} />
      {restart ? (
        <p>
          {actionData ? null : <>{t.none} </>}
          <Link className="button primary" to={ke ? `/masuk?ke=${encodeURIComponent(ke)}` : '/masuk'}>
            {t.restart}
          </Link>
        </p>
      ) : (
        <>
          <p>{t.lead}</p>
          <Form method="post" action={ke ? `/masuk/kode?ke=${encodeURIComponent(ke)}` : '/masuk/kode'} className="stack">
            {ke ? <input type="hidden" name="ke" value={ke} /> : null}
            <Field
              name="code"
              label={t.code}
              hint={t.codeHint}
              state={actionData}
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={40}
              required
            />
            <p className="muted">{t.attempts.replace('{n}', String(loaderData.attemptsLeft ?? 0))}</p>
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {busy ? t.busy : t.submit}
              </button>
              <Link to="/masuk">{t.cancel}</Link>
            </div>
          </Form>
        </>
      )}
    </>
  )
}
