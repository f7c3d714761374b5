import { desc, eq } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { batch, institution, plenary, plenarySnapshot, programme } from '../db/schema'
import { batchLabel } from '../registrations/batchLabel'

export interface VerifiedPlenary {
  hash: string
  institutionName: string
  programmeName: string
  batchLabel: string
  minutesNumber: string
  heldOn: Date | null
  timeZone: string
  version: number
  kind: 'final' | 'amendment'
  createdAt: Date
  counts: { passed: number; reserve: number; notPassed: number }
  /** The newest version when this one has been amended since. */
  newer: { version: number; createdAt: Date } | null
}

const HASH = /^[0-9a-f]{64}$/

/**
 * The public check behind the minutes' QR code: whether a hash belongs to a finalised
 * plenary, with the batch, the date, the version and the counts — never a name. No
 * actor: anyone holding the minutes may check them.
 */
export async function verifyPlenaryHash(ctx: { db: DbOrTx }, input: { hash: string }): Promise<VerifiedPlenary | null> {
  const hash = String(input.hash ?? '').trim().toLowerCase()
  if (!HASH.test(hash)) return null
  const [row] = await ctx.db
    .select({ snapshot: plenarySnapshot, plenary, batch, programmeName: programme.name, institution })
    .from(plenarySnapshot)
    .innerJoin(plenary, eq(plenary.id, plenarySnapshot.plenaryId))
    .innerJoin(batch, eq(batch.id, plenarySnapshot.batchId))
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .innerJoin(institution, eq(institution.id, plenary.institutionId))
    .where(eq(plenarySnapshot.hash, hash))
  if (!row) return null
  const [latest] = await ctx.db
    .select({ version: plenarySnapshot.version, createdAt: plenarySnapshot.createdAt })
    .from(plenarySnapshot)
    .where(eq(plenarySnapshot.plenaryId, row.plenary.id))
    .orderBy(desc(plenarySnapshot.version))
    .limit(1)
  return {
    hash,
    institutionName: row.institution.name,
    programmeName: row.programmeName,
    batchLabel: batchLabel(row.batch),
    minutesNumber: row.plenary.minutesNumber,
    heldOn: row.plenary.heldOn,
    timeZone: row.institution.timeZone,
    version: row.snapshot.version,
    kind: row.snapshot.kind,
    createdAt: row.snapshot.createdAt,
    counts: { passed: row.snapshot.passedCount, reserve: row.snapshot.reserveCount, notPassed: row.snapshot.notPassedCount },
    newer: latest && latest.version > row.snapshot.version ? latest : null,
  }
}
