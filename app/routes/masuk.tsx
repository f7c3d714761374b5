import { Form, Link, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/masuk'
import { parseForm, readFormData, useCaseFailure } from '../lib/forms.server'
import { endSession, getActor, safeRedirectTarget, startSession } from '../lib/session.server'
import { defineText, useText } from '../i18n/text'
import { Field, FormErrors } from '../ui/form'
import { SessionEndedNotice } from '../ui/SessionEndedNotice'
import { clientAddress } from './masuk.server'
import { signIn } from '../../server/accounts/signIn'
import { systemContext } from '../lib/context.server'
import { redirectToSecondFactor } from '../lib/secondFactor.server'

const SignInForm = z.object({
  identifier: z.string({ error: 'Isi e-mail atau NIK Anda.' }).trim().min(1, 'Isi e-mail atau NIK Anda.'),
  password: z.string({ error: 'Isi kata sandi Anda.' }).min(1, 'Isi kata sandi Anda.'),
})

/** Staff start at their home; candidates at their activity, unless a page sent them here. */
function homeOf(kind: 'candidate' | 'staff', ke: FormDataEntryValue | string | null): string {
  return safeRedirectTarget(ke, kind === 'staff' ? '/staf' : '/aktivitas')
}

export function meta() {
  return [{ title: 'Masuk — Latih BPVP Kendari' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const ke = new URL(request.url).searchParams.get('ke')
  const actor = await getActor(request)
  if (actor) throw redirect(homeOf(actor.kind, ke))
  return { ke: safeRedirectTarget(ke, '') }
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await readFormData(request)
  const parsed = parseForm(formData, SignInForm)
  if (!parsed.ok) return parsed.response
  let account: Awaited<ReturnType<typeof signIn>>
  try {
    account = await signIn(
      await systemContext(),
      { identifier: parsed.value.identifier, password: parsed.value.password, ip: clientAddress(context) },
    )
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  // An account with a second factor gets no session yet: the code page comes first (decision 020).
  if (account.secondFactor) return redirectToSecondFactor(request, account.secondFactor, formData.get('ke'))
  // Whoever was signed in on this browser before is signed out first.
  await endSession(request)
  return redirect(homeOf(account.kind, formData.get('ke')), {
    headers: { 'Set-Cookie': await startSession(request, account.userId, clientAddress(context)) },
  })
}

const text = defineText({
  id: {
    title: 'Masuk',
    lead: 'Masuk dengan e-mail atau NIK dan kata sandi Anda. Staf BPVP juga masuk di sini.',
    identifier: 'E-mail atau NIK',
    identifierHint: 'NIK 16 digit sesuai KTP, atau alamat e-mail akun Anda.',
    password: 'Kata sandi',
    submit: 'Masuk',
    busy: 'Memeriksa…',
    errors: 'Belum berhasil masuk.',
    forgot: 'Lupa kata sandi?',
    resetInstead: 'Tidak ingat kata sandi? Atur ulang kata sandi',
    noAccount: 'Belum punya akun?',
    signUp: 'Buat akun',
  },
  en: {
    title: 'Sign in',
    lead: 'Sign in with your e-mail or NIK and your password. BPVP staff sign in here too.',
    identifier: 'E-mail or NIK',
    identifierHint: 'Your 16-digit NIK as on your KTP, or your account e-mail.',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Checking…',
    errors: 'You are not signed in yet.',
    forgot: 'Forgot your password?',
    resetInstead: 'Cannot remember the password? Reset it',
    noAccount: 'No account yet?',
    signUp: 'Create one',
  },
})

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  const ke = actionData?.values?.ke ?? loaderData.ke
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <SessionEndedNotice />
      <FormErrors state={actionData} title={t.errors} />
      {/* A refused sign-in says what to do: wait, or reset the password (decision 018). */}
      {actionData?.errors?.[''] ? (
        <p>
          <Link to="/lupa-sandi">{t.resetInstead}</Link>
        </p>
      ) : null}
      {/* An explicit action: the default one re-encodes ?ke= differently on the server and
          in the browser (a hydration mismatch); the target travels in the hidden field. */}
      <Form method="post" action="/masuk" className="stack">
        {ke ? <input type="hidden" name="ke" value={ke} /> : null}
        <Field
          name="identifier"
          label={t.identifier}
          hint={t.identifierHint}
          state={actionData}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={254}
          required
        />
        <Field name="password" type="password" label={t.password} state={actionData} autoComplete="current-password" required />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.busy : t.submit}
          </button>
          <Link to="/lupa-sandi">{t.forgot}</Link>
        </div>
      </Form>
      <p>
        {t.noAccount} <Link to="/daftar-akun">{t.signUp}</Link>
      </p>
    </>
  )
}
