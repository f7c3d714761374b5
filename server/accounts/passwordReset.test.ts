import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { SYSTEM } from '../auth/actor'
import { verifyPassword } from '../auth/password'
import { actorForSession, createSession } from '../auth/sessions'
import { issueAccountToken } from '../auth/tokens'
import { createCandidate, createInstitution, createStaff } from '../db/factories'
import { accountToken, auditEvent, authSession, job, userAccount } from '../db/schema'
import { UseCaseError, ValidationError } from '../errors'
import { contextFor, createTestDatabase } from '../../tests/db'
import { inspectPasswordLink } from './inspectPasswordLink'
import { InvalidLinkError } from './invalidLink'
import { requestPasswordReset } from './requestPasswordReset'
import { resetPassword } from './resetPassword'
import { NO_PASSWORD_YET, signIn, WRONG_CREDENTIALS } from './signIn'

describe('password reset', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const kdi = await createInstitution(db)
  const t0 = new Date('2026-11-28T02:00:00Z')
  const at = (ms: number) => contextFor(database, SYSTEM, new Date(t0.getTime() + ms))
  const MINUTE = 60_000
  const oldPassword = 'Kendari-Maju-2026'
  const newPassword = 'Anoa-Berlari-Cepat-5'

  async function resetMails(to: string) {
    const mails = await db.select().from(job).where(eq(job.name, 'mail.send'))
    return mails.map((m) => m.payload as { to: string; text: string; subject: string }).filter((p) => p.to === to)
  }
  function tokenIn(text: string | undefined): string {
    const token = /\/atur-sandi\?token=([\w-]+)/.exec(text ?? '')?.[1]
    expect(token).toBeDefined()
    return token!
  }

  it('answers the same whether or not an account exists, and mails a link only to a real account', async () => {
    const before = (await db.select().from(job)).length
    expect(await requestPasswordReset(at(0), { identifier: 'tidak.ada@contoh.test' })).toBeUndefined()
    expect(await requestPasswordReset(at(0), { identifier: '7471011508959999' })).toBeUndefined()
    expect((await db.select().from(job)).length).toBe(before)
    expect(await db.select().from(accountToken)).toHaveLength(0)

    const c = await createCandidate(db, { nik: '7471011508950301', email: 'reset.satu@contoh.test', password: oldPassword })
    expect(await requestPasswordReset(at(0), { identifier: ' Reset.Satu@contoh.test ' })).toBeUndefined()
    const mails = await resetMails(c.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toMatch(/kata sandi/)
    expect(mails[0]!.text).toMatch(/berlaku 1 jam/)
    // A second request within a minute (double click) sends nothing more.
    await requestPasswordReset(at(30_000), { identifier: '7471 0115 0895 0301' })
    expect(await resetMails(c.email)).toHaveLength(1)
    // By NIK, a minute later.
    await requestPasswordReset(at(2 * MINUTE), { identifier: '7471 0115 0895 0301' })
    expect(await resetMails(c.email)).toHaveLength(2)
    const [audit] = await db.select().from(auditEvent).where(eq(auditEvent.action, 'account.passwordResetRequested'))
    expect(audit).toMatchObject({ entityId: c.user.id, actorId: null })
  })

  it('sets the new password once, verifies the e-mail, ends every session and signs in with it', async () => {
    const c = await createCandidate(db, { nik: '7471011508950302', email: 'reset.dua@contoh.test', password: oldPassword, emailVerified: false })
    const phone = await createSession(db, { userId: c.user.id, now: t0 })
    const laptop = await createSession(db, { userId: c.user.id, now: t0 })
    await requestPasswordReset(at(0), { identifier: c.email })
    const token = tokenIn((await resetMails(c.email)).at(-1)?.text)
    expect(await inspectPasswordLink(at(MINUTE), { token })).toEqual({ purpose: 'reset_password', email: c.email })

    // A weak password or a typo in the confirmation keeps the link usable.
    const weak = await resetPassword(at(MINUTE), { token, password: 'bismillah123', passwordConfirm: 'bismillah123' }).catch((e: unknown) => e)
    expect(weak).toBeInstanceOf(ValidationError)
    expect((weak as ValidationError).fieldErrors.password?.[0]).toMatch(/terlalu umum/)
    const typo = await resetPassword(at(MINUTE), { token, password: newPassword, passwordConfirm: `${newPassword}x` }).catch((e: unknown) => e)
    expect((typo as ValidationError).fieldErrors).toEqual({ passwordConfirm: ['Kedua kata sandi tidak sama.'] })
    const withNik = await resetPassword(at(MINUTE), { token, password: `Kode${c.nik}`, passwordConfirm: `Kode${c.nik}` }).catch((e: unknown) => e)
    expect((withNik as ValidationError).fieldErrors.password).toContain('Kata sandi tidak boleh memuat NIK Anda.')
    expect(await inspectPasswordLink(at(MINUTE), { token })).not.toBeNull()

    expect(await resetPassword(at(2 * MINUTE), { token, password: newPassword, passwordConfirm: newPassword })).toEqual({
      userId: c.user.id,
      kind: 'candidate',
      purpose: 'reset_password',
    })
    const [user] = await db.select().from(userAccount).where(eq(userAccount.id, c.user.id))
    expect(await verifyPassword(user!.passwordHash!, newPassword)).toBe(true)
    expect(user!.emailVerifiedAt).toEqual(new Date(t0.getTime() + 2 * MINUTE))
    expect(await db.select().from(authSession).where(eq(authSession.userId, c.user.id))).toHaveLength(0)
    expect(await actorForSession(db, phone.token, t0)).toBeNull()
    expect(await actorForSession(db, laptop.token, t0)).toBeNull()

    // Single use.
    await expect(resetPassword(at(3 * MINUTE), { token, password: 'Lain-Lagi-Sandi-7', passwordConfirm: 'Lain-Lagi-Sandi-7' })).rejects.toBeInstanceOf(InvalidLinkError)
    expect(await inspectPasswordLink(at(3 * MINUTE), { token })).toBeNull()

    await expect(signIn(at(4 * MINUTE), { identifier: c.email, password: oldPassword })).rejects.toMatchObject({ message: WRONG_CREDENTIALS })
    expect(await signIn(at(4 * MINUTE), { identifier: c.nik, password: newPassword })).toMatchObject({ userId: c.user.id })
    const [audit] = await db.select().from(auditEvent).where(eq(auditEvent.action, 'account.passwordReset'))
    expect(audit).toMatchObject({ actorId: c.user.id, entityId: c.user.id })
    expect(JSON.stringify(audit)).not.toContain(newPassword)
  })

  it('refuses a reset link after one hour', async () => {
    const c = await createCandidate(db, { nik: '7471011508950303', email: 'reset.tiga@contoh.test', password: oldPassword })
    await requestPasswordReset(at(0), { identifier: c.email })
    const token = tokenIn((await resetMails(c.email)).at(-1)?.text)
    expect(await inspectPasswordLink(at(60 * MINUTE), { token })).toBeNull()
    const late = await resetPassword(at(60 * MINUTE), { token, password: newPassword, passwordConfirm: newPassword }).catch((e: unknown) => e)
    expect(late).toBeInstanceOf(InvalidLinkError)
    expect((late as UseCaseError).message).toMatch(/Lupa kata sandi/)
    const [user] = await db.select().from(userAccount).where(eq(userAccount.id, c.user.id))
    expect(await verifyPassword(user!.passwordHash!, oldPassword)).toBe(true)
    expect(await inspectPasswordLink(at(0), { token: 'tidak-ada' })).toBeNull()
    expect(await inspectPasswordLink(at(0), { token: null })).toBeNull()
  })

  it('accepts the set-password link a kiosk account gets, and the account can then sign in', async () => {
    const walkIn = await createCandidate(db, { nik: '7471011508950304', email: 'walkin@contoh.test', password: null, emailVerified: false })
    await expect(signIn(at(0), { identifier: walkIn.email, password: newPassword })).rejects.toMatchObject({ message: NO_PASSWORD_YET })
    const token = await issueAccountToken(db, { userId: walkIn.user.id, purpose: 'set_password', now: t0 })
    expect(await inspectPasswordLink(at(MINUTE), { token })).toEqual({ purpose: 'set_password', email: walkIn.email })
    expect(await resetPassword(at(MINUTE), { token, password: newPassword, passwordConfirm: newPassword })).toMatchObject({
      userId: walkIn.user.id,
      purpose: 'set_password',
    })
    expect(await signIn(at(2 * MINUTE), { identifier: walkIn.nik, password: newPassword })).toMatchObject({ userId: walkIn.user.id })
    const [user] = await db.select().from(userAccount).where(eq(userAccount.id, walkIn.user.id))
    expect(user!.emailVerifiedAt).not.toBeNull()
    const [audit] = await db.select().from(auditEvent).where(eq(auditEvent.action, 'account.passwordSet'))
    expect(audit?.entityId).toBe(walkIn.user.id)
    // A verification token is no password link.
    const verify = await issueAccountToken(db, { userId: walkIn.user.id, purpose: 'verify_email', now: t0 })
    expect(await inspectPasswordLink(at(MINUTE), { token: verify })).toBeNull()
    await expect(resetPassword(at(MINUTE), { token: verify, password: newPassword, passwordConfirm: newPassword })).rejects.toBeInstanceOf(InvalidLinkError)
  })

  it('lifts a sign-in lock, and works for staff too', async () => {
    const staff = await createStaff(db, { institutionId: kdi.id, email: 'Admin.Reset@bpvp.test', displayName: 'Admin', roles: ['administrator'], password: oldPassword })
    for (let i = 0; i < 5; i++) await signIn(at(0), { identifier: 'admin.reset@bpvp.test', password: `salah-${i}-sandi` }).catch(() => null)
    await expect(signIn(at(MINUTE), { identifier: 'admin.reset@bpvp.test', password: oldPassword })).rejects.toMatchObject({ status: 429 })
    await requestPasswordReset(at(MINUTE), { identifier: 'admin.reset@bpvp.test' })
    const token = tokenIn((await resetMails('Admin.Reset@bpvp.test')).at(-1)?.text)
    expect(await resetPassword(at(2 * MINUTE), { token, password: newPassword, passwordConfirm: newPassword })).toMatchObject({ userId: staff.id, kind: 'staff' })
    expect(await signIn(at(3 * MINUTE), { identifier: 'admin.reset@bpvp.test', password: newPassword })).toEqual({ userId: staff.id, kind: 'staff' })
  })
})
