import { and, desc, eq } from 'drizzle-orm'
import type { PlenaryOutcome } from '../../domain/ranking'
import type { DbOrTx } from '../db/client'
import { plenary, plenarySnapshot } from '../db/schema'
import { parsePayload, type SnapshotPayload } from '../plenary/snapshotPayload'
import { maskName } from './maskName'

// The outcome of each candidate of a finalised plenary, read from its latest snapshot
// (version 1, or the latest amendment: a promoted reserve passes, the list moves up).

export interface AnnouncedCandidate {
  registrationId: string
  number: string
  fullName: string
  maskedName: string
  outcome: PlenaryOutcome
  /** 1-based place on the reserve list, for a reserve. */
  reservePlace: number | null
  rank: number | null
}

export interface ResultsList {
  snapshotId: number
  version: number
  hash: string
  createdAt: Date
  payload: SnapshotPayload
  passed: AnnouncedCandidate[]
  reserves: AnnouncedCandidate[]
  notPassed: AnnouncedCandidate[]
  all: AnnouncedCandidate[]
}

/** The latest snapshot of the batch's finalised plenary, or null when there is none. */
export async function latestFinalSnapshot(db: DbOrTx, batchId: string) {
  const [row] = await db
    .select({ snapshot: plenarySnapshot })
    .from(plenarySnapshot)
    .innerJoin(plenary, eq(plenary.id, plenarySnapshot.plenaryId))
    .where(and(eq(plenary.batchId, batchId), eq(plenary.status, 'finalised')))
    .orderBy(desc(plenarySnapshot.version))
    .limit(1)
  return row?.snapshot ?? null
}

const byRank = (a: AnnouncedCandidate, b: AnnouncedCandidate) =>
  (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0)

/** Passed and reserves in rank order (reserve places 1, 2, …); not passed by number. */
export function resultsFromPayload(payload: SnapshotPayload): Omit<ResultsList, 'snapshotId' | 'version' | 'hash' | 'createdAt' | 'payload'> {
  const names = new Map(payload.candidates.map((c) => [c.registrationId, c.name]))
  const ranks = new Map(payload.ranking.map((r) => [r.registrationId, r.rank]))
  const all: AnnouncedCandidate[] = payload.outcomes.map((o) => {
    const fullName = names.get(o.registrationId) ?? ''
    return {
      registrationId: o.registrationId,
      number: o.number,
      fullName,
      maskedName: maskName(fullName),
      outcome: o.outcome,
      reservePlace: null,
      rank: ranks.get(o.registrationId) ?? null,
    }
  })
  const passed = all.filter((c) => c.outcome === 'passed').sort(byRank)
  const reserves = all.filter((c) => c.outcome === 'reserve').sort(byRank)
  reserves.forEach((c, i) => (c.reservePlace = i + 1))
  const notPassed = all
    .filter((c) => c.outcome === 'not_passed')
    .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
  return { passed, reserves, notPassed, all }
}

export async function loadResultsList(db: DbOrTx, batchId: string): Promise<ResultsList | null> {
  const snapshot = await latestFinalSnapshot(db, batchId)
  if (!snapshot) return null
  const payload = parsePayload(snapshot.payload)
  return {
    snapshotId: snapshot.id,
    version: snapshot.version,
    hash: snapshot.hash,
    createdAt: snapshot.createdAt,
    payload,
    ...resultsFromPayload(payload),
  }
}
