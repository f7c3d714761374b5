// Shared set-up for this folder's integration tests (not used by the application).
import type { Actor } from '../auth/actor'
import { loadActor } from '../auth/sessions'
import type { DbOrTx } from '../db/client'
import { createBatch, createCandidate, createInstitution, createProgramme, createStaff, nextNik } from '../db/factories'
import { assistedSession } from '../db/schema'

/** 20 January 2027, 10.00 WITA: the batches below are open. */
export const NOW = new Date('2027-01-20T02:00:00Z')
/** Registration opens 12 January 2027 08.00 WITA. */
export const OPENS_AT = new Date('2027-01-12T00:00:00Z')

export { nextNik } from '../db/factories'

export async function createWorld(db: DbOrTx) {
  const kdi = await createInstitution(db)
  const las = await createProgramme(db, { institutionId: kdi.id, code: 'LAS', minEducation: 'SMP', minAge: 17, maxAge: 45 })
  const dgr = await createProgramme(db, {
    institutionId: kdi.id,
    code: 'DGR',
    name: 'Desain Grafis Muda',
    minEducation: 'SMA',
    requiredDocuments: ['KTP', 'Ijazah SMA/SMK'],
  })
  const lasBatch = await createBatch(db, { programmeId: las.id, institutionId: kdi.id, year: 2027, number: 1, opensAt: OPENS_AT })
  const dgrBatch = await createBatch(db, { programmeId: dgr.id, institutionId: kdi.id, year: 2027, number: 1, opensAt: OPENS_AT })
  return { kdi, las, dgr, lasBatch, dgrBatch }
}

export async function createCandidateActor(
  db: DbOrTx,
  input: Parameters<typeof createCandidate>[1] = {},
): Promise<{ actor: Actor; nik: string; email: string }> {
  const { user, nik, email } = await createCandidate(db, { complete: true, nik: nextNik(), ...input })
  return {
    actor: { kind: 'candidate', userId: user.id, email: user.email, displayName: user.displayName, roles: [] },
    nik,
    email,
  }
}

/** A kiosk officer of `institutionId`, assisting `candidateId` when given. */
export async function createOfficerActor(db: DbOrTx, institutionId: string, candidateId?: string): Promise<Actor> {
  const officer = await createStaff(db, {
    institutionId,
    email: `petugas.${Math.random().toString(36).slice(2, 10)}@bpvp-kendari.test`,
    displayName: 'Petugas Kios Sari',
    roles: ['kiosk_officer'],
    password: 'Latih-Demo-2026',
  })
  if (candidateId) {
    await db.insert(assistedSession).values({ officerId: officer.id, candidateId, institutionId, startedAt: NOW })
  }
  return loadActor(db, { userId: officer.id, kind: 'staff', email: officer.email, displayName: officer.displayName })
}
