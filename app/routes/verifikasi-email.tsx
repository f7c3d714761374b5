import { Form, Link } from 'react-router'
import type { Route } from './+types/verifikasi-email'
import { getActor } from '../lib/session.server'
import { defineText, useText } from '../i18n/text'
import { Notice } from '../ui/Notice'
import { verifyEmail } from '../../server/accounts/verifyEmail'
import { UseCaseError } from '../../server/errors'
import { systemContext } from '../lib/context.server'

export function meta() {
  return [{ title: 'Verifikasi e-mail — Latih BPVP Kendari' }]
}

// Opening the mailed link verifies the address (the link is single use and proves the
// mailbox); a second visit only says it is already verified.
export async function loader({ request }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const actor = await getActor(request)
  const signedInCandidate = actor?.kind === 'candidate' || !!actor?.assisted
  try {
    const result = await verifyEmail(await systemContext(), { token })
    return { status: 'verified' as const, email: result.email, alreadyVerified: result.alreadyVerified, signedInCandidate }
  } catch (error) {
    if (!(error instanceof UseCaseError)) throw error
    return { status: 'invalid' as const, signedInCandidate }
  }
}

const text = defineText({
  id: {
    verifiedTitle: 'E-mail terverifikasi',
    verified: 'Terima kasih. Alamat {email} sudah terverifikasi; informasi pendaftaran dan hasil seleksi akan dikirim ke sana.',
    already: 'Alamat {email} sudah terverifikasi sebelumnya. Tidak ada yang perlu dilakukan lagi.',
    toProfile: 'Lanjut lengkapi profil',
    signIn: 'Masuk',
    invalidTitle: 'Tautan tidak berlaku',
    invalid: 'Tautan verifikasi ini tidak berlaku atau sudah kedaluwarsa (tautan berlaku 3 hari). Pastikan Anda membuka tautan terbaru dari e-mail kami.',
    resend: 'Kirim tautan baru',
    signInFirst: 'Masuk ke akun Anda untuk meminta tautan baru.',
    signInToResend: 'Masuk dan minta tautan baru',
  },
  en: {
    verifiedTitle: 'E-mail verified',
    verified: 'Thank you. {email} is verified; registration news and selection results will be sent there.',
    already: '{email} was already verified. Nothing more to do.',
    toProfile: 'Go on to complete your profile',
    signIn: 'Sign in',
    invalidTitle: 'This link is not valid',
    invalid: 'This verification link is not valid or has expired (links last 3 days). Make sure you open the latest link from our e-mail.',
    resend: 'Send a new link',
    signInFirst: 'Sign in to your account to ask for a new link.',
    signInToResend: 'Sign in and ask for a new link',
  },
})

export default function VerifyEmail({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  if (loaderData.status === 'verified') {
    const message = (loaderData.alreadyVerified ? t.already : t.verified).replace('{email}', loaderData.email)
    return (
      <>
        <h1>{t.verifiedTitle}</h1>
        <Notice kind="success">
          <p>{message}</p>
        </Notice>
        <div className="actions">
          {loaderData.signedInCandidate ? (
            <Link className="button" to="/profil">
              {t.toProfile}
            </Link>
          ) : (
            <Link className="button" to="/masuk?ke=%2Fprofil">
              {t.signIn}
            </Link>
          )}
        </div>
      </>
    )
  }
  return (
    <>
      <h1>{t.invalidTitle}</h1>
      <Notice kind="warning">
        <p>{t.invalid}</p>
      </Notice>
      {loaderData.signedInCandidate ? (
        <Form method="post" action="/kirim-ulang-verifikasi" className="actions">
          <button type="submit" className="primary">
            {t.resend}
          </button>
        </Form>
      ) : (
        <>
          <p>{t.signInFirst}</p>
          <div className="actions">
            <Link className="button" to="/masuk?ke=%2Fkirim-ulang-verifikasi">
              {t.signInToResend}
            </Link>
          </div>
        </>
      )}
    </>
  )
}
