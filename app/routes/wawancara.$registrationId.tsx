import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/wawancara.$registrationId'
import { STATE_LABELS, isRegistrationState } from '../../domain/registrationStates'
import { getInterviewCandidate } from '../../server/interviews/getInterviewCandidate'
import { recordInterviewAttendance } from '../../server/interviews/recordInterviewAttendance'
import { slotRangeText } from '../../server/interviews/slotText'
import { submitInterviewScorecard } from '../../server/interviews/submitInterviewScorecard'
import { EDUCATION_LEVEL_LABELS, EMPLOYMENT_STATUS_LABELS, SEX_LABELS } from '../../server/profiles/options'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { failure, formValues, useCaseFailure } from '../lib/forms.server'
import { FormErrors, TextAreaField } from '../ui/form'
import { Notice } from '../ui/Notice'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data ? `${data.view.profile.fullName} — ` : ''}Wawancara — Latih` }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const view = await getInterviewCandidate(ctx, { registrationId: params.registrationId }).catch(loaderFailure)
  return { view, notice: new URL(request.url).searchParams.get('ok') }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const self = `/wawancara/${params.registrationId}`
  try {
    if (intent === 'present' || intent === 'absent') {
      await recordInterviewAttendance(ctx, { registrationId: params.registrationId, attendance: intent })
      return redirect(`${self}?ok=${intent === 'present' ? 'hadir' : 'absen'}`)
    }
    if (intent === 'score') {
      const scores: Record<string, string> = {}
      for (const [key, value] of Object.entries(formValues(formData))) {
        if (key.startsWith('scores.')) scores[key.slice('scores.'.length)] = value
      }
      const notes = formData.get('notes')
      await submitInterviewScorecard(ctx, { registrationId: params.registrationId, scores, notes: typeof notes === 'string' ? notes : '' })
      return redirect(`${self}?ok=terkirim`)
    }
    return failure(formData, { '': ['Tindakan tidak dikenal. Muat ulang halaman, lalu coba lagi.'] })
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

const text = defineText({
  id: {
    back: 'Jadwal wawancara saya',
    slot: 'Jadwal',
    online: 'Daring',
    profile: 'Profil',
    nik: 'NIK',
    age: 'Usia',
    years: '{n} tahun',
    sex: 'Jenis kelamin',
    education: 'Pendidikan',
    employment: 'Pekerjaan',
    regency: 'Kabupaten/kota (KTP)',
    state: 'Status',
    results: 'Hasil asesmen',
    written: 'Tes tertulis',
    writtenValue: '{score} (batas lulus {passMark})',
    notPublished: 'belum diumumkan',
    self: 'Asesmen mandiri (rata-rata 1–5)',
    potential: 'Profil potensi diri',
    suggested: 'Bidang yang disarankan',
    none: 'tidak ada',
    attendance: 'Kehadiran',
    present: 'Hadir',
    absent: 'Tidak hadir',
    notRecorded: 'Belum dicatat. Mengirim penilaian mencatat calon hadir.',
    markPresent: 'Catat hadir',
    markAbsent: 'Catat tidak hadir',
    absentNote: 'Calon tercatat tidak hadir. Tanpa penjadwalan ulang oleh panitia, pleno menyatakannya tidak lulus.',
    scorecard: 'Lembar penilaian',
    scaleHint: 'Nilai bulat {min}–{max}: {labels}.',
    weight: 'bobot {n}%',
    notes: 'Catatan',
    notesHint: 'Hal penting dari wawancara, untuk panitia dan pleno.',
    submit: 'Kirim penilaian',
    submitHint: 'Setelah dikirim, lembar penilaian terkunci; hanya panitia yang dapat membukanya kembali.',
    problems: 'Penilaian belum dapat dikirim.',
    actionProblems: 'Tindakan belum dapat dilakukan.',
    locked: 'Terkirim {at}, terkunci. Total {total} dari 100.',
    reopened: 'Dibuka kembali oleh panitia: {reason}. Perbaiki, lalu kirim lagi.',
    sent: 'Penilaian terkirim dan terkunci.',
    markedPresent: 'Kehadiran dicatat: hadir.',
    markedAbsent: 'Kehadiran dicatat: tidak hadir.',
    points: 'Nilai',
  },
  en: {
    back: 'My interview schedule',
    slot: 'Time',
    online: 'Online',
    profile: 'Profile',
    nik: 'NIK',
    age: 'Age',
    years: '{n} years',
    sex: 'Sex',
    education: 'Education',
    employment: 'Employment',
    regency: 'Regency/city (ID card)',
    state: 'Status',
    results: 'Assessment results',
    written: 'Written test',
    writtenValue: '{score} (pass mark {passMark})',
    notPublished: 'not published',
    self: 'Self-assessment (mean 1–5)',
    potential: 'Potential profile',
    suggested: 'Suggested fields',
    none: 'none',
    attendance: 'Attendance',
    present: 'Present',
    absent: 'Absent',
    notRecorded: 'Not recorded. Submitting the scorecard records the candidate present.',
    markPresent: 'Record present',
    markAbsent: 'Record absent',
    absentNote: 'Recorded absent. Unless the committee reschedules, the plenary rules the candidate not passed.',
    scorecard: 'Scorecard',
    scaleHint: 'Whole points {min}–{max}: {labels}.',
    weight: 'weight {n}%',
    notes: 'Notes',
    notesHint: 'What matters from the interview, for the committee and the plenary.',
    submit: 'Submit the scorecard',
    submitHint: 'Once submitted, the scorecard is locked; only the committee can reopen it.',
    problems: 'The scorecard could not be submitted.',
    actionProblems: 'The action could not be done.',
    locked: 'Submitted {at}, locked. Total {total} of 100.',
    reopened: 'Reopened by the committee: {reason}. Correct it, then submit again.',
    sent: 'Scorecard submitted and locked.',
    markedPresent: 'Attendance recorded: present.',
    markedAbsent: 'Attendance recorded: absent.',
    points: 'Points',
  },
})

export default function InterviewCandidatePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const { view: v, notice } = loaderData
  const p = v.profile
  const scoring = actionData?.values?.intent === 'score'
  const scaleLabels = v.rubric.scaleLabels.map((l, i) => `${v.rubric.scaleMin + i} = ${l}`).join(', ')
  const round = (n: number) => format.number(Math.round(n * 100) / 100)
  const education = p.educationLevel
    ? [
        EDUCATION_LEVEL_LABELS[locale][p.educationLevel as keyof (typeof EDUCATION_LEVEL_LABELS)['id']] ?? p.educationLevel,
        p.schoolName,
        p.major,
        p.graduationYear,
      ]
        .filter(Boolean)
        .join(', ')
    : '—'
  return (
    <>
      <p className="small">
        <Link to="/wawancara">{t.back}</Link>
      </p>
      <h1>{p.fullName}</h1>
      <p className="small">
        {v.number} · {v.programmeName}, {v.batchLabel} · {isRegistrationState(v.state) ? STATE_LABELS[v.state][locale] : v.state}
      </p>
      {notice === 'terkirim' ? <Notice kind="success">{t.sent}</Notice> : null}
      {notice === 'hadir' ? <Notice kind="success">{t.markedPresent}</Notice> : null}
      {notice === 'absen' ? <Notice kind="success">{t.markedAbsent}</Notice> : null}
      {!scoring ? <FormErrors state={actionData} title={t.actionProblems} /> : null}
      <dl className="facts card">
        <dt>{t.slot}</dt>
        <dd>
          {slotRangeText(v.slot.startsAt, v.slot.endsAt, v.timeZone, locale)}
          <br />
          {v.slot.place ?? `${t.online}: ${v.slot.onlineUrl}`}
        </dd>
      </dl>

      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t.profile}</h2>
        <dl className="facts">
          <dt>{t.nik}</dt>
          <dd>{p.nikMasked ?? '—'}</dd>
          <dt>{t.age}</dt>
          <dd>{p.age === null ? '—' : t.years.replace('{n}', String(p.age))}</dd>
          <dt>{t.sex}</dt>
          <dd>{p.sex ? SEX_LABELS[locale][p.sex] : '—'}</dd>
          <dt>{t.education}</dt>
          <dd>{education}</dd>
          <dt>{t.employment}</dt>
          <dd>{p.employmentStatus ? (EMPLOYMENT_STATUS_LABELS[locale][p.employmentStatus as keyof (typeof EMPLOYMENT_STATUS_LABELS)['id']] ?? p.employmentStatus) : '—'}</dd>
          <dt>{t.regency}</dt>
          <dd>{p.regency ? `${p.regency}${p.province ? `, ${p.province}` : ''}` : '—'}</dd>
        </dl>
      </section>

      <section aria-labelledby="results-title">
        <h2 id="results-title">{t.results}</h2>
        <dl className="facts">
          <dt>{t.written}</dt>
          <dd>
            {v.writtenTest
              ? t.writtenValue.replace('{score}', round(v.writtenTest.score)).replace('{passMark}', round(v.writtenTest.passMark))
              : t.notPublished}
          </dd>
          <dt>{t.self}</dt>
          <dd>
            {v.selfAssessment?.overall != null ? round(v.selfAssessment.overall) : '—'}
            {v.selfAssessment?.scales.length ? (
              <span className="small" style={{ display: 'block', fontWeight: 400 }}>
                {v.selfAssessment.scales.map((s) => `${s.name} ${round(s.mean)}`).join(' · ')}
              </span>
            ) : null}
          </dd>
          <dt>{t.potential}</dt>
          <dd>
            {v.potential ? (
              <>
                <ol style={{ margin: 0, paddingLeft: 20, fontWeight: 400 }}>
                  {v.potential.profile.ranked.map((s) => (
                    <li key={s.code}>
                      {s.name} {round(s.mean)}
                    </li>
                  ))}
                </ol>
                <span className="small" style={{ fontWeight: 400 }}>
                  {t.suggested}: {v.potential.profile.suggestedFields.join(', ') || t.none}
                </span>
              </>
            ) : (
              '—'
            )}
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="attendance-title">
        <h2 id="attendance-title">{t.attendance}</h2>
        <p>
          {v.attendance === 'present' ? <strong>{t.present}</strong> : v.attendance === 'absent' ? <strong>{t.absent}</strong> : t.notRecorded}
        </p>
        {v.attendance === 'absent' ? <p className="small">{t.absentNote}</p> : null}
        {v.state === 'invited_to_interview' ? (
          <div className="actions">
            {v.attendance !== 'present' ? (
              <Form method="post">
                <input type="hidden" name="intent" value="present" />
                <button type="submit" className="secondary" disabled={busy}>
                  {t.markPresent}
                </button>
              </Form>
            ) : null}
            {v.attendance !== 'absent' && !v.scorecard?.submittedAt ? (
              <Form method="post">
                <input type="hidden" name="intent" value="absent" />
                <button type="submit" className="secondary" disabled={busy}>
                  {t.markAbsent}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="scorecard-title">
        <h2 id="scorecard-title">{t.scorecard}</h2>
        {v.scorecard?.submittedAt ? (
          <>
            <Notice kind="info">
              {t.locked.replace('{at}', format.dateTime(v.scorecard.submittedAt)).replace('{total}', format.number(v.scorecard.total))}
            </Notice>
            <dl className="facts">
              {v.rubric.criteria.map((c) => (
                <div key={c.code} style={{ display: 'contents' }}>
                  <dt>{c.label}</dt>
                  <dd>{v.scorecard!.scores[c.code] ?? '—'}</dd>
                </div>
              ))}
              <dt>{t.notes}</dt>
              <dd style={{ whiteSpace: 'pre-wrap', fontWeight: 400 }}>{v.scorecard.notes || '—'}</dd>
            </dl>
          </>
        ) : v.editable ? (
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="score" />
            {scoring ? <FormErrors state={actionData} title={t.problems} /> : null}
            {v.scorecard?.reopenedAt ? <Notice kind="warning">{t.reopened.replace('{reason}', v.scorecard.reopenReason ?? '')}</Notice> : null}
            <p className="hint">{t.scaleHint.replace('{min}', String(v.rubric.scaleMin)).replace('{max}', String(v.rubric.scaleMax)).replace('{labels}', scaleLabels)}</p>
            {v.rubric.criteria.map((c) => {
              const name = `scores.${c.code}`
              const error = scoring ? actionData?.errors?.[name]?.[0] : undefined
              const id = `f-score-${c.code}`
              const described = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')
              return (
                <div key={c.code} className={`field${error ? ' field-invalid' : ''}`}>
                  <label htmlFor={id}>
                    {c.label} <span className="small muted">({t.weight.replace('{n}', String(c.weight))})</span>
                  </label>
                  <p className="hint" id={`${id}-hint`}>
                    {c.description}
                  </p>
                  {error ? (
                    <p className="error" id={`${id}-error`}>
                      {error}
                    </p>
                  ) : null}
                  <input
                    id={id}
                    name={name}
                    type="number"
                    inputMode="numeric"
                    min={v.rubric.scaleMin}
                    max={v.rubric.scaleMax}
                    step={1}
                    defaultValue={scoring ? actionData?.values?.[name] : v.scorecard?.scores[c.code] !== undefined ? String(v.scorecard.scores[c.code]) : undefined}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={described}
                    style={{ maxWidth: '6rem' }}
                  />
                </div>
              )
            })}
            <TextAreaField
              name="notes"
              label={t.notes}
              hint={t.notesHint}
              state={scoring ? actionData : undefined}
              defaultValue={v.scorecard?.notes ?? ''}
              rows={4}
              maxLength={4000}
            />
            <p className="hint">{t.submitHint}</p>
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {t.submit}
              </button>
            </div>
          </Form>
        ) : (
          <p>{v.attendance === 'absent' ? t.absentNote : '—'}</p>
        )}
      </section>
    </>
  )
}
