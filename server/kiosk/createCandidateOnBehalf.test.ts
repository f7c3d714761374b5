import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTestDatabase, contextFor } from '../../tests/db'
import { decrypt, keyedHash } from '../auth/crypto'
import { can } from '../auth/permissions'
import { consumeAccountToken } from '../auth/tokens'
import { accountToken, assistedSession, auditEvent, candidateProfile, job, userAccount } from '../db/schema'
import { createCandidate, createInstitution } from '../db/factories'
import { env } from '../env'
import { ConflictError, ForbiddenError, ValidationError } from '../errors'
import { createCandidateOnBehalf } from './createCandidateOnBehalf'
import { endAssistedSession } from './endAssistedSession'
import { candidateActor, reload, staffActor, startAfterSearch } from './testSupport'

const NOW = new Date('2026-11-28T02:00:00Z')
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)

describe('createCandidateOnBehalf', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const kdi = await createInstitution(db)
  const other = await createInstitution(db, { code: 'BAU', name: 'Workshop Baubau' })
  const admin = await staffActor(db, kdi.id, ['administrator'], 'Admin')
  const otherOfficer = await staffActor(db, other.id, ['kiosk_officer'])
  const siti = await createCandidate(db, { nik: '7471014508950001', fullName: 'Siti Rahmawati', email: 'siti@contoh.test' })

  const counts = async () => {
    const n = async (table: typeof userAccount | typeof job | typeof auditEvent | typeof accountToken | typeof assistedSession) =>
      ((await db.select({ n: sql<number>`count(*)::int` }).from(table)) as [{ n: number }])[0].n
    return {
      accounts: await n(userAccount),
      jobs: await n(job),
      audits: await n(auditEvent),
      tokens: await n(accountToken),
      sessions: await n(assistedSession),
    }
  }
  const mailsTo = async (to: string) =>
    (await db.select().from(job).where(eq(job.name, 'mail.send'))).filter(
      (j) => (j.payload as { to: string }).to === to,
    ) as Array<{ payload: { to: string; subject: string; text: string; html: string } }>

  it('creates a password-less account with its profile, a set-password e-mail, an audit row and the session', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'], 'Sari')
    const result = await createCandidateOnBehalf(contextFor(database, officer, NOW), {
      institutionId: kdi.id,
      nik: '7471 0152 0398 0004',
      fullName: '  Wa Ode   Nurhayati ',
      email: ' WaOde.Nur@Gmail.com ',
      phone: '0812-3456-7001',
      noticeShown: 'ya',
    })
    expect(result).toMatchObject({ created: true, emailMasked: 'w***@gmail.com' })
    const candidateId = result.candidateId

    const [account] = await db.select().from(userAccount).where(eq(userAccount.id, candidateId))
    expect(account).toMatchObject({
      kind: 'candidate',
      email: 'waode.nur@gmail.com',
      displayName: 'Wa Ode Nurhayati',
      passwordHash: null,
      emailVerifiedAt: null,
      createdBy: officer.userId,
      createdAt: NOW,
    })
    const [profile] = await db.select().from(candidateProfile).where(eq(candidateProfile.userId, candidateId))
    expect(profile).toMatchObject({
      fullName: 'Wa Ode Nurhayati',
      nikHash: keyedHash('7471015203980004'),
      nikMasked: '7471••••••••0004',
      birthDate: '1998-03-12',
      sex: 'female',
      phone: '+6281234567001',
    })
    expect(decrypt(profile!.nikCiphertext)).toBe('7471015203980004')

    // The e-mail: the centre, the officer, and a link to /atur-sandi with a 7-day token.
    const [mail] = await mailsTo('waode.nur@gmail.com')
    expect(mail?.payload.subject).toContain('BPVP Kendari')
    expect(mail?.payload.text).toContain('Petugas kios BPVP Kendari')
    expect(mail?.payload.text).toContain(officer.displayName)
    const link = mail!.payload.text.match(/(\S+)\/atur-sandi\?token=([\w-]+)/)
    expect(link?.[1]).toBe(env().PUBLIC_URL)
    const [tokenRow] = await db.select().from(accountToken).where(eq(accountToken.userId, candidateId))
    expect(tokenRow).toMatchObject({ purpose: 'set_password', expiresAt: later(7 * 24 * 60) })
    expect(await consumeAccountToken(db, { token: link![2]!, purposes: ['set_password'], now: later(60) })).toEqual({
      userId: candidateId,
      purpose: 'set_password',
    })

    const [audit] = await db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'kiosk.candidate.create'))
    expect(audit).toMatchObject({
      actorId: officer.userId,
      onBehalfOfId: candidateId,
      institutionId: kdi.id,
      entityType: 'user_account',
      entityId: candidateId,
    })
    expect(JSON.stringify(audit)).not.toContain('7471015203980004')

    // The officer now assists the new candidate.
    const assisting = await reload(db, officer)
    expect(assisting.assisted).toMatchObject({ sessionId: result.sessionId, candidateId, institutionId: kdi.id })
    expect(can(assisting, 'profile.edit', { candidateId })).toBe(true)
    const sessionAudits = await db.select().from(auditEvent).where(eq(auditEvent.entityId, result.sessionId))
    expect(sessionAudits).toMatchObject([{ action: 'kiosk.session.start', onBehalfOfId: candidateId }])
  })

  it('refuses bad input with a message per field, and creates nothing', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const before = await counts()
    const attempt = createCandidateOnBehalf(contextFor(database, officer, NOW), {
      institutionId: kdi.id,
      nik: '12345',
      fullName: '   ',
      email: 'bukan-email',
      phone: '021-555',
      noticeShown: 'ya',
    })
    await expect(attempt).rejects.toBeInstanceOf(ValidationError)
    const error = (await attempt.catch((e: unknown) => e)) as ValidationError
    expect(error.fieldErrors).toEqual({
      nik: ['NIK harus 16 digit angka; yang diisi 5 digit.'],
      fullName: ['Nama lengkap wajib diisi, sesuai KTP.'],
      email: ['Alamat e-mail tidak valid. Contoh: nama@gmail.com.'],
      phone: [expect.stringContaining('Nomor HP')],
    })
    await expect(
      createCandidateOnBehalf(contextFor(database, officer, NOW), {
        institutionId: kdi.id,
        nik: '7471015203980099',
        fullName: 'Andi 2',
        email: 'andi@contoh.test',
        phone: '081234567001',
        noticeShown: 'ya',
      }),
    ).rejects.toMatchObject({ fieldErrors: { fullName: ['Nama lengkap tidak boleh berisi angka; tulis seperti pada KTP.'] } })
    expect(await counts()).toEqual(before)
  })

  it('a repeated submit returns the first account: one account, one token, one e-mail', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const input = {
      institutionId: kdi.id,
      nik: '7471010505990005',
      fullName: 'Muhammad Ikbal',
      email: 'ikbal@contoh.test',
      phone: '081234567005',
      noticeShown: 'ya',
    }
    const first = await createCandidateOnBehalf(contextFor(database, officer, NOW), input)
    const before = await counts()
    const second = await createCandidateOnBehalf(contextFor(database, await reload(db, officer), later(3)), {
      ...input,
      email: 'Ikbal@Contoh.test',
    })
    expect(second).toEqual({ ...first, created: false })
    expect(await counts()).toEqual(before)
    expect(await mailsTo('ikbal@contoh.test')).toHaveLength(1)

    // Submitted again after the officer ended the session: the same account, its session reopened.
    await endAssistedSession(contextFor(database, await reload(db, officer), later(5)))
    const third = await createCandidateOnBehalf(contextFor(database, await reload(db, officer), later(6)), input)
    expect(third).toMatchObject({ candidateId: first.candidateId, created: false })
    expect((await reload(db, officer)).assisted?.candidateId).toBe(first.candidateId)
    expect(await mailsTo('ikbal@contoh.test')).toHaveLength(1)
  })

  it('two simultaneous submits create one account', async () => {
    // Several rounds: on PostgreSQL the losing submit's timing varies, and one round
    // rarely hits the narrow window between the winner's session and its account.
    for (let round = 0; round < 12; round++) {
      const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
      const email = `rahmat.h${round}@contoh.test`
      const input = {
        institutionId: kdi.id,
        nik: `74710106069900${String(round + 10).padStart(2, '0')}`,
        fullName: 'Rahmat Hidayat',
        email,
        phone: `0812345670${String(round + 10).padStart(2, '0')}`,
        noticeShown: 'ya',
      }
      const ctx = contextFor(database, officer, NOW)
      const [a, b] = await Promise.all([createCandidateOnBehalf(ctx, input), createCandidateOnBehalf(ctx, input)])
      expect(a.candidateId).toBe(b.candidateId)
      expect([a.created, b.created].sort()).toEqual([false, true])
      const accounts = await db.select().from(userAccount).where(eq(userAccount.email, email))
      expect(accounts).toHaveLength(1)
      expect(await mailsTo(email)).toHaveLength(1)
    }
  })

  it('refuses an existing NIK (pointing to the NIK search) or e-mail, creating nothing', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const before = await counts()
    const byNik = createCandidateOnBehalf(contextFor(database, officer, NOW), {
      institutionId: kdi.id,
      nik: '7471014508950001',
      fullName: 'Siti Rahmawati',
      email: 'siti.lain@contoh.test',
      phone: '081234567010',
      noticeShown: 'ya',
    })
    await expect(byNik).rejects.toBeInstanceOf(ConflictError)
    await expect(byNik).rejects.toMatchObject({
      fieldErrors: { nik: [expect.stringContaining('cari NIK ini di halaman Kios')] },
    })
    const byEmail = createCandidateOnBehalf(contextFor(database, officer, NOW), {
      institutionId: kdi.id,
      nik: '7471010707990007',
      fullName: 'Siti Aminah',
      email: 'SITI@contoh.test',
      phone: '081234567011',
      noticeShown: 'ya',
    })
    await expect(byEmail).rejects.toBeInstanceOf(ConflictError)
    await expect(byEmail).rejects.toMatchObject({ fieldErrors: { email: [expect.stringContaining('sudah dipakai')] } })
    expect(await counts()).toEqual(before)
  })

  it('treats the same NIK as a duplicate when another officer, another e-mail or too late', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    const colleague = await staffActor(db, kdi.id, ['kiosk_officer'])
    const input = {
      institutionId: kdi.id,
      nik: '7471010808990008',
      fullName: 'Yusuf Tamrin',
      email: 'yusuf@contoh.test',
      phone: '081234567008',
      noticeShown: 'ya',
    }
    await createCandidateOnBehalf(contextFor(database, officer, NOW), input)
    await endAssistedSession(contextFor(database, await reload(db, officer), later(1)))
    const before = await counts()
    await expect(createCandidateOnBehalf(contextFor(database, colleague, later(2)), input)).rejects.toBeInstanceOf(
      ConflictError,
    )
    await expect(
      createCandidateOnBehalf(contextFor(database, await reload(db, officer), later(2)), { ...input, email: 'yusuf2@contoh.test' }),
    ).rejects.toMatchObject({ fieldErrors: { nik: [expect.any(String)] } })
    await expect(
      createCandidateOnBehalf(contextFor(database, await reload(db, officer), later(11)), input),
    ).rejects.toBeInstanceOf(ConflictError)
    expect(await counts()).toEqual(before)
  })

  it('refuses while the officer is helping another candidate', async () => {
    const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
    await startAfterSearch(contextFor(database, officer, NOW), { institutionId: kdi.id, candidateId: siti.user.id })
    const before = await counts()
    await expect(
      createCandidateOnBehalf(contextFor(database, await reload(db, officer), NOW), {
        institutionId: kdi.id,
        nik: '7471010909990009',
        fullName: 'Nur Alam',
        email: 'nur.alam@contoh.test',
        phone: '081234567009',
        noticeShown: 'ya',
      }),
    ).rejects.toThrow('Akhiri sesi bantuan untuk Siti Rahmawati terlebih dahulu.')
    expect(await counts()).toEqual(before)
  })

  it('is only for kiosk officers of that institution', async () => {
    const input = {
      institutionId: kdi.id,
      nik: '7471011010990010',
      fullName: 'Dewi Sartika',
      email: 'dewi@contoh.test',
      phone: '081234567012',
      noticeShown: 'ya',
    }
    const before = await counts()
    for (const actor of [candidateActor(siti.user), admin, otherOfficer]) {
      await expect(createCandidateOnBehalf(contextFor(database, actor, NOW), input)).rejects.toBeInstanceOf(ForbiddenError)
    }
    expect(await counts()).toEqual(before)
  })
})
