import { and, eq } from 'drizzle-orm'
import type { UseCaseContext } from '../context'
import { plenarySnapshot } from '../db/schema'
import { ConflictError, NotFoundError } from '../errors'
import { authorizedBatch, findPlenary, latestSnapshot, plenaryVerificationUrl } from './access'
import { parsePayload, type SnapshotPayload } from './snapshotPayload'

/** Everything the minutes print: the stored snapshot (exactly what was hashed) and where to verify it. */
export interface PlenaryMinutes {
  payload: SnapshotPayload
  hash: string
  version: number
  createdAt: Date
  institutionAddress: string
  verificationUrl: string
  filename: string
}

/**
 * The minutes ("Berita Acara Pleno Hasil Seleksi") of a finalised plenary: the latest
 * version, or `version` when given. Built from the snapshot's payload only, so the
 * document says exactly what the hash covers.
 */
export async function getPlenaryMinutes(ctx: UseCaseContext, input: { batchId: string; version?: string | number | null }): Promise<PlenaryMinutes> {
  const b = await authorizedBatch(ctx, input.batchId, 'plenary.read')
  const p = await findPlenary(ctx.db, b.batch.id)
  if (!p || p.status !== 'finalised') throw new ConflictError('Berita acara tersedia setelah pleno difinalkan.')
  let snapshot
  if (input.version !== undefined && input.version !== null && input.version !== '') {
    const version = Number(input.version)
    if (!Number.isInteger(version) || version < 1 || version > 10_000) throw new NotFoundError('Versi berita acara tidak ditemukan.')
    ;[snapshot] = await ctx.db
      .select()
      .from(plenarySnapshot)
      .where(and(eq(plenarySnapshot.plenaryId, p.id), eq(plenarySnapshot.version, version)))
    if (!snapshot) throw new NotFoundError('Versi berita acara tidak ditemukan.')
  } else {
    snapshot = (await latestSnapshot(ctx.db, p.id))!
  }
  const payload = parsePayload(snapshot.payload)
  return {
    payload,
    hash: snapshot.hash,
    version: snapshot.version,
    createdAt: snapshot.createdAt,
    institutionAddress: b.institution.address,
    verificationUrl: plenaryVerificationUrl(snapshot.hash),
    filename: `berita-acara-pleno-${b.programme.code}-${b.batch.number}-${b.batch.year}-v${snapshot.version}`.toLowerCase(),
  }
}
