import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { SYSTEM, type Actor } from '../auth/actor'
import { createCandidate, createInstitution, createStaff } from '../db/factories'
import { auditEvent, job, userAccount } from '../db/schema'
import { ForbiddenError, UseCaseError } from '../errors'
import { contextFor, createTestDatabase } from '../../tests/db'
import { getEmailVerificationStatus } from './getEmailVerificationStatus'
import { InvalidLinkError } from './invalidLink'
import { resendEmailVerification } from './resendEmailVerification'
import { signUpCandidate } from './signUpCandidate'
import { verifyEmail } from './verifyEmail'

describe('e-mail verification', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const kdi = await createInstitution(db)
  const t0 = new Date('2026-11-28T02:00:00Z')
  const at = (ms: number, actor: Actor | typeof SYSTEM = SYSTEM) => contextFor(database, actor, new Date(t0.getTime() + ms))
  const MINUTE = 60_000
  const DAY = 86_400_000

  let serial = 10
  async function signUp(atMs = 0) {
    serial += 1
    const email = `verif.${serial}@contoh.test`
    const { userId } = await signUpCandidate(at(atMs), {
      nik: `74710115089500${serial}`,
      fullName: 'Muhammad Ikhsan',
      email,
      phone: '081234567890',
      password: 'Sagu-Bakar-Pagi-9',
      passwordConfirm: 'Sagu-Bakar-Pagi-9',
      consent: 'ya',
    })
    const actor: Actor = { kind: 'candidate', userId, email, displayName: 'Muhammad Ikhsan', roles: [] }
    return { userId, email, actor }
  }

  async function lastLinkTo(email: string): Promise<string> {
    const mails = await db.select().from(job).where(eq(job.name, 'mail.send'))
    const texts = mails.map((m) => m.payload as { to: string; text: string }).filter((p) => p.to === email)
    const token = /\/verifikasi-email\?token=([\w-]+)/.exec(texts.at(-1)?.text ?? '')?.[1]
    expect(token).toBeDefined()
    return token!
  }

  async function verifiedAt(userId: string) {
    const [row] = await db.select({ at: userAccount.emailVerifiedAt }).from(userAccount).where(eq(userAccount.id, userId))
    return row?.at ?? null
  }

  it('verifies the e-mail once by the mailed link; opening it again changes nothing', async () => {
    const { userId, email } = await signUp()
    const token = await lastLinkTo(email)
    expect(await verifyEmail(at(5 * MINUTE), { token })).toEqual({ userId, email, alreadyVerified: false })
    expect(await verifiedAt(userId)).toEqual(new Date(t0.getTime() + 5 * MINUTE))
    expect(await verifyEmail(at(6 * MINUTE), { token })).toEqual({ userId, email, alreadyVerified: true })
    expect(await verifiedAt(userId)).toEqual(new Date(t0.getTime() + 5 * MINUTE))
    const audits = await db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, userId), eq(auditEvent.action, 'account.emailVerified')))
    expect(audits).toHaveLength(1)
    expect(audits[0]!.actorId).toBe(userId)
  })

  it('refuses an expired or unknown link and leaves the account unverified', async () => {
    const { userId, email } = await signUp()
    const token = await lastLinkTo(email)
    const expired = await verifyEmail(at(3 * DAY + 1), { token }).catch((e: unknown) => e)
    expect(expired).toBeInstanceOf(InvalidLinkError)
    expect((expired as Error).message).toMatch(/tidak berlaku atau sudah kedaluwarsa/)
    expect(await verifiedAt(userId)).toBeNull()
    await expect(verifyEmail(at(0), { token: 'bukan-token' })).rejects.toBeInstanceOf(InvalidLinkError)
    await expect(verifyEmail(at(0), { token: '' })).rejects.toBeInstanceOf(UseCaseError)
    // The link is still good before it expires.
    expect((await verifyEmail(at(3 * DAY - 1), { token })).alreadyVerified).toBe(false)
  })

  it('sends a new link at most once a minute, and the new link works', async () => {
    const { userId, email, actor } = await signUp()
    const mailCount = async () => (await db.select().from(job).where(eq(job.name, 'mail.send'))).filter((m) => (m.payload as { to: string }).to === email).length
    const tooSoon = await resendEmailVerification(at(30_000, actor), { candidateId: userId }).catch((e: unknown) => e)
    expect(tooSoon).toBeInstanceOf(UseCaseError)
    expect((tooSoon as UseCaseError).status).toBe(429)
    expect((tooSoon as UseCaseError).message).toMatch(/Tunggu sekitar satu menit/)
    expect(await mailCount()).toBe(1)

    expect(await resendEmailVerification(at(61_000, actor), { candidateId: userId })).toEqual({ email })
    expect(await mailCount()).toBe(2)
    await expect(resendEmailVerification(at(62_000, actor), { candidateId: userId })).rejects.toMatchObject({ status: 429 })
    expect(await mailCount()).toBe(2)

    expect(await getEmailVerificationStatus(at(0, actor), { candidateId: userId })).toEqual({ email, verified: false })
    await verifyEmail(at(2 * MINUTE), { token: await lastLinkTo(email) })
    expect(await getEmailVerificationStatus(at(0, actor), { candidateId: userId })).toEqual({ email, verified: true })
    const done = await resendEmailVerification(at(5 * MINUTE, actor), { candidateId: userId }).catch((e: unknown) => e)
    expect((done as UseCaseError).message).toMatch(/sudah terverifikasi/)
    expect(await mailCount()).toBe(2)
  })

  it('lets only the candidate (or a kiosk officer assisting them) ask for a link', async () => {
    const { userId } = await signUp()
    const other = await createCandidate(db, { nik: '7471011508950201' })
    const otherActor: Actor = { kind: 'candidate', userId: other.user.id, email: other.email, displayName: 'x', roles: [] }
    await expect(resendEmailVerification(at(2 * MINUTE, otherActor), { candidateId: userId })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(getEmailVerificationStatus(at(0, otherActor), { candidateId: userId })).rejects.toBeInstanceOf(ForbiddenError)
    const officer = await createStaff(db, { institutionId: kdi.id, email: 'kios1@bpvp.test', displayName: 'Petugas', roles: ['kiosk_officer'], password: 'Latih-Demo-2026' })
    const unassisted: Actor = { kind: 'staff', userId: officer.id, email: officer.email, displayName: 'Petugas', roles: [{ institutionId: kdi.id, role: 'kiosk_officer' }] }
    await expect(resendEmailVerification(at(2 * MINUTE, unassisted), { candidateId: userId })).rejects.toBeInstanceOf(ForbiddenError)
    const assisting: Actor = { ...unassisted, assisted: { sessionId: '00000000-0000-4000-8000-000000000001', candidateId: userId, institutionId: kdi.id } }
    expect(await resendEmailVerification(at(2 * MINUTE, assisting), { candidateId: userId })).toMatchObject({ email: expect.any(String) })
    const [audit] = await db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, userId), eq(auditEvent.action, 'account.verificationResent')))
    expect(audit).toMatchObject({ actorId: officer.id, onBehalfOfId: userId })
  })
})
