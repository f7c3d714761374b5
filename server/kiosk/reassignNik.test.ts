import { and, eq, isNull, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { signIn, ACCOUNT_LOCKED } from '../accounts/signIn'
import { decrypt, keyedHash } from '../auth/crypto'
import { actorForSession, createSession } from '../auth/sessions'
import { accountToken, assistedSession, auditEvent, authSession, candidateProfile, job, registration, registrationEvent, userAccount } from '../db/schema'
import { ConflictError, ForbiddenError, UseCaseError, ValidationError } from '../errors'
import { issueAccountToken } from '../auth/tokens'
import { registerCandidate } from '../registrations/registerCandidate'
import { receiptSignature } from '../registrations/receiptLink'
import { createCandidateActor, createWorld, NOW } from '../registrations/testFixtures'
import { verifyReceipt } from '../registrations/verifyReceipt'
import { endAssistedSession } from './endAssistedSession'
import { findCandidateByNik } from './findCandidateByNik'
import { reassignNik, releasedNikHash, RELEASED_NIK_MASKED } from './reassignNik'
import { issueSearchToken } from './searchToken'
import { candidateActor, reload, staffActor } from './testSupport'

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)
const REASON = 'KTP asli atas nama Wa Ode Sitti diperiksa di meja 2; akun lama dibuat orang lain.'

describe('reassignNik: the NIK back to the person holding the KTP (issue 9 §2)', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const world = await createWorld(db)
  const institutionId = world.kdi.id

  const count = async (table: typeof job | typeof auditEvent | typeof userAccount) =>
    ((await db.select({ n: sql<number>`count(*)::int` }).from(table)) as [{ n: number }])[0].n
  const mailsTo = async (to: string) =>
    ((await db.select().from(job).where(eq(job.name, 'mail.send'))) as Array<{ payload: { to: string; subject: string; text: string } }>).filter(
      (j) => j.payload.to === to,
    )
  const lockMailsTo = async (to: string) => (await mailsTo(to)).filter((m) => m.payload.subject.includes('dikunci'))

  /** A squatter: an account holding someone else's NIK, with an active registration and a session. */
  async function squatter(email: string) {
    const held = await createCandidateActor(db, { email, fullName: 'Budi Penyerobot', password: 'Kendari-Maju-2026' })
    const reg = await registerCandidate(contextFor(database, held.actor, NOW), { candidateId: held.actor.userId, batchId: world.lasBatch.id })
    const { token } = await createSession(db, { userId: held.actor.userId, now: NOW })
    await issueAccountToken(db, { userId: held.actor.userId, purpose: 'reset_password', now: NOW })
    return { ...held, registration: reg.registration, sessionToken: token }
  }

  /** The officer's search for the NIK on the KTP, and the form as they fill it. */
  async function searchAndFill(officer: Awaited<ReturnType<typeof staffActor>>, nik: string, email: string, at = later(1)) {
    const match = await findCandidateByNik(contextFor(database, officer, at), { institutionId, nik })
    expect(match).not.toBeNull()
    return {
      institutionId,
      holderId: match!.candidateId,
      searchToken: match!.startToken,
      seenKtp: true,
      reason: REASON,
      nik,
      fullName: 'Wa Ode Sitti',
      email,
      phone: '0812-3456-7009',
      noticeShown: 'ya',
    }
  }

  it('locks the squatter, frees and reassigns the NIK, withdraws with the reason, mails once, audits — once', async () => {
    const held = await squatter('penyerobot@contoh.test')
    const officer = await staffActor(db, institutionId, ['kiosk_officer'], 'Sari')
    const input = await searchAndFill(officer, held.nik, 'waode.sitti@contoh.test')
    expect(await actorForSession(db, held.sessionToken, later(1))).not.toBeNull()

    // Nothing happens without the officer's statement and a reason; each message at its field.
    const jobsBefore = await count(job)
    const refused = await reassignNik(contextFor(database, officer, later(2)), { ...input, seenKtp: false, reason: 'KTP', noticeShown: undefined }).catch(
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(ValidationError)
    expect(Object.keys((refused as ValidationError).fieldErrors ?? {}).sort()).toEqual(['noticeShown', 'reason', 'seenKtp'])
    // Not from a forged or a colleague's search result.
    const colleague = await staffActor(db, institutionId, ['kiosk_officer'])
    const colleagues = issueSearchToken({ officerId: colleague.userId, candidateId: held.actor.userId, now: later(1) })
    await expect(reassignNik(contextFor(database, officer, later(2)), { ...input, searchToken: colleagues })).rejects.toBeInstanceOf(
      ConflictError,
    )
    expect(await count(job)).toBe(jobsBefore)
    const [untouched] = await db.select().from(userAccount).where(eq(userAccount.id, held.actor.userId))
    expect(untouched?.lockedAt).toBeNull()

    const audits = await count(auditEvent)
    const result = await reassignNik(contextFor(database, officer, later(3)), input)
    expect(result).toMatchObject({ reassigned: true, emailMasked: 'w***@contoh.test' })
    expect(result.candidateId).not.toBe(held.actor.userId)

    // The squatter: locked, NIK gone (the hash free), sessions and links ended, cannot sign in.
    const [locked] = await db.select().from(userAccount).where(eq(userAccount.id, held.actor.userId))
    expect(locked?.lockedAt).toEqual(later(3))
    expect(locked?.lockedReason).toContain(REASON)
    const [oldProfile] = await db.select().from(candidateProfile).where(eq(candidateProfile.userId, held.actor.userId))
    expect(oldProfile).toMatchObject({ nikHash: releasedNikHash(held.actor.userId), nikMasked: RELEASED_NIK_MASKED, birthDate: null, sex: null })
    expect(decrypt(oldProfile!.nikCiphertext)).toBe('')
    expect(await actorForSession(db, held.sessionToken, later(4))).toBeNull()
    expect(await db.select().from(authSession).where(eq(authSession.userId, held.actor.userId))).toHaveLength(0)
    expect(await db.select().from(accountToken).where(eq(accountToken.userId, held.actor.userId))).toHaveLength(0)
    const signingIn = await signIn(contextFor(database, { kind: 'system' }, later(4)), {
      identifier: 'penyerobot@contoh.test',
      password: 'Kendari-Maju-2026',
    }).catch((e: unknown) => e)
    expect(signingIn).toBeInstanceOf(UseCaseError)
    expect((signingIn as UseCaseError).message).toBe(ACCOUNT_LOCKED)

    // The real owner: a new account with the NIK, and the officer helps them on.
    const [owner] = await db.select().from(candidateProfile).where(eq(candidateProfile.nikHash, keyedHash(held.nik)))
    expect(owner?.userId).toBe(result.candidateId)
    expect(decrypt(owner!.nikCiphertext)).toBe(held.nik)
    expect((await reload(db, officer)).assisted?.candidateId).toBe(result.candidateId)

    // The squatter's registration: withdrawn through the state machine, the reason on its timeline.
    const [reg] = await db.select().from(registration).where(eq(registration.id, held.registration.id))
    expect(reg?.state).toBe('withdrawn')
    const events = await db
      .select()
      .from(registrationEvent)
      .where(and(eq(registrationEvent.registrationId, held.registration.id), eq(registrationEvent.kind, 'withdraw')))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ fromState: 'registered', toState: 'withdrawn', actorId: officer.userId })
    expect(String(events[0]!.data.reason)).toContain(REASON)
    expect(events[0]!.data.nikReassigned).toBe(true)

    // Its receipt, checked publicly, now says it was withdrawn.
    const number = held.registration.number
    const check = await verifyReceipt({ db }, { number, signature: receiptSignature(number) })
    expect(check).toMatchObject({ withdrawn: true, withdrawnAt: later(3) })

    // Mail: the squatter told once, the owner's set-password link once.
    const told = await lockMailsTo('penyerobot@contoh.test')
    expect(told).toHaveLength(1)
    expect(told[0]!.payload.subject).toContain('dikunci')
    expect(told[0]!.payload.text).toContain(number)
    expect(told[0]!.payload.text).toContain(REASON)
    expect(told[0]!.payload.text).not.toContain(held.nik)
    expect(await mailsTo('waode.sitti@contoh.test')).toHaveLength(1)

    // Audited: the reassignment, the account, the withdrawal, the session.
    const rows = await db.select().from(auditEvent).where(eq(auditEvent.action, 'kiosk.nik.reassign'))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actorId: officer.userId, entityId: held.actor.userId, onBehalfOfId: result.candidateId, institutionId })
    expect(rows[0]!.after).toMatchObject({ locked: true, reason: REASON, withdrawn: [number], newAccountId: result.candidateId })
    expect(await count(auditEvent)).toBeGreaterThanOrEqual(audits + 4)

    // A repeated submit (double click, retry after a timeout): the same answer, nothing twice.
    const jobs = await count(job)
    const auditsAfter = await count(auditEvent)
    const accounts = await count(userAccount)
    const again = await reassignNik(contextFor(database, await reload(db, officer), later(4)), input)
    expect(again).toMatchObject({ reassigned: false, candidateId: result.candidateId, sessionId: result.sessionId })
    expect([await count(job), await count(auditEvent), await count(userAccount)]).toEqual([jobs, auditsAfter, accounts])
    await endAssistedSession(contextFor(database, await reload(db, officer), later(5)))
  })

  it('two submits at once by one officer, or by two officers, reassign once', async () => {
    const held = await squatter('penyerobot2@contoh.test')
    const sari = await staffActor(db, institutionId, ['kiosk_officer'], 'Sari')
    const input = await searchAndFill(sari, held.nik, 'pemilik2@contoh.test')
    const ctx = contextFor(database, sari, later(2))
    const both = await Promise.all([reassignNik(ctx, input), reassignNik(ctx, input)])
    expect(both.map((r) => r.reassigned).sort()).toEqual([false, true])
    expect(both[0].candidateId).toBe(both[1].candidateId)
    expect(await lockMailsTo('penyerobot2@contoh.test')).toHaveLength(1)
    expect(await mailsTo('pemilik2@contoh.test')).toHaveLength(1)
    await endAssistedSession(contextFor(database, await reload(db, sari), later(3)))

    const third = await squatter('penyerobot3@contoh.test')
    const a = await staffActor(db, institutionId, ['kiosk_officer'], 'A')
    const b = await staffActor(db, institutionId, ['kiosk_officer'], 'B')
    const inputA = await searchAndFill(a, third.nik, 'pemilik3a@contoh.test')
    const inputB = await searchAndFill(b, third.nik, 'pemilik3b@contoh.test')
    const results = await Promise.allSettled([
      reassignNik(contextFor(database, a, later(2)), inputA),
      reassignNik(contextFor(database, b, later(2)), inputB),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(failed.reason).toBeInstanceOf(ConflictError)
    expect(await lockMailsTo('penyerobot3@contoh.test')).toHaveLength(1)
    expect(await db.select().from(candidateProfile).where(eq(candidateProfile.nikHash, keyedHash(third.nik)))).toHaveLength(1)
    expect(
      await db
        .select()
        .from(registrationEvent)
        .where(and(eq(registrationEvent.registrationId, third.registration.id), eq(registrationEvent.kind, 'withdraw'))),
    ).toHaveLength(1)
    for (const officer of [a, b]) {
      const open = await db
        .select()
        .from(assistedSession)
        .where(and(eq(assistedSession.officerId, officer.userId), isNull(assistedSession.endedAt)))
      if (open.length > 0) await endAssistedSession(contextFor(database, await reload(db, officer), later(3)))
    }
  })

  it('is for kiosk officers of the centre only', async () => {
    const held = await squatter('penyerobot4@contoh.test')
    const officer = await staffActor(db, institutionId, ['kiosk_officer'])
    const input = await searchAndFill(officer, held.nik, 'pemilik4@contoh.test')
    const admin = await staffActor(db, institutionId, ['administrator'])
    const committee = await staffActor(db, institutionId, ['selection_committee'])
    for (const actor of [admin, committee, candidateActor({ id: held.actor.userId, email: held.email, displayName: 'x' })]) {
      await expect(reassignNik(contextFor(database, actor, later(2)), input)).rejects.toBeInstanceOf(ForbiddenError)
    }
    const [still] = await db.select().from(userAccount).where(eq(userAccount.id, held.actor.userId))
    expect(still?.lockedAt).toBeNull()
  })
})
