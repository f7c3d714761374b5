import { createCookie } from 'react-router'
import { afterAll, describe, expect, it } from 'vitest'
import { loader } from '../../app/routes/dev.mail'
import { SYSTEM } from '../../server/auth/actor'
import { createSession } from '../../server/auth/sessions'
import { requestPasswordReset } from '../../server/accounts/requestPasswordReset'
import { createInstitution, createStaff } from '../../server/db/factories'
import { localMail } from '../../server/db/schema'
import { setEnvForTests } from '../../server/env'
import type { Runtime } from '../../server/runtime'
import { contextFor, createTestDatabase } from '../db'

// Issue 8 §1: /dev/mail served the last mails (password-reset links included) to anyone
// whenever SMTP was not configured, which is what `npm start` gave.
describe('/dev/mail, the local mailbox', async () => {
  const database = await createTestDatabase()
  const { db } = database
  // The route reads the process's runtime: point it at this test database.
  const runtimeRef = globalThis as unknown as { __latihRuntime?: Promise<Runtime> }
  runtimeRef.__latihRuntime = Promise.resolve({ db, database } as unknown as Runtime)
  afterAll(() => {
    delete runtimeRef.__latihRuntime
    setEnvForTests(undefined)
  })

  const kdi = await createInstitution(db)
  const admin = await createStaff(db, { institutionId: kdi.id, email: 'admin@uji.test', displayName: 'Admin', roles: ['administrator'], password: 'Latih-Uji-2026' })
  const kiosk = await createStaff(db, { institutionId: kdi.id, email: 'kios@uji.test', displayName: 'Kios', roles: ['kiosk_officer'], password: 'Latih-Uji-2026' })
  // A reset link for the administrator sits in the local mailbox.
  await requestPasswordReset(contextFor(database, SYSTEM), { identifier: admin.email })
  await db.insert(localMail).values({ to: admin.email, subject: 'Atur ulang kata sandi', text: 'https://x/atur-sandi?token=rahasia', html: '' })

  const cookie = createCookie('latih_session')
  async function get(userId?: string): Promise<number | { mails: unknown[] }> {
    const headers = new Headers()
    if (userId) headers.set('Cookie', await cookie.serialize((await createSession(db, { userId, now: new Date() })).token))
    const request = new Request('http://localhost:3000/dev/mail', { headers })
    try {
      return await loader({ request, params: {}, context: {} } as never)
    } catch (thrown) {
      return (thrown as { init?: { status?: number } }).init?.status ?? -1
    }
  }

  it('is a 404 for anyone not signed in as an administrator, in the default start (the demo without SMTP)', async () => {
    setEnvForTests({ NODE_ENV: 'production', LATIH_MODE: 'demo' })
    expect(await get()).toBe(404)
    expect(await get(kiosk.id)).toBe(404)
    const shown = await get(admin.id)
    expect(shown).toMatchObject({ mails: [expect.objectContaining({ to: admin.email })] })
  })

  it('is always a 404 in a production start, and wherever mail goes out over SMTP', async () => {
    setEnvForTests({
      NODE_ENV: 'production',
      LATIH_SECRET: 'a-long-production-secret-0123456789-abcdef',
      SMTP_URL: 'smtp://mail.bpvp-kendari.go.id:587',
      PUBLIC_URL: 'https://latih.bpvp-kendari.go.id',
    })
    expect(await get()).toBe(404)
    expect(await get(admin.id)).toBe(404)
    setEnvForTests({ NODE_ENV: 'production', SEED_DEMO: 'true', SMTP_URL: 'smtp://127.0.0.1:2525' })
    expect(await get(admin.id)).toBe(404)
  })

  it('in development, also only for an administrator', async () => {
    setEnvForTests({})
    expect(await get()).toBe(404)
    expect(await get(admin.id)).toMatchObject({ mails: expect.any(Array) })
  })
})
