import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react'

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

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'name'> {
  name: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  state?: FormState
}

/** A labelled input with its hint and error, linked for screen readers. */
export function Field({ name, label, hint, error, state, defaultValue, id, ...rest }: FieldProps) {
  const autoId = useId()
  const inputId = id ?? `f-${name}-${autoId}`
  const s = fieldState(state, name)
  const message = error ?? s.error
  const describedBy = [hint ? `${inputId}-hint` : null, message ? `${inputId}-error` : null].filter(Boolean).join(' ')
  const isCheck = rest.type === 'checkbox' || rest.type === 'radio'
  return (
    <div className={`field${isCheck ? ' field-check' : ''}${message ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p className="hint" id={`${inputId}-hint`}>
          {hint}
        </p>
      ) : null}
      {message ? (
        <p className="error" id={`${inputId}-error`}>
          {message}
        </p>
      ) : null}
      <input
        id={inputId}
        name={name}
        defaultValue={rest.type === 'password' || rest.type === 'file' ? undefined : (s.value ?? defaultValue)}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...rest}
      />
    </div>
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
  const autoId = useId()
  const inputId = id ?? `f-${name}-${autoId}`
  const s = fieldState(state, name)
  const message = error ?? s.error
  const describedBy = [hint ? `${inputId}-hint` : null, message ? `${inputId}-error` : null].filter(Boolean).join(' ')
  return (
    <div className={`field${message ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p className="hint" id={`${inputId}-hint`}>
          {hint}
        </p>
      ) : null}
      {message ? (
        <p className="error" id={`${inputId}-error`}>
          {message}
        </p>
      ) : null}
      <select
        id={inputId}
        name={name}
        defaultValue={s.value ?? defaultValue ?? ''}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

interface TextAreaProps extends Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'> {
  name: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  state?: FormState
}

export function TextAreaField({ name, label, hint, error, state, defaultValue, id, ...rest }: TextAreaProps) {
  const autoId = useId()
  const inputId = id ?? `f-${name}-${autoId}`
  const s = fieldState(state, name)
  const message = error ?? s.error
  const describedBy = [hint ? `${inputId}-hint` : null, message ? `${inputId}-error` : null].filter(Boolean).join(' ')
  return (
    <div className={`field${message ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p className="hint" id={`${inputId}-hint`}>
          {hint}
        </p>
      ) : null}
      {message ? (
        <p className="error" id={`${inputId}-error`}>
          {message}
        </p>
      ) : null}
      <textarea
        id={inputId}
        name={name}
        defaultValue={s.value ?? defaultValue}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...rest}
      />
    </div>
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
