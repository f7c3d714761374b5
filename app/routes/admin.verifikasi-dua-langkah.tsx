import { Form, Link, redirect, useNavigation, useSearchParams } from 'react-router'
import type { Route } from './+types/admin.verifikasi-dua-langkah'
import { getSecondFactorRequirement, setSecondFactorRequirement } from '../../server/accounts/secondFactorRequirement'
import { defineText, useText } from '../i18n/text'
import { loaderFailure } from '../lib/context.server'
import { failure, readFormData, useCaseFailure } from '../lib/forms.server'
import { FormErrors } from '../ui/form'
import { InstitutionPicker } from '../ui/admin/InstitutionPicker'
import { RoleBadges } from '../ui/admin/StaffRoles'
import { Notice } from '../ui/Notice'
import { currentInstitution, requireAdministrator } from './admin.staf.server'
import { withInstitution } from '../ui/admin/institutionLink'

// An institution's rule that its administrators and committee members use two-step
// verification (docs/decisions/020).

export function meta() {
  return [{ title: 'Wajib verifikasi dua langkah — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const { institutions, current } = await currentInstitution(ctx, request)
  const view = await getSecondFactorRequirement(ctx, { institutionId: current.id }).catch(loaderFailure)
  return { institutions, current, view }
}

export async function action({ request }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const { institutions, current } = await currentInstitution(ctx, request)
  const formData = await readFormData(request)
  const value = formData.get('required')
  if (value !== 'ya' && value !== 'tidak') return failure(formData, { required: ['Pilih wajib atau tidak wajib.'] })
  try {
    const result = await setSecondFactorRequirement(ctx, { institutionId: current.id, required: value === 'ya' })
    return redirect(
      withInstitution('/admin/verifikasi-dua-langkah', current.id, institutions.length > 1, {
        tersimpan: value,
        ...(result.sessionsEnded > 0 ? { keluar: String(result.sessionsEnded) } : {}),
      }),
    )
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

const text = defineText({
  id: {
    title: 'Wajib verifikasi dua langkah',
    lead: 'Bila diwajibkan, administrator dan panitia seleksi lembaga ini harus memasukkan kode dari aplikasi autentikator setiap kali masuk. Yang belum mengaktifkannya diarahkan untuk mengaktifkannya tepat setelah kata sandi, sebelum bisa membuka halaman staf lain; sesi mereka yang sedang berjalan diakhiri saat kewajiban ini dinyalakan.',
    staff: 'Staf lembaga',
    ownLink: 'Verifikasi dua langkah saya',
    legend: 'Untuk administrator dan panitia seleksi',
    yes: 'Wajib',
    no: 'Tidak wajib (masing-masing boleh mengaktifkannya sendiri)',
    save: 'Simpan',
    busy: 'Menyimpan…',
    errors: 'Pengaturan belum disimpan.',
    savedOn: 'Disimpan: verifikasi dua langkah kini wajib.',
    savedOff: 'Disimpan: verifikasi dua langkah tidak wajib.',
    signedOut: '{n} orang yang belum mengaktifkannya dikeluarkan dari sesinya dan akan diminta mengaktifkannya saat masuk lagi.',
    members: 'Administrator dan panitia seleksi',
    name: 'Nama',
    roles: 'Peran',
    status: 'Verifikasi dua langkah',
    on: 'Aktif',
    off: 'Belum aktif',
  },
  en: {
    title: 'Require two-step verification',
    lead: "When required, this institution's administrators and selection committee must enter a code from an authenticator app at every sign-in. Those who have not turned it on are sent to do so right after their password, before any other staff page; their current sessions end when the requirement is switched on.",
    staff: 'Institution staff',
    ownLink: 'My two-step verification',
    legend: 'For administrators and the selection committee',
    yes: 'Required',
    no: 'Not required (each may turn it on for themselves)',
    save: 'Save',
    busy: 'Saving…',
    errors: 'The setting was not saved.',
    savedOn: 'Saved: two-step verification is now required.',
    savedOff: 'Saved: two-step verification is not required.',
    signedOut: '{n} people who had not turned it on were signed out and will be asked to turn it on when they sign in again.',
    members: 'Administrators and selection committee',
    name: 'Name',
    roles: 'Roles',
    status: 'Two-step verification',
    on: 'On',
    off: 'Not on yet',
  },
})

export default function SecondFactorRequirement({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  const [search] = useSearchParams()
  const { institutions, current, view } = loaderData
  const saved = search.get('tersimpan')
  const signedOut = search.get('keluar')
  const error = actionData?.errors?.required?.[0]
  const checked = actionData?.values?.required ?? (view.required ? 'ya' : 'tidak')
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <InstitutionPicker institutions={institutions} currentId={current.id} />
      {saved ? <Notice kind="success">{saved === 'ya' ? t.savedOn : t.savedOff}</Notice> : null}
      {signedOut ? <Notice kind="info">{t.signedOut.replace('{n}', signedOut)}</Notice> : null}
      <FormErrors state={actionData} title={t.errors} />
      <Form method="post" className="stack">
        <fieldset aria-describedby={error ? 'required-error' : undefined} className={error ? 'field-invalid' : undefined}>
          <legend>{t.legend}</legend>
          {error ? (
            <p className="error" id="required-error">
              {error} <Link to="/akun/dua-langkah">{t.ownLink}</Link>
            </p>
          ) : null}
          <div className="field field-check">
            <input type="radio" id="required-ya" name="required" value="ya" defaultChecked={checked === 'ya'} />
            <label htmlFor="required-ya">{t.yes}</label>
          </div>
          <div className="field field-check">
            <input type="radio" id="required-tidak" name="required" value="tidak" defaultChecked={checked === 'tidak'} />
            <label htmlFor="required-tidak">{t.no}</label>
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.busy : t.save}
          </button>
        </div>
      </Form>
      <h2>{t.members}</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t.members}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.roles}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {view.members.map((m) => (
              <tr key={m.userId}>
                <td>
                  {m.displayName}
                  <br />
                  <span className="muted">{m.email}</span>
                </td>
                <td>
                  <RoleBadges roles={m.roles} />
                </td>
                <td>{m.enabled ? t.on : t.off}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link to="/akun/dua-langkah">{t.ownLink}</Link> · <Link to={withInstitution('/admin/staf', current.id, institutions.length > 1)}>{t.staff}</Link>
      </p>
    </>
  )
}
