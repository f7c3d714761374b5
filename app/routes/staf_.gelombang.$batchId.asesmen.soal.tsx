import { Link } from 'react-router'
import type { Route } from './+types/staf_.gelombang.$batchId.asesmen.soal'
import { ITEM_FLAG_LABELS, MIN_ATTEMPTS_FOR_FLAGS } from '../../domain/itemStatistics'
import { getWrittenTestItemStatistics } from '../../server/assessments/getWrittenTestItemStatistics'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'

export function meta() {
  return [{ title: 'Statistik soal tes tulis — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const stats = await getWrittenTestItemStatistics(ctx, { batchId: params.batchId }).catch(
    loaderFailure,
  )
  return { stats, batchId: params.batchId }
}

const text = defineText({
  id: {
    title: 'Statistik soal tes tulis',
    back: 'Kembali ke asesmen gelombang',
    lead: 'Dihitung dari {n} tes tulis yang sudah dikumpulkan di gelombang ini. Soal yang perlu ditinjau tampil paling atas.',
    help: '% benar: tingkat kesukaran (terlalu tinggi atau terlalu rendah kurang membedakan). Daya beda: selisih % benar antara 27% peserta teratas dan 27% terbawah (0,2 ke atas baik; negatif berarti peserta kuat justru salah — periksa kunci). Point-biserial: korelasi soal dengan nilai sisa tes. Catatan baru muncul setelah {min} peserta.',
    none: 'Belum ada tes tulis yang dikumpulkan.',
    question: 'Soal',
    n: 'Peserta',
    p: '% benar',
    d: 'Daya beda',
    rpb: 'Point-biserial',
    choices: 'Pilihan dipilih',
    blank: 'kosong',
    key: 'kunci',
    flags: 'Catatan',
    ok: 'Baik',
    version: 'versi',
  },
  en: {
    title: 'Written-test item statistics',
    back: 'Back to the batch assessments',
    lead: 'From {n} submitted written tests of this batch. Questions to review come first.',
    help: '% correct: difficulty (very high or very low tells candidates apart poorly). Discrimination: % correct in the top 27% minus the bottom 27% (0.2 and above is good; negative means strong candidates get it wrong — check the key). Point-biserial: correlation of the item with the rest of the test. Notes appear from {min} candidates.',
    none: 'No written test has been submitted yet.',
    question: 'Question',
    n: 'Candidates',
    p: '% correct',
    d: 'Discrimination',
    rpb: 'Point-biserial',
    choices: 'Options chosen',
    blank: 'blank',
    key: 'key',
    flags: 'Notes',
    ok: 'Fine',
    version: 'version',
  },
})

export default function ItemStatisticsPage({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const { stats, batchId } = loaderData
  const num = (v: number | null) => (v === null ? '—' : format.number(v))
  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${batchId}/asesmen`}>{t.back}</Link>
      </p>
      <h1 id="stats-title">{t.title}</h1>
      {stats.attempts === 0 ? (
        <p>{t.none}</p>
      ) : (
        <>
          <p>{t.lead.replace('{n}', String(stats.attempts))}</p>
          <p className="small">{t.help.replace('{min}', String(MIN_ATTEMPTS_FOR_FLAGS))}</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="stats-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.question}</th>
                  <th scope="col">{t.n}</th>
                  <th scope="col">{t.p}</th>
                  <th scope="col">{t.d}</th>
                  <th scope="col">{t.rpb}</th>
                  <th scope="col">{t.choices}</th>
                  <th scope="col">{t.flags}</th>
                </tr>
              </thead>
              <tbody>
                {stats.items.map((s) => (
                  <tr key={s.questionVersionId}>
                    <th scope="row">
                      {s.questionCode}{' '}
                      <span className="small muted">
                        ({t.version} {s.version}, {s.bankTitle})
                      </span>
                      <br />
                      <span className="small" style={{ fontWeight: 400 }}>
                        {s.stem.length > 140 ? `${s.stem.slice(0, 140)}…` : s.stem}
                      </span>
                    </th>
                    <td>{s.n}</td>
                    <td>{format.number(Math.round(s.pCorrect * 1000) / 10)}</td>
                    <td>{num(s.discrimination)}</td>
                    <td>{num(s.pointBiserial)}</td>
                    <td className="small">
                      {s.choices.map((c) => (
                        <span key={c.key} style={{ display: 'block' }}>
                          {c.key}: {c.count}
                          {c.correct ? <strong> ({t.key})</strong> : null}
                        </span>
                      ))}
                      {s.blank > 0 ? (
                        <span style={{ display: 'block' }}>
                          {t.blank}: {s.blank}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {s.flags.length === 0
                        ? t.ok
                        : s.flags.map((f) => (
                            <span key={f} className="badge badge-warn" style={{ display: 'inline-block', marginBottom: '4px' }}>
                              {ITEM_FLAG_LABELS[f][locale]}
                            </span>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  )
}
