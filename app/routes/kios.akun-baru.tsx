import { Form, Link, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/kios.akun-baru'
import { createCandidateOnBehalf } from '../../server/kiosk/createCandidateOnBehalf'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { defineText, useText } from '../i18n/text'
import { Field, FormErrors } from '../ui/form'
import { ConsentField } from '../ui/ConsentField'
import { requireKioskOfficer } from './kios.server'

export function meta() {
  return [{ title: 'Buat akun calon peserta — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { actor } = await requireKioskOfficer(request)
  // One candidate at a time: while helping someone, the kiosk page shows that session.
  if (actor.assisted) throw redirect('/kios')
  const nik = (new URL(request.url).searchParams.get('nik') ?? '').replace(/\D/g, '').slice(0, 16)
  return { nik }
}

// Every field is checked by the use case (NIK, name, e-mail, mobile number), so the
// messages come back at their fields in one go.
const CreateSchema = z.object({
  nik: z.string().default(''),
  fullName: z.string().default(''),
  email: z.string().default(''),
  phone: z.string().default(''),
  noticeShown: z.string().optional(),
})

export async function action({ request }: Route.ActionArgs) {
  const { ctx, institutionId } = await requireKioskOfficer(request)
  const formData = await request.formData()
  // From the search result: open the form with the NIK filled in, creating nothing.
  if (formData.get('intent') === 'prefill') {
    const nik = String(formData.get('nik') ?? '').replace(/\D/g, '').slice(0, 16)
    return { ok: true, errors: {}, values: { nik } }
  }
  const parsed = parseForm(formData, CreateSchema)
  if (!parsed.ok) return parsed.response
  try {
    await createCandidateOnBehalf(ctx, { institutionId, ...parsed.value })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect('/kios?akun=baru')
}

const text = defineText({
  id: {
    title: 'Buat akun untuk calon peserta',
    lead: 'Isi sesuai KTP asli calon peserta. Akun dibuat tanpa kata sandi: calon peserta menerima e-mail berisi tautan untuk membuat kata sandinya sendiri (tautan itu juga memverifikasi e-mail). Setelah akun dibuat, sesi bantuan untuk calon peserta ini langsung dimulai.',
    formError: 'Akun belum dibuat.',
    nik: 'NIK (16 digit)',
    nikHint: 'Tanggal lahir dan jenis kelamin diisi otomatis dari NIK.',
    fullName: 'Nama lengkap sesuai KTP',
    email: 'E-mail calon peserta',
    emailHint: 'Alamat yang bisa dibuka calon peserta sekarang, di HP-nya sendiri.',
    phone: 'Nomor HP',
    phoneHint: 'Contoh: 0812-3456-7890.',
    submit: 'Buat akun dan mulai sesi bantuan',
    submitting: 'Membuat akun…',
    back: 'Kembali ke pencarian NIK',
    noticeShown: 'Calon peserta sudah melihat Pemberitahuan Privasi dan menyetujuinya.',
    noticeHint: 'Tunjukkan halaman ini di layar atau lembar cetaknya sebelum membuat akun:',
    noticeLink: 'Pemberitahuan Privasi',
  },
  en: {
    title: 'Create an account for a candidate',
    lead: 'Fill in as on the candidate’s original ID card. The account has no password: the candidate receives an e-mail with a link to create their own (the link also verifies the e-mail). Once the account exists, the assistance session for this candidate starts.',
    formError: 'The account was not created.',
    nik: 'NIK (16 digits)',
    nikHint: 'The date of birth and sex are filled in from the NIK.',
    fullName: 'Full name as on the ID card',
    email: 'Candidate’s e-mail',
    emailHint: 'An address the candidate can open now, on their own phone.',
    phone: 'Mobile number',
    phoneHint: 'Example: 0812-3456-7890.',
    submit: 'Create the account and start assisting',
    submitting: 'Creating the account…',
    back: 'Back to the NIK search',
    noticeShown: 'The candidate was shown the Privacy Notice and agreed to it.',
    noticeHint: 'Show this page on screen or its printout before creating the account:',
    noticeLink: 'Privacy Notice',
  },
})

export default function KioskNewAccount({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <FormErrors state={actionData} title={t.formError} />
      {/* autoComplete off: a shared desk computer must not suggest earlier candidates' data. */}
      <Form method="post" className="stack" autoComplete="off">
        <Field
          name="nik"
          label={t.nik}
          hint={t.nikHint}
          state={actionData}
          defaultValue={loaderData.nik}
          inputMode="numeric"
          spellCheck={false}
          required
        />
        <Field name="fullName" label={t.fullName} state={actionData} autoCapitalize="words" spellCheck={false} required />
        <Field name="email" type="email" label={t.email} hint={t.emailHint} state={actionData} spellCheck={false} required />
        <Field name="phone" type="tel" label={t.phone} hint={t.phoneHint} state={actionData} inputMode="tel" required />
        <ConsentField name="noticeShown" label={t.noticeShown} hint={t.noticeHint} linkText={t.noticeLink} state={actionData} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.submitting : t.submit}
          </button>
          <Link to="/kios">{t.back}</Link>
        </div>
      </Form>
    </>
  )
}
