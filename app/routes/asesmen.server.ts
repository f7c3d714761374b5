import { data } from 'react-router'
import type { Actor } from '../../server/auth/actor'
import { kindFromSlug, type AssessmentKind } from '../../server/assessments/kinds'
import type { UseCaseContext } from '../../server/context'
import { UseCaseError } from '../../server/errors'
import { runtime } from '../../server/runtime'
import { requireCandidateScope } from '../lib/session.server'

// Server helpers of the candidate's assessment pages (/asesmen/…).

export async function assessmentContext(
  request: Request,
): Promise<{ actor: Actor; candidateId: string; ctx: UseCaseContext }> {
  const { actor, candidateId } = await requireCandidateScope(request)
  const { db } = await runtime()
  return { actor, candidateId, ctx: { db, actor, now: new Date() } }
}

/** The kind named by the URL segment (/asesmen/siap-latih), or a 404. */
export function kindParam(slug: string | undefined): AssessmentKind {
  const kind = kindFromSlug(slug)
  if (!kind) throw data('Asesmen tidak ditemukan.', { status: 404 })
  return kind
}

/** In a loader, a refused use case becomes an error page with its status and message. */
export function loaderFailure(error: unknown): never {
  if (error instanceof UseCaseError) throw data(error.message, { status: error.status })
  throw error
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
