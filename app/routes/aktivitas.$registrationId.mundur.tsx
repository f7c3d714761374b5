import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/aktivitas.$registrationId.mundur'
import { getRegistration } from '../../server/registrations/getRegistration'
import { withdrawRegistration, WithdrawInput } from '../../server/registrations/withdrawRegistration'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { defineText, useText } from '../i18n/text'
import { FormErrors, TextAreaField } from '../ui/form'
import { Notice } from '../ui/Notice'
import { StateBadge } from '../ui/StateBadge'
import { candidateContext, loaderFailure } from '../lib/context.server'
import { activityItem } from './aktivitas.server'

export function meta() {
  return [{ title: 'Mundur dari pendaftaran — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { actor, ctx } = await candidateContext(request)
  const view = await getRegistration(ctx, { registrationId: params.registrationId }).catch(loaderFailure)
  return { item: activityItem(view, actor, ctx.now) }
}

const FormSchema = WithdrawInput.pick({ reason: true })

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await candidateContext(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, FormSchema)
  if (!parsed.ok) return parsed.response
  try {
    await withdrawRegistration(ctx, { registrationId: params.registrationId, reason: parsed.value.reason })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect(`/aktivitas/${params.registrationId}?mundur=1`)
}

const text = defineText({
  id: {
    title: 'Mundur dari pendaftaran?',
    back: 'Batal, kembali ke pendaftaran',
    what: 'Anda akan mengundurkan diri dari pendaftaran {number} untuk program {programme} ({batch}).',
    consequence1: 'Pendaftaran ini berakhir dan tidak dapat diaktifkan kembali.',
    consequence2: 'Setelah itu Anda dapat mendaftar program atau gelombang lain yang sedang dibuka.',
    consequence3: 'Tanda pendaftaran lama tetap tercatat sebagai riwayat.',
    reason: 'Alasan (tidak wajib)',
    reasonHint: 'Membantu kami memperbaiki jadwal dan program pelatihan.',
    confirm: 'Ya, saya mundur dari pendaftaran ini',
    sending: 'Memproses…',
    formError: 'Pengunduran diri belum dapat diproses.',
    notPossible: 'Pendaftaran ini tidak dapat dimundurkan lagi.',
  },
  en: {
    title: 'Withdraw from this registration?',
    back: 'Cancel, back to the registration',
    what: 'You are about to withdraw from registration {number} for {programme} ({batch}).',
    consequence1: 'This registration ends and cannot be reactivated.',
    consequence2: 'You can then register for another programme or batch that is open.',
    consequence3: 'The old receipt stays in your history.',
    reason: 'Reason (optional)',
    reasonHint: 'It helps us improve training schedules and programmes.',
    confirm: 'Yes, withdraw from this registration',
    sending: 'Processing…',
    formError: 'The withdrawal could not be processed.',
    notPossible: 'This registration can no longer be withdrawn.',
  },
})

export default function Withdraw({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const { item } = loaderData
  const busy = useNavigation().state === 'submitting'
  return (
    <>
      <p>
        <Link to={`/aktivitas/${item.id}`}>{t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>
        <StateBadge state={item.state} />
      </p>
      <p>
        {t.what
          .replace('{number}', item.number)
          .replace('{programme}', item.programme.name)
          .replace('{batch}', item.batch.label)}
      </p>
      {item.canWithdraw ? (
        <>
          <ul>
            <li>{t.consequence1}</li>
            <li>{t.consequence2}</li>
            <li>{t.consequence3}</li>
          </ul>
          <Form method="post" className="stack">
            <FormErrors state={actionData} title={t.formError} />
            <TextAreaField name="reason" label={t.reason} hint={t.reasonHint} state={actionData} maxLength={500} rows={3} />
            <div className="actions">
              <button type="submit" className="danger" disabled={busy}>
                {busy ? t.sending : t.confirm}
              </button>
              <Link to={`/aktivitas/${item.id}`}>{t.back}</Link>
            </div>
          </Form>
        </>
      ) : (
        <Notice kind="info">
          <p>{t.notPossible}</p>
        </Notice>
      )}
    </>
  )
}
