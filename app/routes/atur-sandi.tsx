import { data, Form, Link, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/atur-sandi'
import { parseForm, useCaseFailure, type FormFailure } from '../lib/forms.server'
import { endSession, startSession } from '../lib/session.server'
import { defineText, useText } from '../i18n/text'
import { Field, FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'
import { InvalidLinkError } from '../../server/accounts/invalidLink'
import { inspectPasswordLink } from '../../server/accounts/inspectPasswordLink'
import { resetPassword } from '../../server/accounts/resetPassword'
import { systemContext } from '../lib/context.server'
import { clientAddress } from './masuk.server'
import { beginSecondFactor } from '../../server/accounts/secondFactorChallenge'
import { redirectToSecondFactor } from '../lib/secondFactor.server'

const SetPasswordForm = z.object({
  token: z.string().default(''),
  password: z.string({ error: 'Kata sandi wajib diisi.' }).min(1, 'Kata sandi wajib diisi.'),
  passwordConfirm: z.string({ error: 'Ulangi kata sandi Anda.' }).min(1, 'Ulangi kata sandi Anda.'),
})

export function meta() {
  return [{ title: 'Atur kata sandi — Latih BPVP Kendari' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const link = await inspectPasswordLink(await systemContext(), { token })
  return link ? { valid: true as const, token, purpose: link.purpose, email: link.email } : { valid: false as const }
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(formData, SetPasswordForm)
  if (!parsed.ok) return parsed.response
  const ctx = await systemContext()
  let account: { userId: string; kind: 'candidate' | 'staff' }
  try {
    // The link proves the mailbox: the person acts as themselves (see resetPassword).
    account = await resetPassword(ctx, parsed.value)
  } catch (error) {
    if (error instanceof InvalidLinkError) {
      return data<FormFailure & { linkInvalid: true }>({ ok: false, errors: { '': [error.message] }, values: {}, linkInvalid: true }, { status: 410 })
    }
    return useCaseFailure(formData, error)
  }
  // A new password does not skip the second factor (decision 020): the code page, or
  // enrolment where the institution requires it, comes before the session.
  let pending: Awaited<ReturnType<typeof beginSecondFactor>>
  try {
    pending = await beginSecondFactor(ctx, account.userId)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  if (pending) return redirectToSecondFactor(request, pending, null)
  await endSession(request)
  return redirect(account.kind === 'staff' ? '/staf' : '/aktivitas', {
    headers: { 'Set-Cookie': await startSession(request, account.userId, clientAddress(context)) },
  })
}

const text = defineText({
  id: {
    resetTitle: 'Atur kata sandi baru',
    setTitle: 'Buat kata sandi',
    forAccount: 'Untuk akun {email}. Setelah disimpan, Anda langsung masuk dan semua sesi lain di perangkat lain diakhiri.',
    password: 'Kata sandi baru',
    passwordHint: 'Minimal 8 karakter. Jangan memakai nama, NIK, atau kata sandi umum seperti "bismillah123".',
    passwordConfirm: 'Ulangi kata sandi baru',
    submit: 'Simpan kata sandi',
    busy: 'Menyimpan…',
    errors: 'Kata sandi belum disimpan.',
    invalidTitle: 'Tautan tidak berlaku',
    invalid: 'Tautan ini sudah dipakai, sudah kedaluwarsa, atau tidak tersalin lengkap. Tautan atur ulang kata sandi berlaku 1 jam dan hanya bisa dipakai sekali.',
    requestNew: 'Minta tautan baru',
    signIn: 'Masuk',
  },
  en: {
    resetTitle: 'Set a new password',
    setTitle: 'Create your password',
    forAccount: 'For the account {email}. Once saved, you are signed in and every session on other devices ends.',
    password: 'New password',
    passwordHint: 'At least 8 characters. Do not use your name, your NIK or a common password such as "bismillah123".',
    passwordConfirm: 'Repeat the new password',
    submit: 'Save password',
    busy: 'Saving…',
    errors: 'The password was not saved.',
    invalidTitle: 'This link is not valid',
    invalid: 'This link was already used, has expired, or was not copied completely. Password links last 1 hour and work once.',
    requestNew: 'Ask for a new link',
    signIn: 'Sign in',
  },
})

export default function SetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  const linkInvalid = !loaderData.valid || (actionData && 'linkInvalid' in actionData && actionData.linkInvalid)
  if (linkInvalid || !loaderData.valid) {
    return (
      <>
        <h1>{t.invalidTitle}</h1>
        <Notice kind="warning">
          <p>{t.invalid}</p>
        </Notice>
        <div className="actions">
          <Link className="button" to="/lupa-sandi">
            {t.requestNew}
          </Link>
          <Link to="/masuk">{t.signIn}</Link>
        </div>
      </>
    )
  }
  return (
    <>
      <h1>{loaderData.purpose === 'set_password' ? t.setTitle : t.resetTitle}</h1>
      <p>{t.forAccount.replace('{email}', loaderData.email)}</p>
      <FormErrors state={actionData} title={t.errors} />
      <Form method="post" className="stack">
        <input type="hidden" name="token" value={loaderData.token} />
        {/* Lets password managers file the new password under the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={loaderData.email} />
        <Field name="password" type="password" label={t.password} hint={t.passwordHint} state={actionData} autoComplete="new-password" required />
        <Field name="passwordConfirm" type="password" label={t.passwordConfirm} state={actionData} autoComplete="new-password" required />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.busy : t.submit}
          </button>
        </div>
      </Form>
    </>
  )
}
