// Route × role: every route module under app/routes, opened by every role, answers as
// tests/e2e/accessMatrix.ts says (a page, a redirect to sign-in or elsewhere, 403, 404);
// and every route with an action answers malformed bodies with a 4xx or a redirect,
// never a 5xx. Plain HTTP through each role's signed-in session (no browser pages, no
// axe): this is about access only. A route module without a row fails the run by name.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type APIRequestContext, type APIResponse, expect, request, test } from '@playwright/test'
import { ACCESS_MATRIX, type Answer, type DemoIds, ROLES, type Role } from './accessMatrix'
import { DEMO_PASSWORD, demoStaff } from './helpers'
import { BASE_URL } from './phone'

const ROUTES_DIR = fileURLToPath(new URL('../../app/routes', import.meta.url))

/** The route modules, as React Router's flat routes sees them (app/routes.ts ignores the rest). */
function routeModules(): string[] {
  return readdirSync(ROUTES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => entry.name)
    .filter((name) => !/\.server\.ts$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.startsWith('.'))
    .sort()
}

/** Whether a route module exports an action (then it also gets the malformed bodies). */
function hasAction(module: string): boolean {
  const path = resolve(ROUTES_DIR, module)
  // A row whose module is gone is reported by the first test.
  if (!existsSync(path)) return false
  const source = readFileSync(path, 'utf8')
  return /export\s+(?:async\s+)?function\s+action\b|export\s+const\s+action\b/.test(source)
}

/** The demo accounts behind each signed-in role (seeded by server/db/seed.ts). */
const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = {
  // A demo candidate of the welding batch past its assessment deadline: they have a
  // registration of their own to open (server/db/seedSelectionWrittenTest.ts).
  candidate: 'calon.las01@contoh.test',
  kioskOfficer: demoStaff.kioskOfficer,
  administrator: demoStaff.administrator,
  selectionCommittee: demoStaff.selectionCommittee,
  interviewer: demoStaff.interviewer,
  organiser: demoStaff.organiser,
}
const OTHER_CANDIDATE = 'calon.las02@contoh.test'

// Same-origin like a browser's form post (React Router refuses a foreign Origin).
const HEADERS = { Origin: BASE_URL }

async function signedIn(email: string): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: BASE_URL })
  const response = await context.post('/masuk', {
    form: { identifier: email, password: DEMO_PASSWORD },
    headers: HEADERS,
    maxRedirects: 0,
  })
  expect(response.status(), `signing in as ${email}`).toBe(302)
  return context
}

const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'

/**
 * Send once more when the server closed an idle keep-alive connection just as it was
 * reused (Node's keepAliveTimeout races a slow page such as a PDF on another context).
 */
async function send(request: () => Promise<APIResponse>): Promise<APIResponse> {
  try {
    return await request()
  } catch (error) {
    if (!/ECONNRESET|socket hang up/.test(String(error))) throw error
    return request()
  }
}

/** What a response means in the matrix's terms. */
function answerOf(response: APIResponse, url: string): Answer | number {
  const status = response.status()
  if (status < 300 || status >= 400) return status
  const target = new URL(response.headers()['location'] ?? '', BASE_URL)
  if (target.pathname === '/masuk' && target.searchParams.get('ke') === url) return 'sign-in'
  return `→${target.pathname.replace(new RegExp(UUID, 'g'), ':id')}`
}

function firstMatch(html: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(html)
  if (!match?.[1]) throw new Error(`could not find ${what} in the page`)
  return match[1]
}


async function page(context: APIRequestContext, url: string): Promise<string> {
  const response = await context.get(url)
  expect(response.status(), `GET ${url}`).toBe(200)
  return response.text()
}

/** Ids from the demo data, read from the pages each role sees. */
async function demoIds(contexts: Record<Role, APIRequestContext>): Promise<DemoIds> {
  const admin = contexts.administrator
  const batchId = firstMatch(await page(contexts.anonymous, '/program'), new RegExp(`/gelombang/${UUID}`), 'an open batch')
  const programmeId = firstMatch(await page(admin, '/admin/program'), new RegExp(`/admin/program/${UUID}`), 'a programme')
  const bankId = firstMatch(await page(admin, '/admin/bank-soal'), new RegExp(`/admin/bank-soal/${UUID}`), 'a question bank')
  const questionId = firstMatch(await page(admin, `/admin/bank-soal/${bankId}`), new RegExp(`/soal/${UUID}`), 'a question')
  const registrationId = firstMatch(await page(contexts.candidate, '/aktivitas'), new RegExp(`/aktivitas/${UUID}`), 'a registration')
  const other = await signedIn(OTHER_CANDIDATE)
  try {
    const otherRegistrationId = firstMatch(await page(other, '/aktivitas'), new RegExp(`/aktivitas/${UUID}`), "another's registration")
    return { batchId, programmeId, bankId, questionId, registrationId, otherRegistrationId }
  } finally {
    await other.dispose()
  }
}

/** Bodies no form of ours sends: JSON, plain text with a NUL byte, an empty form. */
const MALFORMED: ReadonlyArray<{ name: string; headers: Record<string, string>; data: string }> = [
  { name: 'JSON', headers: { 'Content-Type': 'application/json' }, data: '{"intent":["x"],"nik":{"$gt":""}}' },
  { name: 'text/plain', headers: { 'Content-Type': 'text/plain' }, data: 'intent=\u0000\u0000&nik=' },
  { name: 'empty form', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, data: '' },
]


// Tests run in file order; each keeps going after the previous one fails (no serial mode).
let contexts: Record<Role, APIRequestContext>
let ids: DemoIds

test.beforeAll(async () => {
  test.setTimeout(120_000)
  const signedInRoles = ROLES.filter((r): r is Exclude<Role, 'anonymous'> => r !== 'anonymous')
  const entries = await Promise.all(signedInRoles.map(async (role) => [role, await signedIn(ACCOUNTS[role])] as const))
  contexts = { anonymous: await request.newContext({ baseURL: BASE_URL }), ...Object.fromEntries(entries) } as Record<
    Role,
    APIRequestContext
  >
  ids = await demoIds(contexts)
})

test.afterAll(async () => {
  await Promise.all(Object.values(contexts ?? {}).map((c) => c.dispose()))
})

test('every route module under app/routes has a row in the access matrix', () => {
  const covered = new Set(ACCESS_MATRIX.map((row) => row.module))
  const missing = routeModules().filter((module) => !covered.has(module))
  expect(missing, `route modules without a row in tests/e2e/accessMatrix.ts:\n  ${missing.join('\n  ')}`).toEqual([])
  const stale = [...covered].filter((module) => !routeModules().includes(module))
  expect(stale, `rows for route modules that no longer exist:\n  ${stale.join('\n  ')}`).toEqual([])
})

test('every role gets the expected answer from every page (GET)', async () => {
  test.setTimeout(300_000)
  const wrong: string[] = []
  for (const row of ACCESS_MATRIX) {
    const url = row.url(ids)
    for (const role of ROLES) {
      const response = await send(() => contexts[role].get(url, { maxRedirects: 0 }))
      const got = answerOf(response, url)
      if (got !== row.expect[role]) {
        wrong.push(`${row.module}  GET ${url}  as ${role}: expected ${row.expect[role]}, got ${got}`)
      }
    }
  }
  expect(wrong, `answers that differ from tests/e2e/accessMatrix.ts:\n  ${wrong.join('\n  ')}`).toEqual([])
})

test('every action answers malformed bodies with a 4xx or a redirect, never a 5xx', async () => {
  test.setTimeout(300_000)
  // Signing out ends the role's session, so that route comes last.
  const rows = ACCESS_MATRIX.filter((row, i, all) => hasAction(row.module) && all.findIndex((r) => r.module === row.module) === i)
  rows.sort((a, b) => Number(a.module === 'keluar.tsx') - Number(b.module === 'keluar.tsx'))
  const wrong: string[] = []
  for (const row of rows) {
    const url = (row.post ?? row.url)(ids)
    for (const role of ROLES) {
      for (const body of MALFORMED) {
        const response = await send(() =>
          contexts[role].post(url, { headers: { ...HEADERS, ...body.headers }, data: body.data, maxRedirects: 0 }),
        )
        const status = response.status()
        if (status < 300 || status >= 500) wrong.push(`${row.module}  POST ${url} (${body.name}) as ${role}: ${status}`)
      }
    }
  }
  expect(wrong, `actions that did not refuse a malformed body:\n  ${wrong.join('\n  ')}`).toEqual([])
})
