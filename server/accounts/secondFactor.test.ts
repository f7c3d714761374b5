import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { parseSecondFactorCode } from '../../domain/secondFactorCodes'
import { contextFor, createTestDatabase } from '../../tests/db'
import { staffActor } from '../../tests/actors'
import { SYSTEM, type Actor } from '../auth/actor'
import { createSession, resolveSession } from '../auth/sessions'
import { createCandidate, createInstitution, createStaff } from '../db/factories'
import { auditEvent, authSession, institution, secondFactor, secondFactorChallenge, secondFactorRecoveryCode } from '../db/schema'
import { UseCaseError } from '../errors'
import { signIn } from './signIn'
import { totpCodeAt } from './secondFactor'
import { CHALLENGE_GONE, completeSecondFactorSignIn, TOO_MANY_CODES } from './secondFactorChallenge'
import {
  confirmSecondFactorEnrolment,
  disableSecondFactor,
  getSecondFactorOverview,
  REQUIRED_BY_INSTITUTION,
  startSecondFactorEnrolment,
} from './secondFactorEnrolment'
import { resetSecondFactor } from './secondFactorReset'
import { runCli } from '../cli/commands'
import { ENROL_YOURSELF_FIRST, getSecondFactorRequirement, setSecondFactorRequirement } from './secondFactorRequirement'

// Issue 9 §3: a second factor (TOTP) for administrators and the selection committee.
describe('second factor', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const kdi = await createInstitution(db)
  const PASSWORD = 'Latih-Uji-2026'
  // The clock moves on in 30-second steps between the phases below.
  let clock = new Date('2026-12-02T02:00:05Z')
  const tick = (seconds = 30) => (clock = new Date(clock.getTime() + seconds * 1000))
  const as = (actor: Actor | typeof SYSTEM) => contextFor(database, actor, clock)

  async function failure(promise: Promise<unknown>): Promise<UseCaseError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UseCaseError)
    return error as UseCaseError
  }

  /** Enrol an actor through the page's two steps; returns their secret and recovery codes. */
  async function enrol(actor: Actor): Promise<{ secret: string; recoveryCodes: string[] }> {
    await startSecondFactorEnrolment(as(actor), {})
    const overview = await getSecondFactorOverview(as(actor), {})
    const secret = overview.pending!.secret
    const { recoveryCodes } = await confirmSecondFactorEnrolment(as(actor), { code: await totpCodeAt(secret, clock) })
    tick()
    return { secret, recoveryCodes }
  }

  async function passwordStep(email: string) {
    return signIn(as(SYSTEM), { identifier: email, password: PASSWORD })
  }

  const audits = async (action: string, userId: string) =>
    db.select().from(auditEvent).where(and(eq(auditEvent.action, action), eq(auditEvent.entityId, userId)))

  it('enrols a committee member: the secret is stored encrypted, a wrong code is refused at its field, ten recovery codes are shown once and kept hashed', async () => {
    const member = await staffActor(db, kdi.id, ['selection_committee'], 'Panitia')
    expect((await getSecondFactorOverview(as(member), {})).pending).toBeNull()
    await startSecondFactorEnrolment(as(member), {})
    // A double click keeps one secret.
    const first = (await getSecondFactorOverview(as(member), {})).pending!
    await startSecondFactorEnrolment(as(member), {})
    const overview = await getSecondFactorOverview(as(member), {})
    expect(overview.pending!.secret).toBe(first.secret)
    expect(overview.pending!.uri).toMatch(/^otpauth:\/\/totp\/Latih:.+\?secret=[A-Z2-7]+&issuer=Latih$/)
    expect(overview.enabled).toBe(false)

    const [stored] = await db.select().from(secondFactor).where(eq(secondFactor.userId, member.userId))
    expect(stored!.secretEncrypted).not.toContain(first.secret)
    expect(stored!.enabledAt).toBeNull()

    // Wrong: a code from ten minutes ago, and something that is not a code at all.
    const old = await failure(
      confirmSecondFactorEnrolment(as(member), { code: await totpCodeAt(first.secret, new Date(clock.getTime() - 600_000)) }),
    )
    expect(old.status).toBe(400)
    expect(old.fieldErrors.code?.[0]).toMatch(/^Kode tidak cocok/)
    const typo = await failure(confirmSecondFactorEnrolment(as(member), { code: '12 34' }))
    expect(typo.fieldErrors.code).toEqual(['Isi 6 angka yang tampil di aplikasi autentikator Anda.'])
    expect((await getSecondFactorOverview(as(member), {})).enabled).toBe(false)

    const { recoveryCodes } = await confirmSecondFactorEnrolment(as(member), { code: await totpCodeAt(first.secret, clock) })
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    for (const c of recoveryCodes) expect(parseSecondFactorCode(c)).toEqual({ ok: true, value: { kind: 'recovery', code: c } })
    const rows = await db.select().from(secondFactorRecoveryCode).where(eq(secondFactorRecoveryCode.userId, member.userId))
    expect(rows).toHaveLength(10)
    const kept = JSON.stringify(rows)
    for (const c of recoveryCodes) expect(kept).not.toContain(c)

    const after = await getSecondFactorOverview(as(member), {})
    expect(after).toMatchObject({ enabled: true, pending: null, unusedRecoveryCodes: 10 })
    // Confirming again (a second click) changes nothing and makes no new codes.
    const again = await failure(confirmSecondFactorEnrolment(as(member), { code: await totpCodeAt(first.secret, clock) }))
    expect(again.status).toBe(409)
    expect(await audits('account.secondFactorEnabled', member.userId)).toHaveLength(1)
    expect(await audits('account.secondFactorFailed', member.userId)).toHaveLength(1)
    tick()
  })

  it('only administrators and committee members may turn it on', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'], 'Petugas')
    expect((await failure(startSecondFactorEnrolment(as(officer), {}))).status).toBe(403)
    const candidate = await createCandidate(db, { email: 'calon.2fa@contoh.test', password: PASSWORD })
    const candidateActor: Actor = { kind: 'candidate', userId: candidate.user.id, email: candidate.user.email, displayName: 'Calon', roles: [] }
    expect((await failure(startSecondFactorEnrolment(as(candidateActor), {}))).status).toBe(403)
    // Without a session or an enrolment challenge: nobody's.
    expect((await failure(getSecondFactorOverview(as(SYSTEM), { challengeToken: 'palsu' }))).status).toBe(410)
    // Their sign-in is unchanged.
    expect(await passwordStep(officer.email)).toEqual({ userId: officer.userId, kind: 'staff' })
    expect(await passwordStep('calon.2fa@contoh.test')).toEqual({ userId: candidate.user.id, kind: 'candidate' })
  })

  it('after the password, an account with TOTP gets a challenge and no session; the code completes it, and the same code cannot be replayed', async () => {
    const admin = await staffActor(db, kdi.id, ['administrator'], 'Admin')
    const { secret } = await enrol(admin)
    const sessionsBefore = await db.select().from(authSession).where(eq(authSession.userId, admin.userId))

    const first = await passwordStep(admin.email)
    expect(first.secondFactor?.step).toBe('verify')
    expect(first.secondFactor?.token).toMatch(/^[\w-]{43}$/)
    expect(first.secondFactor!.expiresAt.getTime() - clock.getTime()).toBe(5 * 60_000)
    expect(await db.select().from(authSession).where(eq(authSession.userId, admin.userId))).toEqual(sessionsBefore)

    const code = await totpCodeAt(secret, clock)
    const done = await completeSecondFactorSignIn(as(SYSTEM), { token: first.secondFactor!.token, code: code.slice(0, 3) + ' ' + code.slice(3) })
    expect(done).toEqual({ userId: admin.userId, kind: 'staff', method: 'totp', recoveryCodesLeft: null })
    // The challenge is spent.
    const spent = await failure(completeSecondFactorSignIn(as(SYSTEM), { token: first.secondFactor!.token, code }))
    expect(spent).toMatchObject({ status: 410, message: CHALLENGE_GONE })

    // Someone who saw the code and the password tries it again within its 30 seconds.
    tick(5)
    const replay = await passwordStep(admin.email)
    const refused = await failure(completeSecondFactorSignIn(as(SYSTEM), { token: replay.secondFactor!.token, code }))
    expect(refused.status).toBe(400)
    expect(refused.fieldErrors.code?.[0]).toMatch(/^Kode salah atau sudah pernah dipakai\. .* Sisa 4 percobaan\.$/)
    // The next code of the app is accepted.
    tick(30)
    const next = await completeSecondFactorSignIn(as(SYSTEM), { token: replay.secondFactor!.token, code: await totpCodeAt(secret, clock) })
    expect(next.userId).toBe(admin.userId)
    expect(await audits('account.signInSecondFactor', admin.userId)).toHaveLength(2)
    expect((await audits('account.secondFactorFailed', admin.userId)).map((a) => a.after)).toEqual([
      { method: 'totp', attempt: 1, limit: 5 },
    ])
    tick()
  })

  it('two submits of one code at once: exactly one is accepted', async () => {
    const admin = await staffActor(db, kdi.id, ['administrator'], 'Admin Ganda')
    const { secret } = await enrol(admin)
    const a = await passwordStep(admin.email)
    const b = await passwordStep(admin.email)
    const code = await totpCodeAt(secret, clock)
    const results = await Promise.allSettled([
      completeSecondFactorSignIn(as(SYSTEM), { token: a.secondFactor!.token, code }),
      completeSecondFactorSignIn(as(SYSTEM), { token: b.secondFactor!.token, code }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    tick()
  })

  it('five wrong codes end the challenge: back to the password, every failure audited', async () => {
    const member = await staffActor(db, kdi.id, ['selection_committee'], 'Panitia Lupa')
    const { secret } = await enrol(member)
    const { secondFactor: pending } = await passwordStep(member.email)
    const right = await totpCodeAt(secret, clock)
    const wrong = right === '000000' ? '111111' : '000000'
    for (let i = 1; i <= 4; i++) {
      const e = await failure(completeSecondFactorSignIn(as(SYSTEM), { token: pending!.token, code: wrong }))
      expect(e.fieldErrors.code?.[0]).toContain(`Sisa ${5 - i} percobaan.`)
    }
    // A typing slip is said at the field and does not count.
    const slip = await failure(completeSecondFactorSignIn(as(SYSTEM), { token: pending!.token, code: '12345' }))
    expect(slip.fieldErrors.code?.[0]).toMatch(/^Kode tidak dikenali/)
    const fifth = await failure(completeSecondFactorSignIn(as(SYSTEM), { token: pending!.token, code: wrong }))
    expect(fifth).toMatchObject({ status: 429, message: TOO_MANY_CODES })
    // Even the right code no longer helps with this challenge.
    const late = await failure(completeSecondFactorSignIn(as(SYSTEM), { token: pending!.token, code: right }))
    expect(late).toMatchObject({ status: 410, message: CHALLENGE_GONE })
    const failed = await audits('account.secondFactorFailed', member.userId)
    expect(failed.map((f) => (f.after as { attempt: number }).attempt)).toEqual([1, 2, 3, 4, 5])
    expect(failed.every((f) => f.actorId === null)).toBe(true)

    // A challenge older than five minutes is gone too.
    const { secondFactor: slow } = await passwordStep(member.email)
    tick(5 * 60 + 1)
    const expired = await failure(completeSecondFactorSignIn(as(SYSTEM), { token: slow!.token, code: await totpCodeAt(secret, clock) }))
    expect(expired.status).toBe(410)

    // Ten wrong codes within 15 minutes over several challenges: no new challenge for a while.
    const { secondFactor: again } = await passwordStep(member.email)
    for (let i = 0; i < 5; i++) await failure(completeSecondFactorSignIn(as(SYSTEM), { token: again!.token, code: wrong }))
    const blocked = await failure(passwordStep(member.email))
    expect(blocked.status).toBe(429)
    expect(blocked.message).toMatch(/^Terlalu banyak kode verifikasi yang salah untuk akun ini\. Coba lagi setelah pukul \d{2}\.\d{2} WITA\.$/)
    tick(16 * 60)
    expect((await passwordStep(member.email)).secondFactor?.step).toBe('verify')
  })

  it('a recovery code signs in once, is consumed, and its use is audited', async () => {
    const admin = await staffActor(db, kdi.id, ['administrator'], 'Admin Ponsel Hilang')
    const { recoveryCodes } = await enrol(admin)
    const code = recoveryCodes[3]!
    const { secondFactor: pending } = await passwordStep(admin.email)
    const shown = code.match(/.{4}/g)!.join('-').toLowerCase()
    const done = await completeSecondFactorSignIn(as(SYSTEM), { token: pending!.token, code: shown })
    expect(done).toMatchObject({ userId: admin.userId, method: 'recovery', recoveryCodesLeft: 9 })
    const [used] = await audits('account.secondFactorRecoveryCodeUsed', admin.userId)
    expect(used?.after).toEqual({ remaining: 9 })
    expect(used?.actorId).toBe(admin.userId)

    const { secondFactor: second } = await passwordStep(admin.email)
    const again = await failure(completeSecondFactorSignIn(as(SYSTEM), { token: second!.token, code }))
    expect(again.status).toBe(400)
    // Another account's recovery code is no use either.
    const other = await staffActor(db, kdi.id, ['administrator'], 'Admin Lain')
    const { recoveryCodes: othersCodes } = await enrol(other)
    const foreign = await failure(completeSecondFactorSignIn(as(SYSTEM), { token: second!.token, code: othersCodes[0]! }))
    expect(foreign.status).toBe(400)
    expect((await getSecondFactorOverview(as(admin), {})).unusedRecoveryCodes).toBe(9)
  })

  it('turning it off needs the password and a current code; then the password alone signs in', async () => {
    const member = await staffActor(db, kdi.id, ['selection_committee'], 'Panitia Berhenti')
    const { secret } = await enrol(member)
    const wrongPassword = await failure(disableSecondFactor(as(member), { password: 'bukan-sandinya', code: await totpCodeAt(secret, clock) }))
    expect(wrongPassword.fieldErrors.password).toEqual(['Kata sandi salah.'])
    tick()
    const wrongCode = await failure(disableSecondFactor(as(member), { password: PASSWORD, code: '000000' === (await totpCodeAt(secret, clock)) ? '111111' : '000000' }))
    expect(wrongCode.fieldErrors.code?.[0]).toMatch(/^Kode tidak cocok/)
    expect((await getSecondFactorOverview(as(member), {})).enabled).toBe(true)
    await disableSecondFactor(as(member), { password: PASSWORD, code: await totpCodeAt(secret, clock) })
    expect(await db.select().from(secondFactor).where(eq(secondFactor.userId, member.userId))).toEqual([])
    expect(await db.select().from(secondFactorRecoveryCode).where(eq(secondFactorRecoveryCode.userId, member.userId))).toEqual([])
    expect(await audits('account.secondFactorDisabled', member.userId)).toHaveLength(1)
    expect(await passwordStep(member.email)).toEqual({ userId: member.userId, kind: 'staff' })
    tick()
  })

  it('an institution can require it: the administrator enrols first, those without it are signed out and must enrol right after the password', async () => {
    const lpk = await createInstitution(db, { code: 'LPK', name: 'BPVP Uji Wajib' })
    const admin = await staffActor(db, lpk.id, ['administrator'], 'Admin Wajib')
    const member = await staffActor(db, lpk.id, ['selection_committee'], 'Panitia Wajib')
    const officer = await staffActor(db, lpk.id, ['kiosk_officer'], 'Petugas Wajib')
    const memberSession = await createSession(db, { userId: member.userId, now: clock })
    const officerSession = await createSession(db, { userId: officer.userId, now: clock })

    // Only an administrator of that institution decides.
    expect((await failure(setSecondFactorRequirement(as(member), { institutionId: lpk.id, required: true }))).status).toBe(403)
    const notYet = await failure(setSecondFactorRequirement(as(admin), { institutionId: lpk.id, required: true }))
    expect(notYet.status).toBe(409)
    expect(notYet.fieldErrors.required).toEqual([ENROL_YOURSELF_FIRST])
    expect((await db.select().from(institution).where(eq(institution.id, lpk.id)))[0]!.requireSecondFactor).toBe(false)

    await enrol(admin)
    expect(await setSecondFactorRequirement(as(admin), { institutionId: lpk.id, required: true })).toEqual({ changed: true, sessionsEnded: 1 })
    // A repeated submit changes nothing.
    expect(await setSecondFactorRequirement(as(admin), { institutionId: lpk.id, required: true })).toEqual({ changed: false, sessionsEnded: 0 })
    const view = await getSecondFactorRequirement(as(admin), { institutionId: lpk.id })
    expect(view.required).toBe(true)
    expect(view.members.map((m) => [m.displayName, m.enabled])).toEqual([
      [admin.displayName, true],
      [member.displayName, false],
    ])
    const [toggled] = await db.select().from(auditEvent).where(eq(auditEvent.action, 'institution.secondFactorRequirement'))
    expect(toggled).toMatchObject({ actorId: admin.userId, institutionId: lpk.id, before: { required: false }, after: { required: true, signedOut: 1 } })

    // The committee member's session ended; the kiosk officer's did not.
    expect((await resolveSession(db, memberSession.token, clock)).status).not.toBe('active')
    expect((await resolveSession(db, officerSession.token, clock)).status).toBe('active')

    // Signing in again leads to enrolment, not a session, and not the code page.
    const { secondFactor: pending } = await passwordStep(member.email)
    expect(pending?.step).toBe('enrol')
    expect(pending!.expiresAt.getTime() - clock.getTime()).toBe(15 * 60_000)
    expect((await failure(completeSecondFactorSignIn(as(SYSTEM), { token: pending!.token, code: '123456' }))).status).toBe(410)
    const challengeToken = pending!.token
    const overview = await getSecondFactorOverview(as(SYSTEM), { challengeToken })
    expect(overview).toMatchObject({ viaChallenge: true, enabled: false, requiredBy: ['BPVP Uji Wajib'] })
    await startSecondFactorEnrolment(as(SYSTEM), { challengeToken })
    const { secret } = (await getSecondFactorOverview(as(SYSTEM), { challengeToken })).pending!
    const enrolled = await confirmSecondFactorEnrolment(as(SYSTEM), { challengeToken, code: await totpCodeAt(secret, clock) })
    expect(enrolled).toMatchObject({ userId: member.userId, kind: 'staff', viaChallenge: true })
    expect(enrolled.recoveryCodes).toHaveLength(10)
    const [challenge] = await db.select().from(secondFactorChallenge).where(eq(secondFactorChallenge.userId, member.userId))
    expect(challenge!.completedAt).not.toBeNull()
    // The challenge served once.
    expect((await failure(getSecondFactorOverview(as(SYSTEM), { challengeToken }))).status).toBe(410)
    tick()

    // From now on the code is asked, and it cannot be turned off while required.
    expect((await passwordStep(member.email)).secondFactor?.step).toBe('verify')
    const refused = await failure(disableSecondFactor(as(member), { password: PASSWORD, code: await totpCodeAt(secret, clock) }))
    expect(refused).toMatchObject({ status: 409, message: REQUIRED_BY_INSTITUTION })
    // The kiosk officer is not concerned.
    expect(await passwordStep(officer.email)).toEqual({ userId: officer.userId, kind: 'staff' })

    // Someone made committee member later, without a second factor, must enrol at sign-in too.
    const later = await createStaff(db, { institutionId: lpk.id, email: 'panitia.baru@uji.test', displayName: 'Panitia Baru', roles: ['selection_committee'], password: PASSWORD })
    expect((await passwordStep(later.email)).secondFactor?.step).toBe('enrol')

    // Not required any more: enrolment is no longer forced.
    expect(await setSecondFactorRequirement(as(admin), { institutionId: lpk.id, required: false })).toEqual({ changed: true, sessionsEnded: 0 })
    expect(await passwordStep(later.email)).toEqual({ userId: later.id, kind: 'staff' })
  })

  it('the operator removes a lost second factor from the command line; no page can', async () => {
    const member = await staffActor(db, kdi.id, ['selection_committee'], 'Panitia Ponsel Hilang')
    await enrol(member)
    const session = await createSession(db, { userId: member.userId, now: clock })
    const admin = await staffActor(db, kdi.id, ['administrator'], 'Admin Bukan Operator')
    expect((await failure(resetSecondFactor(as(admin), { email: member.email }))).status).toBe(403)
    expect((await passwordStep(member.email)).secondFactor?.step).toBe('verify')

    const lines: string[] = []
    const io = {
      out: (line: string) => lines.push(line),
      err: (line: string) => lines.push(line),
      now: () => clock,
      uploadsDir: () => '/tidak-dipakai',
      open: async () => ({ ...database, close: async () => undefined }),
    }
    expect(await runCli(['second-factor:reset', '--email', 'tidak.ada@uji.test'], io)).not.toBe(0)
    expect(await runCli(['second-factor:reset', '--email', member.email.toUpperCase()], io)).toBe(0)
    expect(lines.at(-1)).toMatch(/^Two-step verification removed for /)
    expect(await passwordStep(member.email)).toEqual({ userId: member.userId, kind: 'staff' })
    expect((await resolveSession(db, session.token, clock)).status).not.toBe('active')
    const [reset] = await audits('account.secondFactorReset', member.userId)
    expect(reset).toMatchObject({ actorId: null, before: { enabled: true }, after: { enabled: false } })
    tick()
  })

  it('five wrong codes during forced enrolment end that challenge as well', async () => {
    const lpk2 = await createInstitution(db, { code: 'LP2', name: 'BPVP Uji Dua', requireSecondFactor: true })
    const member = await staffActor(db, lpk2.id, ['selection_committee'], 'Panitia Salah Ketik')
    const { secondFactor: pending } = await passwordStep(member.email)
    const challengeToken = pending!.token
    await startSecondFactorEnrolment(as(SYSTEM), { challengeToken })
    const { secret } = (await getSecondFactorOverview(as(SYSTEM), { challengeToken })).pending!
    const right = await totpCodeAt(secret, clock)
    const wrong = right === '000000' ? '111111' : '000000'
    for (let i = 0; i < 4; i++) expect((await failure(confirmSecondFactorEnrolment(as(SYSTEM), { challengeToken, code: wrong }))).status).toBe(400)
    expect((await failure(confirmSecondFactorEnrolment(as(SYSTEM), { challengeToken, code: wrong }))).status).toBe(429)
    expect((await failure(confirmSecondFactorEnrolment(as(SYSTEM), { challengeToken, code: right }))).status).toBe(410)
    expect((await getSecondFactorOverview(as(member), {})).enabled).toBe(false)
  })
})
