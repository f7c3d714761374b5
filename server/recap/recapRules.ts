import { EDUCATION_LEVELS } from '../../domain/eligibility'
import { REGISTRATION_STATES, STATE_LABELS, type RegistrationState } from '../../domain/registrationStates'

// How the registration recap (2024 SOP, "rekap pendaftaran") sorts registrations into
// its rows. Pure: the use case reads the rows, these decide where each one counts.

export interface RecapRow {
  key: string
  label: string
  count: number
}

/** The funnel: each stage counts the registrations that reached it (or any later one). */
export const FUNNEL = [
  { key: 'registered', label: 'Mendaftar' },
  { key: 'assessed', label: 'Menyelesaikan asesmen' },
  { key: 'written_test_passed', label: 'Lulus tes tulis' },
  { key: 'interviewed', label: 'Diwawancarai' },
  { key: 'passed', label: 'Lulus seleksi' },
  { key: 're_registered', label: 'Daftar ulang' },
  { key: 'handed_over', label: 'Diserahkan ke penyelenggara' },
] as const

/**
 * The furthest funnel stage a state shows was reached. States that can be reached from
 * several stages (not passed, withdrawn) say nothing by themselves: the registration's
 * earlier events tell how far it came.
 */
const STAGE_OF_STATE: Record<RegistrationState, number> = {
  registered: 0,
  incomplete: 0,
  withdrawn: 0,
  not_passed: 0,
  assessed: 1,
  written_test_failed: 1,
  written_test_passed: 2,
  invited_to_interview: 2,
  interviewed: 3,
  reserve: 3,
  passed: 4,
  forfeited: 4,
  re_registered: 5,
  handed_over: 6,
}

export function stageReached(states: Iterable<string | null>): number {
  let stage = 0
  for (const s of states) if (s && s in STAGE_OF_STATE) stage = Math.max(stage, STAGE_OF_STATE[s as RegistrationState])
  return stage
}

export function funnelRows(stages: number[]): RecapRow[] {
  return FUNNEL.map((f, i) => ({ key: f.key, label: f.label, count: stages.filter((s) => s >= i).length }))
}

export const AGE_BANDS = [
  { key: 'lt20', label: '< 20 tahun', max: 19 },
  { key: '20-24', label: '20–24 tahun', max: 24 },
  { key: '25-29', label: '25–29 tahun', max: 29 },
  { key: '30-34', label: '30–34 tahun', max: 34 },
  { key: '35-39', label: '35–39 tahun', max: 39 },
  { key: 'ge40', label: '≥ 40 tahun', max: Infinity },
] as const

export const UNKNOWN = { key: 'unknown', label: 'Tidak diisi' }

/** Whole years between a birth date and the day of registration ('YYYY-MM-DD' both). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

export function ageBand(birthDate: string | null, onDate: string): { key: string; label: string } {
  if (!birthDate) return UNKNOWN
  const age = ageOn(birthDate, onDate)
  return AGE_BANDS.find((b) => age <= b.max)!
}

/** Counts per key in a fixed order (every known key shown, zeros included), then the rest by count. */
export function countBy<T>(
  items: readonly T[],
  keyOf: (item: T) => { key: string; label: string },
  order: ReadonlyArray<{ key: string; label: string }> = [],
  options: { keepZeros?: boolean } = {},
): RecapRow[] {
  const counts = new Map<string, RecapRow>()
  for (const o of order) counts.set(o.key, { key: o.key, label: o.label, count: 0 })
  for (const item of items) {
    const k = keyOf(item)
    const row = counts.get(k.key) ?? { key: k.key, label: k.label, count: 0 }
    row.count++
    counts.set(k.key, row)
  }
  const known = order.map((o) => counts.get(o.key)!).filter((r) => options.keepZeros !== false || r.count > 0)
  const rest = [...counts.values()].filter((r) => !order.some((o) => o.key === r.key)).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'id'))
  return [...known, ...rest]
}

export const STATE_ORDER = REGISTRATION_STATES.map((s) => ({ key: s, label: STATE_LABELS[s].id }))
export const CHANNEL_ORDER = [
  { key: 'online', label: 'Daring (mandiri)' },
  { key: 'kiosk', label: 'Kios (dibantu petugas)' },
]
export const SEX_ORDER = [
  { key: 'male', label: 'Laki-laki' },
  { key: 'female', label: 'Perempuan' },
]
export const EDUCATION_ORDER = EDUCATION_LEVELS.map((l) => ({ key: l, label: l }))
