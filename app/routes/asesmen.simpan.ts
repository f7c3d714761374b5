import { data } from 'react-router'
import type { Route } from './+types/asesmen.simpan'
import { AttemptClosedError, saveAnswers } from '../../server/assessments/saveAnswers'
import { UseCaseError } from '../../server/errors'
import { getActor } from '../lib/session.server'
import { answersFromForm } from './asesmen.server'
import { contextOf } from '../lib/context.server'
import { requireSameOrigin } from '../lib/sameOrigin.server'

/**
 * The background save of the question pages (with JavaScript): POST attemptId and
 * q<position>=<option key>; answers JSON. The pages work without it: their own form
 * saves the same answers on "Simpan & lanjut".
 */
export async function action({ request }: Route.ActionArgs) {
  // A resource route: React Router's own Origin check does not cover it.
  requireSameOrigin(request)
  const actor = await getActor(request)
  if (!actor) return data({ ok: false, message: 'Sesi Anda berakhir. Masuk lagi untuk melanjutkan; jawaban yang sudah tersimpan tetap ada.' }, { status: 401 })
  const formData = await request.formData()
  const attemptId = String(formData.get('attemptId') ?? '')
  const answers = answersFromForm(formData)
  const ctx = await contextOf(actor)
  try {
    const saved = await saveAnswers(ctx, { attemptId, answers })
    return data({ ok: true, savedAt: saved.savedAt.toISOString(), positions: saved.positions })
  } catch (error) {
    if (error instanceof AttemptClosedError) return data({ ok: false, closed: true, message: error.message }, { status: 409 })
    if (error instanceof UseCaseError) {
      const first = Object.values(error.fieldErrors)[0]?.[0]
      return data({ ok: false, message: first ?? error.message }, { status: error.status })
    }
    throw error
  }
}

export function loader() {
  throw data('Halaman ini hanya menerima jawaban yang dikirim dari soal asesmen.', { status: 405 })
}
