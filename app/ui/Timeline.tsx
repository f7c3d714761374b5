import { ACTION_LABELS, isRegistrationAction } from '../../domain/registrationStates'
import { ASSESSMENT_KINDS, KIND_LABELS, type AssessmentKind } from '../../server/assessments/kinds'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'

const text = defineText({
  id: {
    submitted: 'dikumpulkan',
    registered: 'Mendaftar',
    viaKiosk: 'oleh petugas kios',
    reason: 'Alasan',
    empty: 'Belum ada kejadian.',
    writtenTest: 'Nilai tes tulis {score}, batas lulus {passMark}: {result}.',
    writtenTestTitle: 'Hasil tes tulis diumumkan',
    passed: 'lulus',
    failed: 'belum lulus',
    slotChanged: 'Jadwal wawancara dipindah',
    reRegistrationConfirmed: 'Daftar ulang dikonfirmasi',
    announcedTitle: 'Hasil seleksi diumumkan',
    announced_passed: 'Anda lulus seleksi.',
    announced_reserve: 'Anda calon cadangan urutan ke-{place}.',
    announced_not_passed: 'Anda belum lulus seleksi.',
  },
  en: {
    submitted: 'submitted',
    registered: 'Registered',
    viaKiosk: 'by a kiosk officer',
    reason: 'Reason',
    empty: 'Nothing has happened yet.',
    writtenTest: 'Written-test score {score}, pass mark {passMark}: {result}.',
    writtenTestTitle: 'Written-test results published',
    passed: 'passed',
    failed: 'not passed',
    slotChanged: 'Interview time changed',
    reRegistrationConfirmed: 'Re-registration confirmed',
    announcedTitle: 'Selection results announced',
    announced_passed: 'You passed the selection.',
    announced_reserve: 'You are reserve number {place}.',
    announced_not_passed: 'You did not pass the selection.',
  },
})

export interface TimelineEvent {
  id: number
  kind: string
  /** ISO instant */
  at: string
  viaKiosk: boolean
  reason?: string | null
  /** For 'assessment_submitted' events. */
  assessmentKind?: string | null
  /** For the written-test result events, once published. */
  writtenTest?: { score: number; passMark: number; passed: boolean } | null
  /** For the 'results_announced' event. */
  announcement?: { outcome: string; reservePlace: number | null } | null
}

/** A registration's events, in the order given (newest first on the Aktivitas pages). */
export function Timeline({ events, label }: { events: ReadonlyArray<TimelineEvent>; label: string }) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  if (events.length === 0) return <p>{t.empty}</p>
  return (
    <ol className="timeline" aria-label={label}>
      {events.map((e) => (
        <li key={e.id}>
          <strong>
            {e.writtenTest
              ? t.writtenTestTitle
              : e.kind === 'registered'
                ? t.registered
                : isRegistrationAction(e.kind)
                  ? ACTION_LABELS[e.kind][locale]
                  : e.kind === 'assessment_submitted' && isAssessmentKind(e.assessmentKind)
                    ? `${KIND_LABELS[e.assessmentKind][locale]} ${t.submitted}`
                    : e.kind === 'interview_slot_changed'
                      ? t.slotChanged
                      : e.kind === 'results_announced'
                        ? t.announcedTitle
                        : e.kind === 're_registration_confirmed'
                          ? t.reRegistrationConfirmed
                          : e.kind}
          </strong>
          {e.viaKiosk ? <span> ({t.viaKiosk})</span> : null}
          <time dateTime={e.at}>{format.dateTime(e.at)}</time>
          {e.writtenTest ? (
            <span className="small">
              {t.writtenTest
                .replace('{score}', format.number(e.writtenTest.score))
                .replace('{passMark}', format.number(e.writtenTest.passMark))
                .replace('{result}', e.writtenTest.passed ? t.passed : t.failed)}
            </span>
          ) : null}
          {e.announcement ? <span className="small">{announcementText(t, e.announcement)}</span> : null}
          {e.reason ? (
            <span className="small">
              {t.reason}: {e.reason}
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  )
}

function announcementText(t: (typeof text)['id'], a: { outcome: string; reservePlace: number | null }): string {
  if (a.outcome === 'passed') return t.announced_passed
  if (a.outcome === 'reserve') return t.announced_reserve.replace('{place}', String(a.reservePlace ?? '?'))
  return t.announced_not_passed
}

function isAssessmentKind(value: string | null | undefined): value is AssessmentKind {
  return ASSESSMENT_KINDS.includes(value as AssessmentKind)
}
