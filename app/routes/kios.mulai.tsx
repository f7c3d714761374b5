import { Link, redirect } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/kios.mulai'
import { startAssistedSession } from '../../server/kiosk/startAssistedSession'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { defineText, useText } from '../i18n/text'
import { FormErrors } from '../ui/form'
import { requireKioskOfficer } from './kios.server'

export function meta() {
  return [{ title: 'Sesi bantuan — Latih' }]
}

export function loader() {
  return redirect('/kios')
}

const StartSchema = z.object({
  candidateId: z.string({ error: 'Calon peserta tidak ditemukan.' }),
  // From the search result: a session starts only for an account the officer just found.
  searchToken: z.string().default(''),
})

export async function action({ request }: Route.ActionArgs) {
  const { ctx, institutionId } = await requireKioskOfficer(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, StartSchema)
  if (!parsed.ok) return parsed.response
  try {
    await startAssistedSession(ctx, { institutionId, ...parsed.value })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect('/kios')
}

const text = defineText({
  id: { title: 'Sesi bantuan belum dimulai', formError: 'Sesi bantuan tidak dapat dimulai.', back: 'Kembali ke halaman Kios' },
  en: { title: 'The assistance session did not start', formError: 'The assistance session could not be started.', back: 'Back to the Kiosk page' },
})

// Shown only when starting fails (a start that works redirects to /kios).
export default function KioskStart({ actionData }: Route.ComponentProps) {
  const t = useText(text)
  const errors = actionData?.errors ? { errors: { '': Object.values(actionData.errors).flat() } } : undefined
  return (
    <>
      <h1>{t.title}</h1>
      <FormErrors state={errors} title={t.formError} />
      <p>
        <Link to="/kios">{t.back}</Link>
      </p>
    </>
  )
}
