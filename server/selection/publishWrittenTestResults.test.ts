import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { staffActor } from '../../tests/actors'
import { contextFor, createTestDatabase } from '../../tests/db'
import type { Actor } from '../auth/actor'
import { saveAnswers } from '../assessments/saveAnswers'
import { startAttempt } from '../assessments/startAttempt'
import { submitAttempt } from '../assessments/submitAttempt'
import { registeredCandidate, setUpBatchAssessments } from '../assessments/testFactories'
import { createBatch, createInstitution, createProgramme } from '../db/factories'
import { auditEvent, batch, batchAssessment, job, registration, registrationEvent, writtenTestResult } from '../db/schema'
import { ConflictError, ForbiddenError } from '../errors'
import { runDueJobs } from '../jobs/queue'
import { jobRegistry } from '../jobs/registry'
import type { Mailer, MailMessage } from '../mail/transport'
import { createOfficerActor } from '../registrations/testFixtures'
import { getWrittenTestResults } from './getWrittenTestResults'
import { publishWrittenTestResults } from './publishWrittenTestResults'

const database = await createTestDatabase()
const { db } = database
const MIN = 60_000
const DAY = 86_400_000
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MIN)
// Registration opens 1 Dec 2026 08.00 WITA; the assessment deadline is 24 days later.
const OPENS = new Date('2026-12-01T00:00:00Z')
const T = new Date(OPENS.getTime() + 2 * DAY)

const kdi = await createInstitution(db)
const mks = await createInstitution(db, { code: 'MKS', name: 'BPVP Makassar' })
const committee = await staffActor(db, kdi.id, ['selection_committee'], 'Panitia')
let programmeSerial = 0

/** All three assessments through the use cases; `right` of the 10 written-test items correct. */
async function takeAll(actor: Actor, candidateId: string, right: number, start: Date) {
  let minute = 0
  for (const kind of ['self_assessment', 'potential', 'written_test'] as const) {
    const { attempt } = await startAttempt(contextFor(database, actor, at(start, minute)), { candidateId, kind })
    await saveAnswers(contextFor(database, actor, at(start, minute + 1)), {
      attemptId: attempt.id,
      answers: attempt.items.map((item, i) => ({
        position: i + 1,
        answer: kind === 'written_test' ? (i < right ? 'A' : 'B') : item.optionOrder[0]!,
      })),
    })
    await submitAttempt(contextFor(database, actor, at(start, minute + 2)), { attemptId: attempt.id, reason: 'candidate' })
    minute += 5
  }
}

/** A batch with candidates scoring right×10 % each, and one who registered but never sat. */
async function assessedBatch(rights: number[], options: { passMark?: number | null } = {}) {
  programmeSerial += 1
  const prog = await createProgramme(db, { institutionId: kdi.id, code: `P${programmeSerial}` })
  const b = await createBatch(db, { institutionId: kdi.id, programmeId: prog.id, opensAt: OPENS })
  await setUpBatchAssessments(db, { institutionId: kdi.id, batchId: b.id, prefix: `P${programmeSerial}`, passMark: 60 })
  if (options.passMark === null) {
    await db
      .update(batchAssessment)
      .set({ passMark: null })
      .where(and(eq(batchAssessment.batchId, b.id), eq(batchAssessment.kind, 'written_test')))
  }
  const candidates = []
  for (const [i, right] of rights.entries()) {
    const c = await registeredCandidate(db, b.id, T, { fullName: `Calon ${programmeSerial}-${i + 1}` })
    await takeAll(c.actor, c.user.id, right, at(T, 30 * i))
    candidates.push({ ...c, right })
  }
  const absent = await registeredCandidate(db, b.id, T, { fullName: `Tidak Hadir ${programmeSerial}` })
  return { batch: b, candidates, absent, after: at(b.assessmentDeadline, 60) }
}

async function mailJobs(emails: string[]) {
  const rows = await db.select().from(job).where(eq(job.name, 'mail.send'))
  return rows.filter((r) => emails.includes((r.payload as { to: string }).to) && (r.payload as { subject: string }).subject.startsWith('Hasil tes tulis'))
}

function recordingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = []
  return { kind: 'local', sent, async send(m: MailMessage) { sent.push(m) } } as Mailer & { sent: MailMessage[] }
}

describe('publishing the written-test results (SOP step 6)', () => {
  it('moves each assessed registration, records the result, and mails each candidate once', async () => {
    const w = await assessedBatch([8, 6, 5, 3])
    const ctx = contextFor(database, committee, w.after)

    const preview = await getWrittenTestResults(ctx, { batchId: w.batch.id })
    expect(preview.publishBlocker).toBeNull()
    expect(preview.assessed.map((r) => [r.score, r.passed])).toEqual([[80, true], [60, true], [50, false], [30, false]])
    expect(preview.notSat.map((r) => r.registrationId)).toEqual([w.absent.registration.id])

    const result = await publishWrittenTestResults(ctx, { batchId: w.batch.id })
    expect(result).toMatchObject({ passed: 2, failed: 2, mailed: 4 })

    const ids = w.candidates.map((c) => c.registration.id)
    const states = await db.select({ id: registration.id, state: registration.state }).from(registration).where(inArray(registration.id, ids))
    const stateOf = new Map(states.map((s) => [s.id, s.state]))
    expect(w.candidates.map((c) => stateOf.get(c.registration.id))).toEqual([
      'written_test_passed',
      'written_test_passed',
      'written_test_failed',
      'written_test_failed',
    ])
    const [absentRow] = await db.select().from(registration).where(eq(registration.id, w.absent.registration.id))
    expect(absentRow?.state).toBe('registered')

    const results = await db.select().from(writtenTestResult).where(eq(writtenTestResult.batchId, w.batch.id))
    expect(results).toHaveLength(4)
    expect(results.every((r) => r.passMark === 60 && r.attemptId !== null)).toBe(true)
    const events = await db
      .select()
      .from(registrationEvent)
      .where(and(inArray(registrationEvent.registrationId, ids), inArray(registrationEvent.kind, ['pass_written_test', 'fail_written_test'])))
    expect(events).toHaveLength(4)
    expect(events.find((e) => e.registrationId === ids[1])?.data).toMatchObject({ score: 60, passMark: 60 })

    const mails = await mailJobs(w.candidates.map((c) => c.user.email))
    expect(mails).toHaveLength(4)
    expect(new Set(mails.map((m) => (m.payload as { to: string }).to)).size).toBe(4)
    const first = mails.find((m) => (m.payload as { to: string }).to === w.candidates[0]!.user.email)!.payload as MailMessage
    expect(first.text).toContain('Nilai tes tulis (Asesmen Siap Latih) Anda: 80. Nilai batas lulus: 60.')
    expect(first.text).toContain(`/aktivitas/${ids[0]}`)
    const failedMail = mails.find((m) => (m.payload as { to: string }).to === w.candidates[3]!.user.email)!.payload as MailMessage
    expect(failedMail.text).toContain('belum lulus tes tulis')

    const [published] = await db.select().from(batch).where(eq(batch.id, w.batch.id))
    expect(published?.writtenTestPublishedAt?.toISOString()).toBe(w.after.toISOString())
    const audits = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'writtenTest.publish'), eq(auditEvent.entityId, w.batch.id)))
    expect(audits).toHaveLength(1)

    // Publishing again changes nothing and mails nobody twice.
    await expect(publishWrittenTestResults(contextFor(database, committee, at(w.after, 5)), { batchId: w.batch.id })).rejects.toThrow(
      /sudah diumumkan/,
    )
    expect(await mailJobs(w.candidates.map((c) => c.user.email))).toHaveLength(4)
    const after = await getWrittenTestResults(contextFor(database, committee, at(w.after, 6)), { batchId: w.batch.id })
    expect(after.publishBlocker).toBe('published')
    expect(after.assessed.map((r) => r.score)).toEqual([80, 60, 50, 30])
  })

  it('two concurrent publications give one publication and one mail per candidate', async () => {
    const w = await assessedBatch([9, 4, 7])
    const outcomes = await Promise.allSettled([
      publishWrittenTestResults(contextFor(database, committee, w.after), { batchId: w.batch.id }),
      publishWrittenTestResults(contextFor(database, committee, w.after), { batchId: w.batch.id }),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toBeInstanceOf(ConflictError)
    expect(await mailJobs(w.candidates.map((c) => c.user.email))).toHaveLength(3)
    const results = await db.select().from(writtenTestResult).where(eq(writtenTestResult.batchId, w.batch.id))
    expect(results).toHaveLength(3)
  })

  it('a worker that dies after claiming the mails still delivers exactly one per candidate', async () => {
    const w = await assessedBatch([10, 2])
    await publishWrittenTestResults(contextFor(database, committee, w.after), { batchId: w.batch.id })
    const emails = w.candidates.map((c) => c.user.email)
    const pending = await mailJobs(emails)
    // A worker claimed the jobs (status running, lease taken) and died before sending.
    await db
      .update(job)
      .set({ status: 'running', attempts: 1, lockedUntil: at(w.after, 5) })
      .where(inArray(job.id, pending.map((j) => j.id)))
    const mailer = recordingMailer()
    const deps = (now: Date) => ({ db, mailer, now: () => now })
    // While the lease holds nothing runs again; after it expires each mail goes once.
    await runDueJobs(deps(at(w.after, 1)), jobRegistry, 500)
    const resultMails = () => mailer.sent.filter((m) => emails.includes(m.to) && m.subject.startsWith('Hasil tes tulis'))
    expect(resultMails()).toHaveLength(0)
    await runDueJobs(deps(at(w.after, 10)), jobRegistry, 500)
    await runDueJobs(deps(at(w.after, 20)), jobRegistry, 500)
    const mine = resultMails()
    expect(mine.map((m) => m.to).sort()).toEqual([...emails].sort())
  })

  it('is refused before the assessment deadline and without a pass mark, changing nothing', async () => {
    const early = await assessedBatch([8])
    await expect(
      publishWrittenTestResults(contextFor(database, committee, at(early.batch.assessmentDeadline, -60)), { batchId: early.batch.id }),
    ).rejects.toThrow(/setelah batas asesmen, 25 Desember 2026 08\.00 WITA/)
    const noMark = await assessedBatch([8], { passMark: null })
    await expect(publishWrittenTestResults(contextFor(database, committee, noMark.after), { batchId: noMark.batch.id })).rejects.toThrow(
      /batas lulus tes tulis gelombang ini belum diatur/,
    )
    for (const w of [early, noMark]) {
      const [b] = await db.select().from(batch).where(eq(batch.id, w.batch.id))
      expect(b?.writtenTestPublishedAt).toBeNull()
      const [r] = await db.select().from(registration).where(eq(registration.id, w.candidates[0]!.registration.id))
      expect(r?.state).toBe('assessed')
      expect(await mailJobs([w.candidates[0]!.user.email])).toHaveLength(0)
    }
  })

  it('is refused to interviewers, kiosk officers, organisers and another centre’s committee', async () => {
    const w = await assessedBatch([8, 3])
    const outsiders = [
      await staffActor(db, kdi.id, ['interviewer'], 'Pewawancara'),
      await createOfficerActor(db, kdi.id),
      await staffActor(db, kdi.id, ['organiser'], 'Penyelenggara'),
      await staffActor(db, mks.id, ['selection_committee'], 'Panitia Makassar'),
      w.candidates[0]!.actor,
    ]
    for (const actor of outsiders) {
      await expect(publishWrittenTestResults(contextFor(database, actor, w.after), { batchId: w.batch.id })).rejects.toBeInstanceOf(
        ForbiddenError,
      )
    }
    // Reading the results is for the committee and administrators of the centre.
    for (const actor of outsiders) {
      await expect(getWrittenTestResults(contextFor(database, actor, w.after), { batchId: w.batch.id })).rejects.toBeInstanceOf(
        ForbiddenError,
      )
    }
    const admin = await staffActor(db, kdi.id, ['administrator'], 'Admin')
    const seen = await getWrittenTestResults(contextFor(database, admin, w.after), { batchId: w.batch.id })
    expect(seen.canPublish).toBe(false)
    await expect(publishWrittenTestResults(contextFor(database, admin, w.after), { batchId: w.batch.id })).rejects.toBeInstanceOf(
      ForbiddenError,
    )
    const [b] = await db.select().from(batch).where(eq(batch.id, w.batch.id))
    expect(b?.writtenTestPublishedAt).toBeNull()
  })

  it('answers a malformed or unknown batch id with not found', async () => {
    for (const batchId of ['', 'abc', '00000000-0000-4000-8000-000000000000', 'a\u0000b']) {
      await expect(publishWrittenTestResults(contextFor(database, committee, T), { batchId })).rejects.toMatchObject({ status: 404 })
    }
  })
})
