import { data } from 'react-router'
import type { z } from 'zod'
import { UseCaseError } from '../../server/errors'
import { fieldErrorsFromIssues } from '../../server/validation'

/** What an action returns when a form cannot be accepted. */
export interface FormFailure {
  ok: false
  /** Messages per field name; '' holds a message for the whole form. */
  errors: Record<string, string[]>
  /** What the person typed, echoed back so nothing is lost (never passwords or files). */
  values: Record<string, string>
}

const NOT_ECHOED = /password|sandi|^file|^photo|^ktp$|^diploma$/i

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !NOT_ECHOED.test(key)) values[key] = value
  }
  return values
}

/** Parse a form with its Zod schema; on failure, a 400 response with the field errors. */
export function parseForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
): { ok: true; value: z.infer<S> } | { ok: false; response: ReturnType<typeof data<FormFailure>> } {
  const raw: Record<string, unknown> = {}
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key)
    raw[key] = all.length > 1 ? all : all[0]
  }
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, response: failure(formData, fieldErrorsFromIssues(result.error.issues), 400) }
}

export function failure(formData: FormData, errors: Record<string, string[]>, status = 400) {
  return data<FormFailure>({ ok: false, errors, values: formValues(formData) }, { status })
}

/** Turn a use-case error into a form failure; anything else is rethrown. */
export function useCaseFailure(formData: FormData, error: unknown) {
  if (error instanceof UseCaseError) {
    const errors: Record<string, string[]> = { ...error.fieldErrors }
    if (Object.keys(errors).length === 0) errors[''] = [error.message]
    return failure(formData, errors, error.status)
  }
  throw error
}

/**
 * The posted form, or a 400 thrown as the route's error page when the body is not a
 * readable form or holds a NUL byte (PostgreSQL refuses it in text). The production
 * server refuses these before any route runs (server/http/bodyGuard.ts); this keeps an
 * action that reads its form here answering 4xx under any other server too.
 */
export async function readFormData(request: Request): Promise<FormData> {
  let formData: FormData
  try {
    formData = await request.formData()
  } catch {
    throw data('Isian formulir tidak dapat dibaca. Kembali, lalu kirim lagi.', { status: 400 })
  }
  for (const [name, value] of formData) {
    if (name.includes('\0') || (typeof value === 'string' ? value : value.name).includes('\0')) {
      throw data('Isian berisi karakter yang tidak diizinkan (NUL). Hapus karakter itu, lalu kirim lagi.', { status: 400 })
    }
  }
  return formData
}
