import { and, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { SYSTEM, type Actor } from '../auth/actor'
import { actorForSession, createSession, loadActor } from '../auth/sessions'
import { resetPassword } from '../accounts/resetPassword'
import { signIn } from '../accounts/signIn'
import { createCandidate, createInstitution } from '../db/factories'
import { accountToken, assistedSession, auditEvent, job, staffAssignment, userAccount } from '../db/schema'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors'
import { contextFor, createTestDatabase } from '../../tests/db'
import { staffActor } from '../../tests/actors'
import { changeStaffRoles, LAST_ADMINISTRATOR, OWN_ADMINISTRATOR_ROLE } from './changeStaffRoles'
import { deactivateStaff, OWN_ACCOUNT } from './deactivateStaff'
import { ALREADY_STAFF, CANDIDATE_EMAIL, inviteStaff } from './inviteStaff'
import { getStaffMember, listStaff } from './listStaff'
import { PASSWORD_ALREADY_SET, resendStaffInvitation, RESENT_RECENTLY } from './resendStaffInvitation'

const PASSWORD = 'Anoa-Berlari-Cepat-5'

describe('staff management', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const kdi = await createInstitution(db)
  const kupang = await createInstitution(db, { code: 'KPG', name: 'BPVP Kupang', timeZone: 'Asia/Makassar' })
  const admin = await staffActor(db, kdi.id, ['administrator'], 'Admin')
  const kupangAdmin = await staffActor(db, kupang.id, ['administrator'], 'Admin Kupang')
  const t0 = new Date('2026-12-01T02:00:00Z')
  const as = (actor: Actor | typeof SYSTEM, ms = 0) => contextFor(database, actor, new Date(t0.getTime() + ms))

  async function mailsTo(to: string) {
    const rows = await db.select().from(job).where(eq(job.name, 'mail.send'))
    return rows.map((r) => r.payload as { to: string; subject: string; text: string }).filter((m) => m.to === to)
  }
  const tokenIn = (text: string) => /\/atur-sandi\?token=([\w-]+)/.exec(text)?.[1]

  it('invites a new person: account without password, roles here, a one-time link by mail; the link sets the password', async () => {
    const result = await inviteStaff(as(admin), {
      institutionId: kdi.id,
      email: ' Rina.Kios@BPVP-Kendari.test ',
      displayName: '  Rina   Kios ',
      roles: ['interviewer', 'kiosk_officer', 'kiosk_officer'],
    })
    expect(result.created).toBe(true)
    const [account] = await db.select().from(userAccount).where(eq(userAccount.id, result.userId))
    expect(account).toMatchObject({ email: 'rina.kios@bpvp-kendari.test', kind: 'staff', displayName: 'Rina Kios', passwordHash: null })
    expect(await getStaffMember(as(admin), { institutionId: kdi.id, userId: result.userId })).toMatchObject({
      roles: ['kiosk_officer', 'interviewer'],
      invitationPending: true,
    })
    const [mail] = await mailsTo('rina.kios@bpvp-kendari.test')
    expect(mail!.subject).toBe('Undangan staf Latih BPVP Kendari')
    expect(mail!.text).toContain('Petugas kios, Pewawancara')
    const token = tokenIn(mail!.text)
    expect(result.setPasswordLink).toContain(`/atur-sandi?token=${token}`)
    const [audit] = await db.select().from(auditEvent).where(eq(auditEvent.action, 'staff.invite'))
    expect(audit).toMatchObject({ actorId: admin.userId, institutionId: kdi.id, entityId: result.userId })

    const set = await resetPassword(as(SYSTEM, 60_000), { token: token!, password: PASSWORD, passwordConfirm: PASSWORD })
    expect(set).toMatchObject({ userId: result.userId, kind: 'staff', purpose: 'set_password' })
    expect(await signIn(as(SYSTEM, 120_000), { identifier: 'rina.kios@bpvp-kendari.test', password: PASSWORD })).toMatchObject({ kind: 'staff' })
    const loaded = await loadActor(db, { userId: result.userId, kind: 'staff', email: account!.email, displayName: account!.displayName })
    expect(loaded.roles.map((r) => r.role).sort()).toEqual(['interviewer', 'kiosk_officer'])
  })

  it('refuses a bad e-mail and no role at their fields, and creates nothing', async () => {
    const before = (await db.select().from(userAccount)).length
    const error = await inviteStaff(as(admin), { institutionId: kdi.id, email: 'bukan-email', displayName: 'Budi', roles: [] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(['email', 'roles'])
    const nul = await inviteStaff(as(admin), { institutionId: kdi.id, email: 'a@b.test', displayName: 'Bu\u0000di', roles: ['organiser'] }).catch((e: unknown) => e)
    expect((nul as ValidationError).fieldErrors.displayName).toBeDefined()
    const role = await inviteStaff(as(admin), { institutionId: kdi.id, email: 'a@b.test', displayName: 'Budi', roles: ['root' as never] }).catch((e: unknown) => e)
    expect((role as ValidationError).fieldErrors['roles.0']).toBeDefined()
    expect((await db.select().from(userAccount)).length).toBe(before)
  })

  it('refuses a candidate’s e-mail and a second invitation; staff of another institution get the roles and a notice', async () => {
    const candidate = await createCandidate(db, { email: 'calon@contoh.test' })
    await expect(
      inviteStaff(as(admin), { institutionId: kdi.id, email: candidate.email, displayName: 'Calon', roles: ['organiser'] }),
    ).rejects.toThrow(CANDIDATE_EMAIL)

    const first = { institutionId: kdi.id, email: 'dua.kali@bpvp-kendari.test', displayName: 'Dua Kali', roles: ['organiser' as const] }
    const outcomes = await Promise.allSettled([inviteStaff(as(admin), first), inviteStaff(as(admin), first)])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toBeInstanceOf(ConflictError)
    expect((refused.reason as ConflictError).fieldErrors.email).toEqual([ALREADY_STAFF])
    expect(await db.select().from(userAccount).where(eq(userAccount.email, 'dua.kali@bpvp-kendari.test'))).toHaveLength(1)
    expect(await mailsTo('dua.kali@bpvp-kendari.test')).toHaveLength(1)

    // Kupang's administrator gives the KDI interviewer a role in Kupang.
    const other = await inviteStaff(as(kupangAdmin), {
      institutionId: kupang.id,
      email: admin.email,
      displayName: 'ignored',
      roles: ['interviewer'],
    })
    expect(other).toMatchObject({ userId: admin.userId, created: false, setPasswordLink: null })
    const [notice] = await mailsTo(admin.email)
    expect(notice!.subject).toBe('Anda kini staf BPVP Kupang di Latih')
    expect(tokenIn(notice!.text)).toBeUndefined()
  })

  it('lets only the institution’s administrators manage its staff', async () => {
    const kiosk = await staffActor(db, kdi.id, ['kiosk_officer'])
    const input = { institutionId: kdi.id, email: 'x@bpvp-kendari.test', displayName: 'X', roles: ['organiser' as const] }
    await expect(inviteStaff(as(kiosk), input)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(inviteStaff(as(kupangAdmin), input)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(listStaff(as(kupangAdmin), { institutionId: kdi.id })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(deactivateStaff(as(kupangAdmin), { institutionId: kdi.id, userId: kiosk.userId })).rejects.toBeInstanceOf(ForbiddenError)
    // A Kupang staff member is not found through KDI, even by KDI's administrator.
    await expect(getStaffMember(as(admin), { institutionId: kdi.id, userId: kupangAdmin.userId })).rejects.toBeInstanceOf(NotFoundError)
    await expect(changeStaffRoles(as(admin), { institutionId: kdi.id, userId: 'not-a-uuid', roles: ['organiser'] })).rejects.toBeInstanceOf(ValidationError)
    const names = (await listStaff(as(admin), { institutionId: kdi.id })).map((m) => m.email)
    expect(names).toContain(kiosk.email)
    expect(names).not.toContain(kupangAdmin.email)
  })

  it('changes roles at once, ends a removed kiosk officer’s assisted session, and keeps an administrator', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const candidate = await createCandidate(db, { email: 'dibantu@contoh.test' })
    await db.insert(assistedSession).values({ officerId: officer.userId, candidateId: candidate.user.id, institutionId: kdi.id, startedAt: t0 })
    const { token } = await createSession(db, { userId: officer.userId, now: t0 })
    expect((await actorForSession(db, token, t0))?.assisted?.candidateId).toBe(candidate.user.id)

    expect(await changeStaffRoles(as(admin), { institutionId: kdi.id, userId: officer.userId, roles: ['organiser'] })).toEqual({ changed: true })
    const after = await actorForSession(db, token, t0)
    expect(after?.roles).toEqual([{ institutionId: kdi.id, role: 'organiser' }])
    expect(after?.assisted).toBeUndefined()
    expect(await changeStaffRoles(as(admin), { institutionId: kdi.id, userId: officer.userId, roles: ['organiser'] })).toEqual({ changed: false })
    const [audit] = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'staff.changeRoles'), eq(auditEvent.entityId, officer.userId)))
    expect(audit).toMatchObject({ before: { roles: ['kiosk_officer'] }, after: { roles: ['organiser'], assistedSessionsEnded: 1 } })

    await expect(changeStaffRoles(as(admin), { institutionId: kdi.id, userId: admin.userId, roles: ['organiser'] })).rejects.toThrow(OWN_ADMINISTRATOR_ROLE)
    await expect(changeStaffRoles(as(SYSTEM), { institutionId: kdi.id, userId: admin.userId, roles: ['organiser'] })).rejects.toThrow(LAST_ADMINISTRATOR)
    await expect(changeStaffRoles(as(admin), { institutionId: kdi.id, userId: officer.userId, roles: [] })).rejects.toBeInstanceOf(ValidationError)
  })

  it('deactivates: roles here go, every session ends at once, the unused link is voided; not oneself, not the last administrator', async () => {
    const invited = await inviteStaff(as(admin), { institutionId: kdi.id, email: 'pergi@bpvp-kendari.test', displayName: 'Pergi', roles: ['selection_committee'] })
    const token = tokenIn((await mailsTo('pergi@bpvp-kendari.test'))[0]!.text)!
    const member = await staffActor(db, kdi.id, ['selection_committee', 'interviewer'])
    const phone = await createSession(db, { userId: member.userId, now: t0 })
    const laptop = await createSession(db, { userId: member.userId, now: t0 })
    expect(await actorForSession(db, phone.token, t0)).not.toBeNull()

    expect(await deactivateStaff(as(admin, 1000), { institutionId: kdi.id, userId: member.userId })).toEqual({ sessionsEnded: 2, rolesElsewhere: 0 })
    expect(await actorForSession(db, phone.token, t0)).toBeNull()
    expect(await actorForSession(db, laptop.token, t0)).toBeNull()
    expect(await db.select().from(staffAssignment).where(eq(staffAssignment.userId, member.userId))).toHaveLength(0)
    await expect(getStaffMember(as(admin), { institutionId: kdi.id, userId: member.userId })).rejects.toBeInstanceOf(NotFoundError)
    // Deactivating again: the person is no longer staff here.
    await expect(deactivateStaff(as(admin), { institutionId: kdi.id, userId: member.userId })).rejects.toBeInstanceOf(NotFoundError)

    await deactivateStaff(as(admin, 2000), { institutionId: kdi.id, userId: invited.userId })
    expect(await db.select().from(accountToken).where(and(eq(accountToken.userId, invited.userId), isNull(accountToken.usedAt)))).toHaveLength(0)
    await expect(resetPassword(as(SYSTEM, 3000), { token, password: PASSWORD, passwordConfirm: PASSWORD })).rejects.toThrow(/tidak berlaku/)

    await expect(deactivateStaff(as(admin), { institutionId: kdi.id, userId: admin.userId })).rejects.toThrow(OWN_ACCOUNT)
    await expect(deactivateStaff(as(SYSTEM), { institutionId: kdi.id, userId: admin.userId })).rejects.toThrow(LAST_ADMINISTRATOR)
    const second = await staffActor(db, kdi.id, ['administrator'])
    await deactivateStaff(as(second), { institutionId: kdi.id, userId: admin.userId })
    // The former KDI administrator keeps the interviewer role Kupang gave them.
    expect((await loadActor(db, { ...admin, kind: 'staff' })).roles).toEqual([{ institutionId: kupang.id, role: 'interviewer' }])
  })

  it('resends an invitation once a minute, only while no password is set', async () => {
    const a2 = await staffActor(db, kdi.id, ['administrator'])
    const invited = await inviteStaff(as(a2), { institutionId: kdi.id, email: 'lagi@bpvp-kendari.test', displayName: 'Lagi', roles: ['organiser'] })
    await expect(resendStaffInvitation(as(a2, 10_000), { institutionId: kdi.id, userId: invited.userId })).rejects.toThrow(RESENT_RECENTLY)
    await resendStaffInvitation(as(a2, 61_000), { institutionId: kdi.id, userId: invited.userId })
    const mails = await mailsTo('lagi@bpvp-kendari.test')
    expect(mails).toHaveLength(2)
    await resetPassword(as(SYSTEM, 70_000), { token: tokenIn(mails[1]!.text)!, password: PASSWORD, passwordConfirm: PASSWORD })
    await expect(resendStaffInvitation(as(a2, 200_000), { institutionId: kdi.id, userId: invited.userId })).rejects.toThrow(PASSWORD_ALREADY_SET)
  })
})
