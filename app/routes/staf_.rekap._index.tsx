import { Form, Link } from 'react-router'
import type { Route } from './+types/staf_.rekap._index'
import { getRecapPage } from '../../server/recap/recapPage'
import { defineText, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { SelectField } from '../ui/form'
import { RecapReport } from '../ui/RecapReport'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.page.recap.title} — Latih` : 'Rekap pendaftaran — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const year = new URL(request.url).searchParams.get('tahun') ?? undefined
  const page = await getRecapPage(ctx, { year }).catch(loaderFailure)
  return { page }
}

const text = defineText({
  id: { home: 'Beranda staf', title: 'Rekap pendaftaran', year: 'Tahun', all: 'Semua tahun', show: 'Tampilkan' },
  en: { home: 'Staff home', title: 'Registration recap', year: 'Year', all: 'All years', show: 'Show' },
})

export default function InstitutionRecap({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const { page } = loaderData
  const r = page.recap
  const query = r.year === null ? '' : `?tahun=${r.year}`
  return (
    <>
      <p className="small">
        <Link to="/staf">{t.home}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {r.institutionName}</span>
      </h1>
      <Form method="get" className="actions">
        <SelectField
          name="tahun"
          label={t.year}
          defaultValue={r.year === null ? '' : String(r.year)}
          options={[{ value: '', label: t.all }, ...r.years.map((y) => ({ value: String(y), label: String(y) }))]}
        />
        <button type="submit" className="secondary">
          {t.show}
        </button>
      </Form>
      <RecapReport page={page} downloads={{ xlsx: `/staf/rekap.xlsx${query}`, pdf: `/staf/rekap.pdf${query}` }} />
    </>
  )
}
