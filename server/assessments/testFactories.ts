import type { Actor, StaffRole } from '../auth/actor'
import type { Db, DbOrTx } from '../db/client'
import { createCandidate } from '../db/factories'
import {
  batchAssessment,
  question,
  questionBank,
  questionVersion,
  type AssessmentSource,
  type BankScale,
  type QuestionOption,
} from '../db/schema'
import { registerCandidate } from '../registrations/registerCandidate'
import type { AssessmentKind } from './kinds'

// Question banks for tests, inserted directly (the bank administration and the demo
// content are built elsewhere). Kept out of the demo seed on purpose.

export type TestQuestion = {
  code?: string
  type: 'likert' | 'scaled' | 'multiple_choice'
  stem: string
  options: QuestionOption[]
  correctOptionKey?: string | null
  scaleCode?: string | null
  reverseScored?: boolean
  imageKey?: string | null
}

export async function createTestBank(
  db: DbOrTx,
  input: {
    institutionId: string
    kind: AssessmentKind
    code: string
    title?: string
    vocationalField?: string | null
    scales?: BankScale[]
    questions: TestQuestion[]
  },
) {
  const [bank] = await db
    .insert(questionBank)
    .values({
      institutionId: input.institutionId,
      kind: input.kind,
      code: input.code,
      title: input.title ?? input.code,
      vocationalField: input.vocationalField ?? null,
      scales: input.scales ?? [],
    })
    .returning()
  const questions: Array<{ id: string; code: string; versionId: string }> = []
  for (const [i, q] of input.questions.entries()) {
    const code = q.code ?? `${input.code}-${String(i + 1).padStart(3, '0')}`
    const [row] = await db.insert(question).values({ bankId: bank!.id, code, position: i + 1 }).returning()
    const [version] = await db
      .insert(questionVersion)
      .values({
        questionId: row!.id,
        version: 1,
        type: q.type,
        stem: q.stem,
        options: q.options,
        correctOptionKey: q.correctOptionKey ?? null,
        scaleCode: q.scaleCode ?? null,
        reverseScored: q.reverseScored ?? false,
        imageKey: q.imageKey ?? null,
      })
      .returning()
    questions.push({ id: row!.id, code, versionId: version!.id })
  }
  return { bank: bank!, questions }
}

const LIKERT: QuestionOption[] = [
  { key: '5', text: 'Sangat Sesuai' },
  { key: '4', text: 'Sesuai' },
  { key: '3', text: 'Ragu-ragu' },
  { key: '2', text: 'Tidak Sesuai' },
  { key: '1', text: 'Sangat Tidak Sesuai' },
]

/** Multiple-choice questions whose correct option is always 'A' (shuffling hides that). */
export function multipleChoice(n: number, prefix = 'Soal'): TestQuestion[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'multiple_choice' as const,
    stem: `${prefix} ${i + 1}: berapakah ${i + 2} × 3?`,
    options: [
      { key: 'A', text: String((i + 2) * 3) },
      { key: 'B', text: String((i + 2) * 3 + 1) },
      { key: 'C', text: String((i + 2) * 3 - 1) },
      { key: 'D', text: String((i + 2) * 4) },
    ],
    correctOptionKey: 'A',
  }))
}

export function likertStatements(n: number, scaleCodes: readonly (string | null)[] = [null]): TestQuestion[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'likert' as const,
    stem: `Pernyataan ${i + 1}: saya dapat menyelesaikan pekerjaan dengan teliti.`,
    options: LIKERT,
    scaleCode: scaleCodes[i % scaleCodes.length] ?? null,
    reverseScored: i % 5 === 4,
  }))
}

export const TEST_SCALES: BankScale[] = [
  { code: 'R', name: 'Realistik', description: 'Suka bekerja dengan alat dan mesin.', suggestedFields: ['Las', 'Otomotif'] },
  { code: 'A', name: 'Artistik', description: 'Suka mencipta dan merancang.', suggestedFields: ['Teknologi Informasi dan Komunikasi', 'Garmen Apparel'] },
  { code: 'S', name: 'Sosial', description: 'Suka membantu orang lain.', suggestedFields: ['Pariwisata'] },
  { code: 'K', name: 'Konvensional', description: 'Suka keteraturan dan data.', suggestedFields: ['Bisnis dan Manajemen'] },
]

export function scaledItems(perScale: number, scales: readonly BankScale[] = TEST_SCALES): TestQuestion[] {
  return scales.flatMap((s) =>
    Array.from({ length: perScale }, (_, i) => ({
      type: 'scaled' as const,
      stem: `${s.name} ${i + 1}: saya senang dengan kegiatan ini.`,
      options: LIKERT,
      scaleCode: s.code,
    })),
  )
}

export async function configureAssessment(
  db: DbOrTx,
  input: { batchId: string; kind: AssessmentKind; sources: AssessmentSource[]; timeLimitMinutes?: number | null; passMark?: number | null },
) {
  await db.insert(batchAssessment).values({
    batchId: input.batchId,
    kind: input.kind,
    sources: input.sources,
    timeLimitMinutes: input.timeLimitMinutes ?? null,
    passMark: input.passMark ?? null,
  })
}

/**
 * The three banks of a centre and the configuration of a batch: a 14-statement
 * self-assessment, a 4-scale potential inventory, and a written test of 10 questions
 * (4 general + 6 of the field) with a time limit.
 */
export async function setUpBatchAssessments(
  db: DbOrTx,
  input: { institutionId: string; batchId: string; timeLimitMinutes?: number; prefix?: string; passMark?: number },
) {
  const p = input.prefix ?? 'T'
  const self = await createTestBank(db, {
    institutionId: input.institutionId,
    kind: 'self_assessment',
    code: `${p}-PD`,
    questions: likertStatements(14, ['DISIPLIN', 'KERJASAMA']),
    scales: [
      { code: 'DISIPLIN', name: 'Disiplin', description: '', suggestedFields: [] },
      { code: 'KERJASAMA', name: 'Kerja sama', description: '', suggestedFields: [] },
    ],
  })
  const potential = await createTestBank(db, {
    institutionId: input.institutionId,
    kind: 'potential',
    code: `${p}-SPI`,
    scales: TEST_SCALES,
    questions: scaledItems(3),
  })
  const general = await createTestBank(db, {
    institutionId: input.institutionId,
    kind: 'written_test',
    code: `${p}-UMUM`,
    questions: multipleChoice(12, 'Umum'),
  })
  const field = await createTestBank(db, {
    institutionId: input.institutionId,
    kind: 'written_test',
    code: `${p}-LAS`,
    vocationalField: 'Las',
    questions: multipleChoice(15, 'Las'),
  })
  await configureAssessment(db, { batchId: input.batchId, kind: 'self_assessment', sources: [{ bankId: self.bank.id, count: 14 }] })
  await configureAssessment(db, { batchId: input.batchId, kind: 'potential', sources: [{ bankId: potential.bank.id, count: 12 }] })
  await configureAssessment(db, {
    batchId: input.batchId,
    kind: 'written_test',
    sources: [
      { bankId: general.bank.id, count: 4 },
      { bankId: field.bank.id, count: 6 },
    ],
    timeLimitMinutes: input.timeLimitMinutes ?? 40,
    passMark: input.passMark ?? 60,
  })
  return { self, potential, general, field }
}

/** A candidate acting for themself. */
export function candidateActor(user: { id: string; email: string; displayName: string }): Actor {
  return { kind: 'candidate', userId: user.id, email: user.email, displayName: user.displayName, roles: [] }
}

/** A staff member with roles in one institution. */
export function staffActor(
  user: { id: string; email: string; displayName: string },
  institutionId: string,
  roles: StaffRole[],
  assisted?: Actor['assisted'],
): Actor {
  return {
    kind: 'staff',
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: roles.map((role) => ({ institutionId, role })),
    ...(assisted ? { assisted } : {}),
  }
}

/** A complete candidate registered (through registerCandidate) for a batch at `now`. */
export async function registeredCandidate(db: Db, batchId: string, now: Date, input: Parameters<typeof createCandidate>[1] = {}) {
  const { user } = await createCandidate(db, { complete: true, ...input })
  const actor = candidateActor(user)
  const { registration } = await registerCandidate({ db, actor, now }, { candidateId: user.id, batchId })
  return { user, actor, registration }
}
