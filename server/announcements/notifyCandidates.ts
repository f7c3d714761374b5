import { and, eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import { SYSTEM } from '../auth/actor'
import { recordAudit } from '../audit'
import type { DbOrTx } from '../db/client'
import { candidateProfile, registration, registrationEvent, resultsAnnouncement, userAccount } from '../db/schema'
import { defineJob } from '../jobs/queue'
import { batchLabel } from '../registrations/batchLabel'
import { loadBatch } from '../registrations/registrationChecks'
import { enqueueAnnouncementMail, resultsAnnouncedMail } from './announcementMail'
import { loadResultsList, type AnnouncedCandidate } from './resultsList'

// Telling every candidate of an announced plenary their outcome (SOP step 9): one
// `results_announced` event in Aktivitas and one mail each, written in the same
// transaction. The partial unique index registration_event_announced_once decides who
// is told: a retried, resumed or concurrent run inserts with ON CONFLICT DO NOTHING and
// mails only the rows it inserted. Chunks keep each transaction short (PGlite is one
// connection; 20,000 candidates in one transaction would hold every page up), and a
// run that dies between chunks is resumed by the job's next attempt.

export const RESULTS_ANNOUNCED = 'results_announced'
export const NOTIFY_CHUNK = 500

// The mail job's own check of an address: an address it would refuse gets no mail
// (the candidate still sees the result in Aktivitas, at the desk and by the lookup).
const MailAddress = z.string().email()

export interface NotifyResult {
  told: number
  mailed: number
  /** Candidates of the plenary not told (withdrawn before the announcement). */
  skipped: number
  chunks: number
}

export async function notifyCandidates(
  db: DbOrTx,
  now: Date,
  batchId: string,
  options: { chunkSize?: number; maxChunks?: number } = {},
): Promise<NotifyResult> {
  const size = options.chunkSize ?? NOTIFY_CHUNK
  const found = await loadBatch(db, batchId)
  const result: NotifyResult = { told: 0, mailed: 0, skipped: 0, chunks: 0 }
  if (!found || !found.batch.resultsAnnouncedAt) return result
  const [announcement] = await db.select().from(resultsAnnouncement).where(eq(resultsAnnouncement.batchId, batchId))
  const list = await loadResultsList(db, batchId)
  if (!list) return result
  const context = {
    batchId,
    institutionId: found.batch.institutionId,
    programmeName: found.programme.name,
    institutionName: found.institution.name,
    timeZone: found.institution.timeZone,
    batchLabel: batchLabel(found.batch),
    reRegistrationDeadline: found.batch.reRegistrationDeadline,
    snapshotVersion: list.version,
    snapshotHash: list.hash,
    announcedBy: announcement?.announcedBy ?? null,
  }
  for (let i = 0; i < list.all.length; i += size) {
    if (options.maxChunks !== undefined && result.chunks >= options.maxChunks) break
    const chunk = await tellChunk(db, now, context, list.all.slice(i, i + size))
    if (chunk.told > 0) result.chunks++
    result.told += chunk.told
    result.mailed += chunk.mailed
    result.skipped += chunk.skipped
  }
  return result
}

interface ChunkContext {
  batchId: string
  institutionId: string
  programmeName: string
  institutionName: string
  timeZone: string
  batchLabel: string
  reRegistrationDeadline: Date
  snapshotVersion: number
  snapshotHash: string
  announcedBy: string | null
}

async function tellChunk(db: DbOrTx, now: Date, c: ChunkContext, candidates: AnnouncedCandidate[]) {
  const byId = new Map(candidates.map((x) => [x.registrationId, x]))
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        registrationId: registration.id,
        number: registration.number,
        state: registration.state,
        email: userAccount.email,
        fullName: sql<string>`coalesce(${candidateProfile.fullName}, ${userAccount.displayName})`,
      })
      .from(registration)
      .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
      .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
      .where(
        and(
          eq(registration.batchId, c.batchId),
          inArray(registration.id, [...byId.keys()]),
          sql`not exists (select 1 from ${registrationEvent} e where e.registration_id = ${registration.id} and e.kind = ${RESULTS_ANNOUNCED})`,
        ),
      )
    // Someone who withdrew after the plenary is not told an outcome they gave up.
    const toTell = rows.filter((r) => r.state !== 'withdrawn')
    const skipped = rows.length - toTell.length
    if (toTell.length === 0) return { told: 0, mailed: 0, skipped }
    const mailable = new Set(toTell.filter((r) => MailAddress.safeParse(r.email.trim()).success).map((r) => r.registrationId))
    const inserted = await tx
      .insert(registrationEvent)
      .values(
        toTell.map((r) => {
          const x = byId.get(r.registrationId)!
          return {
            registrationId: r.registrationId,
            at: now,
            kind: RESULTS_ANNOUNCED,
            actorId: c.announcedBy,
            data: {
              outcome: x.outcome,
              reservePlace: x.reservePlace,
              snapshotVersion: c.snapshotVersion,
              snapshotHash: c.snapshotHash,
              mailed: mailable.has(r.registrationId),
            },
          }
        }),
      )
      .onConflictDoNothing()
      .returning({ registrationId: registrationEvent.registrationId })
    let mailed = 0
    const rowById = new Map(toTell.map((r) => [r.registrationId, r]))
    for (const { registrationId } of inserted) {
      if (!mailable.has(registrationId)) continue
      const r = rowById.get(registrationId)!
      const x = byId.get(registrationId)!
      await enqueueAnnouncementMail(
        tx,
        resultsAnnouncedMail({
          to: r.email.trim(),
          name: r.fullName,
          registrationId,
          registrationNumber: r.number,
          programmeName: c.programmeName,
          batchLabel: c.batchLabel,
          institutionName: c.institutionName,
          outcome: x.outcome,
          reservePlace: x.reservePlace,
          reRegistrationDeadline: c.reRegistrationDeadline,
          timeZone: c.timeZone,
        }),
        now,
        { institutionId: c.institutionId, registrationId, batchId: c.batchId },
      )
      mailed++
    }
    if (inserted.length > 0) {
      await recordAudit(tx, SYSTEM, now, {
        action: 'results.notify',
        entityType: 'batch',
        entityId: c.batchId,
        institutionId: c.institutionId,
        after: { told: inserted.length, mailed, snapshotVersion: c.snapshotVersion },
      })
    }
    return { told: inserted.length, mailed, skipped }
  })
}

/** Tells the candidates of an announced batch, chunk by chunk; a rerun tells only those not yet told. */
export const notifyResultsJob = defineJob({
  name: 'results.notify',
  payload: z.object({ batchId: z.uuid() }),
  maxAttempts: 10,
  async handle({ db, now }, { batchId }) {
    await notifyCandidates(db, now(), batchId)
  },
})
