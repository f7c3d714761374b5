import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import type { StaffRole } from '../auth/actor'
import { loadActor } from '../auth/sessions'
import { createBatch, createCandidate, createInstitution, createProgramme, createStaff } from '../db/factories'
import { auditEvent, candidateDocument, handover, registration } from '../db/schema'
import { ForbiddenError } from '../errors'
import { createLocalStorage } from '../storage'
import { readDocument } from './readDocument'

// Issue 9 §4: "the organiser and the committee can open any candidate's KTP". Narrowed to
// each role's step (docs/decisions/022): the committee reads the photo and the diploma
// (education, eligibility) but not the KTP; the organiser only the documents of
// participants handed over to them; administrators everything, audited.

const NOW = new Date('2026-11-28T02:00:00Z')

describe('who may open a candidate\'s KTP and other documents', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const root = mkdtempSync(join(tmpdir(), 'latih-doc-access-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const storage = createLocalStorage(root)
  const kdi = await createInstitution(db)
  const programme = await createProgramme(db, { institutionId: kdi.id })
  const batch = await createBatch(db, { programmeId: programme.id, institutionId: kdi.id, opensAt: new Date('2026-11-20T00:00:00Z') })

  let serial = 0
  async function staff(roles: StaffRole[]) {
    serial += 1
    const user = await createStaff(db, {
      institutionId: kdi.id,
      email: `staf.akses${serial}@bpvp.test`,
      displayName: `Staf ${serial}`,
      roles,
      password: 'Latih-Demo-2026',
    })
    const actor = await loadActor(db, { userId: user.id, kind: 'staff', email: user.email, displayName: user.displayName })
    return { user, ctx: contextFor(database, actor, NOW) }
  }

  /** A candidate registered at the centre, with a KTP and a diploma on file. */
  async function registered(state = 'registered') {
    const { user } = await createCandidate(db)
    for (const kind of ['ktp', 'diploma'] as const) {
      const key = `${user.id}/${kind}.pdf`
      await storage.put(key, Buffer.from(`%PDF-1.4 ${kind}`))
      await db.insert(candidateDocument).values({
        userId: user.id,
        kind,
        storageKey: key,
        contentType: 'application/pdf',
        byteSize: 12,
        sha256: 'x'.repeat(64),
        uploadedAt: NOW,
        uploadedBy: user.id,
      })
    }
    serial += 1
    const [reg] = await db
      .insert(registration)
      .values({
        number: `KDI-LAS-2026.1-${String(serial).padStart(4, '0')}`,
        candidateId: user.id,
        batchId: batch.id,
        institutionId: kdi.id,
        state,
        createdAt: NOW,
        updatedAt: NOW,
        createdBy: user.id,
      })
      .returning()
    return { candidateId: user.id, registrationId: reg!.id }
  }

  const read = (ctx: ReturnType<typeof contextFor>, candidateId: string, kind: 'ktp' | 'diploma') =>
    readDocument(ctx, { candidateId, kind, storage })

  it('the committee reads the diploma but not the KTP', async () => {
    const candidate = await registered()
    const committee = await staff(['selection_committee'])
    await expect(read(committee.ctx, candidate.candidateId, 'diploma')).resolves.toMatchObject({ kind: 'diploma' })
    await expect(read(committee.ctx, candidate.candidateId, 'ktp')).rejects.toBeInstanceOf(ForbiddenError)
    // The administrator reads the KTP, audited.
    const admin = await staff(['administrator'])
    await expect(read(admin.ctx, candidate.candidateId, 'ktp')).resolves.toMatchObject({ kind: 'ktp' })
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.actorId, admin.user.id))
    expect(audits.map((a) => a.action)).toEqual(['document.read'])
  })

  it('the organiser reads nothing of a candidate not handed over to them', async () => {
    const candidate = await registered()
    const organiser = await staff(['organiser'])
    await expect(read(organiser.ctx, candidate.candidateId, 'ktp')).rejects.toBeInstanceOf(ForbiddenError)
    await expect(read(organiser.ctx, candidate.candidateId, 'diploma')).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('the organiser reads the documents of participants in a handover addressed to them, and only those', async () => {
    const participant = await registered('handed_over')
    const notInIt = await registered('re_registered')
    const receiver = await staff(['organiser'])
    const otherOrganiser = await staff(['organiser'])
    await db.insert(handover).values({
      batchId: batch.id,
      institutionId: kdi.id,
      number: 'BAST/KDI/2026/LAS-1',
      receiverId: receiver.user.id,
      registrationIds: [participant.registrationId],
      createdAt: NOW,
    })
    await expect(read(receiver.ctx, participant.candidateId, 'ktp')).resolves.toMatchObject({ kind: 'ktp' })
    await expect(read(receiver.ctx, participant.candidateId, 'diploma')).resolves.toMatchObject({ kind: 'diploma' })
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.actorId, receiver.user.id))
    expect(audits).toHaveLength(2)
    expect(audits[0]).toMatchObject({ action: 'document.read', institutionId: kdi.id })
    // Not someone left out of the handover; not an organiser it is not addressed to.
    await expect(read(receiver.ctx, notInIt.candidateId, 'ktp')).rejects.toBeInstanceOf(ForbiddenError)
    await expect(read(otherOrganiser.ctx, participant.candidateId, 'ktp')).rejects.toBeInstanceOf(ForbiddenError)
  })
})
