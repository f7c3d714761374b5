import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/admin.staf.undang'
import { inviteStaff } from '../../server/staff/inviteStaff'
import { defineText, useText } from '../i18n/text'
import { useCaseFailure } from '../lib/forms.server'
import { Field, FormErrors } from '../ui/form'
import { RoleCheckboxes } from '../ui/admin/StaffRoles'
import { currentInstitution, readForm, requireAdministrator, rolesOf } from './admin.staf.server'
import { withInstitution } from '../ui/admin/institutionLink'

const text = defineText({
  id: {
    back: 'Kembali ke daftar staf',
    title: 'Undang staf',
    lead: 'Orang yang diundang menerima e-mail berisi tautan sekali pakai untuk membuat kata sandinya sendiri (berlaku 7 hari). Setelah itu ia masuk dengan e-mail dan kata sandi tersebut.',
    institution: 'Lembaga: {name}',
    email: 'E-mail',
    emailHint: 'E-mail milik orang itu sendiri, sebaiknya e-mail kantor. Tidak boleh e-mail akun calon peserta.',
    name: 'Nama lengkap',
    submit: 'Kirim undangan',
    busy: 'Mengirim…',
    errors: 'Undangan belum dikirim.',
  },
  en: {
    back: 'Back to the staff list',
    title: 'Invite staff',
    lead: 'The person invited gets an e-mail with a one-time link to set their own password (valid for 7 days), then signs in with that e-mail and password.',
    institution: 'Institution: {name}',
    email: 'E-mail',
    emailHint: 'Their own e-mail address, preferably the office one. Not the e-mail of a candidate account.',
    name: 'Full name',
    submit: 'Send invitation',
    busy: 'Sending…',
    errors: 'The invitation was not sent.',
  },
})

export function meta() {
  return [{ title: 'Undang staf — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const { institutions, current } = await currentInstitution(ctx, request)
  return { current, several: institutions.length > 1 }
}

export async function action({ request }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const { institutions, current } = await currentInstitution(ctx, request)
  const formData = await readForm(request)
  const field = (name: string) => {
    const value = formData.get(name)
    return typeof value === 'string' ? value : ''
  }
  try {
    await inviteStaff(ctx, {
      institutionId: current.id,
      email: field('email'),
      displayName: field('displayName'),
      roles: rolesOf(formData),
    })
    return redirect(withInstitution('/admin/staf', current.id, institutions.length > 1, { diundang: field('email').trim().toLowerCase() }))
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

export default function InviteStaff({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  const { current, several } = loaderData
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to={withInstitution('/admin/staf', current.id, several)}>{t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      {several ? <p className="muted">{t.institution.replace('{name}', current.name)}</p> : null}
      <FormErrors state={actionData} title={t.errors} />
      <Form method="post" noValidate className="stack">
        <Field name="email" type="email" label={t.email} hint={t.emailHint} state={actionData} autoComplete="off" inputMode="email" required />
        <Field name="displayName" label={t.name} state={actionData} autoComplete="off" required />
        <RoleCheckboxes state={actionData} checked={[]} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.busy : t.submit}
          </button>
        </div>
      </Form>
    </>
  )
}
