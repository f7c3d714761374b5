import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/daftar-akun'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { endSession, getActor, startSession } from '../lib/session.server'
import { defineText, useText } from '../i18n/text'
import { Field, FormErrors } from '../ui/form'
import { ConsentField } from '../ui/ConsentField'
import { signUpCandidate, signUpSchema } from '../../server/accounts/signUpCandidate'
import { systemContext } from '../lib/context.server'
import { clientAddress } from './masuk.server'

const FIELDS = ['nik', 'fullName', 'email', 'phone', 'password', 'passwordConfirm', 'consent'] as const

export function meta() {
  return [{ title: 'Buat akun — Latih BPVP Kendari' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await getActor(request)
  // Someone signed in (a candidate, or an officer at the kiosk) must not be swapped
  // for a new account by accident; walk-ins are registered from the kiosk pages.
  if (actor) throw redirect(actor.kind === 'staff' ? '/staf' : '/profil')
  return null
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = await getActor(request)
  if (actor) throw redirect(actor.kind === 'staff' ? '/staf' : '/profil')
  const formData = await request.formData()
  const ctx = await systemContext()
  const parsed = parseForm(formData, signUpSchema(ctx.now))
  if (!parsed.ok) return parsed.response
  const input = Object.fromEntries(FIELDS.map((f) => [f, String(formData.get(f) ?? '')])) as Record<(typeof FIELDS)[number], string>
  let userId: string
  try {
    // Nobody is signed in: the use case records the new account as its own actor.
    ;({ userId } = await signUpCandidate(ctx, input, { address: clientAddress(context) }))
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  await endSession(request)
  return redirect('/profil?baru=1', { headers: { 'Set-Cookie': await startSession(request, userId, clientAddress(context)) } })
}

const text = defineText({
  id: {
    title: 'Buat akun Latih',
    lead: 'Satu akun untuk mendaftar semua pelatihan gratis di BPVP Kendari. Siapkan KTP Anda; pengisian hanya sekitar 2 menit.',
    nik: 'NIK',
    nikHint: '16 digit, sesuai KTP.',
    fullName: 'Nama lengkap',
    fullNameHint: 'Sesuai KTP.',
    email: 'E-mail',
    emailHint: 'Kami kirim tautan verifikasi dan hasil seleksi ke alamat ini.',
    phone: 'Nomor HP',
    phoneHint: 'Nomor aktif, contoh 0812-3456-7890.',
    password: 'Kata sandi',
    passwordHint: 'Minimal 8 karakter. Jangan memakai nama, NIK, atau kata sandi umum seperti "bismillah123".',
    passwordConfirm: 'Ulangi kata sandi',
    submit: 'Buat akun',
    busy: 'Memproses…',
    errors: 'Akun belum dibuat.',
    privacy: 'NIK Anda disimpan terenkripsi dan hanya dipakai untuk pendaftaran dan seleksi pelatihan.',
    consent: 'Saya sudah membaca Pemberitahuan Privasi dan setuju data saya diproses untuk pendaftaran dan seleksi pelatihan.',
    consentHint: 'Apa yang disimpan, untuk apa, berapa lama, dan siapa yang melihatnya:',
    notice: 'baca Pemberitahuan Privasi',
    haveAccount: 'Sudah punya akun?',
    signIn: 'Masuk',
    help: 'Kesulitan mendaftar sendiri? Datangi kios pendaftaran di BPVP Kendari; petugas akan membantu Anda.',
  },
  en: {
    title: 'Create a Latih account',
    lead: 'One account to register for every free training course at BPVP Kendari. Have your ID card (KTP) ready; it takes about 2 minutes.',
    nik: 'NIK (national ID number)',
    nikHint: '16 digits, as on your KTP.',
    fullName: 'Full name',
    fullNameHint: 'As on your KTP.',
    email: 'E-mail',
    emailHint: 'We send the verification link and selection results to this address.',
    phone: 'Mobile number',
    phoneHint: 'An active number, e.g. 0812-3456-7890.',
    password: 'Password',
    passwordHint: 'At least 8 characters. Do not use your name, your NIK or a common password such as "bismillah123".',
    passwordConfirm: 'Repeat the password',
    submit: 'Create account',
    busy: 'Working…',
    errors: 'The account was not created.',
    privacy: 'Your NIK is stored encrypted and used only for training registration and selection.',
    consent: 'I have read the Privacy Notice and agree that my data is processed for training registration and selection.',
    consentHint: 'What is kept, why, for how long and who sees it:',
    notice: 'read the Privacy Notice',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
    help: 'Finding it hard to register yourself? Visit the registration kiosk at BPVP Kendari; an officer will help you.',
  },
})

export default function SignUp({ actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <FormErrors state={actionData} title={t.errors} />
      <Form method="post" className="stack">
        <Field
          name="nik"
          label={t.nik}
          hint={t.nikHint}
          state={actionData}
          inputMode="numeric"
          autoComplete="off"
          maxLength={24}
          required
        />
        <Field name="fullName" label={t.fullName} hint={t.fullNameHint} state={actionData} autoComplete="name" maxLength={100} required />
        <Field
          name="email"
          type="email"
          label={t.email}
          hint={t.emailHint}
          state={actionData}
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={254}
          required
        />
        <Field name="phone" type="tel" label={t.phone} hint={t.phoneHint} state={actionData} autoComplete="tel" inputMode="tel" maxLength={20} required />
        <Field name="password" type="password" label={t.password} hint={t.passwordHint} state={actionData} autoComplete="new-password" required />
        <Field name="passwordConfirm" type="password" label={t.passwordConfirm} state={actionData} autoComplete="new-password" required />
        <p className="small muted">{t.privacy}</p>
        <ConsentField label={t.consent} hint={t.consentHint} linkText={t.notice} state={actionData} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.busy : t.submit}
          </button>
        </div>
      </Form>
      <p>
        {t.haveAccount} <Link to="/masuk">{t.signIn}</Link>
      </p>
      <p className="small muted">{t.help}</p>
    </>
  )
}
