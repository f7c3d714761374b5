import { Link, redirect } from 'react-router'
import type { Route } from './+types/admin.program.baru'
import { createProgramme } from '../../server/programmes/createProgramme'
import { listVocationalFields } from '../../server/programmes/getProgrammeForAdmin'
import { createProgrammeSchema } from '../../server/programmes/input'
import { defineText, useText } from '../i18n/text'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { ProgrammeForm } from '../ui/admin/ProgrammeForm'
import { currentInstitution, requireAdministrator } from './admin.program.server'

const text = defineText({
  id: { back: 'Semua program', title: 'Tambah program', lead: 'Setelah program disimpan, tambahkan gelombangnya.', save: 'Simpan program' },
  en: { back: 'All programmes', title: 'Add programme', lead: 'Once the programme is saved, add its batches.', save: 'Save programme' },
})

export function meta() {
  return [{ title: 'Tambah program — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const { institutions, current } = await currentInstitution(ctx, request)
  const fields = await listVocationalFields(ctx, { institutionId: current.id })
  return { institutions: institutions.map((i) => ({ id: i.id, name: i.name })), currentId: current.id, fields }
}

export async function action({ request }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, createProgrammeSchema)
  if (!parsed.ok) return parsed.response
  try {
    const created = await createProgramme(ctx, parsed.value)
    return redirect(`/admin/program/${created.id}?disimpan=baru`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

export default function NewProgramme({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to="/admin/program">{t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <ProgrammeForm
        state={actionData}
        fields={loaderData.fields}
        institutions={loaderData.institutions}
        submitLabel={t.save}
        defaults={{ institutionId: loaderData.currentId, mode: 'offline', requiredDocuments: 'KTP\nIjazah terakhir\nTanda pendaftaran' }}
      />
    </>
  )
}
