import { Form, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/admin.penutupan-akun'
import { completeAccountClosure } from '../../server/privacy/completeAccountClosure'
import { listAccountClosures } from '../../server/privacy/listAccountClosures'
import { CLOSURE_COMPLETION_DAYS, SELECTION_RECORD_RETENTION_YEARS } from '../../server/privacy/notice'
import { runtime } from '../../server/runtime'
import { loaderFailure } from '../lib/context.server'
import { parseForm, readFormData, useCaseFailure } from '../lib/forms.server'
import { defineText, useText } from '../i18n/text'
import { useFormat } from '../i18n/format'
import { FormErrors } from '../ui/form'
import { InstitutionPicker } from '../ui/admin/InstitutionPicker'
import { Notice } from '../ui/Notice'
import { currentInstitution, requireAdministrator } from './admin.program.server'

// Account closure requests (UU PDP, decision 023): the administrator completes them within
// the retention rules. Accounts belong to the whole installation, like the job queue.

const text = defineText({
  id: {
    title: 'Penutupan akun',
    lead: 'Permintaan calon peserta untuk menutup akunnya. Selesaikan dalam {days} hari. Menyelesaikan: pendaftaran yang masih berjalan dibatalkan (tempat yang sudah diumumkan diteruskan ke cadangan), catatan seleksi yang sudah sampai rapat pleno disimpan {years} tahun setelah pelatihan gelombangnya berakhir, selebihnya dianonimkan (nama, e-mail, HP, alamat, NIK, dokumen), dan akun tidak dapat dipakai masuk lagi.',
    open: 'Menunggu',
    none: 'Tidak ada permintaan yang menunggu.',
    completed: 'Selesai (50 terakhir)',
    noneCompleted: 'Belum ada yang diselesaikan.',
    requested: 'Diajukan',
    email: 'E-mail',
    reason: 'Alasan',
    active: 'Pendaftaran aktif (akan dibatalkan)',
    noActive: 'Tidak ada',
    complete: 'Selesaikan penutupan akun',
    completeLabel: 'Selesaikan penutupan akun {name}',
    busy: 'Memproses…',
    errors: 'Penutupan akun belum selesai.',
    done: 'Akun ditutup. Disimpan: {kept}. Dibatalkan: {withdrawn}.',
    kept: 'Disimpan sebagai catatan seleksi',
    keptUntil: 'sampai {date}',
    withdrawn: 'Dibatalkan',
    nothing: 'tidak ada',
    completedAt: 'Diselesaikan',
  },
  en: {
    title: 'Account closure',
    lead: 'Candidates’ requests to close their account. Complete them within {days} days. Completing: registrations in progress are withdrawn (an announced place passes to a reserve), selection records that reached the plenary are kept for {years} years after that batch’s training ends, the rest is anonymised (name, e-mail, mobile, address, NIK, documents), and the account can no longer sign in.',
    open: 'Waiting',
    none: 'No requests waiting.',
    completed: 'Completed (last 50)',
    noneCompleted: 'None completed yet.',
    requested: 'Requested',
    email: 'E-mail',
    reason: 'Reason',
    active: 'Active registrations (will be withdrawn)',
    noActive: 'None',
    complete: 'Complete the account closure',
    completeLabel: 'Complete the account closure of {name}',
    busy: 'Working…',
    errors: 'The account closure is not complete.',
    done: 'Account closed. Kept: {kept}. Withdrawn: {withdrawn}.',
    kept: 'Kept as the selection’s record',
    keptUntil: 'until {date}',
    withdrawn: 'Withdrawn',
    nothing: 'none',
    completedAt: 'Completed',
  },
})

export function meta() {
  return [{ title: 'Penutupan akun — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const { institutions, current } = await currentInstitution(ctx, request)
  const list = await listAccountClosures(ctx, { institutionId: current.id }).catch(loaderFailure)
  const url = new URL(request.url)
  const done = url.searchParams.get('selesai')
  return { institutions, current, ...list, done: done && /^[0-9a-f-]{36}$/.test(done) ? done : null }
}

const CompleteForm = z.object({
  intent: z.literal('complete', { error: 'Tindakan tidak dikenal.' }),
  requestId: z.uuid({ error: 'Permintaan tidak ditemukan.' }),
})

export async function action({ request }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const { current } = await currentInstitution(ctx, request)
  const formData = await readFormData(request)
  const parsed = parseForm(formData, CompleteForm)
  if (!parsed.ok) return parsed.response
  const { storage } = await runtime()
  try {
    await completeAccountClosure(ctx, { institutionId: current.id, requestId: parsed.value.requestId, storage })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  const back = new URL(request.url)
  back.searchParams.set('selesai', parsed.value.requestId)
  return redirect(`${back.pathname}${back.search}`)
}

export default function AccountClosures({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const navigation = useNavigation()
  const { dateTime } = useFormat()
  const { institutions, current, open, completed, done } = loaderData
  const busyId = navigation.state === 'submitting' ? navigation.formData?.get('requestId') : null
  const formAction = institutions.length > 1 ? `?lembaga=${current.id}` : undefined
  const justDone = done ? completed.find((c) => c.id === done) : null
  const list = (items: string[]) => (items.length ? items.join(', ') : t.nothing)
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead.replace('{days}', String(CLOSURE_COMPLETION_DAYS)).replace('{years}', String(SELECTION_RECORD_RETENTION_YEARS))}</p>
      <InstitutionPicker institutions={institutions} currentId={current.id} />
      {justDone ? (
        <Notice kind="success">{t.done.replace('{kept}', list(justDone.keptRegistrations)).replace('{withdrawn}', list(justDone.withdrawn))}</Notice>
      ) : null}
      <FormErrors state={actionData} title={t.errors} />

      <h2>{t.open}</h2>
      {open.length === 0 ? <Notice>{t.none}</Notice> : null}
      <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
        {open.map((r) => (
          <li key={r.id} className="card">
            <h3 style={{ fontSize: '1.1rem' }}>{r.name}</h3>
            <dl className="facts" style={{ overflowWrap: 'anywhere' }}>
              <dt>{t.requested}</dt>
              <dd>{dateTime(r.requestedAt)}</dd>
              <dt>{t.email}</dt>
              <dd>{r.emailMasked}</dd>
              <dt>{t.reason}</dt>
              <dd>{r.reason}</dd>
              <dt>{t.active}</dt>
              <dd>{r.activeRegistrations.length ? r.activeRegistrations.map((g) => `${g.number} (${g.label})`).join(', ') : t.noActive}</dd>
            </dl>
            <Form method="post" action={formAction} className="actions">
              <input type="hidden" name="intent" value="complete" />
              <input type="hidden" name="requestId" value={r.id} />
              <button type="submit" className="danger" disabled={busyId === r.id} aria-label={t.completeLabel.replace('{name}', r.name)}>
                {busyId === r.id ? t.busy : t.complete}
              </button>
            </Form>
          </li>
        ))}
      </ul>

      <h2>{t.completed}</h2>
      {completed.length === 0 ? (
        <p className="muted">{t.noneCompleted}</p>
      ) : (
        <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
          {completed.map((r) => (
            <li key={r.id} className="card">
              <dl className="facts">
                <dt>{t.requested}</dt>
                <dd>{dateTime(r.requestedAt)}</dd>
                <dt>{t.completedAt}</dt>
                <dd>{r.completedAt ? dateTime(r.completedAt) : '—'}</dd>
                <dt>{t.kept}</dt>
                <dd>
                  {list(r.keptRegistrations)}
                  {r.keptUntil ? ` ${t.keptUntil.replace('{date}', r.keptUntil)}` : ''}
                </dd>
                <dt>{t.withdrawn}</dt>
                <dd>{list(r.withdrawn)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
