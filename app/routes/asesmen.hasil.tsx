import { Link } from 'react-router'
import type { Route } from './+types/asesmen.hasil'
import { getAssessmentResults } from '../../server/assessments/getAssessmentResults'
import { KIND_LABELS, kindFromSlug } from '../../server/assessments/kinds'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { Notice } from '../ui/Notice'
import { candidateContext, loaderFailure } from '../lib/context.server'

export function meta() {
  return [{ title: 'Hasil asesmen — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const results = await getAssessmentResults(ctx, { candidateId }).catch(loaderFailure)
  const submitted = kindFromSlug(new URL(request.url).searchParams.get('selesai') ?? undefined)
  return { results, submitted }
}

const text = defineText({
  id: {
    title: 'Hasil asesmen',
    submitted: 'Jawaban {kind} sudah dikumpulkan. Terima kasih.',
    none: 'Belum ada asesmen yang selesai.',
    overview: 'Kembali ke daftar asesmen',
    completedAt: 'Selesai pada',
    validUntil: 'Berlaku sampai',
    expired: 'Hasil ini sudah lebih dari enam bulan dan tidak berlaku lagi; asesmen dapat diikuti lagi.',
    timeUp: 'Dikumpulkan otomatis saat waktu habis.',
    outOf5: '{value} dari 5',
    overall: 'Rata-rata keseluruhan',
    scales: 'Skor per aspek',
    profile: 'Profil minat Anda',
    profileHelp: 'Aspek diurutkan dari yang paling menonjol. Skor 1 sampai 5.',
    rank: 'Peringkat {n}',
    suggested: 'Bidang pelatihan yang disarankan',
    suggestedHelp: 'Berdasarkan dua aspek tertinggi Anda. Saran ini tidak mengikat; pilih program yang paling Anda minati.',
    programmes: 'Program di bidang ini',
    seeField: 'Lihat program bidang {field}',
    noSuggestion: 'Belum ada saran bidang dari hasil ini.',
    score: 'Nilai',
    correct: '{n} benar dari {total} soal',
    passMark: 'Nilai batas lulus gelombang ini: {n}',
    hidden: 'Hasil tes tulis diumumkan oleh panitia setelah {date}.',
    hiddenNoDate: 'Hasil tes tulis diumumkan oleh panitia setelah batas asesmen.',
    aktivitas: 'Pantau pengumuman di Aktivitas',
  },
  en: {
    title: 'Assessment results',
    submitted: 'Your {kind} answers have been submitted. Thank you.',
    none: 'No assessment has been completed yet.',
    overview: 'Back to the assessments',
    completedAt: 'Completed on',
    validUntil: 'Valid until',
    expired: 'This result is more than six months old and no longer valid; the assessment can be taken again.',
    timeUp: 'Submitted automatically when time ran out.',
    outOf5: '{value} of 5',
    overall: 'Overall average',
    scales: 'Score per aspect',
    profile: 'Your interest profile',
    profileHelp: 'Aspects from the strongest. Scores from 1 to 5.',
    rank: 'Rank {n}',
    suggested: 'Suggested training fields',
    suggestedHelp: 'Based on your two highest aspects. The suggestion does not bind you; choose the programme you are most interested in.',
    programmes: 'Programmes in these fields',
    seeField: 'See programmes in {field}',
    noSuggestion: 'No field is suggested by this result yet.',
    score: 'Score',
    correct: '{n} correct of {total} questions',
    passMark: 'Pass mark of this batch: {n}',
    hidden: 'The committee announces the written-test results after {date}.',
    hiddenNoDate: 'The committee announces the written-test results after the assessment deadline.',
    aktivitas: 'Follow the announcement under Activity',
  },
})

function Meter({ value, label }: { value: number; label: string }) {
  // 1…5 mapped onto the bar; the number is always written beside it.
  const percent = Math.max(0, Math.min(100, ((value - 1) / 4) * 100))
  return (
    <div className="meter" role="img" aria-label={label}>
      <span style={{ width: `${percent}%` }} />
    </div>
  )
}

export default function ResultsPage({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const { results, submitted } = loaderData
  const out5 = (v: number) => t.outOf5.replace('{value}', format.number(Math.round(v * 100) / 100))
  const dates = (r: { completedAt: Date; validUntil: Date; valid: boolean; submitReason: string | null }) => (
    <>
      <dl className="facts">
        <dt>{t.completedAt}</dt>
        <dd>{format.dateTime(r.completedAt)}</dd>
        <dt>{t.validUntil}</dt>
        <dd>{format.dateTime(r.validUntil)}</dd>
      </dl>
      {r.submitReason === 'time_up' ? <p className="small">{t.timeUp}</p> : null}
      {!r.valid ? <p className="small">{t.expired}</p> : null}
    </>
  )
  const { selfAssessment: self, potential, writtenTest: wt } = results
  return (
    <>
      <h1>{t.title}</h1>
      {submitted ? <Notice kind="success">{t.submitted.replace('{kind}', KIND_LABELS[submitted][locale])}</Notice> : null}
      {!self && !potential && !wt ? <p>{t.none}</p> : null}

      {self ? (
        <section className="card" aria-labelledby="self-title">
          <h2 id="self-title">{KIND_LABELS.self_assessment[locale]}</h2>
          {dates(self)}
          {self.overall !== null ? (
            <p>
              {t.overall}: <strong>{out5(self.overall)}</strong>
            </p>
          ) : null}
          {self.scales.length > 0 ? (
            <>
              <h3>{t.scales}</h3>
              <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
                {self.scales.map((s) => (
                  <li key={s.code} style={{ marginBottom: '8px' }}>
                    {s.name}: <strong>{out5(s.mean)}</strong>
                    <Meter value={s.mean} label={`${s.name}: ${out5(s.mean)}`} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {potential ? (
        <section className="card" aria-labelledby="potential-title">
          <h2 id="potential-title">{KIND_LABELS.potential[locale]}</h2>
          {dates(potential)}
          <h3>{t.profile}</h3>
          <p className="small">{t.profileHelp}</p>
          <ol style={{ paddingLeft: '1.2em' }}>
            {potential.profile.ranked.map((s) => (
              <li key={s.code} style={{ marginBottom: '8px' }}>
                <strong>{s.name}</strong> — {out5(s.mean)}
                <span className="visually-hidden"> ({t.rank.replace('{n}', String(s.rank))})</span>
                <Meter value={s.mean} label={`${s.name}: ${out5(s.mean)}`} />
                {s.description ? <span className="small muted">{s.description}</span> : null}
              </li>
            ))}
          </ol>
          <h3>{t.suggested}</h3>
          {potential.profile.suggestedFields.length === 0 ? (
            <p>{t.noSuggestion}</p>
          ) : (
            <>
              <p className="small">{t.suggestedHelp}</p>
              <ul>
                {potential.profile.suggestedFields.map((field) => (
                  <li key={field}>
                    <Link to={`/program?bidang=${encodeURIComponent(field)}`}>{t.seeField.replace('{field}', field)}</Link>
                  </li>
                ))}
              </ul>
              {potential.suggestedProgrammes.length > 0 ? (
                <>
                  <h4>{t.programmes}</h4>
                  <ul>
                    {potential.suggestedProgrammes.map((p) => (
                      <li key={p.id}>
                        {p.name} <span className="muted">({p.vocationalField})</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          )}
        </section>
      ) : null}

      {wt ? (
        <section className="card" aria-labelledby="wt-title">
          <h2 id="wt-title">{KIND_LABELS.written_test[locale]}</h2>
          {dates(wt)}
          {wt.published ? (
            <>
              <p>
                {t.score}: <strong>{wt.score !== null ? format.number(wt.score) : '—'}</strong>
              </p>
              {wt.correctCount !== null ? (
                <p>{t.correct.replace('{n}', String(wt.correctCount)).replace('{total}', String(wt.total))}</p>
              ) : null}
              {wt.passMark !== null ? <p>{t.passMark.replace('{n}', format.number(wt.passMark))}</p> : null}
            </>
          ) : (
            <Notice kind="info">
              <p>{wt.expectedAfter ? t.hidden.replace('{date}', format.dateTime(wt.expectedAfter)) : t.hiddenNoDate}</p>
              <p>
                <Link to="/aktivitas">{t.aktivitas}</Link>
              </p>
            </Notice>
          )}
        </section>
      ) : null}

      <p>
        <Link to="/asesmen">{t.overview}</Link>
      </p>
    </>
  )
}
