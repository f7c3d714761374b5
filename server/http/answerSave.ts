import type { Request as ExpressRequest, NextFunction, Response as ExpressResponse } from 'express'
import { answersFromForm, type FormFields } from '../assessments/answerFields'
import { AttemptClosedError, saveAnswers } from '../assessments/saveAnswers'
import type { Actor } from '../auth/actor'
import { resolveSession } from '../auth/sessions'
import type { UseCaseContext } from '../context'
import { UseCaseError } from '../errors'
import { runtime } from '../runtime'
import { acceptedForm, formHasNul } from './bodyGuard'
import { REFUSALS, type RefusalKind } from './refusal'
import { FOREIGN_ORIGIN_MESSAGE, isSameOrigin } from './sameOrigin'
import { sessionTokenOf } from './sessionCookie'

// The background answer save of the question pages (POST /asesmen/simpan; decisions 008,
// 027). On test day it is one request per click of every candidate, so the production
// server answers it before React Router: after the security headers and the body guard
// (413/415/400 as for every post), it checks the Origin, reads the session (idle timeout
// and "last seen" as everywhere: resolveSession), and calls the same use case. The React
// Router route (app/routes/asesmen.simpan.ts) stays for the Vite dev server and answers
// through the same functions below, so both paths give the same statuses and bodies.

export const ANSWER_SAVE_PATH = '/asesmen/simpan'

/** What the question page's script reads: ok, or a message (closed: the attempt ended). */
export type AnswerSaveBody =
  | { ok: true; savedAt: string; positions: number[] }
  | { ok: false; message: string; closed?: true }

export interface AnswerSaveReply {
  status: number
  body: AnswerSaveBody
}

/** A post from another site's page (docs/decisions/019). */
export const FOREIGN_ORIGIN_REPLY: AnswerSaveReply = { status: 403, body: { ok: false, message: FOREIGN_ORIGIN_MESSAGE } }

/** No session, or one that expired or ended for inactivity. */
export const SIGNED_OUT_REPLY: AnswerSaveReply = {
  status: 401,
  body: { ok: false, message: 'Sesi Anda berakhir. Masuk lagi untuk melanjutkan; jawaban yang sudah tersimpan tetap ada.' },
}

/**
 * Save the posted answers (attemptId and q<position>=<option key>) as the signed-in actor,
 * and say how it went. The rules are the use case's (saveAnswers): owner, open attempt,
 * time limit, known positions and options, the audit row.
 */
export async function answerSaveReply(ctx: UseCaseContext & { actor: Actor }, form: FormFields): Promise<AnswerSaveReply> {
  const attemptIdField = form.get('attemptId')
  const attemptId = typeof attemptIdField === 'string' ? attemptIdField : ''
  try {
    const saved = await saveAnswers(ctx, { attemptId, answers: answersFromForm(form) })
    return { status: 200, body: { ok: true, savedAt: saved.savedAt.toISOString(), positions: saved.positions } }
  } catch (error) {
    if (error instanceof AttemptClosedError) return { status: 409, body: { ok: false, closed: true, message: error.message } }
    if (error instanceof UseCaseError) {
      const first = Object.values(error.fieldErrors)[0]?.[0]
      return { status: error.status, body: { ok: false, message: first ?? error.message } }
    }
    throw error
  }
}

const refusalReply = (kind: RefusalKind): AnswerSaveReply => ({ status: REFUSALS[kind].status, body: { ok: false, message: REFUSALS[kind].id } })

/**
 * The form of a Fetch request, refused as the production server's body guard refuses it
 * (415 not a form, 400 unreadable or a NUL byte), for the React Router route, which the
 * guard does not stand in front of under the Vite dev server.
 */
export async function readAnswerSaveForm(request: Request): Promise<FormData | AnswerSaveReply> {
  const mediaType = request.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (mediaType !== 'application/x-www-form-urlencoded' && mediaType !== 'multipart/form-data') return refusalReply('notAForm')
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return refusalReply('malformed')
  }
  return formHasNul(form) ? refusalReply('badCharacter') : form
}

/**
 * The origin of the address the request arrived at, as @react-router/express 7.18 builds
 * the request URL (createRemixRequest): scheme and host name after 'trust proxy', and the
 * port of X-Forwarded-Host (trusted proxy only) or of Host.
 */
export function requestOriginOf(req: ExpressRequest): string {
  const forwardedPort = req.app.enabled('trust proxy') ? Number.parseInt(req.get('X-Forwarded-Host')?.split(':')[1] ?? '', 10) : NaN
  const hostPort = Number.parseInt(req.get('host')?.split(':')[1] ?? '', 10)
  const port = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : ''
  const hostname = req.hostname.split(/[\\/?#@]/)[0] || 'localhost'
  return new URL(`${req.protocol}://${hostname}${port ? `:${port}` : ''}`).origin
}

function send(res: ExpressResponse, reply: AnswerSaveReply): void {
  // Written directly (no ETag, nothing else to negotiate): the page's script reads JSON.
  res.status(reply.status).set('Content-Type', 'application/json; charset=utf-8').end(JSON.stringify(reply.body))
}

/** The Express handler, mounted after the body guard and before React Router. */
export function answerSave() {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const sameOrigin = isSameOrigin({
        fetchSite: req.get('Sec-Fetch-Site') ?? null,
        origin: req.get('Origin') ?? null,
        requestOrigin: requestOriginOf(req),
      })
      if (!sameOrigin) return send(res, FOREIGN_ORIGIN_REPLY)
      const token = await sessionTokenOf(req.headers.cookie)
      if (!token) return send(res, SIGNED_OUT_REPLY)
      const { db } = await runtime()
      const now = new Date()
      const session = await resolveSession(db, token, now)
      if (session.status !== 'active') return send(res, SIGNED_OUT_REPLY)
      const form = acceptedForm(res)
      // The guard has read every post that reaches this point; without it nothing was read.
      if (!form) throw new Error('answer save mounted without the body guard in front')
      send(res, await answerSaveReply({ db, actor: session.actor, now }, form))
    } catch (error) {
      next(error)
    }
  }
}
