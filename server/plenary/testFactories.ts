// Rows of the written-test results and interviews, inserted directly so the plenary's
// tests and its demo data do not depend on how those steps are carried out (built
// beside the plenary). Not used by the application.
import type { RegistrationState } from '../../domain/registrationStates'
import type { StaffRole } from '../auth/actor'
import type { DbOrTx } from '../db/client'
import { createBatch, createCandidate, createInstitution, createProgramme, createStaff } from '../db/factories'
import {
  interviewAssignment,
  interviewScorecard,
  interviewSlot,
  interviewSlotInterviewer,
  registration,
  writtenTestResult,
} from '../db/schema'
import { configureAssessment } from '../assessments/testFactories'

export const RUBRIC = {
  criteria: [
    { code: 'motivasi', label: 'Motivasi', description: '', weight: 50 },
    { code: 'komitmen', label: 'Komitmen', description: '', weight: 50 },
  ],
  scaleMin: 1,
  scaleMax: 5,
}

let serial = 0
const next = () => ++serial

/** An institution with a DGR programme and batch (quota, reserves), a pass mark of 60 and one interview slot. */
export async function createPlenaryWorld(
  db: DbOrTx,
  input: { code?: string; quota?: number; reserveCount?: number; opensAt?: Date; passMark?: number; batchNumber?: number } = {},
) {
  const code = input.code ?? 'KDI'
  const inst = await createInstitution(db, { code, name: `BPVP ${code}` })
  const programme = await createProgramme(db, { institutionId: inst.id, code: 'DGR', name: 'Desain Grafis Muda', minEducation: 'SMA' })
  const b = await createBatch(db, {
    programmeId: programme.id,
    institutionId: inst.id,
    year: 2027,
    number: input.batchNumber ?? 2,
    quota: input.quota ?? 3,
    reserveCount: input.reserveCount ?? 1,
    opensAt: input.opensAt ?? new Date('2027-01-12T00:00:00Z'),
  })
  await configureAssessment(db, { batchId: b.id, kind: 'written_test', sources: [], passMark: input.passMark ?? 60 })
  const interviewer = await createStaff(db, {
    institutionId: inst.id,
    email: `pewawancara.${next()}.${Math.random().toString(36).slice(2, 8)}@uji.test`,
    displayName: 'Pewawancara Rahmat',
    roles: ['interviewer'],
    password: 'Latih-Uji-2026',
  })
  const [slot] = await db
    .insert(interviewSlot)
    .values({
      batchId: b.id,
      institutionId: inst.id,
      startsAt: b.interviewStartsAt,
      endsAt: new Date(b.interviewStartsAt.getTime() + 4 * 3_600_000),
      place: 'Ruang Rapat 1',
      capacity: 100,
      createdAt: b.interviewStartsAt,
    })
    .returning()
  await db.insert(interviewSlotInterviewer).values({ slotId: slot!.id, interviewerId: interviewer.id })
  return { institution: inst, programme, batch: b, interviewer, slot: slot! }
}

export type PlenaryWorld = Awaited<ReturnType<typeof createPlenaryWorld>>

/**
 * A candidate at the plenary: a registration in `state` (by default interviewed when
 * they have interview scores, invited when absent or not scored, written_test_passed
 * when `invited: false`), their published written-test result, their assignment and
 * their submitted scorecards (one per total, each from its own interviewer).
 */
export async function addPlenaryCandidate(
  db: DbOrTx,
  world: PlenaryWorld,
  input: {
    fullName?: string
    email?: string
    password?: string
    birthDate?: string
    written: number | null
    interviews?: number[]
    absent?: boolean
    invited?: boolean
    pendingScorecard?: boolean
    state?: RegistrationState
    at?: Date
  },
) {
  const n = next()
  const at = input.at ?? world.batch.interviewEndsAt
  const { user } = await createCandidate(db, {
    complete: true,
    nik: `747101${input.birthDate ? input.birthDate.slice(8, 10) + input.birthDate.slice(5, 7) + input.birthDate.slice(2, 4) : '150895'}${String(1000 + (n % 9000)).padStart(4, '0')}`,
    fullName: input.fullName ?? `Calon Pleno ${n}`,
    email: input.email,
    password: input.password,
    birthDate: input.birthDate ?? '1999-05-15',
  })
  const interviews = input.interviews ?? []
  const invited = input.invited ?? true
  const state: RegistrationState =
    input.state ?? (!invited ? 'written_test_passed' : interviews.length > 0 && !input.absent ? 'interviewed' : 'invited_to_interview')
  const [reg] = await db
    .insert(registration)
    .values({
      number: `${world.institution.code}-${world.programme.code}-${world.batch.year}-${world.batch.number}-${String(n).padStart(4, '0')}`,
      candidateId: user.id,
      batchId: world.batch.id,
      institutionId: world.institution.id,
      state,
      createdAt: world.batch.registrationOpensAt,
      updatedAt: at,
      createdBy: user.id,
    })
    .returning()
  if (input.written !== null) {
    await db.insert(writtenTestResult).values({
      registrationId: reg!.id,
      batchId: world.batch.id,
      score: input.written,
      passMark: 60,
      passed: input.written >= 60 ? 'yes' : 'no',
      publishedAt: world.batch.assessmentDeadline,
    })
  }
  if (invited) {
    await db.insert(interviewAssignment).values({
      registrationId: reg!.id,
      batchId: world.batch.id,
      slotId: world.slot.id,
      assignedAt: world.batch.assessmentDeadline,
      attendance: input.absent ? 'absent' : interviews.length > 0 ? 'present' : null,
      attendanceAt: input.absent || interviews.length > 0 ? at : null,
    })
  }
  for (const [i, total] of interviews.entries()) {
    const interviewerId = i === 0 ? world.interviewer.id : (await extraInterviewer(db, world)).id
    await db.insert(interviewScorecard).values({
      registrationId: reg!.id,
      batchId: world.batch.id,
      interviewerId,
      scores: { motivasi: 4, komitmen: 4 },
      total,
      rubric: RUBRIC,
      submittedAt: at,
      updatedAt: at,
    })
  }
  if (input.pendingScorecard) {
    const other = await extraInterviewer(db, world)
    await db.insert(interviewScorecard).values({
      registrationId: reg!.id,
      batchId: world.batch.id,
      interviewerId: other.id,
      scores: { motivasi: 2, komitmen: 2 },
      total: 25,
      rubric: RUBRIC,
      submittedAt: null,
      reopenedAt: at,
      reopenReason: 'Nilai perlu diperiksa ulang.',
      updatedAt: at,
    })
  }
  return { user, registration: reg! }
}

async function extraInterviewer(db: DbOrTx, world: PlenaryWorld) {
  return createStaff(db, {
    institutionId: world.institution.id,
    email: `pewawancara.${next()}.${Math.random().toString(36).slice(2, 8)}@uji.test`,
    displayName: `Pewawancara Tambahan ${serial}`,
    roles: ['interviewer' satisfies StaffRole],
    password: 'Latih-Uji-2026',
  })
}
