import { data } from 'react-router'
import type { Route } from './+types/asesmen.simpan'
import { type AnswerSaveReply, answerSaveReply, FOREIGN_ORIGIN_REPLY, readAnswerSaveForm, SIGNED_OUT_REPLY } from '../../server/http/answerSave'
import { getActor } from '../lib/session.server'
import { contextOf } from '../lib/context.server'
import { isSameOriginRequest } from '../lib/sameOrigin.server'

/**
 * The background save of the question pages (with JavaScript): POST attemptId and
 * q<position>=<option key>; answers JSON. The pages work without it: their own form
 * saves the same answers on "Simpan & lanjut". The production server answers this URL
 * itself, before React Router (server/http/answerSave.ts, decision 027); this route serves
 * the Vite dev server and goes through the same functions.
 */
export async function action({ request }: Route.ActionArgs) {
  // In the production server's order: the body first (its guard), then Origin and session.
  const form = await readAnswerSaveForm(request)
  if (!(form instanceof FormData)) return answer(form)
  // A resource route: React Router's own Origin check does not cover it.
  if (!isSameOriginRequest(request)) return answer(FOREIGN_ORIGIN_REPLY)
  const actor = await getActor(request)
  if (!actor) return answer(SIGNED_OUT_REPLY)
  return answer(await answerSaveReply({ ...(await contextOf(actor)), actor }, form))
}

const answer = (reply: AnswerSaveReply) => data(reply.body, { status: reply.status })

export function loader() {
  throw data('Halaman ini hanya menerima jawaban yang dikirim dari soal asesmen.', { status: 405 })
}
