import { Form, Link, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/staf_.gelombang.$batchId.wawancara._index'
import { STATE_LABELS, isRegistrationState } from '../../domain/registrationStates'
import { deleteInterviewSlot } from '../../server/interviews/deleteInterviewSlot'
import { getInterviewOverview, type OverviewCandidate } from '../../server/interviews/getInterviewOverview'
import { inviteToInterviews } from '../../server/interviews/inviteToInterviews'
import { slotRangeText } from '../../server/interviews/slotText'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { failure, parseForm, useCaseFailure } from '../lib/forms.server'
import { FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Wawancara${data ? ` ${data.overview.batch.programmeName} ${data.overview.batch.label}` : ''} — Latih` }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const overview = await getInterviewOverview(ctx, { batchId: params.batchId }).catch(loaderFailure)
  const url = new URL(request.url)
  const n = (key: string) => (url.searchParams.has(key) ? Number(url.searchParams.get(key)) || 0 : null)
  return { overview, invited: n('diundang'), notInvited: n('tidak'), notice: url.searchParams.get('ok') }
}

const ActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('invite') }),
  z.object({ intent: z.literal('delete-slot'), slotId: z.string({ error: 'Slot tidak dikenal.' }).max(100) }),
], { error: 'Tindakan tidak dikenal.' })

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, ActionSchema)
  if (!parsed.ok) return failure(formData, { '': ['Tindakan tidak dikenal. Muat ulang halaman, lalu coba lagi.'] })
  const base = `/staf/gelombang/${params.batchId}/wawancara`
  try {
    if (parsed.value.intent === 'invite') {
      const result = await inviteToInterviews(ctx, { batchId: params.batchId })
      return redirect(`${base}?diundang=${result.invited}&tidak=${result.notInvited}`)
    }
    await deleteInterviewSlot(ctx, { slotId: parsed.value.slotId })
    return redirect(`${base}?ok=slot-dihapus`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

const text = defineText({
  id: {
    back: 'Gelombang',
    title: 'Wawancara',
    period: 'Masa wawancara',
    plenary: 'Pleno hasil seleksi',
    limit: 'Yang diundang',
    limitAll: 'semua yang lulus tes tertulis',
    limitN: '{n} nilai tes tertulis terbaik (yang sama nilainya di batas ikut diundang)',
    cutoff: 'Batas pindah jadwal',
    cutoffSlot: 'sampai slot calon dimulai',
    bring: 'Yang dibawa',
    settings: 'Ubah pengaturan',
    invite: 'Undangan',
    waiting: '{n} calon lulus tes tertulis belum diundang; tempat kosong di slot yang akan datang: {seats}.',
    noneWaiting: 'Tidak ada calon yang menunggu undangan.',
    notPublished: 'Hasil tes tertulis gelombang ini belum diumumkan.',
    inviteButton: 'Undang wawancara dan bagi ke slot',
    inviteHint: 'Calon dibagi otomatis ke slot menurut urutan waktu, nilai terbaik lebih dulu. Setiap calon menerima panggilan wawancara lewat e-mail (dengan berkas kalender) dan di Aktivitas.',
    invited: '{n} calon diundang dan dibagi ke slot; {m} calon tidak diundang (di luar batas undangan).',
    slotDeleted: 'Slot dihapus.',
    slotSaved: 'Slot disimpan.',
    rubricSaved: 'Rubrik disimpan.',
    moved: 'Calon dipindahkan; ia sudah diberi tahu lewat e-mail dan Aktivitas.',
    reopenedDone: 'Lembar penilaian dibuka kembali; pewawancara dapat mengubah dan mengirimnya lagi.',
    problems: 'Tindakan belum dapat dilakukan.',
    slots: 'Slot wawancara',
    addSlot: 'Tambah slot',
    noSlots: 'Belum ada slot. Tambahkan slot sebelum mengundang.',
    seats: '{taken} dari {capacity} tempat terisi',
    interviewers: 'Pewawancara',
    online: 'Daring',
    deleteSlot: 'Hapus slot kosong',
    number: 'No. pendaftaran',
    name: 'Nama',
    written: 'Nilai tes tertulis',
    attendance: 'Kehadiran',
    present: 'Hadir',
    absent: 'Tidak hadir',
    unknown: 'Belum dicatat',
    scorecards: 'Penilaian',
    noScorecard: 'belum ada',
    submitted: 'terkirim',
    reopened: 'dibuka kembali',
    move: 'Pindahkan',
    reopen: 'Buka kembali',
    empty: 'Belum ada calon di slot ini.',
    rubric: 'Rubrik penilaian',
    scale: 'Skala {min}–{max}',
    rubricLocked: 'Terkunci: sudah ada lembar penilaian yang dikirim.',
    rubricDefault: 'Rubrik bawaan (belum diubah).',
    editRubric: 'Ubah rubrik',
    viewRubric: 'Lihat rubrik',
    stats: 'Sebaran nilai per pewawancara',
    statsLead: 'Rata-rata dan simpangan baku total nilai setiap pewawancara dibanding semua pewawancara lain, agar pewawancara yang terlalu keras atau terlalu murah terlihat sebelum pleno.',
    statsNone: 'Belum ada lembar penilaian yang dikirim.',
    interviewer: 'Pewawancara',
    count: 'Jumlah',
    mean: 'Rata-rata',
    sd: 'Simpangan baku',
    difference: 'Selisih',
    harsh: 'lebih keras',
    lenient: 'lebih murah',
    othersMean: 'Rata-rata pewawancara lain',
    bar: 'Rata-rata {name}: {mean} dari 100; pewawancara lain: {others} (simpangan baku {sd}, {n} lembar).',
  },
  en: {
    back: 'Batch',
    title: 'Interviews',
    period: 'Interview period',
    plenary: 'Selection plenary',
    limit: 'Invited',
    limitAll: 'everyone who passed the written test',
    limitN: 'the best {n} written scores (those tied at the limit are invited too)',
    cutoff: 'Slot switch deadline',
    cutoffSlot: 'until the candidate’s slot starts',
    bring: 'To bring',
    settings: 'Change settings',
    invite: 'Invitations',
    waiting: '{n} candidates who passed the written test are not invited yet; free seats in upcoming slots: {seats}.',
    noneWaiting: 'Nobody is waiting for an invitation.',
    notPublished: 'The written-test results of this batch are not published yet.',
    inviteButton: 'Invite and distribute over the slots',
    inviteHint: 'Candidates are placed in the slots in time order, best score first. Each gets the interview call by e-mail (with a calendar file) and in Activity.',
    invited: '{n} candidates invited and placed in slots; {m} not invited (outside the invitation limit).',
    slotDeleted: 'Slot deleted.',
    slotSaved: 'Slot saved.',
    rubricSaved: 'Rubric saved.',
    moved: 'Candidate moved; they have been told by e-mail and in Activity.',
    reopenedDone: 'Scorecard reopened; the interviewer can change and submit it again.',
    problems: 'The action could not be done.',
    slots: 'Interview slots',
    addSlot: 'Add a slot',
    noSlots: 'No slots yet. Add slots before inviting.',
    seats: '{taken} of {capacity} seats taken',
    interviewers: 'Interviewers',
    online: 'Online',
    deleteSlot: 'Delete empty slot',
    number: 'Registration no.',
    name: 'Name',
    written: 'Written test score',
    attendance: 'Attendance',
    present: 'Present',
    absent: 'Absent',
    unknown: 'Not recorded',
    scorecards: 'Scorecards',
    noScorecard: 'none yet',
    submitted: 'submitted',
    reopened: 'reopened',
    move: 'Move',
    reopen: 'Reopen',
    empty: 'Nobody in this slot yet.',
    rubric: 'Scoring rubric',
    scale: 'Scale {min}–{max}',
    rubricLocked: 'Locked: scorecards have been submitted.',
    rubricDefault: 'Default rubric (not changed yet).',
    editRubric: 'Change the rubric',
    viewRubric: 'View the rubric',
    stats: 'Score spread per interviewer',
    statsLead: 'Each interviewer’s mean and standard deviation of scorecard totals beside all other interviewers, so a harsh or lenient interviewer shows before the plenary.',
    statsNone: 'No scorecards submitted yet.',
    interviewer: 'Interviewer',
    count: 'Count',
    mean: 'Mean',
    sd: 'Std. dev.',
    difference: 'Difference',
    harsh: 'harsher',
    lenient: 'more lenient',
    othersMean: 'Other interviewers’ mean',
    bar: '{name}’s mean: {mean} of 100; other interviewers: {others} (std. dev. {sd}, {n} scorecards).',
  },
})

const NOTICES: Record<string, 'slotDeleted' | 'slotSaved' | 'rubricSaved' | 'moved' | 'reopenedDone'> = {
  'slot-dihapus': 'slotDeleted',
  slot: 'slotSaved',
  rubrik: 'rubricSaved',
  pindah: 'moved',
  dibuka: 'reopenedDone',
}

function CandidateRow({ c, base, canSchedule, canReopen }: { c: OverviewCandidate; base: string; canSchedule: boolean; canReopen: boolean }) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  return (
    <tr>
      <td>{c.number}</td>
      <th scope="row">
        {c.fullName}
        <br />
        <span className="small muted">{isRegistrationState(c.state) ? STATE_LABELS[c.state][locale] : c.state}</span>
      </th>
      <td>{c.writtenScore === null ? '—' : format.number(Math.round(c.writtenScore * 100) / 100)}</td>
      <td>{c.attendance === 'present' ? t.present : c.attendance === 'absent' ? <span className="badge badge-bad">{t.absent}</span> : t.unknown}</td>
      <td>
        {c.scorecards.length === 0 ? t.noScorecard : null}
        {c.scorecards.map((s) => (
          <span key={s.id} className="small" style={{ display: 'block' }}>
            {s.interviewerName}: {s.submittedAt ? <strong>{format.number(s.total)}</strong> : null}{' '}
            {s.submittedAt ? `(${t.submitted})` : `(${t.reopened})`}
            {canReopen && s.submittedAt ? (
              <>
                {' '}
                <Link to={`${base}/buka/${s.id}`} aria-label={`${t.reopen}: ${s.interviewerName}, ${c.fullName}`}>
                  {t.reopen}
                </Link>
              </>
            ) : null}
          </span>
        ))}
      </td>
      <td>
        {canSchedule && c.state === 'invited_to_interview' ? (
          <Link to={`${base}/pindah/${c.registrationId}`} aria-label={`${t.move}: ${c.fullName}`}>
            {t.move}
          </Link>
        ) : null}
      </td>
    </tr>
  )
}

export default function InterviewOverviewPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const { overview: o, invited, notInvited, notice } = loaderData
  const base = `/staf/gelombang/${o.batch.id}/wawancara`
  const range = (s: { startsAt: Date; endsAt: Date }) => slotRangeText(s.startsAt, s.endsAt, o.timeZone, locale)
  const num = (n: number | null) => (n === null ? '—' : format.number(n))
  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${o.batch.id}`}>
          {t.back} {o.batch.programmeName} {o.batch.label}
        </Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {o.batch.programmeName}, {o.batch.label}</span>
      </h1>
      {invited !== null ? (
        <Notice kind="success">
          <p>{t.invited.replace('{n}', String(invited)).replace('{m}', String(notInvited ?? 0))}</p>
        </Notice>
      ) : null}
      {notice && NOTICES[notice] ? <Notice kind="success">{t[NOTICES[notice]]}</Notice> : null}
      <FormErrors state={actionData} title={t.problems} />
      <dl className="facts card">
        <dt>{t.period}</dt>
        <dd>
          {format.dateTime(o.batch.interviewStartsAt)} – {format.dateTime(o.batch.interviewEndsAt)}
        </dd>
        <dt>{t.plenary}</dt>
        <dd>{format.dateTime(o.batch.plenaryAt)}</dd>
        <dt>{t.limit}</dt>
        <dd>{o.settings.interviewInviteLimit === null ? t.limitAll : t.limitN.replace('{n}', String(o.settings.interviewInviteLimit))}</dd>
        <dt>{t.cutoff}</dt>
        <dd>{o.settings.slotChangeCutoff ? format.dateTime(o.settings.slotChangeCutoff) : t.cutoffSlot}</dd>
        <dt>{t.bring}</dt>
        <dd>{o.settings.interviewBring}</dd>
      </dl>
      {o.can.configure ? (
        <p>
          <Link to={`/staf/gelombang/${o.batch.id}/pengaturan`}>{t.settings}</Link>
        </p>
      ) : null}

      <section aria-labelledby="invite-title">
        <h2 id="invite-title">{t.invite}</h2>
        {!o.batch.writtenTestPublishedAt && o.waiting.length === 0 ? <p>{t.notPublished}</p> : null}
        <p>
          {o.waiting.length === 0
            ? t.noneWaiting
            : t.waiting.replace('{n}', String(o.waiting.length)).replace('{seats}', String(o.freeSeats))}
        </p>
        {o.can.schedule && o.waiting.length > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="invite" />
            <p className="hint">{t.inviteHint}</p>
            <button type="submit" className="primary" disabled={busy}>
              {t.inviteButton}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="slots-title">
        <h2 id="slots-title">{t.slots}</h2>
        {o.can.schedule ? (
          <p>
            <Link className="button secondary" to={`${base}/slot`}>
              {t.addSlot}
            </Link>
          </p>
        ) : null}
        {o.slots.length === 0 ? <p>{t.noSlots}</p> : null}
        {o.slots.map((s) => (
          <article className="card" key={s.id} aria-labelledby={`slot-${s.id}`}>
            <h3 id={`slot-${s.id}`}>{range(s)}</h3>
            <p>
              {s.place ?? (
                <>
                  {t.online}: <a href={s.onlineUrl ?? '#'}>{s.onlineUrl}</a>
                </>
              )}
              <br />
              {t.seats.replace('{taken}', String(s.taken)).replace('{capacity}', String(s.capacity))}
              <br />
              {t.interviewers}: {s.interviewers.map((i) => i.name).join(', ')}
            </p>
            {s.candidates.length === 0 ? (
              <>
                <p className="muted">{t.empty}</p>
                {o.can.schedule ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete-slot" />
                    <input type="hidden" name="slotId" value={s.id} />
                    <button type="submit" className="secondary" disabled={busy} aria-label={`${t.deleteSlot}: ${range(s)}`}>
                      {t.deleteSlot}
                    </button>
                  </Form>
                ) : null}
              </>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`slot-${s.id}`}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t.number}</th>
                      <th scope="col">{t.name}</th>
                      <th scope="col">{t.written}</th>
                      <th scope="col">{t.attendance}</th>
                      <th scope="col">{t.scorecards}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t.move}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.candidates.map((c) => (
                      <CandidateRow key={c.registrationId} c={c} base={base} canSchedule={o.can.schedule} canReopen={o.can.reopen} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </article>
        ))}
      </section>

      <section aria-labelledby="rubric-title">
        <h2 id="rubric-title">{t.rubric}</h2>
        <p className="small">
          {t.scale.replace('{min}', String(o.rubric.scaleMin)).replace('{max}', String(o.rubric.scaleMax))}.{' '}
          {o.rubric.locked ? t.rubricLocked : o.rubric.stored ? '' : t.rubricDefault}
        </p>
        <ul>
          {o.rubric.criteria.map((c) => (
            <li key={c.code}>
              <strong>{c.label}</strong> ({c.weight}%)
            </li>
          ))}
        </ul>
        <p>
          <Link to={`${base}/rubrik`}>{o.can.configure && !o.rubric.locked ? t.editRubric : t.viewRubric}</Link>
        </p>
      </section>

      <section aria-labelledby="stats-title">
        <h2 id="stats-title">{t.stats}</h2>
        <p className="small">{t.statsLead}</p>
        {o.statistics.length === 0 ? (
          <p>{t.statsNone}</p>
        ) : (
          <>
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="stats-title">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.interviewer}</th>
                    <th scope="col">{t.count}</th>
                    <th scope="col">{t.mean}</th>
                    <th scope="col">{t.sd}</th>
                    <th scope="col">{t.othersMean}</th>
                    <th scope="col">{t.difference}</th>
                  </tr>
                </thead>
                <tbody>
                  {o.statistics.map((s) => (
                    <tr key={s.interviewerId}>
                      <th scope="row">{s.interviewerName}</th>
                      <td>{s.own.count}</td>
                      <td>{num(s.own.mean)}</td>
                      <td>{num(s.own.standardDeviation)}</td>
                      <td>{num(s.others.mean)}</td>
                      <td>
                        {s.difference === null ? '—' : `${s.difference > 0 ? '+' : ''}${format.number(s.difference)}`}
                        {s.lean ? (
                          <>
                            {' '}
                            <span className="badge badge-warn">{s.lean === 'harsh' ? t.harsh : t.lenient}</span>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {o.statistics.map((s) => (
              <figure key={s.interviewerId} style={{ margin: '12px 0' }}>
                <figcaption className="small">
                  {t.bar
                    .replace('{name}', s.interviewerName)
                    .replace('{mean}', num(s.own.mean))
                    .replace('{others}', num(s.others.mean))
                    .replace('{sd}', num(s.others.standardDeviation))
                    .replace('{n}', String(s.others.count))}
                </figcaption>
                <div aria-hidden="true" style={{ background: '#e3ebf5', height: 10, borderRadius: 4, marginTop: 4 }}>
                  <div style={{ width: `${s.own.mean ?? 0}%`, background: '#0b5cad', height: 10, borderRadius: 4 }} />
                </div>
                <div aria-hidden="true" style={{ background: '#eee', height: 10, borderRadius: 4, marginTop: 2 }}>
                  <div style={{ width: `${s.others.mean ?? 0}%`, background: '#888', height: 10, borderRadius: 4 }} />
                </div>
              </figure>
            ))}
          </>
        )}
      </section>
    </>
  )
}
