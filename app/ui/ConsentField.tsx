import { Link } from 'react-router'
import { CONSENT_VALUE } from '../../server/privacy/notice'
import { FieldShell, fieldState, type FormState } from './form'

/**
 * The privacy notice's checkbox (decision 023): ticked sends `ya`; its message stands at
 * the field, and a failed submit keeps it as it was. The hint links to /privasi.
 */
export function ConsentField({
  name = 'consent',
  label,
  hint,
  linkText,
  state,
}: {
  name?: string
  label: string
  hint: string
  linkText: string
  state: FormState | undefined
}) {
  const { error, value } = fieldState(state, name)
  return (
    <FieldShell
      id={`f-${name}`}
      label={label}
      hint={
        <>
          {hint}{' '}
          <Link to="/privasi" target="_blank" rel="noopener">
            {linkText}
          </Link>
          .
        </>
      }
      error={error}
      check
    >
      {(control) => <input {...control} type="checkbox" name={name} value={CONSENT_VALUE} defaultChecked={value === CONSENT_VALUE} required />}
    </FieldShell>
  )
}
