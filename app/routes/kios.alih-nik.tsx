import { Form, Link, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/kios.alih-nik'
import { reassignNik } from '../../server/kiosk/reassignNik'
import { parseForm, readFormData, useCaseFailure } from '../lib/forms.server'
import { defineText, useText } from '../i18n/text'
import { Field, FieldShell, FormErrors, TextAreaField, type FormState } from '../ui/form'
import { ConsentField } from '../ui/ConsentField'
import { Notice } from '../ui/Notice'
import { requireKioskOfficer } from './kios.server'

// Issue 9 §2: the NIK on the KTP of the person at the desk is held by another account.
// Reached only from the kiosk's NIK search result (a POST carrying its signed token), so
// the whole NIK never lands in the shared desk's address bar or history.

export function meta() {
  return [{ title: 'Alihkan NIK kepada pemilik KTP — Kios — Latih' }]
}

// Opened without a search result (a GET), the page only points back to the search. It
// renders rather than redirects, so a refused submit without JavaScript keeps its messages
// and what was typed.
export async function loader({ request }: Route.LoaderArgs) {
  const { actor } = await requireKioskOfficer(request)
  // One candidate at a time: while helping someone, the kiosk page shows that session.
  if (actor.assisted) throw redirect('/kios')
  return null
}

const Identity = {
  holderId: z.string().default(''),
  searchToken: z.string().default(''),
  nik: z.string().default(''),
}

const Schema = z.discriminatedUnion(
  'intent',
  [
    // From the search result: open the form, changing nothing.
    z.object({ intent: z.literal('prefill'), ...Identity }),
    z.object({
      intent: z.literal('reassign'),
      ...Identity,
      seenKtp: z.string().optional(),
      reason: z.string().default(''),
      fullName: z.string().default(''),
      email: z.string().default(''),
      phone: z.string().default(''),
      noticeShown: z.string().optional(),
    }),
  ],
  { error: 'Tindakan tidak dikenal.' },
)

export async function action({ request }: Route.ActionArgs) {
  const { ctx, institutionId, actor } = await requireKioskOfficer(request)
  // One candidate at a time: while helping someone, the kiosk page shows that session.
  if (actor.assisted) throw redirect('/kios')
  const formData = await readFormData(request)
  const parsed = parseForm(formData, Schema)
  if (!parsed.ok) return parsed.response
  const value = parsed.value
  if (value.intent === 'prefill') {
    return {
      ok: true,
      errors: {},
      values: { holderId: value.holderId, searchToken: value.searchToken, nik: value.nik.replace(/\D/g, '').slice(0, 16) },
    }
  }
  try {
    await reassignNik(ctx, {
      institutionId,
      holderId: value.holderId,
      searchToken: value.searchToken,
      seenKtp: value.seenKtp === 'ya',
      reason: value.reason,
      nik: value.nik,
      fullName: value.fullName,
      email: value.email,
      phone: value.phone,
      noticeShown: value.noticeShown,
    })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect('/kios?akun=dialihkan')
}

const text = defineText({
  id: {
    title: 'Alihkan NIK kepada pemilik KTP',
    lead: 'NIK pada KTP orang yang ada di depan Anda sudah dipakai akun Latih lain. Jika KTP asli itu sah dan orangnya cocok dengan foto KTP, NIK dapat dialihkan kepadanya.',
    effectsTitle: 'Yang terjadi setelah NIK dialihkan',
    effect1: 'Akun lama dikunci: tidak dapat masuk lagi, dan semua sesinya berakhir.',
    effect2: 'NIK dihapus dari akun lama; pendaftaran aktif akun lama dibatalkan dengan alasan yang Anda tulis.',
    effect3: 'Pemilik e-mail akun lama diberi tahu lewat e-mail.',
    effect4: 'Akun baru dibuat untuk pemilik KTP (tanpa kata sandi; tautan «Buat kata sandi» dikirim ke e-mailnya), lalu sesi bantuan dimulai.',
    effect5: 'Semua langkah ini dicatat atas nama Anda.',
    formError: 'NIK belum dialihkan.',
    nik: 'NIK (sesuai KTP)',
    nikHint: 'NIK dari hasil pencarian. Untuk NIK lain, kembali ke pencarian.',
    seenKtp:
      'Saya telah memeriksa KTP asli orang yang ada di depan saya: NIK, nama dan fotonya cocok dengan orang tersebut.',
    reason: 'Alasan pengalihan',
    reasonHint: 'Misalnya: KTP asli diperiksa di meja 2; pemilik tidak pernah membuat akun Latih. Paling sedikit 10 karakter.',
    ownerTitle: 'Akun untuk pemilik KTP',
    fullName: 'Nama lengkap sesuai KTP',
    email: 'E-mail pemilik KTP',
    emailHint: 'Alamat yang bisa dibuka pemilik KTP sekarang, di HP-nya sendiri.',
    phone: 'Nomor HP',
    phoneHint: 'Contoh: 0812-3456-7890.',
    noticeShown: 'Pemilik KTP sudah melihat Pemberitahuan Privasi dan menyetujuinya.',
    noticeHint: 'Tunjukkan halaman ini di layar atau lembar cetaknya sebelum membuat akun:',
    noticeLink: 'Pemberitahuan Privasi',
    submit: 'Alihkan NIK dan buat akun',
    submitting: 'Mengalihkan…',
    back: 'Kembali ke pencarian NIK',
    noSearch: 'Cari dulu NIK ini di halaman Kios.',
  },
  en: {
    title: 'Reassign the NIK to the ID card holder',
    lead: 'The NIK on the ID card (KTP) of the person at the desk is already used by another Latih account. If the original KTP is genuine and the person matches its photo, the NIK can be given back to them.',
    effectsTitle: 'What happens when the NIK is reassigned',
    effect1: 'The old account is locked: it cannot sign in again, and all its sessions end.',
    effect2: 'The NIK is removed from the old account; its active registrations are withdrawn with the reason you write.',
    effect3: 'The old account’s e-mail address is told by e-mail.',
    effect4: 'A new account is created for the KTP holder (no password; a “Buat kata sandi” link goes to their e-mail), and the assistance session starts.',
    effect5: 'Every step is recorded in your name.',
    formError: 'The NIK was not reassigned.',
    nik: 'NIK (as on the ID card)',
    nikHint: 'The NIK from the search result. For another NIK, go back to the search.',
    seenKtp: 'I have checked the original ID card of the person in front of me: the NIK, name and photo match that person.',
    reason: 'Reason for the reassignment',
    reasonHint: 'For example: original KTP checked at desk 2; the holder never created a Latih account. At least 10 characters.',
    ownerTitle: 'Account for the ID card holder',
    fullName: 'Full name as on the ID card',
    email: 'E-mail of the ID card holder',
    emailHint: 'An address the holder can open now, on their own phone.',
    phone: 'Mobile number',
    phoneHint: 'Example: 0812-3456-7890.',
    noticeShown: 'The ID card holder was shown the Privacy Notice and agreed to it.',
    noticeHint: 'Show this page on screen or its printout before creating the account:',
    noticeLink: 'Privacy Notice',
    submit: 'Reassign the NIK and create the account',
    submitting: 'Reassigning…',
    back: 'Back to the NIK search',
    noSearch: 'Search for this NIK on the Kiosk page first.',
  },
})

export default function KioskReassignNik({ actionData }: Route.ComponentProps) {
  const t = useText(text)
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const values: Record<string, string> = (actionData as FormState | undefined)?.values ?? {}
  const failed: FormState | undefined = actionData && actionData.ok === false ? (actionData as FormState) : undefined
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      {!values.holderId ? (
        <Notice kind="warning">
          <p>{t.noSearch}</p>
          <p>
            <Link to="/kios">{t.back}</Link>
          </p>
        </Notice>
      ) : (
        <>
          <Notice kind="warning">
            <p>
              <strong>{t.effectsTitle}</strong>
            </p>
            <ul>
              <li>{t.effect1}</li>
              <li>{t.effect2}</li>
              <li>{t.effect3}</li>
              <li>{t.effect4}</li>
              <li>{t.effect5}</li>
            </ul>
          </Notice>
          <FormErrors state={failed} title={t.formError} />
          {/* autoComplete off: a shared desk computer must not suggest earlier candidates' data. */}
          <Form method="post" className="stack" autoComplete="off">
            <input type="hidden" name="intent" value="reassign" />
            <input type="hidden" name="holderId" value={values.holderId} />
            <input type="hidden" name="searchToken" value={values.searchToken ?? ''} />
            <Field name="nik" label={t.nik} hint={t.nikHint} state={failed} defaultValue={values.nik} readOnly inputMode="numeric" />
            <FieldShell id="seenKtp" label={t.seenKtp} error={failed?.errors?.seenKtp?.[0]} check>
              {(control) => (
                <input {...control} type="checkbox" name="seenKtp" value="ya" defaultChecked={values.seenKtp === 'ya'} required />
              )}
            </FieldShell>
            <TextAreaField name="reason" label={t.reason} hint={t.reasonHint} state={failed} rows={3} maxLength={500} required />
            <h2>{t.ownerTitle}</h2>
            <Field name="fullName" label={t.fullName} state={failed} autoCapitalize="words" spellCheck={false} required />
            <Field name="email" type="email" label={t.email} hint={t.emailHint} state={failed} spellCheck={false} required />
            <Field name="phone" type="tel" label={t.phone} hint={t.phoneHint} state={failed} inputMode="tel" required />
            <ConsentField name="noticeShown" label={t.noticeShown} hint={t.noticeHint} linkText={t.noticeLink} state={failed} />
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {busy ? t.submitting : t.submit}
              </button>
              <Link to="/kios">{t.back}</Link>
            </div>
          </Form>
        </>
      )}
    </>
  )
}
