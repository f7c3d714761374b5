import { data } from 'react-router'
import { kindFromSlug, type AssessmentKind } from '../../server/assessments/kinds'

// Server helpers of the candidate's assessment pages (/asesmen/…).

/** The kind named by the URL segment (/asesmen/siap-latih), or a 404. */
export function kindParam(slug: string | undefined): AssessmentKind {
  const kind = kindFromSlug(slug)
  if (!kind) throw data('Asesmen tidak ditemukan.', { status: 404 })
  return kind
}

// Shared with the answer save the production server handles before the router.
export { answersFromForm } from '../../server/assessments/answerFields'
