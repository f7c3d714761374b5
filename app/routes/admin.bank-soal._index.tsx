import { Link } from 'react-router'
import type { Route } from './+types/admin.bank-soal._index'
import { listBanks } from '../../server/assessments/banks/listBanks'
import { KIND_LABEL, KIND_LABEL_EN, type AssessmentKind } from '../../server/assessments/banks/options'
import { defineText, useLocale, useText } from '../i18n/text'
import { InstitutionPicker } from '../ui/admin/InstitutionPicker'
import { Notice } from '../ui/Notice'
import { currentInstitution, requireAdministrator } from './admin.bank-soal.server'
import { loaderFailure } from '../lib/context.server'

const text = defineText({
  id: {
    title: 'Bank soal',
    lead: 'Soal ketiga asesmen SOP langkah 5. Setiap gelombang memilih bank dan jumlah soalnya di halaman pengaturan asesmen gelombang.',
    add: 'Buat bank soal',
    empty: 'Belum ada bank soal untuk asesmen ini.',
    code: 'Kode',
    bank: 'Bank',
    field: 'Bidang kejuruan',
    general: 'Umum',
    active: 'Soal aktif',
    archived: 'Diarsipkan',
    scales: 'Skala',
    template: 'Cara mengisi templat XLSX ada di petunjuk templat (lembar "Petunjuk" pada setiap berkas ekspor).',
    programmes: 'Program & gelombang',
  },
  en: {
    title: 'Question banks',
    lead: 'Questions of the three assessments of SOP step 5. Each batch chooses its banks and question counts on its assessment settings page.',
    add: 'Create a question bank',
    empty: 'No question bank for this assessment yet.',
    code: 'Code',
    bank: 'Bank',
    field: 'Vocational field',
    general: 'General',
    active: 'Active questions',
    archived: 'Archived',
    scales: 'Scales',
    template: 'How to fill in the XLSX template is explained on the "Petunjuk" sheet of every exported file.',
    programmes: 'Programmes & batches',
  },
})

export function meta() {
  return [{ title: 'Bank soal — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const { institutions, current } = await currentInstitution(ctx, request)
  const { banks } = await listBanks(ctx, { institutionId: current.id }).catch(loaderFailure)
  return { institutions: institutions.map((i) => ({ id: i.id, name: i.name })), current: { id: current.id, name: current.name }, banks }
}

const KINDS: AssessmentKind[] = ['self_assessment', 'potential', 'written_test']

export default function QuestionBanks({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const { institutions, current, banks } = loaderData
  const kindLabel = locale === 'en' ? KIND_LABEL_EN : KIND_LABEL
  const suffix = institutions.length > 1 ? `?lembaga=${current.id}` : ''
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <InstitutionPicker institutions={institutions} currentId={current.id} />
      <div className="actions">
        <Link className="button" to={`/admin/bank-soal/baru${suffix}`}>
          {t.add}
        </Link>
        <Link to="/admin/program">{t.programmes}</Link>
      </div>
      {KINDS.map((kind) => {
        const list = banks.filter((b) => b.kind === kind)
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`}>
            <h2 id={`kind-${kind}`}>{kindLabel[kind]}</h2>
            {list.length === 0 ? (
              <p className="muted">{t.empty}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t.code}</th>
                      <th scope="col">{t.bank}</th>
                      {kind === 'written_test' ? <th scope="col">{t.field}</th> : <th scope="col">{t.scales}</th>}
                      <th scope="col">{t.active}</th>
                      <th scope="col">{t.archived}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((b) => (
                      <tr key={b.id}>
                        <th scope="row" style={{ whiteSpace: 'nowrap' }}>
                          <Link to={`/admin/bank-soal/${b.id}`}>{b.code}</Link>
                        </th>
                        <td>{b.title}</td>
                        <td>{kind === 'written_test' ? (b.vocationalField ?? t.general) : b.scaleCount}</td>
                        <td>{b.activeCount}</td>
                        <td>{b.archivedCount}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        )
      })}
      <Notice>{t.template}</Notice>
    </>
  )
}
