import { Form, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/admin.keamanan'
import { getSessionSettings, IDLE_MINUTES_MAX, IDLE_MINUTES_MIN, updateSessionSettings } from '../../server/institutions/updateSessionSettings'
import { loaderFailure } from '../lib/context.server'
import { parseForm, readFormData, useCaseFailure } from '../lib/forms.server'
import { defineText, useText } from '../i18n/text'
import { Field, FormErrors } from '../ui/form'
import { InstitutionPicker } from '../ui/admin/InstitutionPicker'
import { Notice } from '../ui/Notice'
import { currentInstitution, requireAdministrator } from './admin.program.server'

const text = defineText({
  id: {
    title: 'Keamanan sesi',
    lead: 'Sesi staf berakhir sendiri bila tidak ada aktivitas selama batas di bawah ini; staf lalu masuk lagi dan kembali ke halaman tadi. Untuk petugas kios di meja bersama, pakai batas yang lebih singkat: sesi bantuan kios ikut berakhir bersama sesinya.',
    candidates: 'Sesi calon peserta tetap panjang (30 hari sejak terakhir dipakai, paling lama 90 hari).',
    staff: 'Batas tidak aktif untuk staf (menit)',
    staffHint: 'Administrator, panitia seleksi, pewawancara, penyelenggara. {min}–{max} menit; bawaan 30.',
    kiosk: 'Batas tidak aktif untuk petugas kios (menit)',
    kioskHint: 'Berlaku bagi akun yang juga petugas kios. {min}–{max} menit; bawaan 10.',
    save: 'Simpan',
    busy: 'Menyimpan…',
    saved: 'Batas tidak aktif disimpan; berlaku pada permintaan berikutnya dari setiap sesi.',
    errors: 'Batas belum disimpan.',
  },
  en: {
    title: 'Session security',
    lead: 'A staff session ends by itself after the idle period below; the person signs in again and returns to the page they were on. For kiosk officers at a shared desk use a shorter period: the kiosk assistance session ends with their session.',
    candidates: 'Candidates keep long sessions (30 days from the last use, 90 days at most).',
    staff: 'Idle period for staff (minutes)',
    staffHint: 'Administrators, committee, interviewers, organisers. {min}–{max} minutes; default 30.',
    kiosk: 'Idle period for kiosk officers (minutes)',
    kioskHint: 'Applies to accounts that are also kiosk officers. {min}–{max} minutes; default 10.',
    save: 'Save',
    busy: 'Saving…',
    saved: 'Idle periods saved; they apply at each session’s next request.',
    errors: 'The periods were not saved.',
  },
})

export function meta() {
  return [{ title: 'Keamanan sesi — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const { institutions, current } = await currentInstitution(ctx, request)
  const settings = await getSessionSettings(ctx, { institutionId: current.id }).catch(loaderFailure)
  return { institutions, current, settings, saved: new URL(request.url).searchParams.get('disimpan') === '1' }
}

// Presence and shape only; the use case checks the numbers and says why at each field.
const SettingsForm = z.object({
  staffIdleMinutes: z.string({ error: 'Batas tidak aktif untuk staf wajib diisi.' }),
  kioskIdleMinutes: z.string({ error: 'Batas tidak aktif untuk petugas kios wajib diisi.' }),
})

export async function action({ request }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const { current } = await currentInstitution(ctx, request)
  const formData = await readFormData(request)
  const parsed = parseForm(formData, SettingsForm)
  if (!parsed.ok) return parsed.response
  try {
    await updateSessionSettings(ctx, { institutionId: current.id, ...parsed.value })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  const back = new URL(request.url)
  back.searchParams.set('disimpan', '1')
  return redirect(`${back.pathname}${back.search}`)
}

export default function SessionSecurity({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  const { institutions, current, settings, saved } = loaderData
  const bounds = (s: string) => s.replace('{min}', String(IDLE_MINUTES_MIN)).replace('{max}', String(IDLE_MINUTES_MAX))
  const formAction = institutions.length > 1 ? `?lembaga=${current.id}` : undefined
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <p className="small muted">{t.candidates}</p>
      <InstitutionPicker institutions={institutions} currentId={current.id} />
      {saved && !actionData ? <Notice kind="success">{t.saved}</Notice> : null}
      <FormErrors state={actionData} title={t.errors} />
      <Form method="post" action={formAction} className="stack">
        <Field
          name="staffIdleMinutes"
          label={t.staff}
          hint={bounds(t.staffHint)}
          state={actionData}
          defaultValue={String(settings.staffIdleMinutes)}
          inputMode="numeric"
          maxLength={4}
          required
        />
        <Field
          name="kioskIdleMinutes"
          label={t.kiosk}
          hint={bounds(t.kioskHint)}
          state={actionData}
          defaultValue={String(settings.kioskIdleMinutes)}
          inputMode="numeric"
          maxLength={4}
          required
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.busy : t.save}
          </button>
        </div>
      </Form>
    </>
  )
}
