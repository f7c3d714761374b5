import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { staffActor } from '../../tests/actors'
import { contextFor, createTestDatabase } from '../../tests/db'
import { createInstitution, createProgramme } from '../db/factories'
import { registration, writtenTestResult } from '../db/schema'
import { seedSelectionInterviews } from '../db/seedSelectionInterviews'
import { createInterviewSlot } from './createInterviewSlot'
import { getInterviewCandidate } from './getInterviewCandidate'
import { getInterviewOverview } from './getInterviewOverview'
import { inviteToInterviews } from './inviteToInterviews'

describe('seedSelectionInterviews (demo data for SOP step 7)', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const now = new Date('2027-03-01T02:00:00Z')

  it('adds a TSM batch with published written results and no slots, once; the journey can schedule it', async () => {
    const kdi = await createInstitution(db)
    await createProgramme(db, { institutionId: kdi.id, code: 'TSM', name: 'Perawatan dan Perbaikan Sepeda Motor Injeksi', vocationalField: 'Otomotif' })
    const started = Date.now()
    const seeded = await db.transaction((tx) => seedSelectionInterviews(tx, kdi.id, now))
    const ms = Date.now() - started
    expect(seeded).toMatchObject({ passed: 12, failed: 3 })
    expect(ms).toBeLessThan(15_000)
    expect(await db.transaction((tx) => seedSelectionInterviews(tx, kdi.id, now))).toBeNull()

    const batchId = seeded!.batchId
    const regs = await db.select().from(registration).where(eq(registration.batchId, batchId))
    expect(regs.filter((r) => r.state === 'written_test_passed')).toHaveLength(12)
    expect(regs.filter((r) => r.state === 'written_test_failed')).toHaveLength(3)
    expect(await db.select().from(writtenTestResult).where(and(eq(writtenTestResult.batchId, batchId), eq(writtenTestResult.passed, 'yes')))).toHaveLength(12)

    const committee = await staffActor(db, kdi.id, ['selection_committee'], 'Panitia')
    const interviewer = await staffActor(db, kdi.id, ['interviewer'], 'Pewawancara')
    const overview = await getInterviewOverview(contextFor(database, committee, now), { batchId })
    expect(overview.slots).toHaveLength(0)
    expect(overview.waiting.map((w) => w.writtenScore)).toEqual([92.5, 87.5, 85, 82.5, 80, 77.5, 75, 72.5, 70, 67.5, 65, 62.5])
    // Interviews start three days after `now`, at 08.00 WITA.
    expect(overview.batch.interviewStartsAt.toISOString()).toBe('2027-03-04T00:00:00.000Z')

    await createInterviewSlot(contextFor(database, committee, now), {
      batchId,
      date: '2027-03-04',
      startTime: '09:00',
      endTime: '12:00',
      place: 'Ruang Wawancara 1',
      onlineUrl: '',
      capacity: 12,
      interviewerIds: [interviewer.userId],
    })
    expect(await inviteToInterviews(contextFor(database, committee, now), { batchId })).toMatchObject({ invited: 12 })
    const view = await getInterviewCandidate(contextFor(database, interviewer, now), { registrationId: overview.waiting[0]!.registrationId })
    expect(view.profile).toMatchObject({ fullName: 'Ahmad Rifai', regency: 'Kota Kendari' })
    expect(view.writtenTest).toEqual({ score: 92.5, passMark: 60 })
    expect(view.selfAssessment?.scales.length).toBeGreaterThan(0)
    expect(view.potential?.profile.ranked.length).toBeGreaterThan(0)
    expect(view.potential?.profile.ranked[0]!.name).not.toMatch(/^[A-Z]$/)
  })
})
