import type { QuestionOption } from '../../db/schema'

export type QuestionType = 'likert' | 'scaled' | 'multiple_choice'
export type AssessmentKind = 'self_assessment' | 'potential' | 'written_test'

/**
 * Self-assessment statements are answered on this fixed 5-point scale. The options are
 * stored on every version (so an attempt shows exactly what was asked) and ordered from
 * the most to the least agreement (domain/assessmentScoring.ts scores them by position).
 */
export const LIKERT_OPTIONS: readonly QuestionOption[] = [
  { key: 'SS', text: 'Sangat Sesuai' },
  { key: 'S', text: 'Sesuai' },
  { key: 'R', text: 'Ragu-ragu' },
  { key: 'TS', text: 'Tidak Sesuai' },
  { key: 'STS', text: 'Sangat Tidak Sesuai' },
]

/**
 * Potential-assessment (interest inventory) items ask how much the candidate likes an
 * activity. Keys are the points, so a profile can be computed without a look-up table.
 */
export const SCALED_OPTIONS: readonly QuestionOption[] = [
  { key: '5', text: 'Sangat suka' },
  { key: '4', text: 'Suka' },
  { key: '3', text: 'Biasa saja' },
  { key: '2', text: 'Kurang suka' },
  { key: '1', text: 'Tidak suka' },
]

export const MULTIPLE_CHOICE_KEYS = ['A', 'B', 'C', 'D', 'E'] as const
export const MIN_CHOICES = 4

/** Each assessment kind takes exactly one question type. */
export const TYPE_OF_KIND: Record<AssessmentKind, QuestionType> = {
  self_assessment: 'likert',
  potential: 'scaled',
  written_test: 'multiple_choice',
}

/** The names used in the XLSX template's "tipe" column. */
export const TEMPLATE_TYPE_NAME: Record<QuestionType, string> = {
  likert: 'likert',
  scaled: 'skala',
  multiple_choice: 'pilihan_ganda',
}

export const KIND_LABEL: Record<AssessmentKind, string> = {
  self_assessment: 'Asesmen Penilaian Diri',
  potential: 'Asesmen Potensi Diri (SPI)',
  written_test: 'Asesmen Siap Latih (tes tertulis)',
}

export const KIND_LABEL_EN: Record<AssessmentKind, string> = {
  self_assessment: 'Self-assessment',
  potential: 'Potential assessment (SPI)',
  written_test: 'Training-readiness assessment (written test)',
}

export function fixedOptionsFor(type: QuestionType): readonly QuestionOption[] | null {
  if (type === 'likert') return LIKERT_OPTIONS
  if (type === 'scaled') return SCALED_OPTIONS
  return null
}

