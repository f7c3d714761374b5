import { Form, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/admin.antrean'
import { listFailedJobs, retryFailedJob } from '../../server/jobs/failedJobs'
import { DONE_PAYLOAD_RETENTION_MS, FAILED_PAYLOAD_RETENTION_MS } from '../../server/jobs/queue'
import { loaderFailure } from '../lib/context.server'
import { parseForm, readFormData, useCaseFailure } from '../lib/forms.server'
import { defineText, useText } from '../i18n/text'
import { formatDateTime, useFormat } from '../i18n/format'
import { FormErrors } from '../ui/form'
import { InstitutionPicker } from '../ui/admin/InstitutionPicker'
import { Notice } from '../ui/Notice'
import { currentInstitution, requireAdministrator } from './admin.program.server'

const text = defineText({
  id: {
    title: 'Antrean tugas: yang gagal',
    lead: 'E-mail dan tugas latar yang tetap gagal setelah dicoba berulang kali, atau ditolak server e-mail untuk selamanya. Perbaiki penyebabnya (mis. alamat e-mail atau server e-mail), lalu ulangi.',
    privacy: 'Antrean ini milik seluruh instalasi Latih, bukan satu lembaga: alamat penerima disamarkan dan isi e-mail tidak ditampilkan.',
    retention: 'Isi tugas yang selesai dihapus setelah {done} menit, yang gagal setelah {failed} hari; tugas tanpa isi tidak dapat diulang.',
    empty: 'Tidak ada tugas yang gagal.',
    mail: 'E-mail',
    job: 'Tugas',
    to: 'Kepada',
    subject: 'Perihal',
    attempts: 'Percobaan',
    failedAt: 'Gagal pada',
    error: 'Penyebab',
    retry: 'Ulangi sekarang',
    busy: 'Memasukkan…',
    cleared: 'Isinya sudah dihapus; tidak dapat diulang.',
    retried: 'Tugas #{id} masuk antrean lagi dan akan dijalankan dalam beberapa detik.',
    errors: 'Tugas belum dapat diulang.',
  },
  en: {
    title: 'Job queue: failures',
    lead: 'Mails and background jobs that still failed after repeated attempts, or that the mail server refused for good. Fix the cause (e.g. the address or the mail server), then retry.',
    privacy: 'This queue belongs to the whole Latih installation, not to one institution: recipients are masked and mail contents are not shown.',
    retention: 'Finished jobs’ contents are deleted after {done} minutes, failed ones’ after {failed} days; a job without contents cannot be retried.',
    empty: 'No failed jobs.',
    mail: 'Mail',
    job: 'Job',
    to: 'To',
    subject: 'Subject',
    attempts: 'Attempts',
    failedAt: 'Failed at',
    error: 'Cause',
    retry: 'Retry now',
    busy: 'Queuing…',
    cleared: 'Its contents were deleted; it cannot be retried.',
    retried: 'Job #{id} is queued again and will run within seconds.',
    errors: 'The job could not be retried.',
  },
})

export function meta() {
  return [{ title: 'Antrean tugas — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await requireAdministrator(request)
  const { institutions, current } = await currentInstitution(ctx, request)
  const jobs = await listFailedJobs(ctx, { institutionId: current.id }).catch(loaderFailure)
  const retried = new URL(request.url).searchParams.get('diulang')
  return { institutions, current, jobs, retried: retried && /^\d{1,15}$/.test(retried) ? retried : null }
}

const RetryForm = z.object({
  intent: z.literal('retry', { error: 'Tindakan tidak dikenal.' }),
  jobId: z.string({ error: 'Tugas tidak ditemukan.' }).regex(/^\d{1,15}$/, 'Tugas tidak ditemukan.'),
})

export async function action({ request }: Route.ActionArgs) {
  const { ctx } = await requireAdministrator(request)
  const { current } = await currentInstitution(ctx, request)
  const formData = await readFormData(request)
  const parsed = parseForm(formData, RetryForm)
  if (!parsed.ok) return parsed.response
  try {
    await retryFailedJob(ctx, { institutionId: current.id, jobId: parsed.value.jobId })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  const back = new URL(request.url)
  back.searchParams.set('diulang', parsed.value.jobId)
  return redirect(`${back.pathname}${back.search}`)
}

export default function FailedJobs({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const navigation = useNavigation()
  const { locale } = useFormat()
  const { institutions, current, jobs, retried } = loaderData
  const busyId = navigation.state === 'submitting' ? navigation.formData?.get('jobId') : null
  const formAction = institutions.length > 1 ? `?lembaga=${current.id}` : undefined
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <p className="small muted">{t.privacy}</p>
      <p className="small muted">
        {t.retention.replace('{done}', String(DONE_PAYLOAD_RETENTION_MS / 60_000)).replace('{failed}', String(FAILED_PAYLOAD_RETENTION_MS / 86_400_000))}
      </p>
      <InstitutionPicker institutions={institutions} currentId={current.id} />
      {retried ? <Notice kind="success">{t.retried.replace('{id}', retried)}</Notice> : null}
      <FormErrors state={actionData} title={t.errors} />
      {jobs.length === 0 ? <Notice>{t.empty}</Notice> : null}
      <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
        {jobs.map((j) => (
          <li key={j.id} className="card">
            <h2 style={{ fontSize: '1.1rem' }}>
              {j.mail ? t.mail : t.job} #{j.id}
              {j.mail ? null : <span className="small muted"> ({j.name})</span>}
            </h2>
            <dl className="facts" style={{ overflowWrap: 'anywhere' }}>
              {j.mail ? (
                <>
                  <dt>{t.to}</dt>
                  <dd>{j.mail.to}</dd>
                  <dt>{t.subject}</dt>
                  <dd>{j.mail.subject}</dd>
                </>
              ) : null}
              <dt>{t.attempts}</dt>
              <dd>
                {j.attempts} / {j.maxAttempts}
              </dd>
              {j.failedAt ? (
                <>
                  <dt>{t.failedAt}</dt>
                  <dd>{formatDateTime(j.failedAt, locale, current.timeZone)}</dd>
                </>
              ) : null}
              <dt>{t.error}</dt>
              <dd>{j.lastError}</dd>
            </dl>
            {j.retryable ? (
              <Form method="post" action={formAction} className="actions">
                <input type="hidden" name="intent" value="retry" />
                <input type="hidden" name="jobId" value={j.id} />
                <button type="submit" disabled={busyId === String(j.id)}>
                  {busyId === String(j.id) ? t.busy : t.retry}
                </button>
              </Form>
            ) : (
              <p className="small muted">{t.cleared}</p>
            )}
          </li>
        ))}
      </ul>
    </>
  )
}
