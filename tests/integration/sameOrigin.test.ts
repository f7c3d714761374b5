import { createCookie } from 'react-router'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { action as saveAction } from '../../app/routes/asesmen.simpan'
import { action as signOutAction } from '../../app/routes/keluar'
import { action as languageAction } from '../../app/routes/bahasa'
import { isSameOriginRequest } from '../../app/lib/sameOrigin.server'
import { actorForSession, createSession } from '../../server/auth/sessions'
import { startAttempt } from '../../server/assessments/startAttempt'
import { registeredCandidate, setUpBatchAssessments } from '../../server/assessments/testFactories'
import { createBatch, createInstitution, createProgramme } from '../../server/db/factories'
import { attemptAnswer } from '../../server/db/schema'
import { setEnvForTests } from '../../server/env'
import type { Runtime } from '../../server/runtime'
import { contextFor, createTestDatabase } from '../db'

// Issue 9 §3: POST /asesmen/simpan (the JavaScript answer save, a resource route) answered
// a cross-origin POST carrying the session cookie with 200: React Router checks the Origin
// of page actions only. Now it, and the other resource routes that accept a POST, refuse
// another origin with 403 and still take this site's own posts.
describe('posts to resource routes from another origin', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const runtimeRef = globalThis as unknown as { __latihRuntime?: Promise<Runtime> }
  runtimeRef.__latihRuntime = Promise.resolve({ db, database } as unknown as Runtime)
  setEnvForTests({ NODE_ENV: 'test', PUBLIC_URL: 'https://latih.bpvp-kendari.go.id' })
  afterAll(() => {
    delete runtimeRef.__latihRuntime
    setEnvForTests(undefined)
  })

  // The save runs on the real clock: a batch open since yesterday, an attempt started now.
  const now = new Date()
  const kdi = await createInstitution(db)
  const las = await createProgramme(db, { institutionId: kdi.id })
  const b = await createBatch(db, { institutionId: kdi.id, programmeId: las.id, opensAt: new Date(now.getTime() - 86_400_000) })
  await setUpBatchAssessments(db, { institutionId: kdi.id, batchId: b.id, timeLimitMinutes: 40 })
  const { user, actor } = await registeredCandidate(db, b.id, now)
  const { attempt } = await startAttempt(contextFor(database, actor, new Date()), { candidateId: user.id, kind: 'written_test' })
  const { token } = await createSession(db, { userId: user.id, now: new Date() })
  const cookie = await createCookie('latih_session').serialize(token)

  const SITE = 'http://localhost:3000'
  function post(path: string, headers: Record<string, string>, body: URLSearchParams): Request {
    return new Request(`${SITE}${path}`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body,
    })
  }
  async function status(run: () => Promise<unknown>): Promise<number> {
    try {
      const result = await run()
      if (result instanceof Response) return result.status
      return (result as { init?: { status?: number } | null }).init?.status ?? 200
    } catch (thrown) {
      if (thrown instanceof Response) return thrown.status
      return (thrown as { init?: { status?: number } }).init?.status ?? -1
    }
  }
  const save = (headers: Record<string, string>, answer: string) =>
    status(() => saveAction({ request: post('/asesmen/simpan', headers, new URLSearchParams({ attemptId: attempt.id, q1: answer })), params: {}, context: {} } as never))
  const savedAnswer = async () =>
    (await db.select({ a: attemptAnswer.answer }).from(attemptAnswer).where(eq(attemptAnswer.attemptId, attempt.id)))[0]?.a ?? null

  it('refuses the answer save from another site with 403 and saves nothing', async () => {
    expect(await save({ Origin: 'https://jahat.example' }, 'B')).toBe(403)
    expect(await save({ Origin: 'http://localhost:3000.jahat.example' }, 'B')).toBe(403)
    expect(await save({ Origin: 'null' }, 'B')).toBe(403)
    expect(await save({ 'Sec-Fetch-Site': 'cross-site' }, 'B')).toBe(403)
    expect(await save({ 'Sec-Fetch-Site': 'same-site', Origin: 'https://kios.bpvp-kendari.go.id' }, 'B')).toBe(403)
    expect(await savedAnswer()).toBeNull()
  })

  it('still saves this site’s own answers (its origin, the public origin, or no browser origin at all)', async () => {
    expect(await save({ Origin: SITE, 'Sec-Fetch-Site': 'same-origin' }, 'A')).toBe(200)
    expect(await savedAnswer()).toBe('A')
    // Behind a TLS proxy the request may arrive as http://… while the page is PUBLIC_URL.
    expect(await save({ Origin: 'https://latih.bpvp-kendari.go.id' }, 'B')).toBe(200)
    expect(await savedAnswer()).toBe('B')
    // As React Router: a post without Origin (not from a browser page) passes.
    expect(await save({}, 'C')).toBe(200)
    expect(await savedAnswer()).toBe('C')
  })

  it('refuses sign-out and the language switch from another site; this site’s sign-out works', async () => {
    const foreign = { Origin: 'https://jahat.example' }
    expect(await status(() => signOutAction({ request: post('/keluar', foreign, new URLSearchParams()), params: {}, context: {} } as never))).toBe(403)
    expect(await actorForSession(db, token, new Date())).not.toBeNull()
    expect(
      await status(() => languageAction({ request: post('/bahasa', foreign, new URLSearchParams({ lang: 'en' })), params: {}, context: {} } as never)),
    ).toBe(403)
    expect(await status(() => signOutAction({ request: post('/keluar', { Origin: SITE }, new URLSearchParams()), params: {}, context: {} } as never))).toBe(302)
    expect(await actorForSession(db, token, new Date())).toBeNull()
  })

  it('decides as React Router does for page actions, plus Sec-Fetch-Site', () => {
    const req = (headers: Record<string, string>) => new Request(`${SITE}/x`, { method: 'POST', headers })
    expect(isSameOriginRequest(req({}))).toBe(true)
    expect(isSameOriginRequest(req({ Origin: SITE }))).toBe(true)
    expect(isSameOriginRequest(req({ Origin: 'http://localhost:3001' }))).toBe(false)
    expect(isSameOriginRequest(req({ Origin: 'https://localhost:3000' }))).toBe(false)
    expect(isSameOriginRequest(req({ Origin: 'bukan url' }))).toBe(false)
    expect(isSameOriginRequest(req({ 'Sec-Fetch-Site': 'none' }))).toBe(true)
  })
})
