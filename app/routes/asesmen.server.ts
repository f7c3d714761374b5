import { data } from 'react-router'
import { kindFromSlug, type AssessmentKind } from '../../server/assessments/kinds'

// Server helpers of the candidate's assessment pages (/asesmen/…).

/** The kind named by the URL segment (/asesmen/siap-latih), or a 404. */
export function kindParam(slug: string | undefined): AssessmentKind {
  const kind = kindFromSlug(slug)
  if (!kind) throw data('Asesmen tidak ditemukan.', { status: 404 })
  return kind
}

/** Answers of a page form: fields named q<position> holding an option key. */
export function answersFromForm(formData: FormData): Array<{ position: number; answer: string }> {
  const answers: Array<{ position: number; answer: string }> = []
  for (const [name, value] of formData) {
    const match = /^q(\d{1,4})$/.exec(name)
    if (match && typeof value === 'string' && value !== '') answers.push({ position: Number(match[1]), answer: value })
  }
  return answers
}
