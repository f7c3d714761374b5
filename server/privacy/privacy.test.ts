import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { staffActor } from '../../tests/actors'
import { onePagePdf, REAL_JPEG } from '../../tests/fixtures/uploads'
import { SYSTEM } from '../auth/actor'
import { keyedHash } from '../auth/crypto'
import { checkPersonName } from '../../domain/personName'
import { signIn } from '../accounts/signIn'
import { signUpCandidate, type SignUpInput } from '../accounts/signUpCandidate'
import { nextNik } from '../db/factories'
import {
  accountClosureRequest,
  auditEvent,
  authSession,
  batch,
  candidateDocument,
  candidateProfile,
  privacyConsent,
  registration,
  registrationEvent,
  userAccount,
} from '../db/schema'
import { ConflictError, ForbiddenError, ValidationError } from '../errors'
import { createCandidateOnBehalf } from '../kiosk/createCandidateOnBehalf'
import { updateIdentity } from '../profiles/updateIdentity'
import { uploadDocument } from '../profiles/uploadDocument'
import { registerCandidate } from '../registrations/registerCandidate'
import { createCandidateActor, createOfficerActor, createWorld, NOW } from '../registrations/testFixtures'
import { createDatabaseStorage, createLocalStorage } from '../storage'
import { closedEmail, CLOSED_NAME, CLOSURE_REASON, completeAccountClosure } from './completeAccountClosure'
import { exportPersonalData } from './exportPersonalData'
import { listAccountClosures } from './listAccountClosures'
import { CONSENT_REQUIRED, KIOSK_NOTICE_REQUIRED, PRIVACY_NOTICE_VERSION, SELECTION_RECORD_RETENTION_YEARS } from './notice'
import { renderPersonalDataPdf } from './personalDataPdf'
import { requestAccountClosure } from './requestAccountClosure'

const database = await createTestDatabase()
const { db } = database
const root = mkdtempSync(join(tmpdir(), 'latih-privacy-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
// The PostgreSQL run keeps the documents in the database, as several processes do (decision 026).
const storage = process.env.TEST_DATABASE_URL ? createDatabaseStorage(db) : createLocalStorage(root)
const world = await createWorld(db)
const at = (actor: Parameters<typeof contextFor>[1]) => contextFor(database, actor, NOW)

function signUpForm(overrides: Partial<SignUpInput> = {}): SignUpInput {
  const n = nextNik()
  return {
    nik: n,
    fullName: 'Wa Ode Sitti Nur’aini',
    email: `privasi.${n}@contoh.test`,
    phone: '081234567890',
    password: 'Kapal-Layar-Biru-77',
    passwordConfirm: 'Kapal-Layar-Biru-77',
    consent: 'ya',
    ...overrides,
  }
}
const accountsWith = async (email: string) => (await db.select().from(userAccount).where(eq(userAccount.email, email))).length

describe('consent at sign-up (decision 023)', () => {
  it('is required: without the tick the message stands at its field and no account is made', async () => {
    for (const consent of [undefined, '', 'on', 'tidak']) {
      const form = signUpForm({ consent })
      const error = await signUpCandidate(at(SYSTEM), form).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fieldErrors).toEqual({ consent: [CONSENT_REQUIRED] })
      expect(await accountsWith(form.email)).toBe(0)
    }
  })

  it('is recorded with its time and the notice version, and named in the sign-up audit row', async () => {
    const form = signUpForm()
    const { userId } = await signUpCandidate(at(SYSTEM), form)
    const consents = await db.select().from(privacyConsent).where(eq(privacyConsent.userId, userId))
    expect(consents).toEqual([expect.objectContaining({ noticeVersion: PRIVACY_NOTICE_VERSION, channel: 'self', consentedAt: NOW, recordedBy: null })])
    const [audit] = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'account.signUp'), eq(auditEvent.entityId, userId)))
    expect(audit!.after).toMatchObject({ privacyNotice: PRIVACY_NOTICE_VERSION })
  })
})

describe('consent at the kiosk (decision 023)', () => {
  const walkIn = () => ({ institutionId: world.kdi.id, nik: nextNik(), fullName: 'Wa Ode Hasna', email: `kios.${nextNik()}@contoh.test`, phone: '081234567892' })

  it('the officer must tick that the notice was shown; its message joins the others and nothing is made', async () => {
    const officer = await createOfficerActor(db, world.kdi.id)
    const input = walkIn()
    const error = await createCandidateOnBehalf(at(officer), input).catch((e: unknown) => e)
    expect((error as ValidationError).fieldErrors).toEqual({ noticeShown: [KIOSK_NOTICE_REQUIRED] })
    const both = await createCandidateOnBehalf(at(officer), { ...input, phone: '12' }).catch((e: unknown) => e)
    expect(Object.keys((both as ValidationError).fieldErrors).sort()).toEqual(['noticeShown', 'phone'])
    expect(await accountsWith(input.email)).toBe(0)
  })

  it('is recorded as shown at the kiosk, by that officer, with the notice version', async () => {
    const officer = await createOfficerActor(db, world.kdi.id)
    const { candidateId } = await createCandidateOnBehalf(at(officer), { ...walkIn(), noticeShown: 'ya' })
    const consents = await db.select().from(privacyConsent).where(eq(privacyConsent.userId, candidateId))
    expect(consents).toEqual([expect.objectContaining({ channel: 'kiosk', recordedBy: officer.userId, noticeVersion: PRIVACY_NOTICE_VERSION })])
  })
})

describe('one rule for a name, at every entry', () => {
  const digits = 'Siti Rahma 2'
  const message = (checkPersonName(digits) as { ok: false; message: string }).message

  it('sign-up refuses digits in the name with the rule’s message', async () => {
    const error = await signUpCandidate(at(SYSTEM), signUpForm({ fullName: digits })).catch((e: unknown) => e)
    expect((error as ValidationError).fieldErrors.fullName).toEqual([message])
  })

  it('the profile refuses it with the same message', async () => {
    const { actor } = await createCandidateActor(db)
    const error = await updateIdentity(at(actor), {
      candidateId: actor.userId,
      nik: '',
      fullName: digits,
      birthPlace: 'Kendari',
      birthDate: '1995-08-15',
      sex: 'male',
      maritalStatus: 'belum_kawin',
    } as Parameters<typeof updateIdentity>[1]).catch((e: unknown) => e)
    expect((error as ValidationError).fieldErrors.fullName).toEqual([message])
  })

  it('the kiosk refuses it with the same message', async () => {
    const officer = await createOfficerActor(db, world.kdi.id)
    const error = await createCandidateOnBehalf(at(officer), {
      institutionId: world.kdi.id,
      nik: nextNik(),
      fullName: digits,
      email: `kios.${Date.now()}@contoh.test`,
      phone: '081234567891',
      noticeShown: 'ya',
    }).catch((e: unknown) => e)
    expect((error as ValidationError).fieldErrors.fullName).toEqual([message])
  })
})

describe('the candidate’s data export', async () => {
  const a = await createCandidateActor(db, { fullName: 'Andi Besse Tenri' })
  const b = await createCandidateActor(db, { fullName: 'Muhammad Yusuf Lapae' })
  await uploadDocument(at(a.actor), { candidateId: a.actor.userId, kind: 'ktp', fileName: 'ktp-andi.jpg', bytes: REAL_JPEG, storage })
  await uploadDocument(at(b.actor), { candidateId: b.actor.userId, kind: 'ktp', fileName: 'ktp-yusuf.jpg', bytes: REAL_JPEG, storage })
  const regA = (await registerCandidate(at(a.actor), { candidateId: a.actor.userId, batchId: world.lasBatch.id })).registration
  const regB = (await registerCandidate(at(b.actor), { candidateId: b.actor.userId, batchId: world.lasBatch.id })).registration
  const officer = await createOfficerActor(db, world.kdi.id, a.actor.userId)
  const officerRow = (await db.select().from(userAccount).where(eq(userAccount.id, officer.userId)))[0]!

  it('holds their account, full NIK, profile, registration with events, documents and audit rows', async () => {
    const data = await exportPersonalData(at(a.actor), { candidateId: a.actor.userId, format: 'json' })
    expect(data.account).toMatchObject({ id: a.actor.userId, email: a.email })
    expect(data.profile).toMatchObject({ nik: a.nik, fullName: 'Andi Besse Tenri', birthPlace: 'Kendari' })
    // The factory's complete profile has all three document rows; the KTP is the one uploaded here.
    expect(data.documents.map((d) => d.kind).sort()).toEqual(['diploma', 'ktp', 'photo'])
    expect(data.documents.find((d) => d.kind === 'ktp')).toMatchObject({ originalName: 'ktp-andi.jpg', contentType: 'image/jpeg' })
    expect(data.registrations).toEqual([expect.objectContaining({ number: regA.number, state: 'registered' })])
    expect(data.registrations[0]!.events.map((e) => e.kind)).toContain('registered')
    expect(data.audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['document.upload']))
    expect(data.audit.entries.find((e) => e.action === 'document.upload')).toMatchObject({ by: 'self' })
    // The export itself is audited.
    const exports = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'privacy.export'), eq(auditEvent.entityId, a.actor.userId)))
    expect(exports).toHaveLength(1)
  })

  it('holds no one else’s data: not the other candidate’s, not the officer’s', async () => {
    // The officer reads A's KTP in the assisted session: the export says "a kiosk officer for you", not who.
    const { readDocument } = await import('../profiles/readDocument')
    await readDocument(at(officer), { candidateId: a.actor.userId, kind: 'ktp', storage })
    const data = await exportPersonalData(at(a.actor), { candidateId: a.actor.userId, format: 'json' })
    const json = JSON.stringify(data)
    for (const foreign of [b.nik, b.email, 'Muhammad Yusuf Lapae', regB.number, b.actor.userId, 'ktp-yusuf.jpg', officer.userId, officerRow.email, officerRow.displayName]) {
      expect(json).not.toContain(foreign)
    }
    expect(data.audit.entries.find((e) => e.action === 'document.read')).toMatchObject({ by: 'kiosk_officer_for_you' })
  })

  it('only the candidate may export: not the other candidate, not staff', async () => {
    await expect(exportPersonalData(at(b.actor), { candidateId: a.actor.userId, format: 'json' })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(exportPersonalData(at(officer), { candidateId: a.actor.userId, format: 'json' })).rejects.toBeInstanceOf(ForbiddenError)
    const admin = await staffActor(db, world.kdi.id, ['administrator'])
    await expect(exportPersonalData(at(admin), { candidateId: a.actor.userId, format: 'pdf' })).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('renders as a readable PDF', async () => {
    const data = await exportPersonalData(at(a.actor), { candidateId: a.actor.userId, format: 'pdf' })
    const pdf = await renderPersonalDataPdf(data)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.byteLength).toBeGreaterThan(5000)
  })
})

describe('account closure', async () => {
  const admin = await staffActor(db, world.kdi.id, ['administrator'])
  const password = 'Kendari-Maju-2026'
  const c = await createCandidateActor(db, { fullName: 'La Ode Syarif', password })
  const candidateId = c.actor.userId
  await uploadDocument(at(c.actor), { candidateId, kind: 'ktp', fileName: 'ktp.jpg', bytes: REAL_JPEG, storage })
  await uploadDocument(at(c.actor), { candidateId, kind: 'diploma', fileName: 'ijazah.pdf', bytes: onePagePdf(), storage })
  // A registration of an earlier batch that reached the plenary (not passed): the selection's record.
  const [oldBatch] = await db
    .insert(batch)
    .values({ ...world.lasBatch, id: undefined, number: 9, year: 2025, trainingEndsOn: '2025-11-30' } as typeof batch.$inferInsert)
    .returning()
  const [old] = await db
    .insert(registration)
    .values({ number: 'KDI-2025-9-0001', candidateId, batchId: oldBatch!.id, institutionId: world.kdi.id, state: 'not_passed', createdAt: NOW, updatedAt: NOW, createdBy: candidateId })
    .returning()
  await db.insert(registrationEvent).values({ registrationId: old!.id, at: NOW, kind: 'plenary_not_pass', fromState: 'interviewed', toState: 'not_passed', data: {} })
  // And an active one, which closing must withdraw.
  const active = (await registerCandidate(at(c.actor), { candidateId, batchId: world.dgrBatch.id })).registration
  await db.insert(authSession).values({ id: 'sesi-uji-penutupan', userId: candidateId, expiresAt: new Date(NOW.getTime() + 86_400_000) })

  it('a request needs a reason and the confirmation; a repeat answers with the open request', async () => {
    const noReason = await requestAccountClosure(at(c.actor), { candidateId, reason: ' ', confirm: 'ya' }).catch((e: unknown) => e)
    expect((noReason as ValidationError).fieldErrors.reason).toBeDefined()
    const noConfirm = await requestAccountClosure(at(c.actor), { candidateId, reason: 'Pindah ke luar negeri' }).catch((e: unknown) => e)
    expect((noConfirm as ValidationError).fieldErrors.confirm).toBeDefined()
    const other = await createCandidateActor(db)
    await expect(requestAccountClosure(at(other.actor), { candidateId, reason: 'Iseng', confirm: 'ya' })).rejects.toBeInstanceOf(ForbiddenError)

    const [first, second] = await Promise.all([
      requestAccountClosure(at(c.actor), { candidateId, reason: 'Pindah ke luar negeri', confirm: 'ya' }),
      requestAccountClosure(at(c.actor), { candidateId, reason: 'Pindah ke luar negeri', confirm: 'ya' }),
    ])
    expect(first.request.id).toBe(second.request.id)
    expect([first.created, second.created].filter(Boolean)).toHaveLength(1)
    expect(await db.select().from(accountClosureRequest).where(eq(accountClosureRequest.userId, candidateId))).toHaveLength(1)
  })

  it('the administrator sees it; other staff may not complete it', async () => {
    const list = await listAccountClosures(at(admin), { institutionId: world.kdi.id })
    const item = list.open.find((r) => r.name === 'La Ode Syarif')!
    expect(item).toMatchObject({ reason: 'Pindah ke luar negeri', activeRegistrations: [expect.objectContaining({ number: active.number })] })
    expect(item.emailMasked).not.toBe(c.email)
    const committee = await staffActor(db, world.kdi.id, ['selection_committee'])
    await expect(completeAccountClosure(at(committee), { institutionId: world.kdi.id, requestId: item.id, storage })).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('completing it withdraws the active registration, keeps what reached the plenary, anonymises the rest, and sign-in is impossible', async () => {
    const [request] = await db.select().from(accountClosureRequest).where(eq(accountClosureRequest.userId, candidateId))
    const docs = await db.select().from(candidateDocument).where(eq(candidateDocument.userId, candidateId))
    expect(docs.map((d) => d.kind).sort()).toEqual(['diploma', 'ktp', 'photo'])
    // The two uploaded here have files.
    for (const d of docs.filter((x) => x.kind !== 'photo')) expect((await storage.get(d.storageKey)).byteLength).toBeGreaterThan(0)

    const result = await completeAccountClosure(at(admin), { institutionId: world.kdi.id, requestId: request!.id, storage })
    expect(result).toMatchObject({
      alreadyCompleted: false,
      kept: ['KDI-2025-9-0001'],
      keptUntil: `${2025 + SELECTION_RECORD_RETENTION_YEARS}-11-30`,
      withdrawn: [active.number],
    })

    // The active registration went through the state machine, with the reason.
    const [withdrawn] = await db.select().from(registration).where(eq(registration.id, active.id))
    expect(withdrawn!.state).toBe('withdrawn')
    const [event] = await db.select().from(registrationEvent).where(and(eq(registrationEvent.registrationId, active.id), eq(registrationEvent.kind, 'withdraw')))
    expect(event!.data).toMatchObject({ reason: CLOSURE_REASON })
    // The plenary's record stays as it was.
    const [kept] = await db.select().from(registration).where(eq(registration.id, old!.id))
    expect(kept).toMatchObject({ number: 'KDI-2025-9-0001', state: 'not_passed', candidateId })

    // Anonymised.
    const [account] = await db.select().from(userAccount).where(eq(userAccount.id, candidateId))
    expect(account).toMatchObject({ email: closedEmail(candidateId), displayName: CLOSED_NAME, passwordHash: null, emailVerifiedAt: null })
    const [profile] = await db.select().from(candidateProfile).where(eq(candidateProfile.userId, candidateId))
    expect(profile).toMatchObject({ fullName: CLOSED_NAME, phone: '', birthPlace: null, birthDate: null, ktpStreet: null, schoolName: null })
    expect(profile!.nikHash).not.toBe(keyedHash(c.nik))
    expect(JSON.stringify(profile)).not.toContain(c.nik)
    expect(await db.select().from(candidateDocument).where(eq(candidateDocument.userId, candidateId))).toHaveLength(0)
    for (const d of docs) await expect(storage.get(d.storageKey)).rejects.toThrow()
    expect(await db.select().from(authSession).where(eq(authSession.userId, candidateId))).toHaveLength(0)

    // No personal value left in the audit rows about them (the closure's own rows excepted).
    const rows = await db.select().from(auditEvent).where(eq(auditEvent.entityId, candidateId))
    const personal = rows.filter((r) => !r.action.startsWith('account.') || r.action === 'account.signUp')
    for (const r of personal) {
      const text = JSON.stringify([r.before, r.after])
      expect(text).not.toContain(c.email)
      expect(text).not.toContain('La Ode Syarif')
    }
    const [done] = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'account.completeClosure'), eq(auditEvent.entityId, candidateId)))
    expect(done!.actorId).toBe(admin.userId)

    // Sign-in is impossible: by e-mail or NIK, with the old password.
    for (const identifier of [c.email, c.nik]) {
      await expect(signIn(at(SYSTEM), { identifier, password })).rejects.toBeInstanceOf(Error)
    }
    // The NIK is free again: the person may come back with a new account one day.
    const back = await signUpCandidate(contextFor(database, SYSTEM, new Date(NOW.getTime() + 3600_000)), signUpForm({ nik: c.nik, email: 'kembali@contoh.test' }))
    expect(back.created).toBe(true)
  })

  it('completing it again answers with the first completion and changes nothing', async () => {
    const [request] = await db.select().from(accountClosureRequest).where(eq(accountClosureRequest.userId, candidateId))
    const again = await completeAccountClosure(at(admin), { institutionId: world.kdi.id, requestId: request!.id, storage })
    expect(again).toMatchObject({ alreadyCompleted: true, kept: ['KDI-2025-9-0001'], withdrawn: [active.number] })
    const completions = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'account.completeClosure'), eq(auditEvent.entityId, candidateId)))
    expect(completions).toHaveLength(1)
  })

  it('refuses while a plenary outcome is not announced yet (the place must pass to a reserve)', async () => {
    const d = await createCandidateActor(db)
    const [b2] = await db.insert(batch).values({ ...world.lasBatch, id: undefined, number: 8, year: 2026, resultsAnnouncedAt: null } as typeof batch.$inferInsert).returning()
    await db.insert(registration).values({ number: 'KDI-2026-8-0001', candidateId: d.actor.userId, batchId: b2!.id, institutionId: world.kdi.id, state: 'passed', createdAt: NOW, updatedAt: NOW, createdBy: d.actor.userId })
    const { request } = await requestAccountClosure(at(d.actor), { candidateId: d.actor.userId, reason: 'Sudah bekerja', confirm: 'ya' })
    await expect(completeAccountClosure(at(admin), { institutionId: world.kdi.id, requestId: request.id, storage })).rejects.toBeInstanceOf(ConflictError)
    const [still] = await db.select().from(userAccount).where(eq(userAccount.id, d.actor.userId))
    expect(still!.email).toBe(d.email)
  })
})

