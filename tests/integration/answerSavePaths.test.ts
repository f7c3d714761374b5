import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, count, eq } from 'drizzle-orm'
import { createCookie, createRequestHandler, type ServerBuild } from 'react-router'
import { afterAll, describe, expect, it } from 'vitest'
import * as saveRoute from '../../app/routes/asesmen.simpan'
import { createSession } from '../../server/auth/sessions'
import { startAttempt } from '../../server/assessments/startAttempt'
import { submitAttempt } from '../../server/assessments/submitAttempt'
import { registeredCandidate, setUpBatchAssessments } from '../../server/assessments/testFactories'
import { createBatch, createInstitution, createProgramme } from '../../server/db/factories'
import { createOfficerActor } from '../../server/registrations/testFixtures'
import { assessmentAttempt, attemptAnswer, auditEvent, authSession } from '../../server/db/schema'
import { setEnvForTests } from '../../server/env'
import { createHttpApp } from '../../server/http/httpApp'
import { bodyLimits } from '../../server/http/server'
import type { Runtime } from '../../server/runtime'
import { contextFor, createTestDatabase } from '../db'

// Decision 027: the production server answers POST /asesmen/simpan before React Router
// (server/http/answerSave.ts); the React Router route (app/routes/asesmen.simpan.ts) stays
// for the Vite dev server. Every case below is sent to both — the production server's
// Express app over HTTP, and React Router's own request handler with that route, as the
// dev server runs it — each against a fresh candidate, and both must answer with the same
// status and body and leave the same answers and audit rows behind.
describe('the answer save before the router and through React Router', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const runtimeRef = globalThis as unknown as { __latihRuntime?: Promise<Runtime> }
  runtimeRef.__latihRuntime = Promise.resolve({ db, database } as unknown as Runtime)
  setEnvForTests({ NODE_ENV: 'test', PUBLIC_URL: 'https://latih.bpvp-kendari.go.id' })

  // React Router's handler on a build of the real root-less route table: this route only.
  const build = {
    entry: {
      module: {
        default: () => {
          throw new Error('no document in this test')
        },
      },
    },
    routes: {
      root: { id: 'root', path: '', module: {} },
      'routes/asesmen.simpan': { id: 'routes/asesmen.simpan', parentId: 'root', path: 'asesmen/simpan', module: saveRoute },
    },
    assets: { entry: { module: '', imports: [] }, routes: {}, url: '', version: 'test' },
    publicPath: '/',
    assetsBuildDirectory: '',
    future: { v8_middleware: false },
    ssr: true,
    isSpaMode: false,
    prerender: [],
    routeDiscovery: { mode: 'lazy', manifestPath: '/__manifest' },
  } as unknown as ServerBuild
  const routerHandler = createRequestHandler(build, 'production')

  // The production server gets the same build, its route counting the posts that reach it:
  // none may (the server answers them before React Router).
  let reachedRouter = 0
  const countingRoute = {
    ...saveRoute,
    action: (args: Parameters<typeof saveRoute.action>[0]) => {
      reachedRouter += 1
      return saveRoute.action(args)
    },
  }
  const productionBuild = {
    ...build,
    routes: { ...build.routes, 'routes/asesmen.simpan': { ...build.routes['routes/asesmen.simpan']!, module: countingRoute } },
  } as unknown as ServerBuild
  const clientDir = mkdtempSync(join(tmpdir(), 'latih-answer-save-'))
  const app = createHttpApp({ build: productionBuild, clientDir, trustProxy: undefined, limits: bodyLimits(5 * 1024 * 1024) })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    rmSync(clientDir, { recursive: true, force: true })
    delete runtimeRef.__latihRuntime
    setEnvForTests(undefined)
  })

  // The save runs on the real clock: a batch open since yesterday, attempts started now.
  const now = new Date()
  const kdi = await createInstitution(db)
  const las = await createProgramme(db, { institutionId: kdi.id })
  const batch = await createBatch(db, { institutionId: kdi.id, programmeId: las.id, opensAt: new Date(now.getTime() - 86_400_000) })
  await setUpBatchAssessments(db, { institutionId: kdi.id, batchId: batch.id, timeLimitMinutes: 40 })
  const cookieOf = (token: string) => createCookie('latih_session').serialize(token)

  /** A candidate with a started written test and a session cookie. */
  async function candidate() {
    const { user, actor } = await registeredCandidate(db, batch.id, new Date())
    const { attempt } = await startAttempt(contextFor(database, actor, new Date()), { candidateId: user.id, kind: 'written_test' })
    const { token } = await createSession(db, { userId: user.id, now: new Date() })
    const option = (position: number) => attempt.items[position - 1]!.optionOrder[0]!
    return { user, actor, attempt, token, cookie: await cookieOf(token), option }
  }

  interface Post {
    headers: Record<string, string>
    body: string
  }
  type Path = 'production server' | 'React Router'

  async function send(path: Path, post: Post): Promise<{ status: number; body: unknown }> {
    const init = { method: 'POST', headers: post.headers, body: post.body }
    const response =
      path === 'production server' ? await fetch(`${site}/asesmen/simpan`, init) : await routerHandler(new Request(`${site}/asesmen/simpan`, init))
    const text = await response.text()
    let body: unknown = text
    if (response.headers.get('Content-Type')?.startsWith('application/json')) {
      body = JSON.parse(text) as unknown
      // The instant of a save differs between two saves, not its shape.
      if (body && typeof body === 'object' && 'savedAt' in body) body = { ...body, savedAt: typeof body.savedAt }
    }
    return { status: response.status, body }
  }

  async function effects(attemptId: string) {
    const answers = await db
      .select({ position: attemptAnswer.position, answer: attemptAnswer.answer })
      .from(attemptAnswer)
      .where(eq(attemptAnswer.attemptId, attemptId))
      .orderBy(attemptAnswer.position)
    const [audit] = await db
      .select({ n: count() })
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, attemptId), eq(auditEvent.action, 'assessment.answer')))
    return { answers: answers.length, audit: audit?.n ?? 0, positions: answers.map((a) => a.position) }
  }

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
  const formHeaders = (cookie: string, extra: Record<string, string> = {}) => ({
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
    Origin: site,
    Cookie: cookie,
    ...extra,
  })

  /** Each case: prepare a fresh world, the post to send, and what both paths must give. */
  const cases: Array<{
    name: string
    prepare: () => Promise<{ post: Post; attemptId: string }>
    status: number
    saved: number
  }> = [
    {
      name: 'a valid save (with the Origin of the site)',
      async prepare() {
        const c = await candidate()
        return { attemptId: c.attempt.id, post: { headers: formHeaders(c.cookie), body: form({ attemptId: c.attempt.id, q3: c.option(3) }) } }
      },
      status: 200,
      saved: 1,
    },
    {
      name: 'a save without Origin (not from a browser page: passes, as in React Router)',
      async prepare() {
        const c = await candidate()
        const { Origin: _origin, ...headers } = formHeaders(c.cookie)
        return { attemptId: c.attempt.id, post: { headers, body: form({ attemptId: c.attempt.id, q1: c.option(1), q2: c.option(2) }) } }
      },
      status: 200,
      saved: 2,
    },
    {
      name: 'another site’s page',
      async prepare() {
        const c = await candidate()
        return {
          attemptId: c.attempt.id,
          post: { headers: formHeaders(c.cookie, { Origin: 'https://jahat.example' }), body: form({ attemptId: c.attempt.id, q1: c.option(1) }) },
        }
      },
      status: 403,
      saved: 0,
    },
    {
      name: 'a cross-site fetch without Origin (Sec-Fetch-Site)',
      async prepare() {
        const c = await candidate()
        const { Origin: _origin, ...headers } = formHeaders(c.cookie, { 'Sec-Fetch-Site': 'cross-site' })
        return { attemptId: c.attempt.id, post: { headers, body: form({ attemptId: c.attempt.id, q1: c.option(1) }) } }
      },
      status: 403,
      saved: 0,
    },
    {
      name: 'another candidate’s attempt',
      async prepare() {
        const owner = await candidate()
        const other = await candidate()
        return {
          attemptId: owner.attempt.id,
          post: { headers: formHeaders(other.cookie), body: form({ attemptId: owner.attempt.id, q1: owner.option(1) }) },
        }
      },
      status: 403,
      saved: 0,
    },
    {
      name: 'a submitted attempt',
      async prepare() {
        const c = await candidate()
        await submitAttempt(contextFor(database, c.actor, new Date()), { attemptId: c.attempt.id, reason: 'candidate' })
        return { attemptId: c.attempt.id, post: { headers: formHeaders(c.cookie), body: form({ attemptId: c.attempt.id, q1: c.option(1) }) } }
      },
      status: 409,
      saved: 0,
    },
    {
      name: 'an attempt past its time limit',
      async prepare() {
        const c = await candidate()
        await db.update(assessmentAttempt).set({ endsAt: new Date(Date.now() - 60_000) }).where(eq(assessmentAttempt.id, c.attempt.id))
        return { attemptId: c.attempt.id, post: { headers: formHeaders(c.cookie), body: form({ attemptId: c.attempt.id, q1: c.option(1) }) } }
      },
      status: 409,
      saved: 0,
    },
    {
      name: 'an option that is not the question’s',
      async prepare() {
        const c = await candidate()
        return { attemptId: c.attempt.id, post: { headers: formHeaders(c.cookie), body: form({ attemptId: c.attempt.id, q1: 'ZZ' }) } }
      },
      status: 400,
      saved: 0,
    },
    {
      name: 'an expired session',
      async prepare() {
        const c = await candidate()
        await db.update(authSession).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(authSession.userId, c.user.id))
        return { attemptId: c.attempt.id, post: { headers: formHeaders(c.cookie), body: form({ attemptId: c.attempt.id, q1: c.option(1) }) } }
      },
      status: 401,
      saved: 0,
    },
    {
      name: 'no session cookie',
      async prepare() {
        const c = await candidate()
        return { attemptId: c.attempt.id, post: { headers: formHeaders(''), body: form({ attemptId: c.attempt.id, q1: c.option(1) }) } }
      },
      status: 401,
      saved: 0,
    },
    {
      name: 'a broken multipart body',
      async prepare() {
        const c = await candidate()
        return {
          attemptId: c.attempt.id,
          post: {
            headers: formHeaders(c.cookie, { 'Content-Type': 'multipart/form-data; boundary=abc' }),
            body: `--abc\r\nContent-Disposition: form-data; name="attemptId"\r\n\r\n${c.attempt.id}\r\n--ab`,
          },
        }
      },
      status: 400,
      saved: 0,
    },
    {
      name: 'a JSON body (not a form)',
      async prepare() {
        const c = await candidate()
        return {
          attemptId: c.attempt.id,
          post: { headers: formHeaders(c.cookie, { 'Content-Type': 'application/json' }), body: JSON.stringify({ attemptId: c.attempt.id, q1: c.option(1) }) },
        }
      },
      status: 415,
      saved: 0,
    },
    {
      name: 'a NUL byte in an answer',
      async prepare() {
        const c = await candidate()
        return { attemptId: c.attempt.id, post: { headers: formHeaders(c.cookie), body: form({ attemptId: c.attempt.id, q1: `${c.option(1)}\0` }) } }
      },
      status: 400,
      saved: 0,
    },
    {
      name: 'an attempt id that is not one',
      async prepare() {
        const c = await candidate()
        return { attemptId: c.attempt.id, post: { headers: formHeaders(c.cookie), body: form({ attemptId: 'bukan-uuid', q1: c.option(1) }) } }
      },
      status: 400,
      saved: 0,
    },
  ]

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.status} on both paths, the same effect`, async () => {
      const outcomes = []
      for (const path of ['production server', 'React Router'] as const) {
        const { post, attemptId } = await testCase.prepare()
        const before = await effects(attemptId)
        const answered = await send(path, post)
        const after = await effects(attemptId)
        outcomes.push({
          status: answered.status,
          // The body guard answers its refusals with a page of its own under the production
          // server; the route, without the guard in front, with the same message as JSON.
          body: typeof answered.body === 'string' ? 'refusal page' : answered.body,
          saved: after.answers - before.answers,
          audited: after.audit - before.audit,
        })
      }
      expect(reachedRouter).toBe(0)
      const [production, router] = outcomes
      expect(production!.status).toBe(testCase.status)
      expect(production!.saved).toBe(testCase.saved)
      expect(production!.audited).toBe(testCase.saved > 0 ? 1 : 0)
      expect(router!.status).toBe(production!.status)
      expect(router!.saved).toBe(production!.saved)
      expect(router!.audited).toBe(production!.audited)
      if (production!.body !== 'refusal page') expect(router!.body).toEqual(production!.body)
      else expect(router!.body).toMatchObject({ ok: false, message: expect.any(String) })
    })
  }

  it('a candidate’s save moves "last seen" on (no idle timeout); an idle kiosk officer’s session ends there (401, row deleted)', async () => {
    for (const path of ['production server', 'React Router'] as const) {
      const c = await candidate()
      await db.update(authSession).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(authSession.userId, c.user.id))
      const answered = await send(path, { headers: formHeaders(c.cookie), body: form({ attemptId: c.attempt.id, q1: c.option(1) }) })
      expect(answered.status, path).toBe(200)
      const [row] = await db.select({ lastSeenAt: authSession.lastSeenAt }).from(authSession).where(eq(authSession.userId, c.user.id))
      expect(Date.now() - row!.lastSeenAt.getTime(), path).toBeLessThan(60_000)

      // An officer assisting this candidate at the desk, away longer than the kiosk period (10 min).
      const officer = await createOfficerActor(db, kdi.id, c.user.id)
      const { token } = await createSession(db, { userId: officer.userId, now: new Date(Date.now() - 11 * 60_000) })
      const idle = await send(path, { headers: formHeaders(await cookieOf(token)), body: form({ attemptId: c.attempt.id, q2: c.option(2) }) })
      expect(idle, path).toEqual({ status: 401, body: { ok: false, message: expect.stringContaining('Sesi Anda berakhir') } })
      expect(await db.select().from(authSession).where(eq(authSession.userId, officer.userId)), path).toEqual([])
      expect((await effects(c.attempt.id)).positions, path).toEqual([1])
    }
  })
})
