import { data, Form, Link, redirect, useNavigation, useSearchParams } from 'react-router'
import type { Route } from './+types/akun.dua-langkah'
import {
  confirmSecondFactorEnrolment,
  disableSecondFactor,
  getSecondFactorOverview,
  regenerateRecoveryCodes,
  startSecondFactorEnrolment,
} from '../../server/accounts/secondFactorEnrolment'
import { formatRecoveryCode, formatSecretForTyping } from '../../domain/secondFactorCodes'
import { UseCaseError } from '../../server/errors'
import type { UseCaseContext } from '../../server/context'
import { defineText, useText } from '../i18n/text'
import { useFormat } from '../i18n/format'
import { contextOf, loaderFailure, systemContext } from '../lib/context.server'
import { failure, readFormData, useCaseFailure } from '../lib/forms.server'
import { challengeToken, clearChallengeCookie } from '../lib/secondFactor.server'
import { getActor, requireStaff, safeRedirectTarget, startSession } from '../lib/session.server'
import { Field, FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'
import { qrDataUrl } from './akun.dua-langkah.server'
import { clientAddress } from './masuk.server'

// Two-step verification for one's own account (docs/decisions/020): administrators and
// committee members turn it on (QR and typed secret, confirmed with a code; ten recovery
// codes shown once) and off (password and a code). Someone whose institution requires it
// comes here straight from the password, holding an enrolment challenge and no session.

export function meta() {
  return [{ title: 'Verifikasi dua langkah — Latih' }]
}

// The secret and the recovery codes are on this page: never cached anywhere. (No
// 'no-referrer' policy: the browser would then send `Origin: null` with this page's form
// posts, sign-out included, and the origin checks would refuse them.)
export function headers() {
  return { 'Cache-Control': 'private, no-store' }
}

/** Who this page is for: the signed-in staff member, or the holder of an enrolment challenge. */
async function subject(request: Request): Promise<{ ctx: UseCaseContext; challengeToken: string | null } | null> {
  const actor = await getActor(request)
  if (actor) {
    if (actor.kind !== 'staff') throw redirect('/aktivitas')
    return { ctx: await contextOf(actor), challengeToken: null }
  }
  const token = await challengeToken(request)
  if (!token) await requireStaff(request) // sends to sign-in
  return { ctx: await systemContext(), challengeToken: token }
}

export async function loader({ request }: Route.LoaderArgs) {
  const ke = safeRedirectTarget(new URL(request.url).searchParams.get('ke'), '')
  const who = await subject(request)
  if (!who) throw redirect('/masuk')
  try {
    const overview = await getSecondFactorOverview(who.ctx, { challengeToken: who.challengeToken })
    return {
      ke,
      gone: false as const,
      overview: { ...overview, enabledAt: overview.enabledAt?.toISOString() ?? null },
      qr: overview.pending ? await qrDataUrl(overview.pending.uri) : null,
    }
  } catch (error) {
    // The enrolment challenge expired or was completed in this very request (a form post
    // renders with the cookies it came with): the page says so instead of failing.
    if (error instanceof UseCaseError && error.status === 410) return { ke, gone: true as const, overview: null, qr: null }
    return loaderFailure(error)
  }
}

const INTENTS = ['start', 'confirm', 'disable', 'regenerate'] as const

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await readFormData(request)
  const intent = formData.get('intent')
  if (typeof intent !== 'string' || !(INTENTS as readonly string[]).includes(intent)) {
    return failure(formData, { '': ['Permintaan tidak dikenal. Muat ulang halaman lalu coba lagi.'] })
  }
  const who = await subject(request)
  if (!who) throw redirect('/masuk')
  const field = (name: string) => {
    const value = formData.get(name)
    return typeof value === 'string' ? value : ''
  }
  try {
    switch (intent) {
      case 'start':
        await startSecondFactorEnrolment(who.ctx, { challengeToken: who.challengeToken })
        return redirect(new URL(request.url).pathname + new URL(request.url).search)
      case 'confirm': {
        const result = await confirmSecondFactorEnrolment(who.ctx, { challengeToken: who.challengeToken, code: field('code') })
        const headers = new Headers()
        if (result.viaChallenge) {
          // Enrolled: the sign-in completes now, with the codes shown on this answer.
          headers.append('Set-Cookie', await clearChallengeCookie())
          headers.append('Set-Cookie', await startSession(request, result.userId, clientAddress(context)))
        }
        return data({ ok: true as const, done: 'enabled' as const, recoveryCodes: result.recoveryCodes }, { headers })
      }
      case 'regenerate': {
        const result = await regenerateRecoveryCodes(who.ctx, { code: field('code') })
        return { ok: true as const, done: 'renewed' as const, recoveryCodes: result.recoveryCodes }
      }
      case 'disable':
        await disableSecondFactor(who.ctx, { password: field('password'), code: field('code') })
        return redirect('/akun/dua-langkah?dimatikan=1')
    }
  } catch (error) {
    if (error instanceof UseCaseError && error.status === 410) {
      return data(
        { ok: false as const, errors: { '': [error.message] }, values: {} as Record<string, string> },
        { status: 410, headers: { 'Set-Cookie': await clearChallengeCookie() } },
      )
    }
    return useCaseFailure(formData, error)
  }
  return failure(formData, { '': ['Permintaan tidak dikenal.'] })
}

const text = defineText({
  id: {
    title: 'Verifikasi dua langkah',
    lead: 'Selain kata sandi, Anda memasukkan kode 6 angka dari aplikasi autentikator di ponsel (misalnya Google Authenticator, Microsoft Authenticator, atau Aegis) setiap kali masuk. Orang yang mengetahui kata sandi Anda tetap tidak bisa masuk tanpa ponsel Anda.',
    required: 'Lembaga {names} mewajibkan verifikasi dua langkah untuk administrator dan panitia seleksi. Aktifkan dulu sebelum membuka halaman staf.',
    requiredOn: 'Diwajibkan oleh lembaga {names}: tidak dapat dimatikan.',
    start: 'Siapkan aplikasi autentikator',
    starting: 'Menyiapkan…',
    step1: '1. Pasang aplikasi autentikator di ponsel Anda, lalu pilih tambah akun.',
    step2: '2. Pindai kode QR ini, atau ketik kunci di bawahnya (jenis: berbasis waktu).',
    qrAlt: 'Kode QR untuk menambahkan akun Latih {email} ke aplikasi autentikator',
    secret: 'Kunci untuk diketik',
    step3: '3. Isi kode 6 angka yang kini tampil di aplikasi untuk akun Latih.',
    code: 'Kode dari aplikasi',
    codeHint: '6 angka, berganti setiap 30 detik.',
    confirm: 'Aktifkan verifikasi dua langkah',
    confirming: 'Memeriksa…',
    errors: 'Belum berhasil.',
    enabledTitle: 'Verifikasi dua langkah aktif',
    enabledSince: 'Aktif sejak {at}. Kode pemulihan yang belum dipakai: {n} dari 10.',
    fewLeft: 'Kode pemulihan Anda tinggal sedikit. Buat kode baru di bawah.',
    recoveryUsed: 'Anda masuk dengan kode pemulihan. Kode itu kini tidak berlaku lagi; sisa {n} kode.',
    codesTitle: 'Kode pemulihan Anda',
    codesLead: 'Simpan kesepuluh kode ini sekarang di tempat yang aman (cetak atau tulis di kertas). Setiap kode hanya berlaku sekali, untuk masuk bila ponsel Anda hilang. Kode ini tidak akan ditampilkan lagi.',
    codesEnabled: 'Verifikasi dua langkah sudah aktif. Mulai sekarang, setiap kali masuk Anda akan diminta kode dari aplikasi.',
    codesRenewed: 'Kode pemulihan baru sudah dibuat. Kode yang lama tidak berlaku lagi.',
    continue: 'Saya sudah menyimpan kodenya, lanjutkan',
    renewTitle: 'Buat kode pemulihan baru',
    renewLead: 'Kode pemulihan lama tidak berlaku lagi setelah kode baru dibuat.',
    renew: 'Buat kode pemulihan baru',
    disableTitle: 'Matikan verifikasi dua langkah',
    disableLead: 'Untuk mematikannya, isi kata sandi Anda dan kode dari aplikasi (atau satu kode pemulihan).',
    password: 'Kata sandi',
    disableCode: 'Kode dari aplikasi atau kode pemulihan',
    disable: 'Matikan verifikasi dua langkah',
    disabled: 'Verifikasi dua langkah sudah dimatikan. Anda kini masuk hanya dengan kata sandi.',
    gone: 'Waktu untuk mengaktifkan verifikasi dua langkah sudah habis, atau sudah selesai. Masuk lagi dengan e-mail dan kata sandi Anda.',
    signIn: 'Masuk',
    busy: 'Memproses…',
  },
  en: {
    title: 'Two-step verification',
    lead: 'Besides your password, you enter a 6-digit code from an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator or Aegis) each time you sign in. Someone who knows your password still cannot sign in without your phone.',
    required: '{names} requires two-step verification for administrators and the selection committee. Turn it on before opening the staff pages.',
    requiredOn: 'Required by {names}: it cannot be turned off.',
    start: 'Set up an authenticator app',
    starting: 'Setting up…',
    step1: '1. Install an authenticator app on your phone and choose to add an account.',
    step2: '2. Scan this QR code, or type the key below it (type: time-based).',
    qrAlt: 'QR code to add the Latih account {email} to an authenticator app',
    secret: 'Key to type',
    step3: '3. Enter the 6-digit code the app now shows for the Latih account.',
    code: 'Code from the app',
    codeHint: '6 digits, changing every 30 seconds.',
    confirm: 'Turn on two-step verification',
    confirming: 'Checking…',
    errors: 'Not done yet.',
    enabledTitle: 'Two-step verification is on',
    enabledSince: 'On since {at}. Unused recovery codes: {n} of 10.',
    fewLeft: 'You have few recovery codes left. Make new ones below.',
    recoveryUsed: 'You signed in with a recovery code. That code no longer works; {n} are left.',
    codesTitle: 'Your recovery codes',
    codesLead: 'Keep these ten codes somewhere safe now (print them or write them on paper). Each works once, to sign in if you lose your phone. They will not be shown again.',
    codesEnabled: 'Two-step verification is on. From now on, each sign-in asks for a code from the app.',
    codesRenewed: 'New recovery codes were made. The old ones no longer work.',
    continue: 'I have saved the codes, continue',
    renewTitle: 'Make new recovery codes',
    renewLead: 'The old recovery codes stop working once new ones are made.',
    renew: 'Make new recovery codes',
    disableTitle: 'Turn off two-step verification',
    disableLead: 'To turn it off, enter your password and a code from the app (or a recovery code).',
    password: 'Password',
    disableCode: 'Code from the app, or a recovery code',
    disable: 'Turn off two-step verification',
    disabled: 'Two-step verification is off. You now sign in with your password only.',
    gone: 'The time to turn on two-step verification has run out, or it is done. Sign in again with your e-mail and password.',
    signIn: 'Sign in',
    busy: 'Working…',
  },
})

type ActionData = Route.ComponentProps['actionData']

function formState(actionData: ActionData) {
  return actionData && 'errors' in actionData ? actionData : undefined
}

export default function SecondFactorPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const format = useFormat()
  const [search] = useSearchParams()
  const busy = useNavigation().state === 'submitting'
  const state = formState(actionData)
  const codes = actionData && 'recoveryCodes' in actionData ? actionData : null
  const ke = loaderData.ke
  const home = ke || '/staf'

  if (codes) {
    return (
      <>
        <h1>{t.codesTitle}</h1>
        <Notice kind="success">{codes.done === 'enabled' ? t.codesEnabled : t.codesRenewed}</Notice>
        <p>{t.codesLead}</p>
        <ol className="recovery-codes" aria-label={t.codesTitle}>
          {codes.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{formatRecoveryCode(c)}</code>
            </li>
          ))}
        </ol>
        <p>
          <Link className="button primary" to={codes.done === 'enabled' ? home : '/akun/dua-langkah'}>
            {t.continue}
          </Link>
        </p>
      </>
    )
  }

  if (loaderData.gone) {
    return (
      <>
        <h1>{t.title}</h1>
        <FormErrors state={state} title={t.errors} />
        <p>{t.gone}</p>
        <p>
          <Link className="button primary" to={ke ? `/masuk?ke=${encodeURIComponent(ke)}` : '/masuk'}>
            {t.signIn}
          </Link>
        </p>
      </>
    )
  }

  const { overview, qr } = loaderData
  const names = overview.requiredBy.join(', ')
  const recoveryUsed = search.get('pemulihan')
  return (
    <>
      <h1>{overview.enabled ? t.enabledTitle : t.title}</h1>
      {search.get('dimatikan') && !overview.enabled ? <Notice kind="success">{t.disabled}</Notice> : null}
      {recoveryUsed !== null && overview.enabled ? <Notice kind="warning">{t.recoveryUsed.replace('{n}', recoveryUsed)}</Notice> : null}
      {overview.viaChallenge && names ? <Notice kind="warning">{t.required.replace('{names}', names)}</Notice> : null}
      <FormErrors state={state} title={t.errors} />

      {overview.enabled ? (
        <>
          <p>{t.enabledSince.replace('{at}', overview.enabledAt ? format.dateTime(overview.enabledAt) : '').replace('{n}', String(overview.unusedRecoveryCodes))}</p>
          {overview.unusedRecoveryCodes <= 3 ? <Notice kind="warning">{t.fewLeft}</Notice> : null}
          <section aria-labelledby="renew-title" className="card">
            <h2 id="renew-title">{t.renewTitle}</h2>
            <p>{t.renewLead}</p>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="regenerate" />
              <Field
                name="code"
                id="renew-code"
                label={t.code}
                hint={t.codeHint}
                state={state?.values?.intent === 'regenerate' ? state : undefined}
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={12}
                required
              />
              <div className="actions">
                <button type="submit" disabled={busy}>
                  {busy ? t.busy : t.renew}
                </button>
              </div>
            </Form>
          </section>
          <section aria-labelledby="disable-title" className="card">
            <h2 id="disable-title">{t.disableTitle}</h2>
            {names ? (
              <p>{t.requiredOn.replace('{names}', names)}</p>
            ) : (
              <>
                <p>{t.disableLead}</p>
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="disable" />
                  <Field
                    name="password"
                    id="disable-password"
                    type="password"
                    label={t.password}
                    state={state?.values?.intent === 'disable' ? state : undefined}
                    autoComplete="current-password"
                    required
                  />
                  <Field
                    name="code"
                    id="disable-code"
                    label={t.disableCode}
                    state={state?.values?.intent === 'disable' ? state : undefined}
                    autoComplete="one-time-code"
                    autoCapitalize="characters"
                    spellCheck={false}
                    maxLength={40}
                    required
                  />
                  <div className="actions">
                    <button type="submit" className="danger" disabled={busy}>
                      {busy ? t.busy : t.disable}
                    </button>
                  </div>
                </Form>
              </>
            )}
          </section>
        </>
      ) : overview.pending ? (
        <>
          <p>{t.lead}</p>
          <p>{t.step1}</p>
          <p>{t.step2}</p>
          {qr ? <img src={qr} alt={t.qrAlt.replace('{email}', overview.email)} width={220} height={220} className="qr" /> : null}
          <p>
            {t.secret}: <code className="secret">{formatSecretForTyping(overview.pending.secret)}</code>
          </p>
          <p>{t.step3}</p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="confirm" />
            <Field
              name="code"
              label={t.code}
              hint={t.codeHint}
              state={state}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={12}
              required
            />
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {busy ? t.confirming : t.confirm}
              </button>
            </div>
          </Form>
        </>
      ) : (
        <>
          <p>{t.lead}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t.starting : t.start}
            </button>
          </Form>
        </>
      )}
    </>
  )
}
