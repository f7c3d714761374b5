import type { StaffRole } from '../auth/actor'

/** Role names as the centre says them (mails, CLI output); pages keep their own texts. */
export const ROLE_LABELS: Record<StaffRole, string> = {
  administrator: 'Administrator',
  kiosk_officer: 'Petugas kios',
  selection_committee: 'Panitia seleksi',
  interviewer: 'Pewawancara',
  organiser: 'Penyelenggara',
}

export function roleList(roles: readonly StaffRole[]): string {
  return roles.map((r) => ROLE_LABELS[r]).join(', ')
}
