import { and, eq, sql } from 'drizzle-orm'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { can, authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { registration, registrationEvent, resultsAnnouncement } from '../db/schema'
import { batchLabel } from '../registrations/batchLabel'
import { loadSelectionBatch } from '../selection/selectionBatch'
import { RESULTS_ANNOUNCED } from './notifyCandidates'
import { loadResultsList } from './resultsList'
import { publicLookupUrl, publicResultsUrl, resultsCaption, whatsAppShareUrl } from './links'

/** The committee's announcement page: what will be (or was) announced, when, and how far the telling is. */
export async function getAnnouncement(ctx: UseCaseContext, input: { batchId: unknown }) {
  const found = await loadSelectionBatch(ctx.db, input.batchId)
  const institutionId = found.batch.institutionId
  authorize(ctx.actor, 'plenary.read', { institutionId })
  const b = found.batch
  const [announcement] = await ctx.db.select().from(resultsAnnouncement).where(eq(resultsAnnouncement.batchId, b.id))
  const list = await loadResultsList(ctx.db, b.id)
  const [progress] = await ctx.db
    .select({
      told: sql<number>`count(*)::int`,
      mailed: sql<number>`count(*) filter (where ${registrationEvent.data} ->> 'mailed' = 'true')::int`,
    })
    .from(registrationEvent)
    .innerJoin(registration, eq(registration.id, registrationEvent.registrationId))
    .where(and(eq(registration.batchId, b.id), eq(registrationEvent.kind, RESULTS_ANNOUNCED)))
  const label = batchLabel(b)
  const names = { programmeName: found.programme.name, batchLabel: label, batchId: b.id }
  return {
    batch: {
      id: b.id,
      label,
      programmeName: found.programme.name,
      institutionName: found.institution.name,
      announcementAt: b.announcementAt,
      reRegistrationDeadline: b.reRegistrationDeadline,
      resultsAnnouncedAt: b.resultsAnnouncedAt,
      announcementDue: b.announcementAt.getTime() <= ctx.now.getTime(),
    },
    scheduledFor: announcement?.scheduledFor ?? null,
    canAnnounce: can(ctx.actor, 'results.announce', { institutionId }),
    snapshot: list ? { version: list.version, hash: list.hash, createdAt: list.createdAt } : null,
    counts: list ? { passed: list.passed.length, reserve: list.reserves.length, notPassed: list.notPassed.length, total: list.all.length } : null,
    progress: { told: progress?.told ?? 0, mailed: progress?.mailed ?? 0 },
    passed: (list?.passed ?? []).map((c) => ({ number: c.number, maskedName: c.maskedName, fullName: c.fullName })),
    reserves: (list?.reserves ?? []).map((c) => ({ number: c.number, maskedName: c.maskedName, fullName: c.fullName, place: c.reservePlace })),
    publicUrl: publicResultsUrl(b.id),
    lookupUrl: publicLookupUrl(),
    whatsAppUrl: whatsAppShareUrl(names),
    caption: resultsCaption({
      ...names,
      institutionName: found.institution.name,
      reRegistrationDeadline: formatZonedDateTime(b.reRegistrationDeadline, found.institution.timeZone),
    }),
  }
}

export type AnnouncementPage = Awaited<ReturnType<typeof getAnnouncement>>
