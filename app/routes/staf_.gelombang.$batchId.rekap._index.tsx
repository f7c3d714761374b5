import { Link } from 'react-router'
import type { Route } from './+types/staf_.gelombang.$batchId.rekap._index'
import { getRecapPage } from '../../server/recap/recapPage'
import { defineText, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { RecapReport } from '../ui/RecapReport'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.page.recap.title} — Latih` : 'Rekap pendaftaran — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const page = await getRecapPage(ctx, { batchId: params.batchId }).catch(loaderFailure)
  return { page }
}

const text = defineText({
  id: { hub: 'Kembali ke seleksi gelombang', all: 'Rekap seluruh lembaga', title: 'Rekap pendaftaran' },
  en: { hub: 'Back to the batch’s selection', all: 'Recap of the whole centre', title: 'Registration recap' },
})

export default function BatchRecap({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const { page } = loaderData
  const b = page.recap.batch!
  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${b.id}`}>{t.hub}</Link> · <Link to="/staf/rekap">{t.all}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {b.programmeName}, {b.label}</span>
      </h1>
      <RecapReport page={page} downloads={{ xlsx: `/staf/gelombang/${b.id}/rekap.xlsx`, pdf: `/staf/gelombang/${b.id}/rekap.pdf` }} />
    </>
  )
}
