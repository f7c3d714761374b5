import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/staf_.gelombang.$batchId.pleno.finalkan'
import { OUTCOME_LABELS } from '../../domain/ranking'
import { ForbiddenError } from '../../server/errors'
import { finalisePlenary } from '../../server/plenary/finalisePlenary'
import { getPlenary } from '../../server/plenary/getPlenary'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { failure, useCaseFailure } from '../lib/forms.server'
import { FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'

// The confirmation step before finalising: a page of its own, so it works without
// JavaScript (no dialog), and the decision is read once more before it becomes final.

export function meta() {
  return [{ title: 'Finalkan pleno — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const page = await getPlenary(ctx, { batchId: params.batchId }).catch(loaderFailure)
  if (!page.canDecide) loaderFailure(new ForbiddenError())
  if (!page.plenary || page.plenary.status === 'finalised') throw redirect(`/staf/gelombang/${params.batchId}/pleno`)
  return { page }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await request.formData()
  if (formData.get('intent') !== 'finalise' || formData.get('confirm') !== 'ya') {
    return failure(formData, { '': ['Konfirmasi tidak dikenal. Muat ulang halaman, lalu coba lagi.'] })
  }
  try {
    await finalisePlenary(ctx, { batchId: params.batchId })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
  return redirect(`/staf/gelombang/${params.batchId}/pleno?ok=final`)
}

const text = defineText({
  id: {
    back: 'Kembali ke pleno',
    title: 'Finalkan pleno?',
    lead: 'Periksa sekali lagi. Setelah difinalkan:',
    point1: 'keputusan disimpan tetap beserta sidik SHA-256-nya (nilai, bobot, urutan pemutus, peringkat, perubahan dan alasannya);',
    point2: 'status pendaftaran setiap calon diperbarui (lulus, cadangan, tidak lulus);',
    point3: 'calon belum diberi tahu: hasil baru terlihat oleh calon saat pengumuman;',
    point4: 'perubahan sesudahnya hanya lewat perubahan keputusan pleno (versi baru dengan alasan).',
    minutes: 'Nomor berita acara',
    heldOn: 'Tanggal pleno',
    attendees: 'Yang hadir',
    result: 'Keputusan',
    overrides: 'Perubahan keputusan terhadap usulan',
    noAttendees: 'Belum ada yang dicatat hadir: catat dulu yang hadir di halaman pleno.',
    confirm: 'Ya, finalkan pleno',
    cancel: 'Batal',
    problems: 'Pleno belum dapat difinalkan.',
  },
  en: {
    back: 'Back to the plenary',
    title: 'Finalise the plenary?',
    lead: 'Check once more. Once finalised:',
    point1: 'the decision is stored for good with its SHA-256 hash (scores, weights, tie-break order, ranking, overrides and their reasons);',
    point2: 'every candidate’s registration state is updated (passed, reserve, not passed);',
    point3: 'candidates are not told yet: they see the result at the announcement;',
    point4: 'later changes are amendments only (a new version with a reason).',
    minutes: 'Minutes number',
    heldOn: 'Date of the plenary',
    attendees: 'Present',
    result: 'Decision',
    overrides: 'Overrides of the proposal',
    noAttendees: 'Nobody recorded as present: record the attendees on the plenary page first.',
    confirm: 'Yes, finalise the plenary',
    cancel: 'Cancel',
    problems: 'The plenary could not be finalised.',
  },
})

export default function FinalisePlenary({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const { page } = loaderData
  const p = page.plenary!
  const base = `/staf/gelombang/${page.batch.id}/pleno`
  const overrides = page.rows.filter((r) => r.override)
  return (
    <>
      <p className="small">
        <Link to={base}>{t.back}</Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {page.batch.programmeName}, {page.batch.label}</span>
      </h1>
      <FormErrors state={actionData} title={t.problems} />
      <p>{t.lead}</p>
      <ul>
        <li>{t.point1}</li>
        <li>{t.point2}</li>
        <li>{t.point3}</li>
        <li>{t.point4}</li>
      </ul>
      <dl className="facts card">
        <dt>{t.minutes}</dt>
        <dd>{p.minutesNumber}</dd>
        <dt>{t.heldOn}</dt>
        <dd>{p.heldOn ? format.dateTime(p.heldOn) : '—'}</dd>
        <dt>{t.attendees}</dt>
        <dd>{p.attendees.length ? p.attendees.map((a) => `${a.name} (${a.role})`).join('; ') : t.noAttendees}</dd>
        <dt>{t.result}</dt>
        <dd>
          {(['passed', 'reserve', 'not_passed'] as const).map((o) => `${OUTCOME_LABELS[o][locale]} ${page.counts.final[o]}`).join(' · ')}
        </dd>
        <dt>{t.overrides}</dt>
        <dd>
          {overrides.length === 0
            ? '—'
            : overrides.map((r) => `${r.number} ${r.fullName}: ${OUTCOME_LABELS[r.proposed][locale]} → ${OUTCOME_LABELS[r.final][locale]}`).join('; ')}
        </dd>
      </dl>
      {p.attendees.length === 0 ? <Notice kind="warning">{t.noAttendees}</Notice> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="finalise" />
        <input type="hidden" name="confirm" value="ya" />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t.confirm}
          </button>
          <Link to={base}>{t.cancel}</Link>
        </div>
      </Form>
    </>
  )
}
