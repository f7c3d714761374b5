// Bad input must never be a 500 (issue 8, section 4). Every route module with an action
// (read from app/routes, as access.spec.ts does, so a new action is fuzzed without anyone
// remembering) gets fast-check-generated posts at the URL tests/e2e/accessMatrix.ts gives
// it: the fields of the forms its page shows, and others, with strings of every kind —
// NUL bytes, lone surrogates, huge numbers, markup, very long text — URL-encoded or
// multipart, as each role that can open the page, and anonymously. No answer may be 5xx.
//
// On a server of its own (tests/e2e/ownServer.ts): thousands of failed sign-ins and
// accepted posts must not touch the demo data of the other journeys. The posts come from
// 127.0.0.2, the server's trusted proxy, each for another client address, so the
// per-address sign-in lock (which /masuk's fuzzing would trip) never stops the run.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { expect, test } from '@playwright/test'
import { ACCESS_MATRIX, type DemoIds, ROLES, type Role } from './accessMatrix'
import { DEMO_PASSWORD, demoStaff } from './helpers'
import { type OwnServer, rawRequest, type RawResponse, startOwnServer } from './ownServer'

const ROUTES_DIR = fileURLToPath(new URL('../../app/routes', import.meta.url))
const PROXY = '127.0.0.2'
const RUNS = Number(process.env.FUZZ_RUNS ?? 20)
const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'

const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = {
  candidate: 'calon.las01@contoh.test',
  kioskOfficer: demoStaff.kioskOfficer,
  administrator: demoStaff.administrator,
  selectionCommittee: demoStaff.selectionCommittee,
  interviewer: demoStaff.interviewer,
  organiser: demoStaff.organiser,
}

function routeModulesWithAction(): string[] {
  return readdirSync(ROUTES_DIR)
    .filter((name) => /\.tsx?$/.test(name) && !/\.server\.ts$/.test(name) && !/\.test\.tsx?$/.test(name))
    .filter((name) => {
      const path = resolve(ROUTES_DIR, name)
      return existsSync(path) && /export\s+(?:async\s+)?function\s+action\b|export\s+const\s+action\b/.test(readFileSync(path, 'utf8'))
    })
    .sort()
}

let server: OwnServer
let clientSerial = 0

/** A request as the trusted proxy forwards it, for a client address of its own. */
function send(method: string, path: string, options: { cookie?: string; contentType?: string; body?: Buffer | string } = {}): Promise<RawResponse> {
  clientSerial += 1
  const host = `localhost:${server.port}`
  const headers: Record<string, string> = {
    Host: host,
    Origin: `http://${host}`,
    'X-Forwarded-For': `10.${(clientSerial >> 16) & 255}.${(clientSerial >> 8) & 255}.${clientSerial & 255}`,
  }
  if (options.cookie) headers.Cookie = options.cookie
  if (options.contentType) headers['Content-Type'] = options.contentType
  return rawRequest({ port: server.port, method, path, headers, body: options.body, localAddress: PROXY })
}

async function signIn(role: Role): Promise<string | undefined> {
  if (role === 'anonymous') return undefined
  const response = await send('POST', '/masuk', {
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ identifier: ACCOUNTS[role], password: DEMO_PASSWORD }).toString(),
  })
  const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('latih_session='))
  if (response.status !== 302 || !cookie) throw new Error(`signing in as ${role}: ${response.status}`)
  return cookie.split(';')[0]
}

async function html(path: string, cookie: string | undefined): Promise<string> {
  const response = await send('GET', path, { cookie })
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`)
  return response.body
}

function firstMatch(text: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(text)?.[1]
  if (!match) throw new Error(`no ${what} found`)
  return match
}

async function demoIds(): Promise<DemoIds> {
  const admin = await signIn('administrator')
  const candidate = await signIn('candidate')
  const batchId = firstMatch(await html('/program', undefined), new RegExp(`/gelombang/${UUID}`), 'batch')
  const programmeId = firstMatch(await html('/admin/program', admin), new RegExp(`/admin/program/${UUID}`), 'programme')
  const bankId = firstMatch(await html('/admin/bank-soal', admin), new RegExp(`/admin/bank-soal/${UUID}`), 'bank')
  const questionId = firstMatch(await html(`/admin/bank-soal/${bankId}`, admin), new RegExp(`/soal/${UUID}`), 'question')
  const registrationId = firstMatch(await html('/aktivitas', candidate), new RegExp(`/aktivitas/${UUID}`), 'registration')
  return { batchId, programmeId, bankId, questionId, registrationId, otherRegistrationId: registrationId }
}

/** Field names and the values the page itself offers (hidden fields, options, buttons). */
function formFields(page: string): { names: string[]; values: string[] } {
  const names = new Set<string>()
  const values = new Set<string>()
  for (const form of page.matchAll(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/gi)) {
    for (const control of form[1]!.matchAll(/<(?:input|select|textarea|button)\b([^>]*)>/gi)) {
      const name = /\bname="([^"]*)"/.exec(control[1]!)?.[1]
      const value = /\bvalue="([^"]*)"/.exec(control[1]!)?.[1]
      if (name) names.add(name.replace(/&amp;/g, '&'))
      if (value) values.add(value.replace(/&amp;/g, '&').replace(/&quot;/g, '"'))
    }
    for (const option of form[1]!.matchAll(/<option\b[^>]*value="([^"]*)"/gi)) values.add(option[1]!)
  }
  return { names: [...names], values: [...values] }
}

const NASTY = [
  '', ' ', '0', '-1', '1e309', '99999999999999999999999', 'NaN', 'true', 'null', '[]', '{"a":1}',
  '<script>alert(1)</script>', "' or 1=1 --", 'a\u0000b', '\u0000', '../../etc/passwd', '%', '%00', '\r\n',
  '00000000-0000-4000-8000-000000000000', 'x'.repeat(5000), '2026-02-30', '31/12/1999', '\ud800', '🙂'.repeat(50),
  '7471010101010001', 'calon.las01@contoh.test', '/\t/evil.example',
]

function valueArbitrary(offered: string[]) {
  return fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom(...NASTY),
    ...(offered.length > 0 ? [fc.constantFrom(...offered)] : []),
  )
}

function bodyArbitrary(fields: { names: string[]; values: string[] }) {
  const value = valueArbitrary(fields.values)
  const known = fc.array(fc.tuple(fields.names.length > 0 ? fc.constantFrom(...fields.names) : fc.string({ maxLength: 8 }), value), { maxLength: 12 })
  const unknown = fc.array(fc.tuple(fc.string({ maxLength: 10 }), value), { maxLength: 3 })
  return fc.record({ pairs: fc.tuple(known, unknown).map(([a, b]) => [...a, ...b]), multipart: fc.boolean() })
}

async function encode(body: { pairs: Array<[string, string]>; multipart: boolean }): Promise<{ contentType: string; bytes: Buffer }> {
  if (!body.multipart) {
    const params = new URLSearchParams()
    for (const [k, v] of body.pairs) params.append(k, v)
    return { contentType: 'application/x-www-form-urlencoded', bytes: Buffer.from(params.toString()) }
  }
  const form = new FormData()
  for (const [k, v] of body.pairs) form.append(k, v)
  const request = new Request('http://localhost/', { method: 'POST', body: form })
  return { contentType: request.headers.get('content-type')!, bytes: Buffer.from(await request.arrayBuffer()) }
}

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(400_000)
  server = await startOwnServer({ name: 'fuzz', env: { TRUST_PROXY: PROXY } })
})

test.afterAll(async () => {
  await server?.stop()
})

test('every action answers fuzzed forms without a 5xx', async () => {
  test.setTimeout(900_000)
  const ids = await demoIds()
  const modules = routeModulesWithAction()
  expect(modules.length).toBeGreaterThan(20)
  // Signing out ends the session, so it comes last.
  modules.sort((a, b) => Number(a === 'keluar.tsx') - Number(b === 'keluar.tsx'))
  const failures: string[] = []
  const statuses = new Map<number, number>()
  let sent = 0
  for (const module of modules) {
    const rows = ACCESS_MATRIX.filter((row) => row.module === module)
    if (rows.length === 0) {
      failures.push(`${module}: no row in tests/e2e/accessMatrix.ts, so no URL to fuzz`)
      continue
    }
    const row = rows[0]!
    const page = row.url(ids)
    const target = (row.post ?? row.url)(ids)
    const openers = ROLES.filter((role) => row.expect[role] === 200)
    const roles: Role[] = ['anonymous', ...(openers.length > 0 ? openers.slice(0, 2) : (['candidate', 'kioskOfficer', 'administrator'] as Role[]))]
    for (const role of [...new Set(roles)]) {
      const cookie = await signIn(role)
      const fields = row.expect[role] === 200 ? formFields(await html(page, cookie)) : { names: [], values: [] }
      await fc.assert(
        fc.asyncProperty(bodyArbitrary(fields), async (body) => {
          const { contentType, bytes } = await encode(body)
          const response = await send('POST', target, { cookie, contentType, body: bytes })
          sent += 1
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
          if (response.status >= 500) {
            failures.push(`${module} POST ${target} as ${role} → ${response.status}: ${JSON.stringify(body.pairs).slice(0, 300)}`)
            return false
          }
          return true
        }),
        { numRuns: RUNS, endOnFailure: true },
      ).catch(() => undefined)
    }
  }
  test.info().annotations.push({
    type: 'fuzz',
    description: `${sent} posts to ${modules.length} actions; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
  })
  console.log(`[fuzz] ${sent} posts to ${modules.length} actions; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`)
  expect(failures, `actions that answered 5xx, or that have no URL to fuzz:\n  ${failures.join('\n  ')}`).toEqual([])
})
