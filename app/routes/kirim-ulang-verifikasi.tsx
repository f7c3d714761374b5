import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/kirim-ulang-verifikasi'
import { useCaseFailure } from '../lib/forms.server'
import { defineText, useText } from '../i18n/text'
import { FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'
import { getEmailVerificationStatus } from '../../server/accounts/getEmailVerificationStatus'
import { resendEmailVerification } from '../../server/accounts/resendEmailVerification'
import { candidateContext } from '../lib/context.server'

export function meta() {
  return [{ title: 'Kirim ulang verifikasi e-mail — Latih BPVP Kendari' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const status = await getEmailVerificationStatus(ctx, { candidateId })
  return { ...status, sent: new URL(request.url).searchParams.has('terkirim') }
}

export async function action({ request }: Route.ActionArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const formData = await request.formData()
  try {
    await resendEmailVerification(ctx, { candidateId })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect('/kirim-ulang-verifikasi?terkirim=1')
}

const text = defineText({
  id: {
    title: 'Verifikasi e-mail',
    verified: 'Alamat {email} sudah terverifikasi.',
    toProfile: 'Kembali ke profil',
    sent: 'Tautan baru telah dikirim ke {email}. Buka e-mail tersebut dan tekan tombol «Verifikasi e-mail». Periksa juga folder Spam atau Promosi.',
    pending: 'Kami mengirim tautan verifikasi ke {email}. Belum menerimanya, atau tautannya sudah kedaluwarsa? Minta tautan baru di bawah ini.',
    resend: 'Kirim tautan baru',
    busy: 'Mengirim…',
    errors: 'Tautan belum dikirim.',
    wrongEmail: 'Alamat e-mail keliru? Perbaiki di profil Anda, atau minta bantuan petugas kios BPVP Kendari.',
  },
  en: {
    title: 'E-mail verification',
    verified: '{email} is verified.',
    toProfile: 'Back to your profile',
    sent: 'A new link was sent to {email}. Open that e-mail and press «Verifikasi e-mail». Check the Spam or Promotions folder too.',
    pending: 'We sent a verification link to {email}. Not received, or has the link expired? Ask for a new one below.',
    resend: 'Send a new link',
    busy: 'Sending…',
    errors: 'No link was sent.',
    wrongEmail: 'Wrong e-mail address? Correct it in your profile, or ask a kiosk officer at BPVP Kendari for help.',
  },
})

export default function ResendVerification({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  const fill = (s: string) => s.replace('{email}', loaderData.email)
  return (
    <>
      <h1>{t.title}</h1>
      {loaderData.verified ? (
        <>
          <Notice kind="success">
            <p>{fill(t.verified)}</p>
          </Notice>
          <p>
            <Link to="/profil">{t.toProfile}</Link>
          </p>
        </>
      ) : (
        <>
          <FormErrors state={actionData} title={t.errors} />
          {loaderData.sent && !actionData ? (
            <Notice kind="success">
              <p>{fill(t.sent)}</p>
            </Notice>
          ) : (
            <p>{fill(t.pending)}</p>
          )}
          <Form method="post" className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t.busy : t.resend}
            </button>
          </Form>
          <p className="small muted">{t.wrongEmail}</p>
        </>
      )}
    </>
  )
}
