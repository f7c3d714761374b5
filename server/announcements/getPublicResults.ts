import type { DbOrTx } from '../db/client'
import { batchLabel } from '../registrations/batchLabel'
import { loadSelectionBatch } from '../selection/selectionBatch'
import { loadResultsList } from './resultsList'

/**
 * The public results page of a batch (no sign-in): once announced, the registration
 * number and masked name of those who passed, and of the reserves in order. Nothing
 * else of a candidate leaves here — no id, NIK, birth date, address or full name.
 */
export async function getPublicResults(db: DbOrTx, input: { batchId: unknown }) {
  const found = await loadSelectionBatch(db, input.batchId)
  const b = found.batch
  const head = {
    institutionName: found.institution.name,
    programmeName: found.programme.name,
    batchLabel: batchLabel(b),
    announcementAt: b.announcementAt,
    reRegistrationDeadline: b.reRegistrationDeadline,
    announcedAt: b.resultsAnnouncedAt,
  }
  const list = b.resultsAnnouncedAt ? await loadResultsList(db, b.id) : null
  if (!list) return { ...head, announced: false as const, updatedAt: null, passed: [], reserves: [] }
  return {
    ...head,
    announced: true as const,
    /** Set when the list changed after the announcement (an amendment, a promoted reserve). */
    updatedAt: list.version > 1 && list.createdAt > b.resultsAnnouncedAt! ? list.createdAt : null,
    passed: list.passed.map((c) => ({ number: c.number, name: c.maskedName })),
    reserves: list.reserves.map((c) => ({ number: c.number, name: c.maskedName, place: c.reservePlace! })),
  }
}

export type PublicResults = Awaited<ReturnType<typeof getPublicResults>>
