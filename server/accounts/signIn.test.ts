import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { SYSTEM } from '../auth/actor'
import { createCandidate, createInstitution, createStaff } from '../db/factories'
import { auditEvent, signInThrottle } from '../db/schema'
import { UseCaseError } from '../errors'
import { contextFor, createTestDatabase } from '../../tests/db'
import { NO_PASSWORD_YET, signIn, WRONG_CREDENTIALS } from './signIn'
import { identifierThrottleKey } from './signInThrottle'

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
  const t0 = new Date('2026-11-28T06:20:00Z')
  const at = (minutes: number) => contextFor(database, SYSTEM, new Date(t0.getTime() + minutes * 60_000))

  async function failure(promise: Promise<unknown>): Promise<UseCaseError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UseCaseError)
    return error as UseCaseError
  }

  it('signs a candidate in by e-mail, in any case and with spaces around it', async () => {
    const result = await signIn(at(0), { identifier: '  rahmat@CONTOH.test ', password, ip: '10.0.0.1' })
    expect(result).toEqual({ userId: candidate.user.id, kind: 'candidate' })
    const [audit] = await db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'account.signIn'))
    expect(audit).toMatchObject({ actorId: candidate.user.id, entityId: candidate.user.id, after: { via: 'email', ip: '10.0.0.1' } })
  })

  it('signs a candidate in by NIK, typed with spaces', async () => {
    expect(await signIn(at(0), { identifier: '7471 0115 0895 0011', password })).toEqual({ userId: candidate.user.id, kind: 'candidate' })
  })

  it('signs staff in on the same form', async () => {
    expect(await signIn(at(0), { identifier: 'Petugas@BPVP-Kendari.test', password })).toEqual({ userId: staff.id, kind: 'staff' })
  })

  it('gives the same message for a wrong password and an unknown account, and audits both without the password', async () => {
    const wrong = await failure(signIn(at(0), { identifier: 'rahmat@contoh.test', password: 'Salah-Sandi-123' }))
    const unknown = await failure(signIn(at(0), { identifier: 'tidak.ada@contoh.test', password: 'Salah-Sandi-123' }))
    const unknownNik = await failure(signIn(at(0), { identifier: '7471011508950099', password: 'Salah-Sandi-123' }))
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
    // Clean up the counters for the next tests.
    await db.delete(signInThrottle)
  })

  it('asks for the e-mailed link when the account was made at the kiosk without a password', async () => {
    const walkIn = await createCandidate(db, { nik: '7471011508950012', email: 'kios@contoh.test', password: null })
    const e = await failure(signIn(at(0), { identifier: 'kios@contoh.test', password: 'apa saja 123' }))
    expect(e.message).toBe(NO_PASSWORD_YET)
    expect(e.message).toMatch(/Lupa kata sandi/)
    const [audit] = await db.select().from(auditEvent).where(eq(auditEvent.entityId, walkIn.user.id))
    expect(audit?.after).toMatchObject({ outcome: 'no_password' })
  })

  it('refuses empty fields with messages at the fields', async () => {
    const e = await failure(signIn(at(0), { identifier: ' ', password: '' }))
    expect(e.fieldErrors).toEqual({ identifier: ['Isi e-mail atau NIK Anda.'], password: ['Isi kata sandi Anda.'] })
  })

  it('locks an identifier for 15 minutes after 5 failures, says until when in WITA, then lets the person in', async () => {
    const identifier = 'rahmat@contoh.test'
    for (let i = 0; i < 4; i++) {
      const e = await failure(signIn(at(i), { identifier, password: `salah-${i}-abcdef` }))
      expect(e.message).toBe(WRONG_CREDENTIALS)
    }
    // The fifth failure, at 14:24 WITA, locks until 14:39.
    const fifth = await failure(signIn(at(4), { identifier, password: 'salah-4-abcdef' }))
    expect(fifth.message).toBe('Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah pukul 14.39 WITA.')
    expect(fifth.status).toBe(429)
    // Even the right password waits, by e-mail and (being another identifier) not by NIK.
    const locked = await failure(signIn(at(10), { identifier, password }))
    expect(locked.message).toMatch(/setelah pukul 14\.39 WITA/)
    expect(await signIn(at(10), { identifier: '7471011508950011', password })).toMatchObject({ userId: candidate.user.id })
    const stillLocked = await failure(signIn(at(18.9), { identifier: 'RAHMAT@contoh.test', password }))
    expect(stillLocked.status).toBe(429)
    // 15 minutes after the lock began.
    expect(await signIn(at(19), { identifier, password })).toEqual({ userId: candidate.user.id, kind: 'candidate' })
    // Success cleared the counter: four new failures do not lock.
    for (let i = 0; i < 4; i++) await failure(signIn(at(20), { identifier, password: `lagi-salah-${i}` }))
    expect(await signIn(at(20), { identifier, password })).toMatchObject({ userId: candidate.user.id })
  })

  it('counts failures only within 15 minutes', async () => {
    const identifier = 'lupa.lupa@contoh.test'
    for (let i = 0; i < 4; i++) await failure(signIn(at(100), { identifier, password: 'salah-salah-1' }))
    const later = await failure(signIn(at(116), { identifier, password: 'salah-salah-1' }))
    expect(later.message).toBe(WRONG_CREDENTIALS)
    const [row] = await db
      .select()
      .from(signInThrottle)
      .where(eq(signInThrottle.key, identifierThrottleKey({ kind: 'email', email: identifier })))
    expect(row).toMatchObject({ failures: 1, lockedUntil: null })
  })

  it('locks an address after 20 failures, for every identifier, but not other addresses', async () => {
    const ip = '203.0.113.9'
    for (let i = 0; i < 19; i++) {
      const e = await failure(signIn(at(200), { identifier: `tebak${i}@contoh.test`, password: 'tebak-tebak-9', ip }))
      expect(e.message).toBe(WRONG_CREDENTIALS)
    }
    const twentieth = await failure(signIn(at(200), { identifier: 'tebak19@contoh.test', password: 'tebak-tebak-9', ip }))
    expect(twentieth.message).toMatch(/Terlalu banyak percobaan masuk yang gagal/)
    const right = await failure(signIn(at(201), { identifier: 'petugas@bpvp-kendari.test', password, ip }))
    expect(right.status).toBe(429)
    expect(await signIn(at(201), { identifier: 'petugas@bpvp-kendari.test', password, ip: '198.51.100.7' })).toMatchObject({ userId: staff.id })
    expect(await signIn(at(215), { identifier: 'petugas@bpvp-kendari.test', password, ip })).toMatchObject({ userId: staff.id })
    // The table holds hashes, not the addresses or e-mails people typed.
    const keys = (await db.select({ key: signInThrottle.key }).from(signInThrottle)).map((r) => r.key).join(' ')
    expect(keys).not.toContain(ip)
    expect(keys).not.toContain('tebak')
  })
})
