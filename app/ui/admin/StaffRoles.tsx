// The role checkboxes of the staff pages (invite, change roles), and the role names.
import { STAFF_ROLES, type StaffRole } from '../../../server/auth/actor'
import { defineText, useText } from '../../i18n/text'
import type { FormState } from '../form'

export const roleText = defineText({
  id: {
    administrator: 'Administrator',
    kiosk_officer: 'Petugas kios',
    selection_committee: 'Panitia seleksi',
    interviewer: 'Pewawancara',
    organiser: 'Penyelenggara',
    administratorHint: 'program, gelombang, bank soal, dan staf',
    kiosk_officerHint: 'membantu pendaftar yang datang langsung',
    selection_committeeHint: 'hasil asesmen, tes tulis, wawancara, dan pleno',
    interviewerHint: 'mewawancarai dan menilai calon peserta',
    organiserHint: 'daftar ulang dan serah terima peserta',
    roles: 'Peran',
    rolesHint: 'Pilih satu atau lebih.',
  },
  en: {
    administrator: 'Administrator',
    kiosk_officer: 'Kiosk officer',
    selection_committee: 'Selection committee',
    interviewer: 'Interviewer',
    organiser: 'Organiser',
    administratorHint: 'programmes, batches, question banks and staff',
    kiosk_officerHint: 'helps walk-in applicants',
    selection_committeeHint: 'assessment results, written test, interviews and plenary',
    interviewerHint: 'interviews and scores candidates',
    organiserHint: 're-registration and handover of participants',
    roles: 'Roles',
    rolesHint: 'Choose one or more.',
  },
})

/** Form field of a role checkbox: one name per role, so what was ticked comes back on an error. */
export function roleField(role: StaffRole): string {
  return `role_${role}`
}

export function RoleBadges({ roles }: { roles: readonly StaffRole[] }) {
  const t = useText(roleText)
  return (
    <>
      {roles.map((r) => (
        <span key={r} className="badge" style={{ marginRight: 6 }}>
          {t[r]}
        </span>
      ))}
    </>
  )
}

/** The roles as checkboxes in a fieldset; its error is the use case's 'roles' message. */
export function RoleCheckboxes({ state, checked }: { state: FormState | undefined; checked: readonly StaffRole[] }) {
  const t = useText(roleText)
  const error = state?.errors?.roles?.[0] ?? Object.entries(state?.errors ?? {}).find(([k]) => k.startsWith('roles.'))?.[1][0]
  // After a refused submit, what was ticked then; otherwise the current roles.
  const isChecked = (role: StaffRole) => (state?.values ? state.values[roleField(role)] !== undefined : checked.includes(role))
  return (
    <fieldset aria-describedby={`roles-hint${error ? ' roles-error' : ''}`} className={error ? 'field-invalid' : undefined}>
      <legend>{t.roles}</legend>
      <p className="hint" id="roles-hint">
        {t.rolesHint}
      </p>
      {error ? (
        <p className="error" id="roles-error">
          {error}
        </p>
      ) : null}
      {STAFF_ROLES.map((role) => (
        // Box first, then the (long) label beside it, so each row reads on a 360 px phone.
        <div className="field" key={role} style={{ display: 'flex', alignItems: 'flex-start', gap: 10, margin: '8px 0' }}>
          <input
            id={`role-${role}`}
            type="checkbox"
            name={roleField(role)}
            value="on"
            defaultChecked={isChecked(role)}
            aria-invalid={error ? true : undefined}
            style={{ width: 22, height: 22, flexShrink: 0, marginTop: 2 }}
          />
          <label htmlFor={`role-${role}`} style={{ fontWeight: 400, margin: 0 }}>
            <strong>{t[role]}</strong> — {t[`${role}Hint`]}
          </label>
        </div>
      ))}
    </fieldset>
  )
}
