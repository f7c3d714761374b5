import { Form, Link, redirect } from 'react-router'
import type { Route } from './+types/admin.program.$programmeId._index'
import { archiveProgramme } from '../../server/programmes/archiveProgramme'
import { getProgrammeForAdmin, listVocationalFields } from '../../server/programmes/getProgrammeForAdmin'
import { updateProgrammeSchema } from '../../server/programmes/input'
import { restoreProgramme } from '../../server/programmes/restoreProgramme'
import { updateProgramme } from '../../server/programmes/updateProgramme'
import { formatDateTime } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { ProgrammeForm } from '../ui/admin/ProgrammeForm'
import { Notice } from '../ui/Notice'
import { idParam, requireAdministrator } from './admin.program.server'
import { loaderFailure } from '../lib/context.server'

const text = defineText({
  id: {
    back: 'Semua program',
    title: 'Ubah program',
    details: 'Data program',
    save: 'Simpan perubahan',
    saved: 'Perubahan program disimpan.',
    created: 'Program ditambahkan. Sekarang tambahkan gelombangnya.',
    batchSaved: 'Gelombang disimpan.',
    archivedNow: 'Program diarsipkan dan tidak tampil lagi di katalog.',
    restoredNow: 'Program tampil lagi di katalog.',
    archivedState: 'Program ini diarsipkan: tidak tampil di katalog publik dan tidak dapat diberi gelombang baru.',
    batches: 'Gelombang',
    addBatch: 'Tambah gelombang',
    noBatches: 'Belum ada gelombang.',
    batch: 'Gelombang',
    status: 'Status',
    registration: 'Pendaftaran',
    quota: 'Kuota + cadangan',
    open: 'Dibuka',
    upcoming: 'Segera dibuka',
    closed: 'Ditutup',
    editBatch: 'Ubah',
    publicPage: 'Halaman publik',
    archiveTitle: 'Arsip',
    archiveLead: 'Program tidak dihapus: pendaftaran, tanda pendaftaran, dan laporan yang lalu tetap merujuk kepadanya.',
    archive: 'Arsipkan program',
    restore: 'Tampilkan lagi di katalog',
  },
  en: {
    back: 'All programmes',
    title: 'Edit programme',
    details: 'Programme details',
    save: 'Save changes',
    saved: 'Programme changes saved.',
    created: 'Programme added. Now add its batches.',
    batchSaved: 'Batch saved.',
    archivedNow: 'Programme archived; it no longer shows in the catalogue.',
    restoredNow: 'Programme shows in the catalogue again.',
    archivedState: 'This programme is archived: hidden from the public catalogue, and no new batch can be added.',
    batches: 'Batches',
    addBatch: 'Add batch',
    noBatches: 'No batches yet.',
    batch: 'Batch',
    status: 'Status',
    registration: 'Registration',
    quota: 'Quota + reserves',
    open: 'Open',
    upcoming: 'Opening soon',
    closed: 'Closed',
    editBatch: 'Edit',
    publicPage: 'Public page',
    archiveTitle: 'Archive',
    archiveLead: 'Programmes are not deleted: past registrations, receipts and reports keep referring to them.',
    archive: 'Archive programme',
    restore: 'Show in the catalogue again',
  },
})

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data ? data.programme.name : 'Program'} — Latih` }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const programmeId = idParam(params.programmeId, 'Program pelatihan tidak ditemukan.')
  const found = await getProgrammeForAdmin(ctx, { programmeId }).catch(loaderFailure)
  const fields = await listVocationalFields(ctx, { institutionId: found.programme.institutionId })
  const notice = new URL(request.url).searchParams.get('disimpan')
  return { ...found, fields, notice }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const programmeId = idParam(params.programmeId, 'Program pelatihan tidak ditemukan.')
  const formData = await request.formData()
  const intent = formData.get('intent')
  const here = `/admin/program/${programmeId}`
  try {
    if (intent === 'archive') {
      await archiveProgramme(ctx, { programmeId })
      return redirect(`${here}?disimpan=arsip`)
    }
    if (intent === 'restore') {
      await restoreProgramme(ctx, { programmeId })
      return redirect(`${here}?disimpan=pulih`)
    }
    formData.set('programmeId', programmeId)
    const parsed = parseForm(formData, updateProgrammeSchema)
    if (!parsed.ok) return parsed.response
    await updateProgramme(ctx, parsed.value)
    return redirect(`${here}?disimpan=program`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

const NOTICES = { program: 'saved', baru: 'created', gelombang: 'batchSaved', arsip: 'archivedNow', pulih: 'restoredNow' } as const
const BADGE = { open: 'badge badge-ok', upcoming: 'badge', closed: 'badge badge-bad' } as const

export default function EditProgramme({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const { programme: p, batches, fields, codeLocked, timeZone, notice } = loaderData
  const noticeKey = notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link to="/admin/program">{t.back}</Link>
      </p>
      <h1>
        {t.title}: {p.code} · {p.name}
      </h1>
      {noticeKey && !actionData ? <Notice kind="success">{t[noticeKey]}</Notice> : null}
      {p.archivedAt ? <Notice kind="warning">{t.archivedState}</Notice> : null}

      <h2 id="gelombang">{t.batches}</h2>
      {batches.length === 0 ? (
        <p>{t.noBatches}</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="gelombang">
            <thead>
              <tr>
                <th scope="col">{t.batch}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.registration}</th>
                <th scope="col">{t.quota}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.publicPage}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <Link to={`/admin/gelombang/${b.id}`} aria-label={`${t.editBatch} ${t.batch} ${b.number}/${b.year}`}>
                      {b.number}/{b.year}
                    </Link>
                  </th>
                  <td>
                    <span className={BADGE[b.phase]}>{t[b.phase]}</span>
                  </td>
                  <td>
                    {formatDateTime(b.registrationOpensAt, locale, timeZone)} – {formatDateTime(b.registrationClosesAt, locale, timeZone)}
                  </td>
                  <td>
                    {b.quota} + {b.reserveCount}
                  </td>
                  <td>
                    <Link to={`/gelombang/${b.id}`} aria-label={`${t.publicPage} ${t.batch} ${b.number}/${b.year}`}>
                      {t.publicPage}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!p.archivedAt ? (
        <div className="actions">
          <Link className="button secondary" to={`/admin/program/${p.id}/gelombang/baru`}>
            {t.addBatch}
          </Link>
        </div>
      ) : null}

      <h2>{t.details}</h2>
      <ProgrammeForm
        state={actionData}
        fields={fields}
        codeLocked={codeLocked}
        submitLabel={t.save}
        defaults={{
          code: p.code,
          name: p.name,
          vocationalField: p.vocationalField,
          description: p.description,
          durationHours: String(p.durationHours),
          location: p.location,
          mode: p.mode,
          minEducation: p.minEducation ?? '',
          minAge: p.minAge === null ? '' : String(p.minAge),
          maxAge: p.maxAge === null ? '' : String(p.maxAge),
          requiredDocuments: p.requiredDocuments.join('\n'),
        }}
      />

      <h2>{t.archiveTitle}</h2>
      <p>{t.archiveLead}</p>
      <Form method="post">
        <button type="submit" name="intent" value={p.archivedAt ? 'restore' : 'archive'} className="secondary">
          {p.archivedAt ? t.restore : t.archive}
        </button>
      </Form>
    </>
  )
}
