import { Form, Link, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/lupa-sandi'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { getActor } from '../lib/session.server'
import { defineText, useText } from '../i18n/text'
import { Field, FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'
import { SYSTEM } from '../../server/auth/actor'
import { requestPasswordReset } from '../../server/accounts/requestPasswordReset'
import { contextOf } from '../lib/context.server'

const ResetRequestForm = z.object({
  identifier: z.string({ error: 'Isi e-mail atau NIK Anda.' }).trim().min(1, 'Isi e-mail atau NIK Anda.'),
})

export function meta() {
  return [{ title: 'Lupa kata sandi — Latih BPVP Kendari' }]
}

export function loader({ request }: Route.LoaderArgs) {
  return { sent: new URL(request.url).searchParams.has('terkirim') }
}

export async function action({ request }: Route.ActionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(formData, ResetRequestForm)
  if (!parsed.ok) return parsed.response
  // A signed-in person asking for a reset is recorded as themselves.
  const ctx = await contextOf((await getActor(request)) ?? SYSTEM)
  try {
    await requestPasswordReset(ctx, parsed.value)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  // The same answer whether or not an account was found.
  return redirect('/lupa-sandi?terkirim=1')
}

const text = defineText({
  id: {
    title: 'Lupa kata sandi',
    lead: 'Masukkan e-mail atau NIK akun Anda. Kami akan mengirim tautan untuk membuat kata sandi baru ke alamat e-mail akun tersebut.',
    identifier: 'E-mail atau NIK',
    identifierHint: 'NIK 16 digit sesuai KTP, atau alamat e-mail akun Anda.',
    submit: 'Kirim tautan',
    busy: 'Mengirim…',
    errors: 'Tautan belum dikirim.',
    sent: 'Jika akun ditemukan, kami telah mengirim tautan untuk membuat kata sandi baru ke alamat e-mail akun tersebut. Tautan berlaku 1 jam. Periksa juga folder Spam atau Promosi.',
    again: 'Tidak menerima e-mail? Tunggu beberapa menit, lalu kirim lagi.',
    kiosk: 'E-mail akun sudah tidak bisa dibuka? Datangi kios pendaftaran BPVP Kendari dengan membawa KTP asli.',
    signIn: 'Kembali ke halaman masuk',
  },
  en: {
    title: 'Forgot your password',
    lead: 'Enter your account e-mail or NIK. We will send a link to create a new password to that account’s e-mail address.',
    identifier: 'E-mail or NIK',
    identifierHint: 'Your 16-digit NIK as on your KTP, or your account e-mail.',
    submit: 'Send link',
    busy: 'Sending…',
    errors: 'No link was sent.',
    sent: 'If the account exists, we have sent a link to create a new password to its e-mail address. The link lasts 1 hour. Check the Spam or Promotions folder too.',
    again: 'No e-mail? Wait a few minutes, then send again.',
    kiosk: 'Cannot open the account’s e-mail any more? Visit the registration kiosk at BPVP Kendari with your original KTP.',
    signIn: 'Back to sign in',
  },
})

export default function ForgotPassword({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  return (
    <>
      <h1>{t.title}</h1>
      {loaderData.sent && !actionData ? (
        <Notice kind="success">
          <p>{t.sent}</p>
          <p>{t.again}</p>
        </Notice>
      ) : (
        <p>{t.lead}</p>
      )}
      <FormErrors state={actionData} title={t.errors} />
      <Form method="post" className="stack">
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
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.busy : t.submit}
          </button>
        </div>
      </Form>
      <p className="small muted">{t.kiosk}</p>
      <p>
        <Link to="/masuk">{t.signIn}</Link>
      </p>
    </>
  )
}
