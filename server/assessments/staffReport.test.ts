import ExcelJS from 'exceljs'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { createBatch, createInstitution, createProgramme, createStaff } from '../db/factories'
import { assessmentAttempt, auditEvent } from '../db/schema'
import { ForbiddenError } from '../errors'
import { exportBatchAssessments } from './exportBatchAssessments'
import { getBatchAssessmentReport } from './getBatchAssessmentReport'
import { getWrittenTestItemStatistics } from './getWrittenTestItemStatistics'
import { saveAnswers } from './saveAnswers'
import { startAttempt } from './startAttempt'
import { submitAttempt } from './submitAttempt'
import { registeredCandidate, setUpBatchAssessments, staffActor } from './testFactories'

const database = await createTestDatabase()
const { db } = database
const MIN = 60_000
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MIN)
const OPENS = new Date('2026-12-01T00:00:00Z')
const T = new Date('2026-12-03T00:00:00Z')

const kdi = await createInstitution(db)
const other = await createInstitution(db, { code: 'MKS', name: 'BPVP Makassar' })
const las = await createProgramme(db, { institutionId: kdi.id })
const b = await createBatch(db, { institutionId: kdi.id, programmeId: las.id, opensAt: OPENS })
const banks = await setUpBatchAssessments(db, { institutionId: kdi.id, batchId: b.id, passMark: 60 })
const person = async (email: string, roles: Parameters<typeof staffActor>[2], institutionId = kdi.id) =>
  staffActor(
    await createStaff(db, { institutionId, email, displayName: email, roles, password: 'Staf-Latih-2026' }),
    institutionId,
    roles,
  )
const committee = await person('panitia@contoh.test', ['selection_committee'])
const admin = await person('admin@contoh.test', ['administrator'])
const interviewer = await person('pewawancara@contoh.test', ['interviewer'])
const otherAdmin = await person('admin@mks.test', ['administrator'], other.id)

/** Candidate i answers the first `right` questions with the key ('A') and the rest wrongly. */
async function writtenTest(actor: Parameters<typeof contextFor>[1], candidateId: string, right: number, start: Date) {
  const { attempt } = await startAttempt(contextFor(database, actor, start), { candidateId, kind: 'written_test' })
  await saveAnswers(contextFor(database, actor, at(start, 5)), {
    attemptId: attempt.id,
    answers: attempt.items.map((_, i) => ({ position: i + 1, answer: i < right ? 'A' : 'B' })),
  })
  await submitAttempt(contextFor(database, actor, at(start, 10)), { attemptId: attempt.id, reason: 'candidate' })
  return attempt
}

describe('staff view of a batch', async () => {
  const finished: Array<Awaited<ReturnType<typeof registeredCandidate>>> = []
  for (const [i, right] of [9, 7, 6, 4, 2, 10].entries()) {
    const c = await registeredCandidate(db, b.id, T, { fullName: `Peserta ${i + 1}` })
    await writtenTest(c.actor, c.user.id, right, at(T, i * 20))
    finished.push(c)
  }
  const working = await registeredCandidate(db, b.id, T, { fullName: 'Sedang Mengerjakan' })
  const open = await startAttempt(contextFor(database, working.actor, at(T, 300)), { candidateId: working.user.id, kind: 'written_test' })
  await saveAnswers(contextFor(database, working.actor, at(T, 301)), { attemptId: open.attempt.id, answers: [{ position: 1, answer: 'A' }] })
  const expiring = await registeredCandidate(db, b.id, T, { fullName: 'Waktu Habis' })
  const late = await startAttempt(contextFor(database, expiring.actor, at(T, 200)), { candidateId: expiring.user.id, kind: 'written_test' })
  const idle = await registeredCandidate(db, b.id, T, { fullName: 'Belum Mulai' })
  const now = at(T, 310)

  it('shows who has not started, is working, or finished each assessment, with scores against the pass mark', async () => {
    const report = await getBatchAssessmentReport(contextFor(database, committee, now), { batchId: b.id })
    expect(report.rows).toHaveLength(9)
    expect(report.summary.written_test).toEqual({ notStarted: 1, inProgress: 1, completed: 7 })
    expect(report.summary.self_assessment).toEqual({ notStarted: 9, inProgress: 0, completed: 0 })
    const row = (id: string) => report.rows.find((r) => r.candidateId === id)!
    expect(row(finished[0]!.user.id).kinds.written_test).toMatchObject({ status: 'completed', score: 90, correctCount: 9, passed: true })
    expect(row(finished[3]!.user.id).kinds.written_test).toMatchObject({ status: 'completed', score: 40, passed: false })
    expect(row(working.user.id).kinds.written_test).toMatchObject({ status: 'in_progress', answered: 1, total: 10 })
    expect(row(idle.user.id).kinds.written_test).toEqual({ status: 'not_started' })
    expect(row(idle.user.id).fullName).toBe('Belum Mulai')
    // The attempt past its end was submitted by reading the report.
    expect(row(expiring.user.id).kinds.written_test).toMatchObject({ status: 'completed', submitReason: 'time_up', score: 0 })
    const [closed] = await db.select().from(assessmentAttempt).where(eq(assessmentAttempt.id, late.attempt.id))
    expect(closed?.submittedAt?.toISOString()).toBe(at(T, 240).toISOString())
    expect(report.configs.written_test).toEqual({ timeLimitMinutes: 40, passMark: 60, questionCount: 10 })
  })

  it('gives per-question statistics of the written test, with the choices made', async () => {
    const stats = await getWrittenTestItemStatistics(contextFor(database, admin, now), { batchId: b.id })
    expect(stats.attempts).toBe(7)
    const versionIds = new Set([...banks.general.questions, ...banks.field.questions].map((q) => q.versionId))
    expect(stats.items.every((s) => versionIds.has(s.questionVersionId))).toBe(true)
    const total = stats.items.reduce((n, s) => n + s.n, 0)
    expect(total).toBe(70)
    for (const s of stats.items) {
      expect(s.correctOptionKey).toBe('A')
      expect(s.choices.reduce((n, c) => n + c.count, 0) + s.blank).toBe(s.n)
      expect(s.pCorrect).toBeGreaterThanOrEqual(0)
      expect(s.pCorrect).toBeLessThanOrEqual(1)
    }
  })

  it('exports the report and the statistics as XLSX, audited', async () => {
    const file = await exportBatchAssessments(contextFor(database, committee, now), { batchId: b.id })
    expect(file.filename).toMatch(/^asesmen-.*\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer)
    const people = workbook.getWorksheet('Peserta')!
    expect(people.rowCount).toBe(10)
    const names: string[] = []
    people.eachRow((r, n) => {
      if (n > 1) names.push(String(r.getCell(2).value))
    })
    expect(names).toContain('Belum Mulai')
    const header = people.getRow(1).values as unknown[]
    expect(header).toContain('Asesmen Siap Latih (tes tulis): nilai')
    expect(workbook.getWorksheet('Statistik soal tes tulis')!.rowCount).toBeGreaterThan(1)
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.action, 'assessment.export'))
    expect(audits).toHaveLength(1)
  })

  it("is not for interviewers nor another centre's staff", async () => {
    await expect(getBatchAssessmentReport(contextFor(database, interviewer, now), { batchId: b.id })).rejects.toThrow(ForbiddenError)
    await expect(getBatchAssessmentReport(contextFor(database, otherAdmin, now), { batchId: b.id })).rejects.toThrow(ForbiddenError)
    await expect(getWrittenTestItemStatistics(contextFor(database, finished[0]!.actor, now), { batchId: b.id })).rejects.toThrow(
      ForbiddenError,
    )
  })
})
