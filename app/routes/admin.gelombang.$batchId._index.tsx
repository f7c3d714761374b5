import { Link, redirect } from 'react-router'
import type { Route } from './+types/admin.gelombang.$batchId._index'
import { getBatchForAdmin } from '../../server/programmes/getBatchForAdmin'
import { updateBatchSchema } from '../../server/programmes/input'
import { updateBatch } from '../../server/programmes/updateBatch'
import { defineText, useText } from '../i18n/text'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { BatchForm } from '../ui/admin/BatchForm'
import { Notice } from '../ui/Notice'
import { idParam, requireAdministrator } from './admin.program.server'
import { loaderFailure } from '../lib/context.server'

const text = defineText({
  id: {
    back: 'Kembali ke program',
    title: 'Ubah gelombang',
    save: 'Simpan perubahan',
    registered: 'Sudah ada {n} pendaftar di gelombang ini. Perubahan tetap dapat disimpan dan dicatat (sebelum/sesudah) di log audit; beri tahu pendaftar bila jadwal berubah.',
    publicPage: 'Lihat halaman publik gelombang ini',
    assessments: 'Pengaturan asesmen gelombang ini',
  },
  en: {
    back: 'Back to the programme',
    title: 'Edit batch',
    save: 'Save changes',
    registered: '{n} people have registered for this batch. Changes can still be saved and are recorded (before/after) in the audit log; tell the registrants when the schedule changes.',
    publicPage: 'See this batch’s public page',
    assessments: 'Assessment settings for this batch',
  },
})

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data ? `Gelombang ${data.batch.number}/${data.batch.year} ${data.programme.name}` : 'Gelombang'} — Latih` }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const batchId = idParam(params.batchId, 'Gelombang tidak ditemukan.')
  const found = await getBatchForAdmin(ctx, { batchId }).catch(loaderFailure)
  return {
    batch: { id: found.batch.id, year: found.batch.year, number: found.batch.number },
    programme: { id: found.programme.id, code: found.programme.code, name: found.programme.name },
    timeZone: found.timeZone,
    formValues: found.formValues,
    registrations: found.registrations,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const batchId = idParam(params.batchId, 'Gelombang tidak ditemukan.')
  const formData = await request.formData()
  formData.set('batchId', batchId)
  const parsed = parseForm(formData, updateBatchSchema)
  if (!parsed.ok) return parsed.response
  try {
    const { batch } = await updateBatch(ctx, parsed.value)
    return redirect(`/admin/program/${batch.programmeId}?disimpan=gelombang`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

export default function EditBatch({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const { batch, programme, timeZone, formValues, registrations } = loaderData
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to={`/admin/program/${programme.id}`}>
          {t.back} {programme.code}
        </Link>
      </p>
      <h1>
        {t.title} {batch.number}/{batch.year}: {programme.name}
      </h1>
      {registrations > 0 ? <Notice kind="warning">{t.registered.replace('{n}', String(registrations))}</Notice> : null}
      <p>
        <Link to={`/gelombang/${batch.id}`}>{t.publicPage}</Link>
        {' · '}
        <Link to={`/admin/gelombang/${batch.id}/asesmen`}>{t.assessments}</Link>
      </p>
      <BatchForm state={actionData} defaults={formValues} timeZone={timeZone} numberLocked={registrations > 0} submitLabel={t.save} />
    </>
  )
}
