import { afterAll, describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { ValidationError } from '../errors'
import { onPublicContentChanged } from '../publicContent'
import { archiveProgramme } from './archiveProgramme'
import { createBatch } from './createBatch'
import { createProgramme } from './createProgramme'
import { getBatchDetails } from './getBatchDetails'
import { restoreProgramme } from './restoreProgramme'
import { batchForm, programmeForm, staffActor, twoInstitutions } from './testSupport'
import { updateBatch } from './updateBatch'
import { updateProgramme } from './updateProgramme'

// Decision 025: an administrator's change to a programme or batch tells the public page
// cache, once the change is committed; a refused change tells nobody.

const NOW = new Date('2026-12-01T02:00:00Z')

describe('changes to what anonymous visitors see', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const { kendari } = await twoInstitutions(db)
  const admin = await staffActor(db, kendari.id, ['administrator'])
  const ctx = contextFor(database, admin, NOW)
  // What the database holds at each signal: the change must already be there.
  const seen: Array<Promise<number | null>> = []
  let batchId: string | null = null
  const stop = onPublicContentChanged(() => {
    seen.push(batchId ? getBatchDetails(db, batchId).then((d) => d?.quota ?? null) : Promise.resolve(null))
  })
  afterAll(stop)

  it('signals after creating, changing, archiving and restoring a programme or batch', async () => {
    const programme = await createProgramme(ctx, { institutionId: kendari.id, ...programmeForm })
    expect(seen).toHaveLength(1)
    const created = await createBatch(ctx, { programmeId: programme.id, ...batchForm })
    expect(seen).toHaveLength(2)
    batchId = created.id
    await updateBatch(ctx, { batchId: created.id, ...batchForm, quota: '24' })
    expect(seen).toHaveLength(3)
    expect(await seen[2]).toBe(24)
    await updateProgramme(ctx, { programmeId: programme.id, ...programmeForm, name: 'Pengelasan SMAW 3G dan 4G' })
    await archiveProgramme(ctx, { programmeId: programme.id })
    await restoreProgramme(ctx, { programmeId: programme.id })
    expect(seen).toHaveLength(6)
  })

  it('does not signal a refused change', async () => {
    const before = seen.length
    await expect(updateBatch(ctx, { batchId: batchId!, ...batchForm, quota: '0' })).rejects.toBeInstanceOf(ValidationError)
    await expect(createProgramme(ctx, { institutionId: kendari.id, ...programmeForm, name: '' })).rejects.toBeInstanceOf(ValidationError)
    expect(seen).toHaveLength(before)
  })
})
