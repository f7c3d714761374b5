import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTestDatabase, contextFor } from '../../tests/db'
import { auditEvent } from '../db/schema'
import { createCandidate, createInstitution } from '../db/factories'
import { ForbiddenError, UseCaseError, ValidationError } from '../errors'
import { findCandidateByNik } from './findCandidateByNik'
import { isValidSearchToken } from './searchToken'
import { candidateActor, staffActor, startAfterSearch } from './testSupport'

const NOW = new Date('2026-11-28T02:00:00Z')

describe('findCandidateByNik', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const kdi = await createInstitution(db)
  const other = await createInstitution(db, { code: 'BAU', name: 'Workshop Baubau' })
  const officer = await staffActor(db, kdi.id, ['kiosk_officer'])
  const admin = await staffActor(db, kdi.id, ['administrator'], 'Admin')
  const otherOfficer = await staffActor(db, other.id, ['kiosk_officer'])
  const siti = await createCandidate(db, {
    nik: '7471014508950001',
    fullName: 'Siti Rahmawati',
    email: 'siti.rahma@gmail.com',
  })
  const walkIn = await createCandidate(db, {
    nik: '7471011203000002',
    fullName: 'La Ode Baso',
    email: 'laode.baso@yahoo.co.id',
    password: null,
    emailVerified: false,
  })

  const auditCount = async () => (await db.select({ id: auditEvent.id }).from(auditEvent)).length

  it('finds a candidate by NIK and shows only masked data, and audits the look-up', async () => {
    const before = await auditCount()
    const found = await findCandidateByNik(contextFor(database, officer, NOW), {
      institutionId: kdi.id,
      nik: '7471 0145 0895 0001',
    })
    expect(found).toEqual({
      candidateId: siti.user.id,
      fullName: 'Siti Rahmawati',
      nikMasked: '7471••••••••0001',
      birthDate: '1995-08-05',
      emailMasked: 's***@gmail.com',
      hasPassword: true,
      emailVerified: true,
      startToken: expect.any(String),
    })
    expect(isValidSearchToken(found?.startToken, { officerId: officer.userId, candidateId: siti.user.id, now: NOW })).toBe(true)
    expect(await auditCount()).toBe(before + 1)
    const [row] = await db.select().from(auditEvent).where(eq(auditEvent.action, 'kiosk.candidate.lookup'))
    expect(row).toMatchObject({
      actorId: officer.userId,
      onBehalfOfId: siti.user.id,
      institutionId: kdi.id,
      entityType: 'candidate_profile',
      entityId: siti.user.id,
    })
    // The audit row never holds the whole NIK.
    expect(JSON.stringify(row)).not.toContain('7471014508950001')
  })

  it('tells whether the account has a password and a verified e-mail', async () => {
    const found = await findCandidateByNik(contextFor(database, officer, NOW), {
      institutionId: kdi.id,
      nik: '7471011203000002',
    })
    expect(found).toMatchObject({
      candidateId: walkIn.user.id,
      emailMasked: 'l***@yahoo.co.id',
      hasPassword: false,
      emailVerified: false,
    })
  })

  it('returns null for an unknown NIK, still audited', async () => {
    const before = await auditCount()
    const found = await findCandidateByNik(contextFor(database, officer, NOW), {
      institutionId: kdi.id,
      nik: '7471010101990009',
    })
    expect(found).toBeNull()
    expect(await auditCount()).toBe(before + 1)
    const rows = await db.select().from(auditEvent).where(eq(auditEvent.action, 'kiosk.candidate.lookup'))
    expect(rows.at(-1)).toMatchObject({ entityId: null, onBehalfOfId: null, after: { found: false, nikMasked: null } })
  })

  it('refuses a malformed NIK with its message at the nik field, and records nothing', async () => {
    const before = await auditCount()
    const attempt = findCandidateByNik(contextFor(database, officer, NOW), { institutionId: kdi.id, nik: '74710' })
    await expect(attempt).rejects.toBeInstanceOf(ValidationError)
    await expect(attempt).rejects.toMatchObject({
      fieldErrors: { nik: ['NIK harus 16 digit angka; yang diisi 5 digit.'] },
    })
    await expect(
      findCandidateByNik(contextFor(database, officer, NOW), { institutionId: kdi.id, nik: '7471011213950001' }),
    ).rejects.toMatchObject({ fieldErrors: { nik: [expect.stringContaining('Bulan lahir pada NIK tidak valid')] } })
    expect(await auditCount()).toBe(before)
  })

  it('is only for kiosk officers of that institution', async () => {
    const before = await auditCount()
    const input = { institutionId: kdi.id, nik: '7471014508950001' }
    await expect(findCandidateByNik(contextFor(database, candidateActor(siti.user), NOW), input)).rejects.toBeInstanceOf(
      ForbiddenError,
    )
    await expect(findCandidateByNik(contextFor(database, admin, NOW), input)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(findCandidateByNik(contextFor(database, otherOfficer, NOW), input)).rejects.toBeInstanceOf(
      ForbiddenError,
    )
    // At their own institution's kiosk the other officer may look the person up.
    await expect(
      findCandidateByNik(contextFor(database, otherOfficer, NOW), { ...input, institutionId: other.id }),
    ).resolves.toMatchObject({ candidateId: siti.user.id })
    expect(await auditCount()).toBe(before + 1)
  })

  it('refuses a look-up while the officer is helping someone, naming that candidate', async () => {
    const busy = await staffActor(db, kdi.id, ['kiosk_officer'])
    await startAfterSearch(contextFor(database, busy, NOW), { institutionId: kdi.id, candidateId: walkIn.user.id })
    const attempt = findCandidateByNik(contextFor(database, busy, NOW), { institutionId: kdi.id, nik: '7471014508950001' })
    await expect(attempt).rejects.toBeInstanceOf(UseCaseError)
    await expect(attempt).rejects.toThrow('Akhiri sesi bantuan untuk La Ode Baso terlebih dahulu.')
  })
})
