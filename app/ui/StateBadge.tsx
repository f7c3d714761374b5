import { STATE_LABELS, type RegistrationState } from '../../domain/registrationStates'
import { useLocale } from '../i18n/text'

// Colour says how it is going; the words say what it is (colour is never the only cue).
const TONE: Record<RegistrationState, '' | 'badge-ok' | 'badge-warn' | 'badge-bad'> = {
  registered: '',
  assessed: '',
  incomplete: 'badge-bad',
  written_test_passed: 'badge-ok',
  written_test_failed: 'badge-bad',
  invited_to_interview: 'badge-warn',
  interviewed: '',
  passed: 'badge-ok',
  reserve: 'badge-warn',
  not_passed: 'badge-bad',
  re_registered: 'badge-ok',
  forfeited: 'badge-bad',
  handed_over: 'badge-ok',
  withdrawn: '',
}

/** A registration's state as a labelled badge (STATE_LABELS, in the page language). */
export function StateBadge({ state }: { state: RegistrationState }) {
  const locale = useLocale()
  return <span className={`badge ${TONE[state]}`.trim()}>{STATE_LABELS[state][locale]}</span>
}
