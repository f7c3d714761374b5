import { formatZonedDateTime } from '../../domain/zonedTime'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { renderResultsImages, type ResultsImagePage } from '../documents/resultsImages'
import { ConflictError } from '../errors'
import { batchLabel } from '../registrations/batchLabel'
import { loadSelectionBatch } from '../selection/selectionBatch'
import { publicLookupUrl, resultsCaption } from './links'
import { loadResultsList } from './resultsList'

/**
 * The Instagram pages of a batch's results and their caption, for the committee to post
 * on the centre's official account. Ready as soon as the plenary is final, so they can be
 * posted the moment the results are announced; they hold only the masked list.
 */
export async function getResultsImages(
  ctx: UseCaseContext,
  input: { batchId: unknown },
): Promise<{ pages: ResultsImagePage[]; caption: string; zipName: string }> {
  const found = await loadSelectionBatch(ctx.db, input.batchId)
  authorize(ctx.actor, 'plenary.read', { institutionId: found.batch.institutionId })
  const list = await loadResultsList(ctx.db, found.batch.id)
  if (!list) throw new ConflictError('Pleno hasil seleksi gelombang ini belum difinalkan; belum ada daftar untuk diumumkan.')
  const label = batchLabel(found.batch)
  const pages = await renderResultsImages({
    institutionName: found.institution.name,
    programmeName: found.programme.name,
    batchLabel: label,
    passed: list.passed.map((c) => ({ number: c.number, name: c.maskedName })),
    reserves: list.reserves.map((c) => ({ number: c.number, name: c.maskedName, place: c.reservePlace! })),
    lookupUrl: publicLookupUrl(),
  })
  const caption = resultsCaption({
    institutionName: found.institution.name,
    programmeName: found.programme.name,
    batchLabel: label,
    batchId: found.batch.id,
    reRegistrationDeadline: formatZonedDateTime(found.batch.reRegistrationDeadline, found.institution.timeZone),
  })
  return { pages, caption, zipName: `pengumuman-${found.programme.code}-${found.batch.year}-${found.batch.number}.zip`.toLowerCase() }
}
