import { createCookie } from 'react-router'
import { afterAll, describe, expect, it } from 'vitest'
import { requireActor } from '../../app/lib/session.server'
import { createSession } from '../../server/auth/sessions'
import { createInstitution, createStaff } from '../../server/db/factories'
import type { Runtime } from '../../server/runtime'
import { createTestDatabase } from '../db'

// Issue 9 §3: a staff session idle past its institution's period is refused; the person
// lands on /masuk with "Sesi berakhir karena tidak ada aktivitas" (?sesi=berakhir) and the
// page to return to, and the dead cookie is cleared. Before, it was accepted for 30 days.
describe('a request with an idle staff session', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const runtimeRef = globalThis as unknown as { __latihRuntime?: Promise<Runtime> }
  runtimeRef.__latihRuntime = Promise.resolve({ db, database } as unknown as Runtime)
  afterAll(() => {
    delete runtimeRef.__latihRuntime
  })
  const kdi = await createInstitution(db)
  const officer = await createStaff(db, { institutionId: kdi.id, email: 'kios@uji.test', displayName: 'Kios', roles: ['kiosk_officer'], password: 'Latih-Uji-2026' })
  const cookie = createCookie('latih_session')

  async function open(minutesAgo: number, path = '/kios?x=1'): Promise<Response | string> {
    const { token } = await createSession(db, { userId: officer.id, now: new Date(Date.now() - minutesAgo * 60_000) })
    const request = new Request(`http://localhost:3000${path}`, { headers: { Cookie: await cookie.serialize(token) } })
    try {
      return (await requireActor(request)).userId
    } catch (thrown) {
      if (thrown instanceof Response) return thrown
      throw thrown
    }
  }

  it('is let through within the kiosk officer’s 10 minutes', async () => {
    expect(await open(9)).toBe(officer.id)
  })

  it('after 10 idle minutes is sent to sign-in with the message and the way back, the cookie cleared', async () => {
    const answer = await open(11)
    expect(answer).toBeInstanceOf(Response)
    const response = answer as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/masuk?ke=%2Fkios%3Fx%3D1&sesi=berakhir')
    expect(response.headers.get('Set-Cookie')).toMatch(/^latih_session=;.*Max-Age=0/)
  })

  it('without any session, sign-in carries no inactivity message', async () => {
    const request = new Request('http://localhost:3000/kios')
    const thrown = await requireActor(request).catch((e: unknown) => e)
    expect((thrown as Response).headers.get('Location')).toBe('/masuk?ke=%2Fkios')
  })
})
