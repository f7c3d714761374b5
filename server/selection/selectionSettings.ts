import { and, eq } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { batchAssessment, batchSelection } from '../db/schema'

/** A batch's selection parameters (docs/decisions/009): read here, and only here. */
export interface SelectionSettings {
  /** Whole percents summing to 100. */
  weights: { writtenTest: number; interview: number; selfAssessment: number }
  /** Invite only the best N by written score; null invites everyone who passed. */
  interviewInviteLimit: number | null
  /** Until when an invited candidate may switch slot; null: until the slot starts. */
  slotChangeCutoff: Date | null
  /** What the interview call asks the candidate to bring. */
  interviewBring: string
  /** The written test's pass mark (percent), from the batch's assessment settings. */
  passMark: number | null
  /** Days a promoted reserve has to re-register (SOP step 10). */
  reserveReRegistrationDays: number
}

const DEFAULTS = {
  weightWrittenTest: batchSelection.weightWrittenTest.default as number,
  weightInterview: batchSelection.weightInterview.default as number,
  weightSelfAssessment: batchSelection.weightSelfAssessment.default as number,
  interviewBring: batchSelection.interviewBring.default as string,
  reserveReRegistrationDays: batchSelection.reserveReRegistrationDays.default as number,
}

export async function getSelectionSettings(db: DbOrTx, batchId: string): Promise<SelectionSettings> {
  const [row] = await db.select().from(batchSelection).where(eq(batchSelection.batchId, batchId))
  const [written] = await db
    .select({ passMark: batchAssessment.passMark })
    .from(batchAssessment)
    .where(and(eq(batchAssessment.batchId, batchId), eq(batchAssessment.kind, 'written_test')))
  return {
    weights: {
      writtenTest: row?.weightWrittenTest ?? DEFAULTS.weightWrittenTest,
      interview: row?.weightInterview ?? DEFAULTS.weightInterview,
      selfAssessment: row?.weightSelfAssessment ?? DEFAULTS.weightSelfAssessment,
    },
    interviewInviteLimit: row?.interviewInviteLimit ?? null,
    slotChangeCutoff: row?.slotChangeCutoff ?? null,
    interviewBring: row?.interviewBring ?? DEFAULTS.interviewBring,
    passMark: written?.passMark ?? null,
    reserveReRegistrationDays: row?.reserveReRegistrationDays ?? DEFAULTS.reserveReRegistrationDays,
  }
}
