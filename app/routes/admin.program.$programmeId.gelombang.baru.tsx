import { Link, redirect } from 'react-router'
import type { Route } from './+types/admin.program.$programmeId.gelombang.baru'
import { createBatch } from '../../server/programmes/createBatch'
import { getNewBatchDefaults } from '../../server/programmes/getBatchForAdmin'
import { createBatchSchema } from '../../server/programmes/input'
import { defineText, useText } from '../i18n/text'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { BatchForm } from '../ui/admin/BatchForm'
import { Notice } from '../ui/Notice'
import { idParam, requireAdministrator } from './admin.program.server'
import { loaderFailure } from '../lib/context.server'

const text = defineText({
  id: {
    back: 'Kembali ke program',
    title: 'Tambah gelombang',
    save: 'Simpan gelombang',
    archived: 'Program ini diarsipkan. Tampilkan lagi di katalog sebelum menambah gelombang.',
  },
  en: {
    back: 'Back to the programme',
    title: 'Add batch',
    save: 'Save batch',
    archived: 'This programme is archived. Show it in the catalogue again before adding a batch.',
  },
})

export function meta() {
  return [{ title: 'Tambah gelombang — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const programmeId = idParam(params.programmeId, 'Program pelatihan tidak ditemukan.')
  const found = await getNewBatchDefaults(ctx, { programmeId }).catch(loaderFailure)
  return {
    programme: { id: found.programme.id, code: found.programme.code, name: found.programme.name, archived: found.programme.archivedAt !== null },
    timeZone: found.timeZone,
    formValues: found.formValues,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const programmeId = idParam(params.programmeId, 'Program pelatihan tidak ditemukan.')
  const formData = await request.formData()
  formData.set('programmeId', programmeId)
  const parsed = parseForm(formData, createBatchSchema)
  if (!parsed.ok) return parsed.response
  try {
    await createBatch(ctx, parsed.value)
    return redirect(`/admin/program/${programmeId}?disimpan=gelombang`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

export default function NewBatch({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const { programme, timeZone, formValues } = loaderData
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to={`/admin/program/${programme.id}`}>
          {t.back} {programme.code}
        </Link>
      </p>
      <h1>
        {t.title}: {programme.name}
      </h1>
      {programme.archived ? (
        <Notice kind="warning">{t.archived}</Notice>
      ) : (
        <BatchForm state={actionData} defaults={formValues} timeZone={timeZone} submitLabel={t.save} />
      )}
    </>
  )
}
