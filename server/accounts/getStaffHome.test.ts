import { describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor'
import { loadActor } from '../auth/sessions'
import { createCandidate, createInstitution, createStaff } from '../db/factories'
import { staffAssignment } from '../db/schema'
import { ForbiddenError } from '../errors'
import { contextFor, createTestDatabase } from '../../tests/db'
import { getStaffHome } from './getStaffHome'

describe('getStaffHome', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const kdi = await createInstitution(db)
  const kolaka = await createInstitution(db, { code: 'KLK', name: 'BPVP Kolaka' })
  const asActor = (u: { id: string; kind: 'candidate' | 'staff'; email: string; displayName: string }): Promise<Actor> =>
    loadActor(db, { userId: u.id, kind: u.kind, email: u.email, displayName: u.displayName })

  it('lists roles per institution (by name) and links only the areas the roles open', async () => {
    const user = await createStaff(db, { institutionId: kdi.id, email: 'multi@bpvp.test', displayName: 'Andi', roles: ['interviewer', 'kiosk_officer'], password: 'Latih-Demo-2026' })
    await db.insert(staffAssignment).values({ userId: user.id, institutionId: kolaka.id, role: 'administrator' })
    const home = await getStaffHome(contextFor(database, await asActor(user)))
    expect(home.displayName).toBe('Andi')
    expect(home.institutions).toEqual([
      { id: kdi.id, code: 'KDI', name: 'BPVP Kendari', roles: ['kiosk_officer', 'interviewer'] },
      { id: kolaka.id, code: 'KLK', name: 'BPVP Kolaka', roles: ['administrator'] },
    ])
    expect(home.areas).toEqual([
      { area: 'kiosk', path: '/kios' },
      { area: 'admin', path: '/admin/program' },
      { area: 'assessments', path: '/staf/asesmen' },
      { area: 'interviews', path: '/wawancara' },
      { area: 'reRegistrationDesk', path: '/kios/daftar-ulang' },
    ])
    expect(home.rolesWithoutArea).toEqual([])
  })

  it('opens the assessment results to the selection committee, once', async () => {
    const user = await createStaff(db, { institutionId: kdi.id, email: 'panitia@bpvp.test', displayName: 'Andi', roles: ['selection_committee', 'administrator'], password: 'Latih-Demo-2026' })
    const home = await getStaffHome(contextFor(database, await asActor(user)))
    expect(home.areas).toEqual([
      { area: 'admin', path: '/admin/program' },
      { area: 'assessments', path: '/staf/asesmen' },
    ])
    expect(home.rolesWithoutArea).toEqual([])
  })

  it('leads an organiser to the handovers addressed to them', async () => {
    const user = await createStaff(db, { institutionId: kdi.id, email: 'org@bpvp.test', displayName: 'Wulan', roles: ['organiser'], password: 'Latih-Demo-2026' })
    const home = await getStaffHome(contextFor(database, await asActor(user)))
    expect(home.areas).toEqual([{ area: 'handover', path: '/penyelenggara' }])
    expect(home.rolesWithoutArea).toEqual([])
  })

  it('is not for candidates', async () => {
    const c = await createCandidate(db, { nik: '7471011508950401' })
    await expect(getStaffHome(contextFor(database, await asActor(c.user)))).rejects.toBeInstanceOf(ForbiddenError)
  })
})
