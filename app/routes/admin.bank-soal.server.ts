import { data } from 'react-router'
import { z } from 'zod'
import { OPTION_COLUMNS, type QuestionFields } from '../../server/assessments/banks/questionRules'
import { MAX_IMAGE_BYTES } from '../../server/assessments/banks/images'
import type { FormFailure } from '../lib/forms.server'
import { IMAGE_FIELD } from '../../server/assessments/banks/limits'
import { declaredTooLarge, discardBody, readLimitedFormData } from './profil.dokumen.server'

// Server helpers of the question-bank pages (/admin/bank-soal/…).

export { currentInstitution, idParam, requireAdministrator } from './admin.program.server'

/** The text fields of the question form (named like the XLSX template's columns). */
export const QuestionForm = z.object({
  kode: z.string().optional(),
  pertanyaan: z.string().optional(),
  opsi_a: z.string().optional(),
  opsi_b: z.string().optional(),
  opsi_c: z.string().optional(),
  opsi_d: z.string().optional(),
  opsi_e: z.string().optional(),
  kunci: z.string().optional(),
  skala: z.string().optional(),
  terbalik: z.string().optional(),
  gambar: z.string().optional(),
  hapus_gambar: z.string().optional(),
  versi: z.string().optional(),
})
export type QuestionFormValues = z.infer<typeof QuestionForm>

export function questionFields(v: QuestionFormValues): QuestionFields {
  const fields: QuestionFields = {
    pertanyaan: v.pertanyaan ?? '',
    kunci: v.kunci ?? '',
    skala: v.skala ?? '',
    terbalik: v.terbalik === 'ya' ? 'ya' : 'tidak',
    gambar: v.hapus_gambar === 'ya' ? '' : (v.gambar ?? ''),
  }
  for (const c of OPTION_COLUMNS) fields[c] = v[c] ?? ''
  return fields
}

/** Room for a question image plus the text of the form. */
const QUESTION_FORM_BYTES = MAX_IMAGE_BYTES + 64 * 1024

/**
 * The posted question form (multipart, for the image), read up to a limit. Returns
 * null when the body is too large (the rest is read and dropped).
 */
export async function readQuestionForm(request: Request): Promise<FormData | null> {
  if (declaredTooLarge(request, QUESTION_FORM_BYTES)) {
    await discardBody(request)
    return null
  }
  return readLimitedFormData(request, QUESTION_FORM_BYTES)
}

/** The bytes of an uploaded file field, or null when no file was chosen. */
export async function uploadedBytes(formData: FormData, name: string): Promise<Uint8Array | null> {
  const file = formData.get(name)
  if (!(file instanceof File) || file.size === 0) return null
  return new Uint8Array(await file.arrayBuffer())
}

const MB = String(MAX_IMAGE_BYTES / 1024 / 1024)

/** The answer to a question form whose image is over the limit: nothing was read. */
export function tooLargeResponse() {
  return data<FormFailure>(
    { ok: false, errors: { [IMAGE_FIELD]: [`Berkas terlalu besar; gambar paling besar ${MB} MB. Isian tidak terkirim, isi lagi.`] }, values: {} },
    { status: 413 },
  )
}
