import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SYSTEM } from '../auth/actor'
import { ARGON2_CONCURRENT, ARGON2_QUEUE, hashPassword, SERVER_BUSY, verifyPassword } from '../auth/password'
import { createCandidate, createInstitution, createStaff } from '../db/factories'
import { auditEvent, rateLimit } from '../db/schema'
import { UseCaseError } from '../errors'
import { contextFor, createTestDatabase } from '../../tests/db'
import { NO_PASSWORD_YET, signIn, WRONG_CREDENTIALS } from './signIn'
import { ADDRESS_ATTEMPTS, addressBucket } from './signInThrottle'

// The limiter keeps time by the wall clock (rate-limiter-flexible reads Date), so these
// tests move a fake Date; timers and the database run for real.
describe('signIn', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const kdi = await createInstitution(db)
  const password = 'Kendari-Maju-2026'
  const candidate = await createCandidate(db, { nik: '7471011508950011', email: 'Rahmat@Contoh.test', password })
  const staff = await createStaff(db, {
    institutionId: kdi.id,
    email: 'petugas@bpvp-kendari.test',
    displayName: 'Petugas Sari',
    roles: ['kiosk_officer'],
    password,
  })
  // 06:20 UTC is 14:20 WITA.
  const t0 = new Date('2026-11-28T06:20:00Z').getTime()
  let clock = t0
  /** A context at `seconds` past the current test's start. */
  const at = (seconds: number) => {
    vi.setSystemTime(clock + seconds * 1000)
    return contextFor(database, SYSTEM, new Date())
  }
  /** Every test starts an hour after the previous one, so no wait carries over by accident. */
  const nextTest = () => (clock += 2 * 24 * 3600_000)

  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
  })
  afterAll(() => {
    vi.useRealTimers()
  })

  async function failure(promise: Promise<unknown>): Promise<UseCaseError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UseCaseError)
    return error as UseCaseError
  }

  it('signs a candidate in by e-mail, in any case and with spaces around it', async () => {
    nextTest()
    const result = await signIn(at(0), { identifier: '  rahmat@CONTOH.test ', password, ip: '10.0.0.1' })
    expect(result).toEqual({ userId: candidate.user.id, kind: 'candidate' })
    const [audit] = await db.select().from(auditEvent).where(eq(auditEvent.action, 'account.signIn'))
    expect(audit).toMatchObject({ actorId: candidate.user.id, entityId: candidate.user.id, after: { via: 'email' } })
  })

  it('signs a candidate in by NIK, typed with spaces', async () => {
    expect(await signIn(at(1), { identifier: '7471 0115 0895 0011', password })).toEqual({ userId: candidate.user.id, kind: 'candidate' })
  })

  it('signs staff in on the same form', async () => {
    expect(await signIn(at(2), { identifier: 'Petugas@BPVP-Kendari.test', password })).toEqual({ userId: staff.id, kind: 'staff' })
  })

  it('gives the same message for a wrong password and an unknown account, and audits both without the password', async () => {
    nextTest()
    const wrong = await failure(signIn(at(0), { identifier: 'rahmat@contoh.test', password: 'Salah-Sandi-123', ip: '10.9.9.9' }))
    const unknown = await failure(signIn(at(0), { identifier: 'tidak.ada@contoh.test', password: 'Salah-Sandi-123', ip: '10.9.9.9' }))
    const unknownNik = await failure(signIn(at(0), { identifier: '7471011508950099', password: 'Salah-Sandi-123', ip: '10.9.9.9' }))
    for (const e of [wrong, unknown, unknownNik]) {
      expect(e.message).toBe(WRONG_CREDENTIALS)
      expect(e.status).toBe(401)
    }
    const failures = await db.select().from(auditEvent).where(eq(auditEvent.action, 'account.signInFailed'))
    expect(failures.map((f) => (f.after as { outcome: string }).outcome)).toEqual(['wrong_password', 'unknown_account', 'unknown_account'])
    expect(failures[0]!.entityId).toBe(candidate.user.id)
    expect(failures[0]!.actorId).toBeNull()
    const logged = JSON.stringify(failures)
    expect(logged).not.toContain('Salah-Sandi-123')
    expect(logged).not.toContain('tidak.ada@contoh.test')
    expect(logged).not.toContain('7471011508950099')
  })

  it('refuses empty fields with messages at the fields', async () => {
    const e = await failure(signIn(at(0), { identifier: ' ', password: '' }))
    expect(e.fieldErrors).toEqual({ identifier: ['Isi e-mail atau NIK Anda.'], password: ['Isi kata sandi Anda.'] })
  })

  it('never locks the owner out: failures from another address leave their sign-in alone', async () => {
    nextTest()
    const attacker = '203.0.113.9'
    // Far more than the free tries, in every spelling of the e-mail and the NIK.
    const spellings = ['rahmat@contoh.test', 'RAHMAT@CONTOH.TEST', ' Rahmat@Contoh.Test ', '7471011508950011', '7471 0115 0895 0011']
    let refused = 0
    for (let i = 0; i < 12; i++) {
      const e = await failure(signIn(at(i * 3600), { identifier: spellings[i % spellings.length]!, password: `tebak-${i}-abcdef`, ip: attacker }))
      if (e.status === 429) refused++
    }
    // The attacker's pair waits …
    const held = await failure(signIn(at(11 * 3600 + 60), { identifier: 'rahmat@contoh.test', password, ip: attacker }))
    expect(held.status).toBe(429)
    // … the owner, from their own address, signs in at once, by e-mail and by NIK.
    expect(await signIn(at(11 * 3600 + 60), { identifier: 'rahmat@contoh.test', password, ip: '198.51.100.7' })).toMatchObject({
      userId: candidate.user.id,
    })
    expect(await signIn(at(11 * 3600 + 60), { identifier: '7471011508950011', password, ip: '2001:db8:7:7::1' })).toMatchObject({
      userId: candidate.user.id,
    })
    expect(refused).toBe(0)
  })

  it('counts an e-mail in any letter case, and a NIK with or without spaces, as one identifier', async () => {
    nextTest()
    const ip = '192.0.2.44'
    const emails = ['lupa@contoh.test', 'LUPA@contoh.test', 'Lupa@Contoh.Test ', ' lupa@CONTOH.TEST', 'lUpA@contoh.test']
    for (const [i, identifier] of emails.entries()) {
      const e = await failure(signIn(at(i), { identifier, password: 'salah-salah-1', ip }))
      expect(e.status).toBe(401)
      // The fifth failure in any spelling starts the wait, and says so.
      if (i === 4) expect(e.message).toBe('E-mail/NIK atau kata sandi salah. Tunggu 30 detik sebelum mencoba lagi, atau atur ulang kata sandi lewat «Lupa kata sandi».')
      else expect(e.message).toBe(WRONG_CREDENTIALS)
    }
    expect((await failure(signIn(at(5), { identifier: 'LuPa@CoNtOh.TeSt', password: 'x', ip }))).status).toBe(429)

    const niks = ['7471011508950077', '7471 0115 0895 0077', ' 7471  011508950077', '747101 150895 0077', '7471011508950077 ']
    for (const [i, identifier] of niks.entries()) await failure(signIn(at(10 + i), { identifier, password: 'salah-salah-1', ip }))
    const waiting = await failure(signIn(at(16), { identifier: '7471 0115 0895 0077', password: 'x', ip }))
    expect(waiting.status).toBe(429)
    // The table holds keyed hashes, never what was typed or the address.
    const keys = (await db.select({ key: rateLimit.key }).from(rateLimit)).map((r) => r.key).join(' ')
    expect(keys).not.toMatch(/lupa|7471|192\.0\.2/i)
  })

  it('after five free failures the wait doubles with each failure up to 15 minutes, then the right password works and starts afresh', async () => {
    nextTest()
    const ip = '198.51.100.23'
    const identifier = 'petugas@bpvp-kendari.test'
    let t = 0
    for (let i = 0; i < 4; i++) expect((await failure(signIn(at(t), { identifier, password: `salah-${i}`, ip }))).message).toBe(WRONG_CREDENTIALS)
    const expected = [
      ['30 detik', 30],
      ['1 menit', 60],
      ['2 menit', 120],
      ['4 menit', 240],
      ['8 menit', 480],
      ['15 menit', 900],
      ['15 menit', 900],
    ] as const
    for (const [words, seconds] of expected) {
      const e = await failure(signIn(at(t), { identifier, password: 'masih-salah', ip }))
      expect(e.status).toBe(401)
      expect(e.message).toContain(`Tunggu ${words}`)
      // Before the wait is over, even the right password is held back, with the time left.
      const early = await failure(signIn(at(t + seconds - 10), { identifier, password, ip }))
      expect(early.status).toBe(429)
      expect(early.message).toContain('Tunggu 10 detik, lalu coba lagi — atau atur ulang kata sandi lewat «Lupa kata sandi».')
      t += seconds
    }
    // Long waits also say until when, in WITA: 15 minutes from 14:20 + t.
    const clockMessage = await failure(signIn(at(t - 900 + 1), { identifier, password, ip }))
    expect(clockMessage.message).toMatch(/Tunggu 15 menit \(sampai pukul \d{2}\.\d{2} WITA\)/)
    // The wait is over: the right password signs in …
    expect(await signIn(at(t), { identifier, password, ip })).toMatchObject({ userId: staff.id })
    // … and the pair starts afresh: four failures are free again.
    for (let i = 0; i < 4; i++) expect((await failure(signIn(at(t + 1), { identifier, password: `lagi-${i}`, ip }))).status).toBe(401)
    expect(await signIn(at(t + 1), { identifier, password, ip })).toMatchObject({ userId: staff.id })
  })

  it('lets one attempt at a time through a wait, however many are sent at once', async () => {
    nextTest()
    const ip = '198.51.100.99'
    const identifier = 'serbu@contoh.test'
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn(at(0), { identifier, password: `serbu-${i}`, ip }).then(() => null, (e: UseCaseError) => e)),
    )
    const checked = results.filter((e) => e?.status === 401).length
    const held = results.filter((e) => e?.status === 429).length
    // Five free tries and at most one through the gate; the rest waited without a check.
    expect(checked).toBeLessThanOrEqual(6)
    expect(checked + held).toBe(12)
  })

  it('counts sign-ins to a kiosk-made account without a password like any other failure', async () => {
    nextTest()
    const walkIn = await createCandidate(db, { nik: '7471011508950012', email: 'kios@contoh.test', password: null })
    const ip = '203.0.113.50'
    for (let i = 0; i < 5; i++) {
      const e = await failure(signIn(at(i), { identifier: 'kios@contoh.test', password: 'apa saja 123', ip }))
      expect(e.message).toBe(NO_PASSWORD_YET)
      expect(e.message).toMatch(/Lupa kata sandi/)
    }
    const held = await failure(signIn(at(6), { identifier: 'KIOS@contoh.test', password: 'apa saja 123', ip }))
    expect(held.status).toBe(429)
    const failed = await db
      .select()
      .from(auditEvent)
      .where(sql`${auditEvent.entityId} = ${walkIn.user.id} and ${auditEvent.action} = 'account.signInFailed'`)
    expect(failed.map((a) => (a.after as { outcome: string }).outcome)).toEqual(Array(5).fill('no_password'))
    expect(failed.at(-1)?.after).toMatchObject({ waitSeconds: 30 })
  })

  it('does not lock a shared address out for one user’s typos, but stops a flood from it', async () => {
    nextTest()
    const lab = '192.0.2.200'
    // One student types their password wrong twenty times (waiting when told to).
    let t = 0
    for (let i = 0; i < 20; i++) {
      const e = await failure(signIn(at(t), { identifier: 'siswa.lupa@contoh.test', password: `salah-${i}`, ip: lab }))
      if (e.status === 401) t += 1
      else t += 900
    }
    // Everyone else at that address still signs in.
    expect(await signIn(at(t), { identifier: 'rahmat@contoh.test', password, ip: lab })).toMatchObject({ userId: candidate.user.id })

    // A flood of different identifiers from one address: ADDRESS_ATTEMPTS in 15 minutes, then held.
    nextTest()
    const flooder = '2001:db8:bad:1::7'
    const statuses: number[] = []
    for (let i = 0; i < ADDRESS_ATTEMPTS; i++) {
      statuses.push((await failure(signIn(at(i), { identifier: `tebak${i}@contoh.test`, password: 'tebak-tebak-9', ip: flooder }))).status)
    }
    expect(statuses.every((s) => s === 401)).toBe(true)
    // Another address in the same /64 is the same subscriber: held too, even with the right password.
    const held = await failure(signIn(at(ADDRESS_ATTEMPTS), { identifier: 'petugas@bpvp-kendari.test', password, ip: '2001:db8:bad:1::8' }))
    expect(held.status).toBe(429)
    expect(held.message).toMatch(/^Terlalu banyak percobaan masuk dari jaringan Anda\. Tunggu \d+ menit/)
    const limitAudits = await db.select().from(auditEvent).where(sql`${auditEvent.after}->>'outcome' = 'address_limit'`)
    expect(limitAudits).toHaveLength(1)
    // Other addresses are untouched, and the flood's address is free again after the window.
    expect(await signIn(at(ADDRESS_ATTEMPTS), { identifier: 'petugas@bpvp-kendari.test', password, ip: '2001:db8:600d:1::8' })).toMatchObject({
      userId: staff.id,
    })
    expect(await signIn(at(16 * 60), { identifier: 'petugas@bpvp-kendari.test', password, ip: flooder })).toMatchObject({ userId: staff.id })
  })

  it('answers 503 at once when argon2 is saturated, and counts nothing', async () => {
    nextTest()
    const hash = await hashPassword('sibuk-sibuk-123')
    // Keep every slot and the whole queue full: each filler starts its next verification
    // the moment the last one ends.
    let stop = false
    const keepFull = async () => {
      while (!stop) await verifyPassword(hash, 'salah').catch(() => false)
    }
    const fillers = Array.from({ length: ARGON2_CONCURRENT + ARGON2_QUEUE }, keepFull)
    const started = performance.now()
    const busy = await failure(signIn(at(0), { identifier: 'rahmat@contoh.test', password, ip: '198.51.100.150' }))
    const tookMs = performance.now() - started
    stop = true
    await Promise.all(fillers)
    expect(busy.status).toBe(503)
    expect(busy.message).toBe(SERVER_BUSY)
    // Refused before any argon2 work: well under the time the queue takes to drain.
    expect(tookMs).toBeLessThan(2000)
    // Nothing was counted: five failures are still free after it.
    for (let i = 0; i < 4; i++) {
      expect((await failure(signIn(at(1), { identifier: 'rahmat@contoh.test', password: `s-${i}`, ip: '198.51.100.150' }))).message).toBe(WRONG_CREDENTIALS)
    }
    expect(await signIn(at(1), { identifier: 'rahmat@contoh.test', password, ip: '198.51.100.150' })).toMatchObject({ userId: candidate.user.id })
  })

  it('counts an IPv6 subscriber by its /64 and an IPv4 address inside IPv6 as IPv4', () => {
    expect(addressBucket('2001:db8:bad:1::7')).toBe(addressBucket('2001:0db8:0bad:0001:ffff::1'))
    expect(addressBucket('2001:db8:bad:1::7')).toBe('2001:db8:bad:1::/64')
    expect(addressBucket('2001:db8:bad:2::7')).not.toBe(addressBucket('2001:db8:bad:1::7'))
    expect(addressBucket('::ffff:203.0.113.9')).toBe('203.0.113.9')
    expect(addressBucket('203.0.113.9')).not.toBe(addressBucket('203.0.113.10'))
  })
})
