import { Form, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/akun.sesi'
import { deviceName } from '../../domain/userAgent'
import { endOwnSessions, listOwnSessions } from '../../server/auth/ownSessions'
import { actorContext, loaderFailure } from '../lib/context.server'
import { readFormData, useCaseFailure } from '../lib/forms.server'
import { defineText, useText } from '../i18n/text'
import { useFormat } from '../i18n/format'
import { FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'

const text = defineText({
  id: {
    title: 'Sesi masuk Anda',
    lead: 'Perangkat tempat akun Anda sedang masuk. Akhiri sesi yang tidak Anda kenali atau yang tertinggal di komputer bersama, lalu ganti kata sandi bila perlu.',
    staffIdle: 'Sesi staf berakhir sendiri bila tidak ada aktivitas selama batas yang diatur lembaga.',
    thisDevice: 'Perangkat ini',
    unknownDevice: 'Perangkat tidak dikenal',
    deviceOn: '{browser} di {system}',
    network: 'Jaringan (perkiraan lokasi)',
    noNetwork: 'Tidak tercatat',
    started: 'Mulai',
    lastActive: 'Terakhir aktif',
    end: 'Akhiri sesi ini',
    endOthers: 'Akhiri semua sesi lain',
    busy: 'Mengakhiri…',
    onlyThis: 'Tidak ada sesi lain: akun Anda hanya masuk di perangkat ini.',
    ended: 'Sesi diakhiri: {n}. Perangkat itu harus masuk lagi.',
    errors: 'Sesi belum diakhiri.',
    signOutHint: 'Untuk mengakhiri sesi di perangkat ini, pakai tombol Keluar.',
  },
  en: {
    title: 'Your sign-in sessions',
    lead: 'The devices where your account is signed in. End any you do not recognise or that was left on a shared computer, then change your password if needed.',
    staffIdle: 'Staff sessions end by themselves after the idle period your institution sets.',
    thisDevice: 'This device',
    unknownDevice: 'Unknown device',
    deviceOn: '{browser} on {system}',
    network: 'Network (approximate place)',
    noNetwork: 'Not recorded',
    started: 'Started',
    lastActive: 'Last active',
    end: 'End this session',
    endOthers: 'End all other sessions',
    busy: 'Ending…',
    onlyThis: 'No other sessions: your account is signed in on this device only.',
    ended: 'Sessions ended: {n}. That device has to sign in again.',
    errors: 'The session was not ended.',
    signOutHint: 'To end the session on this device, use Sign out.',
  },
})

export function meta() {
  return [{ title: 'Sesi masuk — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { actor, ctx } = await actorContext(request)
  const sessions = await listOwnSessions(ctx).catch(loaderFailure)
  const ended = new URL(request.url).searchParams.get('diakhiri')
  return {
    isStaff: actor.kind === 'staff',
    sessions: sessions.map((s) => ({ ...s, device: deviceName(s.userAgent) })),
    ended: ended && /^\d{1,4}$/.test(ended) ? Number(ended) : null,
  }
}

export async function action({ request }: Route.ActionArgs) {
  const { ctx } = await actorContext(request)
  const formData = await readFormData(request)
  let ended: number
  try {
    ;({ ended } = await endOwnSessions(ctx, { intent: formData.get('intent'), session: formData.get('session') ?? undefined }))
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect(`/akun/sesi?diakhiri=${ended}`)
}

export default function OwnSessions({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const { dateTime } = useFormat()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const busySession = busy ? navigation.formData?.get('session') : null
  const { sessions, ended, isStaff } = loaderData
  const others = sessions.filter((s) => !s.current)
  const label = (d: { browser: string | null; system: string | null }) =>
    d.browser && d.system ? t.deviceOn.replace('{browser}', d.browser).replace('{system}', d.system) : (d.browser ?? d.system ?? t.unknownDevice)
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      {isStaff ? <p className="small muted">{t.staffIdle}</p> : null}
      {ended !== null && !actionData ? <Notice kind="success">{t.ended.replace('{n}', String(ended))}</Notice> : null}
      <FormErrors state={actionData} title={t.errors} />
      <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
        {sessions.map((s) => (
          <li key={s.publicId} className="card">
            <h2 style={{ fontSize: '1.1rem' }}>
              {label(s.device)}
              {s.current ? <span className="badge"> · {t.thisDevice}</span> : null}
            </h2>
            <dl className="facts" style={{ overflowWrap: 'anywhere' }}>
              <dt>{t.network}</dt>
              <dd>{s.network ?? t.noNetwork}</dd>
              <dt>{t.started}</dt>
              <dd>{dateTime(s.createdAt)}</dd>
              <dt>{t.lastActive}</dt>
              <dd>{dateTime(s.lastSeenAt)}</dd>
            </dl>
            {s.current ? (
              <p className="small muted">{t.signOutHint}</p>
            ) : (
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value="end" />
                <input type="hidden" name="session" value={s.publicId} />
                <button type="submit" disabled={busySession === s.publicId}>
                  {busySession === s.publicId ? t.busy : t.end}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="end-others" />
          <button type="submit" className="primary" disabled={busy}>
            {busy && !busySession ? t.busy : t.endOthers}
          </button>
        </Form>
      ) : (
        <Notice>{t.onlyThis}</Notice>
      )}
    </>
  )
}
