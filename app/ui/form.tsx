import {
  useId,
  type CSSProperties,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react'

/** The shape actions return on failure (see app/lib/forms.server.ts). */
export interface FormState {
  ok?: boolean
  errors?: Record<string, string[]>
  values?: Record<string, string>
}

/** Field error and previous value, looked up by name. */
export function fieldState(state: FormState | undefined, name: string) {
  return { error: state?.errors?.[name]?.[0], value: state?.values?.[name] }
}

/** What a control inside a FieldShell spreads onto itself: its id and the aria wiring. */
export interface FieldControlProps {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

interface FieldShellProps {
  /** The control's id; the hint and error ids derive from it. */
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  /** Marked invalid without an error of its own (the messages stand elsewhere, in `describedBy`). */
  invalid?: boolean
  /** Further ids the control is described by. */
  describedBy?: string
  /** A checkbox or radio: label beside the control. */
  check?: boolean
  /** The label is read by screen readers only (the column header says it on screen). */
  hideLabel?: boolean
  style?: CSSProperties
  children: (control: FieldControlProps) => ReactNode
}

/**
 * The one field shell: label, hint, error, and the ids that tie them to the control for
 * screen readers. Every field (Field, SelectField, TextAreaField and the odd ones in
 * pages) renders its control inside it.
 */
export function FieldShell({ id, label, hint, error, invalid, describedBy, check, hideLabel, style, children }: FieldShellProps) {
  const isInvalid = invalid ?? Boolean(error)
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, describedBy ?? null].filter(Boolean).join(' ')
  return (
    <div className={`field${check ? ' field-check' : ''}${isInvalid ? ' field-invalid' : ''}`} style={style}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': isInvalid ? true : undefined, 'aria-describedby': described || undefined })}
    </div>
  )
}

/** The id and message of a named field: given ones first, else from the action's answer. */
function useFieldState(name: string, id: string | undefined, error: string | undefined, state: FormState | undefined) {
  const autoId = useId()
  const s = fieldState(state, name)
  return { inputId: id ?? `f-${name}-${autoId}`, message: error ?? s.error, value: s.value }
}

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'name'> {
  name: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  state?: FormState
}

/** A labelled input with its hint and error, linked for screen readers. */
export function Field({ name, label, hint, error, state, defaultValue, id, ...rest }: FieldProps) {
  const { inputId, message, value } = useFieldState(name, id, error, state)
  const isCheck = rest.type === 'checkbox' || rest.type === 'radio'
  return (
    <FieldShell id={inputId} label={label} hint={hint} error={message} check={isCheck}>
      {(control) => (
        <input
          {...control}
          name={name}
          defaultValue={rest.type === 'password' || rest.type === 'file' ? undefined : (value ?? defaultValue)}
          {...rest}
        />
      )}
    </FieldShell>
  )
}

interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> {
  name: string
  label: ReactNode
  options: ReadonlyArray<{ value: string; label: string }>
  placeholder?: string
  hint?: ReactNode
  error?: string
  state?: FormState
}

export function SelectField({ name, label, options, placeholder, hint, error, state, defaultValue, id, ...rest }: SelectProps) {
  const { inputId, message, value } = useFieldState(name, id, error, state)
  return (
    <FieldShell id={inputId} label={label} hint={hint} error={message}>
      {(control) => (
        <select {...control} name={name} defaultValue={value ?? defaultValue ?? ''} {...rest}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  )
}

interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'> {
  name: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  state?: FormState
}

export function TextAreaField({ name, label, hint, error, state, defaultValue, id, ...rest }: TextAreaProps) {
  const { inputId, message, value } = useFieldState(name, id, error, state)
  return (
    <FieldShell id={inputId} label={label} hint={hint} error={message}>
      {(control) => <textarea {...control} name={name} defaultValue={value ?? defaultValue} {...rest} />}
    </FieldShell>
  )
}

/**
 * The form-level message: a summary of what is wrong, announced to screen readers,
 * with the whole-form error ('' key) first.
 */
export function FormErrors({ state, title }: { state: FormState | undefined; title: string }) {
  if (!state?.errors || Object.keys(state.errors).length === 0) return null
  const general = state.errors['']
  const fieldCount = Object.keys(state.errors).filter((k) => k !== '').length
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1}>
      <p>
        <strong>{title}</strong>
      </p>
      {general?.map((m) => (
        <p key={m}>{m}</p>
      ))}
      {fieldCount > 0 && !general ? <p>{fieldCount === 1 ? '1 isian perlu diperbaiki.' : `${fieldCount} isian perlu diperbaiki.`}</p> : null}
    </div>
  )
}
