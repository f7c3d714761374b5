import { Link } from 'react-router'
import type { RecapPage } from '../../server/recap/recapPage'
import { useFormat } from '../i18n/format'
import { defineText, useText } from '../i18n/text'

// The registration recap (2024 SOP), shared by the batch and the institution recap
// pages: each section's chart drawn on the server (inline SVG, no JavaScript) followed
// by its table, which is also what screen readers read (the chart is hidden from them).

const text = defineText({
  id: {
    total: 'Jumlah pendaftaran: {n}.',
    generated: 'Dibuat {at}.',
    openBeforeClose: 'Pendaftaran gelombang ini belum ditutup (ditutup {at}); angka masih dapat bertambah.',
    downloads: 'Unduh',
    xlsx: 'Rekap (XLSX)',
    pdf: 'Rekap (PDF)',
    category: 'Kategori',
    count: 'Jumlah',
    share: '%',
    contents: 'Isi rekap',
    batches: 'Per gelombang',
    programme: 'Program',
    batch: 'Gelombang',
    registered: 'Pendaftar',
    passed: 'Lulus',
    reRegistered: 'Daftar ulang',
    none: 'Belum ada pendaftaran.',
  },
  en: {
    total: 'Registrations: {n}.',
    generated: 'Generated {at}.',
    openBeforeClose: 'Registration for this batch is still open (closes {at}); the figures may still grow.',
    downloads: 'Download',
    xlsx: 'Recap (XLSX)',
    pdf: 'Recap (PDF)',
    category: 'Category',
    count: 'Count',
    share: '%',
    contents: 'Contents',
    batches: 'Per batch',
    programme: 'Programme',
    batch: 'Batch',
    registered: 'Registered',
    passed: 'Passed',
    reRegistered: 'Re-registered',
    none: 'No registrations yet.',
  },
})

export function RecapReport({ page, downloads }: { page: RecapPage; downloads: { xlsx: string; pdf: string } }) {
  const t = useText(text)
  const format = useFormat()
  const { recap } = page
  const share = (n: number) => (recap.total === 0 ? '0' : format.number(Math.round((n / recap.total) * 1000) / 10))
  return (
    <>
      <p>
        <strong>{t.total.replace('{n}', format.number(recap.total))}</strong> <span className="small">{t.generated.replace('{at}', format.dateTime(recap.generatedAt))}</span>
      </p>
      {recap.batch && !recap.batch.registrationClosed ? <p className="small">{t.openBeforeClose.replace('{at}', format.dateTime(recap.batch.registrationClosesAt))}</p> : null}
      <p className="actions">
        <span>{t.downloads}:</span>
        <a className="button secondary" href={downloads.xlsx} download>
          {t.xlsx}
        </a>
        <a className="button secondary" href={downloads.pdf} download>
          {t.pdf}
        </a>
      </p>
      {recap.total === 0 ? <p>{t.none}</p> : null}
      <nav aria-label={t.contents}>
        <ul className="small">
          {page.sections.map((s) => (
            <li key={s.key}>
              <a href={`#${s.key}`}>{s.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      {page.sections.map((s) => (
        <section key={s.key} className="card">
          <h2 id={s.key}>{s.title}</h2>
          <div aria-hidden="true" className="chart" dangerouslySetInnerHTML={{ __html: s.svg }} />
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={s.key}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.category}</th>
                  <th scope="col">{t.count}</th>
                  <th scope="col">{t.share}</th>
                </tr>
              </thead>
              <tbody>
                {s.rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    <td>{format.number(r.count)}</td>
                    <td>{share(r.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {recap.batches.length > 0 ? (
        <section>
          <h2 id="per-batch">{t.batches}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="per-batch">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.programme}</th>
                  <th scope="col">{t.registered}</th>
                  <th scope="col">{t.passed}</th>
                  <th scope="col">{t.reRegistered}</th>
                </tr>
              </thead>
              <tbody>
                {recap.batches.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">
                      <Link to={`/staf/gelombang/${b.id}/rekap`}>
                        {b.programmeName}, {b.label}
                      </Link>
                    </th>
                    <td>{format.number(b.total)}</td>
                    <td>{format.number(b.passed)}</td>
                    <td>{format.number(b.reRegistered)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  )
}
