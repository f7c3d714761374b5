import { data, Form, Link, redirect, useNavigation, useSearchParams } from 'react-router'
import type { Route } from './+types/admin.staf.$userId'
import { changeStaffRoles } from '../../server/staff/changeStaffRoles'
import { deactivateStaff } from '../../server/staff/deactivateStaff'
import { getStaffMember } from '../../server/staff/listStaff'
import { resendStaffInvitation } from '../../server/staff/resendStaffInvitation'
import { defineText, useText } from '../i18n/text'
import { loaderFailure } from '../lib/context.server'
import { failure, useCaseFailure } from '../lib/forms.server'
import { FieldShell, FormErrors } from '../ui/form'
import { RoleBadges, RoleCheckboxes } from '../ui/admin/StaffRoles'
import { Notice } from '../ui/Notice'
import { currentInstitution, idParam, readForm, requireAdministrator, rolesOf } from './admin.staf.server'
import { withInstitution } from '../ui/admin/institutionLink'

const text = defineText({
  id: {
    back: 'Kembali ke daftar staf',
    email: 'E-mail',
    roles: 'Peran sekarang',
    pending: 'Belum membuat kata sandi. Tautan undangan berlaku 7 hari sejak dikirim.',
    resend: 'Kirim ulang undangan',
    resent: 'Undangan baru dikirim.',
    resendErrors: 'Undangan belum dikirim ulang.',
    saved: 'Peran disimpan. Perubahan berlaku pada klik berikutnya orang ini.',
    changeTitle: 'Ubah peran',
    save: 'Simpan peran',
    saving: 'Menyimpan…',
    rolesErrors: 'Peran belum disimpan.',
    deactivateTitle: 'Nonaktifkan',
    deactivateLead: 'Semua peran orang ini di lembaga ini dilepas dan semua sesinya langsung berakhir: ia keluar dari setiap perangkat. Riwayatnya di log audit tetap ada. Mengundang e-mail yang sama lagi memberikan perannya kembali.',
    confirm: 'Ya, nonaktifkan {name}',
    deactivate: 'Nonaktifkan staf',
    deactivateErrors: 'Staf belum dinonaktifkan.',
    confirmMissing: 'Centang kotak ini untuk memastikan.',
  },
  en: {
    back: 'Back to the staff list',
    email: 'E-mail',
    roles: 'Current roles',
    pending: 'Has not set a password yet. The invitation link is valid for 7 days from sending.',
    resend: 'Send the invitation again',
    resent: 'A new invitation was sent.',
    resendErrors: 'The invitation was not sent again.',
    saved: 'Roles saved. The change applies from this person’s next click.',
    changeTitle: 'Change roles',
    save: 'Save roles',
    saving: 'Saving…',
    rolesErrors: 'The roles were not saved.',
    deactivateTitle: 'Deactivate',
    deactivateLead: 'All this person’s roles in this institution are removed and all their sessions end at once: they are signed out on every device. Their history in the audit log stays. Inviting the same e-mail again gives the roles back.',
    confirm: 'Yes, deactivate {name}',
    deactivate: 'Deactivate staff member',
    deactivateErrors: 'The staff member was not deactivated.',
    confirmMissing: 'Tick this box to confirm.',
  },
})

export function meta({ data: loaded }: Route.MetaArgs) {
  return [{ title: `${loaded ? loaded.member.displayName : 'Staf'} — Latih` }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const userId = idParam(params.userId, 'Staf tidak ditemukan.')
  const { institutions, current } = await currentInstitution(ctx, request)
  const member = await getStaffMember(ctx, { institutionId: current.id, userId }).catch(loaderFailure)
  return { current, several: institutions.length > 1, member }
}

const INTENTS = ['roles', 'resend', 'deactivate'] as const

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const userId = idParam(params.userId, 'Staf tidak ditemukan.')
  const { institutions, current } = await currentInstitution(ctx, request)
  const formData = await readForm(request)
  const intent = formData.get('intent')
  if (!INTENTS.includes(intent as (typeof INTENTS)[number])) throw data('Tindakan tidak dikenal.', { status: 400 })
  const here = (extra: Record<string, string>) => withInstitution(`/admin/staf/${userId}`, current.id, institutions.length > 1, extra)
  try {
    if (intent === 'roles') {
      await changeStaffRoles(ctx, { institutionId: current.id, userId, roles: rolesOf(formData) })
      return redirect(here({ disimpan: '1' }))
    }
    if (intent === 'resend') {
      await resendStaffInvitation(ctx, { institutionId: current.id, userId })
      return redirect(here({ terkirim: '1' }))
    }
    if (formData.get('confirm') !== 'yes') return failure(formData, { confirm: [text.id.confirmMissing] })
    const member = await getStaffMember(ctx, { institutionId: current.id, userId })
    await deactivateStaff(ctx, { institutionId: current.id, userId })
    return redirect(withInstitution('/admin/staf', current.id, institutions.length > 1, { dinonaktifkan: member.displayName }))
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

export default function StaffMemberPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const { current, several, member } = loaderData
  const intent = actionData?.values?.intent
  const rolesState = intent === 'roles' ? actionData : undefined
  const resendState = intent === 'resend' ? actionData : undefined
  const deactivateState = intent === 'deactivate' ? actionData : undefined
  const busy = (which: string) => navigation.state === 'submitting' && navigation.formData?.get('intent') === which
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to={withInstitution('/admin/staf', current.id, several)}>{t.back}</Link>
      </p>
      <h1>{member.displayName}</h1>
      <dl className="facts card">
        <dt>{t.email}</dt>
        <dd>{member.email}</dd>
        <dt>{t.roles}</dt>
        <dd>
          <RoleBadges roles={member.roles} />
        </dd>
      </dl>
      {search.get('disimpan') && !actionData ? <Notice kind="success">{t.saved}</Notice> : null}
      {search.get('terkirim') && !actionData ? <Notice kind="success">{t.resent}</Notice> : null}
      <FormErrors state={resendState} title={t.resendErrors} />
      {member.invitationPending ? (
        <Notice kind="warning">
          <p>{t.pending}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="resend" />
            <button type="submit" className="secondary" disabled={busy('resend')}>
              {t.resend}
            </button>
          </Form>
        </Notice>
      ) : null}

      <h2>{t.changeTitle}</h2>
      <FormErrors state={rolesState} title={t.rolesErrors} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="roles" />
        <RoleCheckboxes state={rolesState} checked={member.roles} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy('roles')}>
            {busy('roles') ? t.saving : t.save}
          </button>
        </div>
      </Form>

      <h2>{t.deactivateTitle}</h2>
      <p>{t.deactivateLead}</p>
      <FormErrors state={deactivateState} title={t.deactivateErrors} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="deactivate" />
        <FieldShell id="confirm-deactivate" label={t.confirm.replace('{name}', member.displayName)} error={deactivateState?.errors?.confirm?.[0]} check>
          {(control) => <input {...control} type="checkbox" name="confirm" value="yes" />}
        </FieldShell>
        <div className="actions">
          <button type="submit" className="danger" disabled={busy('deactivate')}>
            {t.deactivate}
          </button>
        </div>
      </Form>
    </>
  )
}
