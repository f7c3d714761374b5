// Shared with the pages (also in the browser bundle), so it imports nothing server-side;
// records.ts checks that these match the database enum.

/** The three assessments of SOP step 5, in the order the candidate meets them. */
export const ASSESSMENT_KINDS = ['self_assessment', 'potential', 'written_test'] as const
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number]

/** Indonesian URL segments (/asesmen/siap-latih) ↔ kinds. */
export const KIND_SLUGS: Record<AssessmentKind, string> = {
  self_assessment: 'penilaian-diri',
  potential: 'potensi-diri',
  written_test: 'siap-latih',
}

export function kindFromSlug(slug: string | undefined): AssessmentKind | null {
  const found = ASSESSMENT_KINDS.find((k) => KIND_SLUGS[k] === slug)
  return found ?? null
}

export const KIND_LABELS: Record<AssessmentKind, { id: string; en: string }> = {
  self_assessment: { id: 'Asesmen Penilaian Diri', en: 'Self-Assessment' },
  potential: { id: 'Asesmen Potensi Diri (SPI)', en: 'Potential Assessment (SPI)' },
  written_test: { id: 'Asesmen Siap Latih (tes tulis)', en: 'Training-Readiness Assessment (written test)' },
}

/**
 * Items per page: the written test shows one question per screen (a phone); the
 * statement inventories show a few short statements at a time.
 */
export const PAGE_SIZE: Record<AssessmentKind, number> = {
  self_assessment: 7,
  potential: 7,
  written_test: 1,
}

export function pageOfPosition(kind: AssessmentKind, position: number): number {
  return Math.floor((position - 1) / PAGE_SIZE[kind]) + 1
}
