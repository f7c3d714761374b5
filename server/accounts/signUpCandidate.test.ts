import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { SYSTEM } from '../auth/actor'
import { decrypt, keyedHash } from '../auth/crypto'
import { peekAccountToken } from '../auth/tokens'
import { createCandidate, createInstitution } from '../db/factories'
import { accountToken, auditEvent, candidateProfile, job, userAccount } from '../db/schema'
import { ConflictError, ValidationError } from '../errors'
import { contextFor, createTestDatabase } from '../../tests/db'
import { EMAIL_IN_USE, NIK_IN_USE, signUpCandidate, type SignUpInput } from './signUpCandidate'

describe('signUpCandidate', async () => {
  const database = await createTestDatabase()
  const { db } = database
  await createInstitution(db)
  const now = new Date('2026-11-28T02:00:00Z')
  const ctx = (at = now) => contextFor(database, SYSTEM, at)

  let serial = 100
  /** A fresh, valid form for a new person (unique NIK and e-mail). */
  function form(overrides: Partial<SignUpInput> = {}): SignUpInput {
    serial += 1
    return {
      nik: `7471015508950${serial}`,
      fullName: 'Wa Ode Nurhayati',
      email: `wa.ode.${serial}@contoh.test`,
      phone: '0812-3456-7890',
      password: 'Kapal-Layar-Biru-77',
      passwordConfirm: 'Kapal-Layar-Biru-77',
      consent: 'ya',
      ...overrides,
    }
  }

  async function counts() {
    const [users, profiles, jobs, tokens, audits] = await Promise.all([
      db.$count(userAccount),
      db.$count(candidateProfile),
      db.$count(job),
      db.$count(accountToken),
      db.$count(auditEvent),
    ])
    return { users, profiles, jobs, tokens, audits }
  }

  async function expectFailure(promise: Promise<unknown>): Promise<ValidationError | ConflictError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(Error)
    return error as ValidationError
  }

  it('creates the account, the profile with the NIK encrypted, a verification mail and an audit row', async () => {
    const { userId, created } = await signUpCandidate(
      ctx(),
      form({ nik: '7471 0155 0895 0001', fullName: '  Wa Ode   Nurhayati ', email: ' Wa.Ode@Contoh.TEST ' }),
    )
    expect(created).toBe(true)

    const [user] = await db.select().from(userAccount).where(eq(userAccount.id, userId))
    expect(user).toMatchObject({ email: 'wa.ode@contoh.test', kind: 'candidate', displayName: 'Wa Ode Nurhayati', emailVerifiedAt: null })
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/)
    expect(user!.passwordHash).not.toContain('Kapal')

    const [profile] = await db.select().from(candidateProfile).where(eq(candidateProfile.userId, userId))
    expect(profile!.nikCiphertext).not.toContain('7471015508950001')
    expect(Buffer.from(profile!.nikCiphertext, 'base64url').toString('latin1')).not.toContain('7471015508950001')
    expect(decrypt(profile!.nikCiphertext)).toBe('7471015508950001')
    expect(profile!.nikHash).toBe(keyedHash('7471015508950001'))
    expect(profile!.nikMasked).toBe('7471••••••••0001')
    expect(profile).toMatchObject({ fullName: 'Wa Ode Nurhayati', phone: '+6281234567890', birthDate: '1995-08-15', sex: 'female' })

    const mails = await db.select().from(job).where(eq(job.name, 'mail.send'))
    expect(mails).toHaveLength(1)
    expect(mails[0]!.status).toBe('pending')
    const payload = mails[0]!.payload as { to: string; subject: string; text: string; html: string }
    expect(payload.to).toBe('wa.ode@contoh.test')
    expect(payload.subject).toMatch(/Verifikasi e-mail/)
    const token = /http:\/\/localhost:3000\/verifikasi-email\?token=([\w-]+)/.exec(payload.text)?.[1]
    expect(token).toBeDefined()
    expect(await peekAccountToken(db, { token: token!, purposes: ['verify_email'], now })).toEqual({ userId, purpose: 'verify_email' })
    expect(payload.text).not.toContain('7471015508950001')

    const audits = await db.select().from(auditEvent).where(eq(auditEvent.entityId, userId))
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ action: 'account.signUp', actorId: userId, entityType: 'user_account' })
    expect(JSON.stringify(audits[0]!.after)).not.toContain('7471015508950001')
    expect(JSON.stringify(audits[0]!.after)).not.toContain('Kapal')
  })

  it('refuses a NIK already in use, saying how to get back into that account, and creates nothing', async () => {
    const existing = await createCandidate(db, { nik: '7471011203900001', email: 'lama@contoh.test' })
    const before = await counts()
    const error = await expectFailure(signUpCandidate(ctx(), form({ nik: existing.nik })))
    expect(error).toBeInstanceOf(ConflictError)
    expect(error.status).toBe(409)
    expect(error.fieldErrors.nik).toEqual([NIK_IN_USE])
    expect(error.fieldErrors.nik![0]).toMatch(/Lupa kata sandi/)
    expect(error.fieldErrors.nik![0]).toMatch(/kios pendaftaran BPVP Kendari/)
    expect(error.fieldErrors.email).toBeUndefined()
    expect(await counts()).toEqual(before)
  })

  it('refuses an e-mail already in use, whatever its case, and creates nothing', async () => {
    await createCandidate(db, { nik: '7471011203900002', email: 'Dipakai@Contoh.test' })
    const before = await counts()
    const error = await expectFailure(signUpCandidate(ctx(), form({ email: 'dipakai@contoh.TEST' })))
    expect(error).toBeInstanceOf(ConflictError)
    expect(error.fieldErrors.email).toEqual([EMAIL_IN_USE])
    expect(error.fieldErrors.nik).toBeUndefined()
    expect(await counts()).toEqual(before)
  })

  it('reports every bad field at once and creates nothing', async () => {
    const before = await counts()
    const error = await expectFailure(
      signUpCandidate(
        ctx(),
        form({ nik: '7471019908950001', fullName: ' ', email: 'bukan-email', phone: '12345', password: 'password123', passwordConfirm: 'lain' }),
      ),
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.fieldErrors.nik?.[0]).toMatch(/Tanggal lahir pada NIK tidak valid/)
    expect(error.fieldErrors.fullName?.[0]).toMatch(/Nama lengkap wajib diisi/)
    expect(error.fieldErrors.email?.[0]).toMatch(/e-mail tidak valid/)
    expect(error.fieldErrors.phone?.[0]).toMatch(/Nomor HP/)
    expect(error.fieldErrors.password?.[0]).toMatch(/terlalu umum/)
    expect(error.fieldErrors.passwordConfirm).toEqual(['Kedua kata sandi tidak sama.'])
    expect(await counts()).toEqual(before)
  })

  it('refuses short passwords and passwords made of the NIK or the name', async () => {
    const before = await counts()
    const short = await expectFailure(signUpCandidate(ctx(), form({ password: 'Ab1!x', passwordConfirm: 'Ab1!x' })))
    expect(short.fieldErrors.password).toContain('Kata sandi minimal 8 karakter.')
    const f = form()
    const withNik = await expectFailure(signUpCandidate(ctx(), { ...f, password: `x${f.nik}`, passwordConfirm: `x${f.nik}` }))
    expect(withNik.fieldErrors.password).toContain('Kata sandi tidak boleh memuat NIK Anda.')
    const withName = await expectFailure(signUpCandidate(ctx(), form({ password: 'Nurhayati#2026', passwordConfirm: 'Nurhayati#2026' })))
    expect(withName.fieldErrors.password).toContain('Kata sandi tidak boleh memuat nama Anda.')
    const missing = await expectFailure(signUpCandidate(ctx(), {} as SignUpInput))
    expect(Object.keys(missing.fieldErrors).sort()).toEqual(['email', 'fullName', 'nik', 'password', 'passwordConfirm', 'phone'])
    expect(await counts()).toEqual(before)
  })

  it('treats the same submit again within ten minutes as the same sign-up', async () => {
    const f = form()
    const first = await signUpCandidate(ctx(), f)
    const after = await counts()
    const again = await signUpCandidate(ctx(new Date(now.getTime() + 9 * 60_000)), { ...f, email: f.email.toUpperCase() })
    expect(again).toEqual({ userId: first.userId, created: false })
    expect(await counts()).toEqual(after)

    // Later, or with another password, it is somebody else's attempt: a conflict.
    const late = await expectFailure(signUpCandidate(ctx(new Date(now.getTime() + 11 * 60_000)), f))
    expect(late).toBeInstanceOf(ConflictError)
    const otherPassword = await expectFailure(signUpCandidate(ctx(), { ...f, password: 'Perahu-Hijau-88', passwordConfirm: 'Perahu-Hijau-88' }))
    expect(otherPassword.fieldErrors.nik).toEqual([NIK_IN_USE])
    expect(otherPassword.fieldErrors.email).toEqual([EMAIL_IN_USE])
    expect(await counts()).toEqual(after)
  })

  it('creates one account when the same form is submitted twice at once', async () => {
    const f = form()
    const before = await counts()
    const [a, b] = await Promise.all([signUpCandidate(ctx(), f), signUpCandidate(ctx(), f)])
    expect(a.userId).toBe(b.userId)
    expect([a.created, b.created].sort()).toEqual([false, true])
    const after = await counts()
    expect(after.users - before.users).toBe(1)
    expect(after.profiles - before.profiles).toBe(1)
    expect(after.jobs - before.jobs).toBe(1)
    expect(after.tokens - before.tokens).toBe(1)
  })

  it('lets only one of two people take the same NIK at once', async () => {
    const f = form()
    const results = await Promise.allSettled([
      signUpCandidate(ctx(), f),
      signUpCandidate(ctx(), { ...f, email: `lain.${f.email}` }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(rejected.reason).toBeInstanceOf(ConflictError)
    expect((rejected.reason as ConflictError).fieldErrors.nik).toEqual([NIK_IN_USE])
    const rows = await db.select().from(candidateProfile).where(eq(candidateProfile.nikHash, keyedHash(f.nik)))
    expect(rows).toHaveLength(1)
    const tokens = await db.select().from(accountToken).where(eq(accountToken.userId, rows[0]!.userId))
    expect(tokens).toHaveLength(1)
  })
})
