import { Link } from 'react-router'
import type { Route } from './+types/staf_.asesmen'
import { listBatchesForAssessmentReport } from '../../server/assessments/listBatchesForAssessmentReport'
import { useFormat } from '../i18n/format'
import { defineText, useText } from '../i18n/text'
import { staffContext } from '../lib/context.server'

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const batches = await listBatchesForAssessmentReport(ctx)
  if (batches.length === 0) throw new Response('', { status: 403 })
  return { batches: batches.map((b) => ({ ...b, assessmentDeadline: b.assessmentDeadline.toISOString() })) }
}

const text = defineText({
  id: {
    title: 'Seleksi per gelombang',
    lead: 'Pilih gelombang untuk membuka langkah seleksinya: asesmen, hasil tes tulis, wawancara, pleno, dan pengaturan.',
    assessments: 'Asesmen',
    writtenTest: 'Hasil tes tulis',
    batch: 'Gelombang',
    deadline: 'Batas asesmen',
  },
  en: {
    title: 'Selection per batch',
    lead: 'Choose a batch to open its selection steps: assessments, written-test results, interviews, plenary and settings.',
    assessments: 'Assessments',
    writtenTest: 'Written-test results',
    batch: 'Batch',
    deadline: 'Assessment deadline',
  },
})

export default function AssessmentBatches({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const format = useFormat()
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <ul className="grid">
        {loaderData.batches.map((b) => (
          <li key={b.batchId} className="card" style={{ listStyle: 'none' }}>
            <h2>
              <Link to={`/staf/gelombang/${b.batchId}`}>
                {b.programmeName} — {t.batch} {b.number}/{b.year}
              </Link>
            </h2>
            <p className="small">
              <Link to={`/staf/gelombang/${b.batchId}/asesmen`}>{t.assessments}</Link> ·{' '}
              <Link to={`/staf/gelombang/${b.batchId}/tes-tulis`}>{t.writtenTest}</Link>
            </p>
            <p className="muted">
              {b.institutionName} · {t.deadline}: {format.dateTime(b.assessmentDeadline)}
            </p>
          </li>
        ))}
      </ul>
    </>
  )
}
