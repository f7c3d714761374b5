import { Link, useSearchParams } from 'react-router'
import type { Route } from './+types/admin.bank-soal.$bankId._index'
import { getBank } from '../../server/assessments/banks/getBank'
import { questionImageUrl } from '../../server/assessments/banks/images'
import { KIND_LABEL, KIND_LABEL_EN } from '../../server/assessments/banks/options'
import { kindHasScales } from '../../server/assessments/banks/scaleRules'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { Notice } from '../ui/Notice'
import { idParam, requireAdministrator } from './admin.bank-soal.server'
import { loaderFailure } from '../lib/context.server'

const text = defineText({
  id: {
    back: 'Kembali ke bank soal',
    kind: 'Asesmen',
    field: 'Bidang kejuruan',
    general: 'Umum (kemampuan umum)',
    active: 'Soal aktif',
    archivedCount: 'Soal diarsipkan',
    description: 'Keterangan',
    addQuestion: 'Tambah soal',
    import: 'Impor XLSX',
    export: 'Ekspor XLSX',
    editBank: 'Ubah bank',
    scales: 'Skala',
    scaleCode: 'Kode',
    scaleName: 'Nama',
    scaleFields: 'Bidang yang disarankan',
    noScales: 'Bank ini belum punya skala. Soal skala harus menunjuk sebuah skala: tambahkan skala lewat "Ubah bank" atau lembar Skala pada impor.',
    usedBy: 'Dipakai gelombang',
    usedByNone: 'Belum dipakai gelombang mana pun.',
    usedByCount: '{n} soal',
    deadline: 'batas asesmen',
    questions: 'Soal',
    none: 'Belum ada soal. Tambahkan satu per satu atau impor berkas XLSX.',
    number: 'No.',
    code: 'Kode',
    stem: 'Pertanyaan',
    answer: 'Kunci / skala',
    version: 'Versi',
    edit: 'Ubah',
    action: 'Tindakan',
    image: 'bergambar',
    reverse: 'skor terbalik',
    archived: 'Soal yang diarsipkan ({n})',
    archivedHint: 'Tidak diambil untuk asesmen baru; asesmen yang sudah dikerjakan tetap memakainya.',
    savedBank: 'Bank soal tersimpan.',
    savedQuestion: 'Soal tersimpan.',
    archivedDone: 'Soal diarsipkan.',
    restoredDone: 'Soal dipulihkan.',
    imported: 'Impor selesai: {c} soal baru, {u} soal diperbarui (versi baru), {n} tidak berubah.',
    importedScales: 'Daftar skala bank diperbarui dari lembar Skala.',
  },
  en: {
    back: 'Back to question banks',
    kind: 'Assessment',
    field: 'Vocational field',
    general: 'General (aptitude)',
    active: 'Active questions',
    archivedCount: 'Archived questions',
    description: 'Description',
    addQuestion: 'Add a question',
    import: 'Import XLSX',
    export: 'Export XLSX',
    editBank: 'Edit bank',
    scales: 'Scales',
    scaleCode: 'Code',
    scaleName: 'Name',
    scaleFields: 'Suggested fields',
    noScales: 'This bank has no scales yet. Scaled items must point at a scale: add scales under "Edit bank" or with the Skala sheet of an import.',
    usedBy: 'Used by batches',
    usedByNone: 'Not used by any batch yet.',
    usedByCount: '{n} questions',
    deadline: 'assessment deadline',
    questions: 'Questions',
    none: 'No questions yet. Add them one by one or import an XLSX file.',
    number: 'No.',
    code: 'Code',
    stem: 'Question',
    answer: 'Key / scale',
    version: 'Version',
    edit: 'Edit',
    action: 'Action',
    image: 'with image',
    reverse: 'reverse-scored',
    archived: 'Archived questions ({n})',
    archivedHint: 'Not drawn for new attempts; attempts already taken keep them.',
    savedBank: 'Question bank saved.',
    savedQuestion: 'Question saved.',
    archivedDone: 'Question archived.',
    restoredDone: 'Question restored.',
    imported: 'Import done: {c} new questions, {u} updated (new version), {n} unchanged.',
    importedScales: 'The bank’s scales were updated from the Skala sheet.',
  },
})

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data ? `${data.bank.code} — ${data.bank.title}` : 'Bank soal'} — Latih` }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const bankId = idParam(params.bankId, 'Bank soal tidak ditemukan.')
  const found = await getBank(ctx, { bankId }).catch(loaderFailure)
  return {
    bank: {
      id: found.bank.id,
      code: found.bank.code,
      title: found.bank.title,
      description: found.bank.description,
      kind: found.bank.kind,
      vocationalField: found.bank.vocationalField,
      scales: found.bank.scales,
    },
    questions: found.questions.map((q) => ({
      id: q.id,
      code: q.code,
      archived: q.archivedAt !== null,
      version: q.version,
      type: q.type,
      stem: q.stem,
      imageKey: q.imageKey,
      answer: q.type === 'multiple_choice' ? `${q.correctOptionKey}. ${q.options.find((o) => o.key === q.correctOptionKey)?.text ?? ''}` : (q.scaleCode ?? '—'),
      reverseScored: q.reverseScored,
    })),
    usedBy: found.usedBy,
  }
}

const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

export default function BankDetail({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const fmt = useFormat()
  const [search] = useSearchParams()
  const { bank, questions, usedBy } = loaderData
  const active = questions.filter((q) => !q.archived)
  const archived = questions.filter((q) => q.archived)
  const imported = search.get('impor')?.split('.').map(Number)
  const saved = search.get('disimpan')

  const table = (list: typeof questions) => (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t.number}</th>
            <th scope="col">{t.code}</th>
            <th scope="col">{t.stem}</th>
            <th scope="col">{t.answer}</th>
            <th scope="col">{t.version}</th>
            <th scope="col">{t.action}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((q, i) => (
            <tr key={q.id}>
              <td>{i + 1}</td>
              <th scope="row" style={{ whiteSpace: 'nowrap' }}>
                {q.code}
              </th>
              <td>
                {short(q.stem)}{' '}
                {q.imageKey ? (
                  <a className="badge" href={questionImageUrl(q.imageKey)}>
                    {t.image}
                  </a>
                ) : null}{' '}
                {q.reverseScored ? <span className="badge badge-warn">{t.reverse}</span> : null}
              </td>
              <td>{short(q.answer, 60)}</td>
              <td>{q.version}</td>
              <td>
                <Link to={`/admin/bank-soal/${bank.id}/soal/${q.id}`} aria-label={`${t.edit} ${q.code}`}>
                  {t.edit}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )

  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to="/admin/bank-soal">{t.back}</Link>
      </p>
      <h1>
        {bank.code} — {bank.title}
      </h1>
      {saved === 'bank' ? <Notice kind="success">{t.savedBank}</Notice> : null}
      {saved === 'soal' ? <Notice kind="success">{t.savedQuestion}</Notice> : null}
      {saved === 'arsip' ? <Notice kind="success">{t.archivedDone}</Notice> : null}
      {saved === 'pulih' ? <Notice kind="success">{t.restoredDone}</Notice> : null}
      {imported && imported.length >= 3 && imported.every((n) => Number.isInteger(n)) ? (
        <Notice kind="success">
          <p>
            {t.imported
              .replace('{c}', String(imported[0]))
              .replace('{u}', String(imported[1]))
              .replace('{n}', String(imported[2]))}
          </p>
          {imported[3] === 1 ? <p>{t.importedScales}</p> : null}
        </Notice>
      ) : null}
      <dl className="facts card">
        <dt>{t.kind}</dt>
        <dd>{(locale === 'en' ? KIND_LABEL_EN : KIND_LABEL)[bank.kind]}</dd>
        {bank.kind === 'written_test' ? (
          <>
            <dt>{t.field}</dt>
            <dd>{bank.vocationalField ?? t.general}</dd>
          </>
        ) : null}
        <dt>{t.active}</dt>
        <dd>{active.length}</dd>
        <dt>{t.archivedCount}</dt>
        <dd>{archived.length}</dd>
        {bank.description ? (
          <>
            <dt>{t.description}</dt>
            <dd style={{ whiteSpace: 'pre-line', fontWeight: 400 }}>{bank.description}</dd>
          </>
        ) : null}
      </dl>
      <div className="actions">
        <Link className="button" to={`/admin/bank-soal/${bank.id}/soal/baru`}>
          {t.addQuestion}
        </Link>
        <Link className="button secondary" to={`/admin/bank-soal/${bank.id}/impor`}>
          {t.import}
        </Link>
        <a className="button secondary" href={`/admin/bank-soal/${bank.id}/ekspor`} download>
          {t.export}
        </a>
        <Link to={`/admin/bank-soal/${bank.id}/ubah`}>{t.editBank}</Link>
      </div>

      {kindHasScales(bank.kind) ? (
        <section aria-labelledby="scales">
          <h2 id="scales">{t.scales}</h2>
          {bank.scales.length === 0 ? (
            <Notice kind={bank.kind === 'potential' ? 'warning' : 'info'}>{t.noScales}</Notice>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.scaleCode}</th>
                    <th scope="col">{t.scaleName}</th>
                    {bank.kind === 'potential' ? <th scope="col">{t.scaleFields}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {bank.scales.map((s) => (
                    <tr key={s.code}>
                      <th scope="row">{s.code}</th>
                      <td>
                        {s.name}
                        {s.description ? <span className="small muted"> — {s.description}</span> : null}
                      </td>
                      {bank.kind === 'potential' ? <td>{s.suggestedFields.join(', ') || '—'}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      <section aria-labelledby="used-by">
        <h2 id="used-by">{t.usedBy}</h2>
        {usedBy.length === 0 ? (
          <p className="muted">{t.usedByNone}</p>
        ) : (
          <ul>
            {usedBy.map((u) => (
              <li key={u.batchId}>
                <Link to={`/admin/gelombang/${u.batchId}/asesmen`}>
                  {u.programmeName} {u.number}/{u.year}
                </Link>
                : {t.usedByCount.replace('{n}', String(u.count))} ({t.deadline} {fmt.dateTime(u.assessmentDeadline)})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="questions">
        <h2 id="questions">
          {t.questions} ({active.length})
        </h2>
        {active.length === 0 ? <Notice>{t.none}</Notice> : table(active)}
        {archived.length > 0 ? (
          <details>
            <summary>{t.archived.replace('{n}', String(archived.length))}</summary>
            <p className="hint">{t.archivedHint}</p>
            {table(archived)}
          </details>
        ) : null}
      </section>
    </>
  )
}
