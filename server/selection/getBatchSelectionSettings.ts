import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { toZonedDateTime } from '../../domain/zonedTime'
import { authorize, can } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { batchSelection } from '../db/schema'
import { batchLabel } from '../registrations/batchLabel'
import { parseInput } from '../validation'
import { batchIdSchema, loadSelectionBatch, plenaryFinalised } from './selectionBatch'
import { getSelectionSettings, type SelectionSettings } from './selectionSettings'

const Input = z.object({ batchId: z.string() })

export interface BatchSelectionSettingsPage {
  batch: { id: string; label: string; programmeName: string; plenaryAt: Date; interviewStartsAt: Date }
  timeZone: string
  settings: SelectionSettings
  /** Whether the settings were saved for this batch (else the defaults apply). */
  saved: boolean
  plenaryFinalised: boolean
  canConfigure: boolean
  /** The form's initial values, as the inputs take them. */
  formValues: Record<string, string>
}

/** `datetime-local` value ('2027-01-04T08:00') of an instant in `timeZone`. */
function dateTimeLocal(instant: Date, timeZone: string): string {
  const w = toZonedDateTime(instant, timeZone)
  const p = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`
}

/** The committee's selection-settings page of a batch (permission selection.read). */
export async function getBatchSelectionSettings(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<BatchSelectionSettingsPage> {
  const { batchId } = parseInput(Input, input, { field: 'batchId' })
  const found = await loadSelectionBatch(ctx.db, batchId)
  const institutionId = found.batch.institutionId
  authorize(ctx.actor, 'selection.read', { institutionId })
  const id = batchIdSchema.parse(batchId)
  const [settings, finalised, savedRow] = await Promise.all([
    getSelectionSettings(ctx.db, id),
    plenaryFinalised(ctx.db, id),
    ctx.db.select({ batchId: batchSelection.batchId }).from(batchSelection).where(eq(batchSelection.batchId, id)),
  ])
  const timeZone = found.institution.timeZone
  return {
    batch: {
      id,
      label: batchLabel(found.batch),
      programmeName: found.programme.name,
      plenaryAt: found.batch.plenaryAt,
      interviewStartsAt: found.batch.interviewStartsAt,
    },
    timeZone,
    settings,
    saved: savedRow.length > 0,
    plenaryFinalised: finalised,
    canConfigure: can(ctx.actor, 'selection.configure', { institutionId }),
    formValues: {
      weightWrittenTest: String(settings.weights.writtenTest),
      weightInterview: String(settings.weights.interview),
      weightSelfAssessment: String(settings.weights.selfAssessment),
      interviewInviteLimit: settings.interviewInviteLimit === null ? '' : String(settings.interviewInviteLimit),
      slotChangeCutoff: settings.slotChangeCutoff ? dateTimeLocal(settings.slotChangeCutoff, timeZone) : '',
      interviewBring: settings.interviewBring,
    },
  }
}
