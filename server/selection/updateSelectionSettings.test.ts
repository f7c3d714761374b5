import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { staffActor } from '../../tests/actors'
import { contextFor, createTestDatabase } from '../../tests/db'
import { createBatch, createInstitution, createProgramme } from '../db/factories'
import { auditEvent, batchSelection, plenary } from '../db/schema'
import { ForbiddenError, ValidationError } from '../errors'
import { createOfficerActor } from '../registrations/testFixtures'
import { getBatchSelectionSettings } from './getBatchSelectionSettings'
import { getSelectionHub } from './getSelectionHub'
import { getSelectionSettings } from './selectionSettings'
import { updateSelectionSettings } from './updateSelectionSettings'

const database = await createTestDatabase()
const { db } = database
const OPENS = new Date('2026-12-01T00:00:00Z') // 08.00 WITA
const NOW = new Date('2026-12-05T02:00:00Z')
const kdi = await createInstitution(db)
const mks = await createInstitution(db, { code: 'MKS', name: 'BPVP Makassar' })
const las = await createProgramme(db, { institutionId: kdi.id })
const b = await createBatch(db, { institutionId: kdi.id, programmeId: las.id, opensAt: OPENS })
const committee = await staffActor(db, kdi.id, ['selection_committee'], 'Panitia')
const ctx = contextFor(database, committee, NOW)

const valid = {
  batchId: b.id,
  weightWrittenTest: '50',
  weightInterview: '40',
  weightSelfAssessment: '10',
  interviewInviteLimit: '48',
  slotChangeCutoff: '2026-12-29T17:00',
  interviewBring: 'KTP asli dan ijazah asli.',
}

async function refused(input: Record<string, unknown>): Promise<Record<string, string[]>> {
  const error = await updateSelectionSettings(ctx, { batchId: b.id, ...input } as never).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ValidationError)
  return (error as ValidationError).fieldErrors
}

describe('selection settings', () => {
  it('starts from the defaults, then saves what the committee typed (cut-off read in WITA), audited', async () => {
    expect((await getSelectionSettings(db, b.id)).weights).toEqual({ writtenTest: 60, interview: 40, selfAssessment: 0 })
    const page = await getBatchSelectionSettings(ctx, { batchId: b.id })
    expect(page).toMatchObject({ saved: false, canConfigure: true, plenaryFinalised: false })
    expect(page.formValues).toMatchObject({ weightWrittenTest: '60', interviewInviteLimit: '', slotChangeCutoff: '' })

    const saved = await updateSelectionSettings(ctx, valid)
    expect(saved).toMatchObject({
      weights: { writtenTest: 50, interview: 40, selfAssessment: 10 },
      interviewInviteLimit: 48,
      interviewBring: 'KTP asli dan ijazah asli.',
    })
    // 17.00 WITA is 09.00 UTC.
    expect(saved.slotChangeCutoff?.toISOString()).toBe('2026-12-29T09:00:00.000Z')
    const again = await getBatchSelectionSettings(ctx, { batchId: b.id })
    expect(again.saved).toBe(true)
    expect(again.formValues.slotChangeCutoff).toBe('2026-12-29T17:00')
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.action, 'selection.configure'))
    expect(audits).toHaveLength(1)

    // Empty invite limit and cut-off: everyone who passed, until the slot starts.
    const cleared = await updateSelectionSettings(ctx, { ...valid, interviewInviteLimit: '', slotChangeCutoff: ' ' })
    expect(cleared).toMatchObject({ interviewInviteLimit: null, slotChangeCutoff: null })
    expect(await db.select().from(batchSelection).where(eq(batchSelection.batchId, b.id))).toHaveLength(1)
  })

  it('refuses bad input at its field, changing nothing', async () => {
    const before = await getSelectionSettings(db, b.id)
    expect((await refused({ ...valid, weightSelfAssessment: '0' })).weights).toEqual(['Jumlah ketiga bobot harus 100 %; sekarang 90 %.'])
    expect((await refused({ ...valid, weightWrittenTest: '55.5' })).weightWrittenTest?.[0]).toMatch(/bilangan bulat/)
    expect((await refused({ ...valid, weightInterview: '-10', weightWrittenTest: '110' })).weightInterview?.[0]).toMatch(/paling kecil 0/)
    expect((await refused({ ...valid, weightInterview: '' })).weightInterview?.[0]).toMatch(/wajib diisi/)
    expect((await refused({ ...valid, weightInterview: ['40', '50'] })).weightInterview).toBeDefined()
    expect((await refused({ ...valid, interviewInviteLimit: '0' })).interviewInviteLimit?.[0]).toMatch(/paling sedikit 1/)
    expect((await refused({ ...valid, interviewInviteLimit: 'tiga' })).interviewInviteLimit).toBeDefined()
    expect((await refused({ ...valid, slotChangeCutoff: '2026-02-30T10:00' })).slotChangeCutoff?.[0]).toMatch(/tanggal dan jam yang valid/)
    // The plenary is 33 days after opening: 3 January 2027 08.00 WITA.
    expect((await refused({ ...valid, slotChangeCutoff: '2027-01-03T08:00' })).slotChangeCutoff?.[0]).toBe(
      'Batas pindah jadwal harus sebelum rapat pleno (3 Januari 2027 08.00 WITA).',
    )
    expect((await refused({ ...valid, interviewBring: '   ' })).interviewBring).toBeDefined()
    expect((await refused({ ...valid, interviewBring: 'KTP\u0000' })).interviewBring?.[0]).toMatch(/tidak diizinkan/)
    expect((await refused({ weightWrittenTest: 100 })).weightInterview).toBeDefined()
    expect(await getSelectionSettings(db, b.id)).toEqual(before)
  })

  it('keeps the weights once the plenary is finalised; the rest may still change', async () => {
    const other = await createBatch(db, { institutionId: kdi.id, programmeId: las.id, opensAt: OPENS, number: 2 })
    await updateSelectionSettings(ctx, { ...valid, batchId: other.id })
    await db.insert(plenary).values({
      batchId: other.id,
      institutionId: kdi.id,
      status: 'finalised',
      minutesNumber: 'BA/PLENO/UJI/1',
      openedAt: NOW,
      finalisedAt: NOW,
    })
    const error = await updateSelectionSettings(ctx, { ...valid, batchId: other.id, weightWrittenTest: '60', weightInterview: '30' }).catch(
      (e: unknown) => e,
    )
    expect((error as ValidationError).fieldErrors.weights?.[0]).toMatch(/pleno gelombang ini sudah difinalkan/)
    const kept = await updateSelectionSettings(ctx, { ...valid, batchId: other.id, interviewBring: 'KTP asli.' })
    expect(kept).toMatchObject({ weights: { writtenTest: 50, interview: 40, selfAssessment: 10 }, interviewBring: 'KTP asli.' })
    expect((await getBatchSelectionSettings(ctx, { batchId: other.id })).plenaryFinalised).toBe(true)
  })

  it('only the committee of the batch’s centre configures; administrators may look', async () => {
    const admin = await staffActor(db, kdi.id, ['administrator'], 'Admin')
    const outsiders = [
      admin,
      await staffActor(db, kdi.id, ['interviewer'], 'Pewawancara'),
      await createOfficerActor(db, kdi.id),
      await staffActor(db, kdi.id, ['organiser'], 'Penyelenggara'),
      await staffActor(db, mks.id, ['selection_committee'], 'Panitia Makassar'),
    ]
    for (const actor of outsiders) {
      await expect(updateSelectionSettings(contextFor(database, actor, NOW), valid)).rejects.toBeInstanceOf(ForbiddenError)
    }
    expect((await getBatchSelectionSettings(contextFor(database, admin, NOW), { batchId: b.id })).canConfigure).toBe(false)
    for (const actor of outsiders.slice(1)) {
      await expect(getSelectionHub(contextFor(database, actor, NOW), { batchId: b.id })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(getBatchSelectionSettings(contextFor(database, actor, NOW), { batchId: b.id })).rejects.toBeInstanceOf(ForbiddenError)
    }
    await expect(updateSelectionSettings(ctx, { ...valid, batchId: 'nope' })).rejects.toMatchObject({ status: 404 })
  })

  it('the hub lists the steps in SOP order with their links and the registrations by state', async () => {
    const hub = await getSelectionHub(ctx, { batchId: b.id })
    expect(hub.steps.map((s) => [s.key, s.path.replace(b.id, ':id')])).toEqual([
      ['assessments', '/staf/gelombang/:id/asesmen'],
      ['writtenTest', '/staf/gelombang/:id/tes-tulis'],
      ['interviews', '/staf/gelombang/:id/wawancara'],
      ['plenary', '/staf/gelombang/:id/pleno'],
      ['settings', '/staf/gelombang/:id/pengaturan'],
    ])
    expect(hub.steps.map((s) => s.status)).toEqual(['open', 'waiting', 'waiting', 'waiting', 'done'])
    expect(hub.total).toBe(0)
    expect(hub.counts.registered).toBe(0)
  })
})
