import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { createBatch, createProgramme } from '../db/factories'
import { auditEvent, batch, job, registration, registrationEvent } from '../db/schema'
import { ConflictError, ForbiddenError, NotFoundError, UseCaseError } from '../errors'
import { checkRegistration } from './checkRegistration'
import { NotEligibleError, ProfileIncompleteError } from './errors'
import { registerCandidate } from './registerCandidate'
import { createCandidateActor, createOfficerActor, createWorld, NOW, OPENS_AT } from './testFixtures'
import { withdrawRegistration } from './withdrawRegistration'

describe('registerCandidate', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const world = await createWorld(db)

  const registrationsOf = (candidateId: string) =>
    db.select().from(registration).where(eq(registration.candidateId, candidateId))
  const mailJobsTo = (email: string) =>
    db
      .select()
      .from(job)
      .where(and(eq(job.name, 'mail.send'), sql`${job.payload}->>'to' = ${email}`))

  it('registers: number, event, audit row and confirmation mail', async () => {
    const { actor, email } = await createCandidateActor(db)
    const result = await registerCandidate(contextFor(database, actor, NOW), {
      candidateId: actor.userId,
      batchId: world.lasBatch.id,
    })
    expect(result.created).toBe(true)
    expect(result.registration.number).toBe('KDI-LAS-2027.1-0001')
    expect(result.registration.state).toBe('registered')
    expect(result.registration.createdBy).toBe(actor.userId)
    expect(result.registration.createdAt).toEqual(NOW)

    const events = await db.select().from(registrationEvent).where(eq(registrationEvent.registrationId, result.registration.id))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ kind: 'registered', fromState: null, toState: 'registered', actorId: actor.userId })
    expect(events[0]!.data.viaKiosk).toBeUndefined()

    const audits = await db.select().from(auditEvent).where(eq(auditEvent.entityId, result.registration.id))
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({
      action: 'registration.create',
      actorId: actor.userId,
      onBehalfOfId: null,
      institutionId: world.kdi.id,
    })

    const mails = await mailJobsTo(email)
    expect(mails).toHaveLength(1)
    const payload = mails[0]!.payload as { subject: string; text: string }
    expect(payload.subject).toContain('KDI-LAS-2027.1-0001')
    expect(payload.text).toContain('Nomor pendaftaran Anda: KDI-LAS-2027.1-0001.')
    expect(payload.text).toContain('Kerjakan tiga asesmen')
    // 12 Jan 08.00 WITA + 24 days: the assessment deadline, in WITA.
    expect(payload.text).toContain('5 Februari 2027 08.00 WITA')
    expect(payload.text).toContain(`/aktivitas/${result.registration.id}`)
  })

  it('refuses an incomplete profile with the list of what is missing, and creates nothing', async () => {
    const { actor, email } = await createCandidateActor(db, { complete: false, emailVerified: false })
    const ctx = contextFor(database, actor, NOW)
    const error = await registerCandidate(ctx, { candidateId: actor.userId, batchId: world.lasBatch.id }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProfileIncompleteError)
    const missing = (error as ProfileIncompleteError).missing
    expect(missing.map((m) => m.field)).toEqual(
      expect.arrayContaining(['birthPlace', 'educationLevel', 'hasPhoto', 'hasKtpScan', 'hasDiplomaScan', 'emailVerified']),
    )
    expect(missing.find((m) => m.field === 'hasPhoto')?.section).toBe('documents')
    expect((error as Error).message).toMatch(/^Profil Anda belum lengkap\. Lengkapi dulu: .*Pas foto.*Verifikasi e-mail\.$/)
    expect(await registrationsOf(actor.userId)).toHaveLength(0)
    expect(await mailJobsTo(email)).toHaveLength(0)

    const check = await checkRegistration(ctx, { candidateId: actor.userId, batchId: world.lasBatch.id })
    expect(check.canRegister).toBe(false)
    expect(check.profile.complete).toBe(false)
    expect(check.period.problem).toBeNull()
  })

  it('refuses a candidate too young on the first day of training, with the reason', async () => {
    // 16 on 28 February 2027 (training start); the programme asks for 17–45.
    // Born 1 June 2010 by the NIK (digits 7–12), which is what eligibility reads (decision 028).
    const { actor } = await createCandidateActor(db, { nik: '7471010106109001' })
    const error = await registerCandidate(contextFor(database, actor, NOW), {
      candidateId: actor.userId,
      batchId: world.lasBatch.id,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotEligibleError)
    expect((error as NotEligibleError).reasons).toEqual([
      'Usia Anda pada saat pelatihan dimulai (28 Februari 2027) adalah 16 tahun; program ini mensyaratkan usia 17–45 tahun.',
    ])
    expect(await registrationsOf(actor.userId)).toHaveLength(0)
  })

  it('refuses a candidate below the minimum education, with the reason', async () => {
    const { actor } = await createCandidateActor(db, { educationLevel: 'SMP' })
    const ctx = contextFor(database, actor, NOW)
    const error = await registerCandidate(ctx, { candidateId: actor.userId, batchId: world.dgrBatch.id }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(NotEligibleError)
    expect((error as NotEligibleError).reasons).toEqual(['Pendidikan terakhir minimal SMA/SMK; pendidikan Anda SMP.'])
    expect(await registrationsOf(actor.userId)).toHaveLength(0)
    // The same candidate may register for a programme asking for SMP.
    const ok = await registerCandidate(ctx, { candidateId: actor.userId, batchId: world.lasBatch.id })
    expect(ok.created).toBe(true)
  })

  it('refuses a batch not open yet and one already closed, with the dates in WITA', async () => {
    const upcoming = await createBatch(db, {
      programmeId: world.las.id,
      institutionId: world.kdi.id,
      year: 2027,
      number: 2,
      opensAt: new Date('2027-03-01T00:00:00Z'),
    })
    const closed = await createBatch(db, {
      programmeId: world.las.id,
      institutionId: world.kdi.id,
      year: 2026,
      number: 4,
      opensAt: new Date('2026-11-02T00:00:00Z'),
    })
    const { actor } = await createCandidateActor(db)
    const ctx = contextFor(database, actor, NOW)
    await expect(registerCandidate(ctx, { candidateId: actor.userId, batchId: upcoming.id })).rejects.toThrow(
      'Pendaftaran gelombang ini belum dibuka. Pendaftaran dibuka pada 1 Maret 2027 08.00 WITA.',
    )
    await expect(registerCandidate(ctx, { candidateId: actor.userId, batchId: closed.id })).rejects.toThrow(
      'Pendaftaran gelombang ini sudah ditutup pada 23 November 2026 08.00 WITA.',
    )
    // Closing is exclusive: the very instant it closes, it is closed.
    await expect(
      registerCandidate(contextFor(database, actor, world.lasBatch.registrationClosesAt), {
        candidateId: actor.userId,
        batchId: world.lasBatch.id,
      }),
    ).rejects.toThrow('sudah ditutup')
    await expect(
      registerCandidate(ctx, { candidateId: actor.userId, batchId: '7f1f4a9e-1111-4222-8333-444455556666' }),
    ).rejects.toBeInstanceOf(NotFoundError)
    expect(await registrationsOf(actor.userId)).toHaveLength(0)
    const [upcomingAfter] = await db.select().from(batch).where(eq(batch.id, upcoming.id))
    expect(upcomingAfter!.nextSequence).toBe(1)
  })

  it('allows one active registration: another batch is refused, naming the active one', async () => {
    const { actor } = await createCandidateActor(db)
    const ctx = contextFor(database, actor, NOW)
    const first = await registerCandidate(ctx, { candidateId: actor.userId, batchId: world.lasBatch.id })
    const error = await registerCandidate(ctx, { candidateId: actor.userId, batchId: world.dgrBatch.id }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as Error).message).toBe(
      `Anda masih memiliki pendaftaran aktif: Pengelasan SMAW 3G, nomor ${first.registration.number}. Mundurkan diri dari pendaftaran itu terlebih dahulu bila ingin mendaftar program lain.`,
    )
    expect(await registrationsOf(actor.userId)).toHaveLength(1)
    const check = await checkRegistration(ctx, { candidateId: actor.userId, batchId: world.dgrBatch.id })
    expect(check.canRegister).toBe(false)
    expect(check.elsewhere?.registration.id).toBe(first.registration.id)
  })

  it('withdraw, then register in another batch', async () => {
    const { actor } = await createCandidateActor(db)
    const ctx = contextFor(database, actor, NOW)
    const first = await registerCandidate(ctx, { candidateId: actor.userId, batchId: world.lasBatch.id })
    await withdrawRegistration(ctx, { registrationId: first.registration.id, reason: 'Pindah ke program desain' })
    const second = await registerCandidate(ctx, { candidateId: actor.userId, batchId: world.dgrBatch.id })
    expect(second.created).toBe(true)
    expect(second.registration.number).toMatch(/^KDI-DGR-2027\.1-\d{4}$/)
    const rows = await registrationsOf(actor.userId)
    expect(rows.map((r) => r.state).sort()).toEqual(['registered', 'withdrawn'])
  })

  it('is idempotent: the same request twice gives the same registration', async () => {
    const { actor, email } = await createCandidateActor(db)
    const ctx = contextFor(database, actor, NOW)
    const input = { candidateId: actor.userId, batchId: world.lasBatch.id }
    const a = await registerCandidate(ctx, input)
    const b = await registerCandidate(ctx, input)
    expect(a.created).toBe(true)
    expect(b.created).toBe(false)
    expect(b.registration.id).toBe(a.registration.id)
    expect(b.registration.number).toBe(a.registration.number)
    expect(await registrationsOf(actor.userId)).toHaveLength(1)
    expect(await mailJobsTo(email)).toHaveLength(1)
    const events = await db.select().from(registrationEvent).where(eq(registrationEvent.registrationId, a.registration.id))
    expect(events).toHaveLength(1)
  })

  it('is idempotent under concurrency: two simultaneous requests make one registration, with no gap in numbers', async () => {
    const programme = await createProgramme(db, { institutionId: world.kdi.id, code: 'TSM', name: 'Sepeda Motor Injeksi' })
    const tsm = await createBatch(db, {
      programmeId: programme.id,
      institutionId: world.kdi.id,
      year: 2027,
      number: 1,
      opensAt: OPENS_AT,
    })
    const { actor, email } = await createCandidateActor(db)
    const ctx = contextFor(database, actor, NOW)
    const input = { candidateId: actor.userId, batchId: tsm.id }
    const [a, b] = await Promise.all([registerCandidate(ctx, input), registerCandidate(ctx, input)])
    expect(a.registration.id).toBe(b.registration.id)
    expect(a.registration.number).toBe('KDI-TSM-2027.1-0001')
    expect(b.registration.number).toBe('KDI-TSM-2027.1-0001')
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1)
    expect(await registrationsOf(actor.userId)).toHaveLength(1)
    expect(await mailJobsTo(email)).toHaveLength(1)
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.entityId, a.registration.id))
    expect(audits).toHaveLength(1)

    // The losing transaction's sequence number was rolled back with it.
    const other = await createCandidateActor(db)
    const next = await registerCandidate(contextFor(database, other.actor, NOW), {
      candidateId: other.actor.userId,
      batchId: tsm.id,
    })
    expect(next.registration.number).toBe('KDI-TSM-2027.1-0002')
  })

  it('gives unique, consecutive numbers to several candidates registering at once', async () => {
    const programme = await createProgramme(db, { institutionId: world.kdi.id, code: 'JHT', name: 'Menjahit', minEducation: 'SD' })
    const jht = await createBatch(db, {
      programmeId: programme.id,
      institutionId: world.kdi.id,
      year: 2027,
      number: 1,
      opensAt: OPENS_AT,
    })
    const candidates = []
    for (let i = 0; i < 8; i++) candidates.push(await createCandidateActor(db))
    const results = await Promise.all(
      candidates.map(({ actor }) =>
        registerCandidate(contextFor(database, actor, NOW), { candidateId: actor.userId, batchId: jht.id }),
      ),
    )
    const numbers = results.map((r) => r.registration.number).sort()
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `KDI-JHT-2027.1-${String(i + 1).padStart(4, '0')}`))
    const [after] = await db.select().from(batch).where(eq(batch.id, jht.id))
    expect(after!.nextSequence).toBe(9)
  })

  it('refuses registering another candidate', async () => {
    const { actor } = await createCandidateActor(db)
    const victim = await createCandidateActor(db)
    await expect(
      registerCandidate(contextFor(database, actor, NOW), { candidateId: victim.actor.userId, batchId: world.lasBatch.id }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    await expect(
      checkRegistration(contextFor(database, actor, NOW), { candidateId: victim.actor.userId, batchId: world.lasBatch.id }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    expect(await registrationsOf(victim.actor.userId)).toHaveLength(0)
  })

  it('lets a kiosk officer register the walk-in they assist, recorded as the officer on their behalf', async () => {
    const walkIn = await createCandidateActor(db)
    const officer = await createOfficerActor(db, world.kdi.id, walkIn.actor.userId)
    const result = await registerCandidate(contextFor(database, officer, NOW), {
      candidateId: walkIn.actor.userId,
      batchId: world.lasBatch.id,
    })
    expect(result.created).toBe(true)
    expect(result.registration.candidateId).toBe(walkIn.actor.userId)
    expect(result.registration.createdBy).toBe(officer.userId)
    const [event] = await db.select().from(registrationEvent).where(eq(registrationEvent.registrationId, result.registration.id))
    expect(event).toMatchObject({ actorId: officer.userId, kind: 'registered' })
    expect(event!.data.viaKiosk).toBe(true)
    const [audit] = await db.select().from(auditEvent).where(eq(auditEvent.entityId, result.registration.id))
    expect(audit).toMatchObject({ actorId: officer.userId, onBehalfOfId: walkIn.actor.userId })

    // The same officer cannot register someone they are not assisting; nor can an
    // officer without an assisted session.
    const stranger = await createCandidateActor(db)
    await expect(
      registerCandidate(contextFor(database, officer, NOW), { candidateId: stranger.actor.userId, batchId: world.lasBatch.id }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    const idle = await createOfficerActor(db, world.kdi.id)
    await expect(
      registerCandidate(contextFor(database, idle, NOW), { candidateId: stranger.actor.userId, batchId: world.lasBatch.id }),
    ).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('rejects malformed input with a message', async () => {
    const { actor } = await createCandidateActor(db)
    const error = await registerCandidate(contextFor(database, actor, NOW), {
      candidateId: actor.userId,
      batchId: 'not-a-uuid',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UseCaseError)
    expect((error as UseCaseError).fieldErrors.batchId).toEqual(['Gelombang pelatihan tidak dikenal.'])
  })
})
